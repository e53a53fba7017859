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


def test_compiled_module_does_not_import_the_package() -> None:
    # The compiled module is loaded on its own (as a top-level module, from its file):
    # it must work without importing the coopmap package above it. Its errors then fall
    # back to the builtin classes the package's classes derive from (ValueError,
    # KeyError); imported through the package, they are the package's classes.
    import coopmap

    so = next(Path(coopmap.__file__).parent.glob("_core*.so"))
    code = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("_core", {str(so)!r})
core = importlib.util.module_from_spec(spec)
spec.loader.exec_module(core)
net = core.Network()
net.add_structure("a")
for call, builtin in ((lambda: net.add_structure("a"), ValueError), (lambda: net.structure("zz"), KeyError)):
    try:
        call()
    except Exception as e:
        assert type(e) is builtin, type(e)
    else:
        raise AssertionError("no error")
try:
    net.to_networkx()
except RuntimeError as e:
    assert "import coopmap first" in str(e), e
else:
    raise AssertionError("to_networkx without the package")
assert not any(m == "coopmap" or m.startswith("coopmap.") for m in sys.modules), sorted(sys.modules)
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert out.stdout.strip() == "ok", out.stderr
    with pytest.raises(coopmap.NotFoundError):
        coopmap.Network().structure("zz")
    net = coopmap.Network()
    net.add_structure("a")
    with pytest.raises(coopmap.InputError):
        net.add_structure("a")


def test_all_names_every_public_function_and_class() -> None:
    # `from coopmap import *` and documentation tools read __all__: it must hold every
    # public name of the compiled module and of the package, and nothing it lacks.
    import coopmap
    import coopmap._core as core

    public = {n for n in dir(core) if not n.startswith("_")}
    public |= {n for n, v in vars(coopmap).items()
               if not n.startswith("_") and callable(v) and getattr(v, "__module__", "").startswith("coopmap")}
    assert public - set(coopmap.__all__) == set()
    assert all(hasattr(coopmap, n) for n in coopmap.__all__)
    assert len(coopmap.__all__) == len(set(coopmap.__all__))


def test_the_stubs_give_precise_types(tmp_path: Path) -> None:
    """mypy --strict reads the results' precise types from the stubs: what users' editors see."""
    mypy = shutil.which("mypy", path=str(BIN))
    assert mypy, "mypy is not installed (scripts/setup.sh installs it)"
    good = tmp_path / "good.py"
    good.write_text(
        """
import coopmap as cm

net = cm.load_dataset("karate")
b: dict[str, float] = cm.betweenness(net)
p: cm.Partition = cm.louvain(net, seed=1)
m: dict[str, object] = p.membership
c: list[list[str]] = cm.components(net)
s: list[cm.Suggestion] = cm.predict_links(net, top=5)
rows: list[dict[str, object]] = net.structures()
holes: list[dict[str, object]] = cm.structural_holes(net)
frame = cm.structural_holes(net).to_pandas()  # a Table: a list with to_pandas()
first: cm.Suggestion = cm.predict_links(net, top=3)[0]
eb: dict[tuple[str, str], float] = cm.edge_betweenness(net)
pos: dict[str, tuple[float, float]] = cm.layout(net, seed=0)
""",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.py"
    bad.write_text(
        """
import coopmap as cm

net = cm.load_dataset("karate")
b: list[str] = cm.betweenness(net)
cm.louvain(net, seed="one")
net.add_link("a", "b", weight="heavy")
""",
        encoding="utf-8",
    )
    base = [mypy, "--strict", "--no-incremental", "--python-executable", sys.executable]
    r = subprocess.run([*base, str(good)], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([*base, str(bad)], capture_output=True, text=True, cwd=tmp_path)
    # three errors, one per line: wrong result type, a str seed, a str weight
    assert [line.split(":")[1] for line in r.stdout.splitlines() if ": error:" in line] == ["5", "6", "7"], r.stdout


def test_the_tutorials_type_check(tmp_path: Path) -> None:
    """mypy reads the tutorial notebooks' code (docs/tutorials/*.ipynb) with the stubs:
    what an editor shows a user who opens them. The optional peers (pandas, networkx,
    igraph) ship no types: their imports are not checked."""
    nbformat = pytest.importorskip("nbformat")
    mypy = shutil.which("mypy", path=str(BIN))
    assert mypy, "mypy is not installed (scripts/setup.sh installs it)"
    files = []
    for nb_path in sorted((ROOT / "docs" / "tutorials").glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        code = "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")
        f = tmp_path / (nb_path.stem.replace("-", "_") + ".py")
        f.write_text(code + "\n", encoding="utf-8")
        files.append(str(f))
    assert len(files) >= 3
    r = subprocess.run(
        [mypy, "--no-incremental", "--ignore-missing-imports", "--python-executable", sys.executable, *files],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_compiled_name_is_in_the_package() -> None:
    import coopmap
    import coopmap._core as core

    public = {n for n in dir(core) if not n.startswith("_")}
    missing = sorted(n for n in public if not hasattr(coopmap, n))
    assert missing == []
    assert coopmap.Inventory is not core.Inventory and issubclass(coopmap.Inventory, core.Inventory)
