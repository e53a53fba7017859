"""The report page: HTML tables and the template (``page.html`` with ``report.css``
inlined, so that the page is one self-contained file)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from string import Template

_HERE = Path(__file__).resolve().parent


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """An HTML table in a horizontally scrolling box; cells are given already escaped."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def figure(svg: str) -> str:
    """An SVG document inlined in a figure (from its ``<svg`` element on)."""
    start = svg.find("<svg")
    return f"<figure>{svg[start:] if start >= 0 else svg}</figure>"


def page(*, lang: str, title: str, parts: Sequence[str], stylesheet: str = "report.css") -> str:
    """The whole page: ``title`` escaped already, ``parts`` the body's blocks, one per
    line; ``stylesheet`` the CSS file of this package inlined (``card.css`` for cards)."""
    template = Template((_HERE / "page.html").read_text(encoding="utf-8"))
    css = (_HERE / stylesheet).read_text(encoding="utf-8").rstrip("\n")
    return template.substitute(lang=lang, title=title, css=css, body="\n".join(parts))
