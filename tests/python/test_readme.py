"""The README's Python blocks run as written, in order, in one Python session started at
the root of a clone, so that the README cannot drift from the library again.

The session's working directory is a stand-in for a fresh clone's root: every top-level
entry of the repository is linked into a temporary directory, so the blocks see the
same relative paths as at the root while the files they write (maps, report, database,
exports) land in the temporary directory, not in the checkout.
"""
from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, venv_python

FENCE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)

RUNNER = textwrap.dedent('''
    import json, sys, traceback
    blocks = json.load(open(sys.argv[1], encoding="utf-8"))
    ns = {"__name__": "__main__"}
    for source, line, code in blocks:
        # padded so that a traceback names the README's own line numbers
        compiled = compile("\\n" * (line - 1) + code, source, "exec")
        try:
            exec(compiled, ns)
        except BaseException:
            traceback.print_exc()
            sys.exit(1)
    print("ALL BLOCKS RAN")
''')


def blocks_of(path: Path) -> list[tuple[str, int, str]]:
    text = path.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start(1)) + 1  # first line of the code
        out.append((str(path.relative_to(REPO)), line, m.group(1)))
    return out


def clone_root(tmp: Path) -> Path:
    root = tmp / "clone"
    root.mkdir()
    for entry in REPO.iterdir():
        if entry.name in (".git", ".venv", "build"):
            continue
        (root / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return root


@pytest.mark.parametrize("readme", ["README.md", "datasets/ptce-sicoval-2013/README.md"])
def test_readme_python_blocks_run_in_one_session(readme: str, tmp_path: Path) -> None:
    import json

    blocks = blocks_of(REPO / readme)
    assert blocks, f"{readme} has no python block"
    root = clone_root(tmp_path)
    spec = tmp_path / "blocks.json"
    spec.write_text(json.dumps(blocks), encoding="utf-8")
    script = tmp_path / "run_readme.py"
    script.write_text(RUNNER, encoding="utf-8")
    r = subprocess.run([venv_python(), str(script), str(spec)], cwd=root, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, f"{readme}: a block failed\n{r.stdout[-3000:]}\n{r.stderr[-6000:]}"
    assert "ALL BLOCKS RAN" in r.stdout
    if readme == "README.md":
        # the error example shows the error and the session goes on
        assert "unknown structure 'nope'" in r.stdout
        # what the blocks write lands in the session's directory
        for name in ("map.html", "map.svg", "inventory.gexf", "ptce.db", "out/report.html"):
            assert (root / name).is_file(), name
