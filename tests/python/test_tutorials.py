"""The tutorial notebooks (docs/tutorials/*.ipynb) run from top to bottom in a fresh
kernel (nbclient), as a new user would run them, and their rich displays render: every
HTML output parses with balanced tags, a network's map holds one node element per
structure of the network it shows, and no cell writes to stderr (warnings included)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO

nbformat = pytest.importorskip("nbformat", reason="nbformat comes with requirements-dev.txt")
nbclient = pytest.importorskip("nbclient", reason="nbclient comes with requirements-dev.txt")

NOTEBOOKS = sorted((REPO / "docs" / "tutorials").glob("*.ipynb"))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Balanced(HTMLParser):
    """Checks that every opened element is closed in order (void elements aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '(nothing)'}>")
        else:
            self.stack.pop()


def balanced(text: str) -> list[str]:
    p = Balanced()
    p.feed(text)
    p.close()
    return p.errors + [f"<{t}> not closed" for t in p.stack]


def test_there_are_at_least_three_tutorials() -> None:
    assert [p.name for p in NOTEBOOKS] == ["ptce-etude-fr.ipynb", "research-workflow.ipynb", "two-waves.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_tutorial_runs_and_its_displays_render(path: Path, tmp_path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit notebooks without outputs"
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError naming the cell on any error
    maps = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert not (out.get("output_type") == "stream" and out.get("name") == "stderr"), out.get("text")
            page = out.get("data", {}).get("text/html")
            if not page:
                continue
            assert balanced(page) == [], (cell.source, balanced(page)[:5])
            m = re.search(r'<iframe class="coopmap-map" srcdoc="([^"]*)"', page)
            if m:  # a Network's display: "<coopmap.Network ..., N structures, ...>" and its map
                maps += 1
                inner = html.unescape(m.group(1))
                n = int(re.search(r"(\d+) structures", out["data"]["text/plain"]).group(1))
                assert inner.startswith("<!DOCTYPE html>") and balanced(inner) == []
                assert len(re.findall(r'<circle class="node', inner)) == n
    if path.stem != "research-workflow":
        assert maps >= 1, "the tutorial shows a network's map"


@pytest.mark.parametrize(
    "page,content",
    [
        ("broken.ipynb", None),  # a notebook whose cell raises
        ("dangling.md", "# Dangling\n\nSee {py:func}`coopmap.no_such_function`.\n"),
        ("badexample.md", "# Example\n\n```{eval-rst}\n.. autofunction:: coopmap.no_such_function\n```\n"),
    ],
)
def test_the_docs_build_fails_on_a_broken_page(page: str, content: str | None, tmp_path: Path) -> None:
    """scripts/docs.sh's sphinx-build settings (-W -n, executed notebooks) refuse a failing
    cell, a dangling reference and an example of a function that does not exist."""
    import subprocess
    import sys

    src = tmp_path / "docs"
    src.mkdir()
    (src / "conf.py").write_text((REPO / "docs" / "conf.py").read_text(encoding="utf-8"), encoding="utf-8")
    stem = page.rsplit(".", 1)[0]
    (src / "index.md").write_text(f"# Test\n\n```{{toctree}}\n{stem}\n```\n", encoding="utf-8")
    if content is None:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells = [nbformat.v4.new_markdown_cell("# Broken"), nbformat.v4.new_code_cell("import coopmap as cm\ncm.louvain(None)")]
        nbformat.write(nb, src / page)
    else:
        (src / page).write_text(content, encoding="utf-8")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-E", "-q", "-b", "html", str(src), str(tmp_path / "html")]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode != 0, r.stdout + r.stderr
    # and the same tree without the broken page builds
    (src / page).unlink()
    (src / "index.md").write_text("# Test\n\nNothing broken.\n", encoding="utf-8")
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
