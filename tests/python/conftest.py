"""Shared helpers of the coopmap pytest suite.

Fixtures are written by the tests themselves (tmp_path files); expected values come
from networkx, from the CSV text written in the test, or from hand derivations
written in comments.
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
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


# ---- headless Chromium (Debian's chromium, installed by scripts/setup.sh) ----
SHOTS = REPO / "build" / "screenshots"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    pytest.fail("chromium is not installed (scripts/setup.sh installs Debian's 'chromium' package)")


def run(url: str, *args: str, tmp: Path) -> subprocess.CompletedProcess:
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={tmp / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=3000",
        "--window-size=1600,1000",
        *args,
        url,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def console_errors(stderr: str) -> list[str]:
    """Console messages at error level and uncaught exceptions in Chromium's log."""
    return [
        line
        for line in stderr.splitlines()
        if "Uncaught" in line or re.search(r"CONSOLE.*(Error|error)", line) or ":ERROR:CONSOLE" in line
    ]


def body_attrs(dom: str) -> dict[str, str]:
    m = re.search(r"<body([^>]*)>", dom)
    assert m, "no <body> in the dumped DOM"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))


def save_shot(src: Path, name: str) -> None:
    assert src.is_file() and src.stat().st_size > 10_000, "screenshot missing or empty"
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, SHOTS / name)


class Pivots(random.Random):
    """A random state whose sample() returns given pivots: makes networkx's sampled
    betweenness use coopmap's (cm.betweenness_pivots), so that both estimators agree."""

    def __init__(self, pivots: list[str]) -> None:
        super().__init__(0)
        self.pivots = pivots

    def sample(self, population: Any, k: int, **kw: Any) -> list[str]:  # type: ignore[override]
        assert k == len(self.pivots)
        return list(self.pivots)
