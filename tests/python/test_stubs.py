"""The checked-in type stubs match the compiled module, and type-check the examples."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_core_stub_is_up_to_date(tmp_path: Path) -> None:
    stubgen = BIN / "pybind11-stubgen"
    if not stubgen.exists():
        pytest.fail("pybind11-stubgen is not installed (scripts/setup.sh installs it)")
    subprocess.run([str(stubgen), "coopmap._core", "-o", str(tmp_path)], check=True, capture_output=True)
    generated = (tmp_path / "coopmap" / "_core.pyi").read_text()
    checked_in = (ROOT / "python" / "coopmap" / "_core.pyi").read_text()
    assert generated == checked_in, (
        "python/coopmap/_core.pyi is stale: regenerate with "
        "`.venv/bin/pybind11-stubgen coopmap._core -o python` after building"
    )


def test_examples_type_check() -> None:
    mypy = shutil.which("mypy", path=str(BIN))
    assert mypy, "mypy is not installed (scripts/setup.sh installs it)"
    r = subprocess.run(
        [mypy, "--no-incremental", "--python-executable", sys.executable, str(ROOT / "examples" / "quickstart.py"), str(ROOT / "python" / "coopmap")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr
