"""Shared helpers of the coopmap pytest suite.

Fixtures are written by the tests themselves (tmp_path files); expected values come
from networkx, from the CSV text written in the test, or from hand derivations
written in comments.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

import pytest

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO / "datasets"


def venv_python() -> str:
    """The virtual environment's python when there is one, else the running interpreter."""
    p = REPO / ".venv" / "bin" / "python"
    return str(p) if p.is_file() else sys.executable


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, text, encoding="utf-8") or write(name, b"bytes") -> the file's Path.

    The text is encoded as given, byte for byte: no newline translation, so "\\r\\n" in
    the text is a CRLF in the file.
    """

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return p

    return _write


def typed(value: Any) -> Any:
    """A comparable form of a record value that keeps its exact Python type
    (True == 1 == 1.0 in Python, but a lossless round trip must keep the types)."""
    if isinstance(value, list):
        return ("list", tuple(typed(v) for v in value))
    return (type(value).__name__, value)


def typed_record(rec: dict) -> dict:
    return {k: typed(v) for k, v in rec.items()}


def typed_records(recs: Iterable[dict]) -> list[dict]:
    return [typed_record(r) for r in recs]


def link_multiset(links: Iterable[dict], directed: bool) -> Counter:
    """Links as a multiset of hashable, typed records; undirected pairs are normalised
    (the smaller id first) because an undirected link has no orientation."""
    out: Counter = Counter()
    for rec in links:
        rec = dict(rec)
        s, t = rec.pop("source"), rec.pop("target")
        if not directed and t < s:
            s, t = t, s
        out[(s, t, tuple(sorted((k, typed(v)) for k, v in rec.items())))] += 1
    return out
