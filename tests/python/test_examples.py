"""The examples run (examples/quickstart.py)."""
from __future__ import annotations

import subprocess

from conftest import REPO, venv_python


def test_quickstart_py_runs():
    r = subprocess.run([venv_python(), "examples/quickstart.py"], cwd=REPO, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 structures" in r.stdout  # the example network: ies and bge
