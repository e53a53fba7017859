"""coopmap report --compare: what changed between two waves of an Inventory, checked on
a hand-derived two-wave example (comments give the derivation)."""
from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import coopmap as cm

SVG = "{http://www.w3.org/2000/svg}"


def two_waves(tmp_path: Path) -> Path:
    """Structures a, b, e (association), c, d (scop); one undirected type jp.

    2013: a, b, d answered, c unreached. a and b declare a-b (confirmed); b declares b-c
    (c did not answer: partner_did_not_respond); a declares a-d (d answered without
    declaring it: unconfirmed). Links {a-b, b-c, a-d}.
    2014: a, b, c, e answered, d has no row. a-b declared by both (kept); b-c by both
    (kept, its status changes to confirmed); c and e declare c-e (new); nobody declares
    a-d (ended). Links {a-b, b-c, c-e}.
    Jaccard = |kept| / |union| = 2 / 4 = 0.5. e joined (2014 only), d left.
    Partners: a {b, d} -> {b}: lost d; b {a, c} -> {a, c}; c {b} -> {b, e}: gained e;
    d {a} -> {}: lost a; e {} -> {c}: gained c.
    """
    f = tmp_path / "csv"
    f.mkdir()
    (f / "structures.csv").write_text(
        "id,name,legal_family\na,Alpha,association\nb,Beta,association\nc,Gamma,scop\nd,Delta,scop\n"
        "e,Epsilon,association\n",
        encoding="utf-8",
    )
    (f / "link_types.csv").write_text("code,directed,label\njp,false,Joint project\n", encoding="utf-8")
    (f / "d2013.csv").write_text("declarer,partner,type\na,b,jp\nb,a,jp\nb,c,jp\na,d,jp\n", encoding="utf-8")
    (f / "r2013.csv").write_text(
        "structure,status\na,complete\nb,complete\nc,unreached\nd,complete\n", encoding="utf-8"
    )
    (f / "d2014.csv").write_text(
        "declarer,partner,type\na,b,jp\nb,a,jp\nb,c,jp\nc,b,jp\nc,e,jp\ne,c,jp\n", encoding="utf-8"
    )
    (f / "r2014.csv").write_text(
        "structure,status\na,complete\nb,complete\nc,complete\ne,complete\n", encoding="utf-8"
    )
    db = tmp_path / "territory.db"
    with cm.Inventory(db) as inv:
        inv.import_csv(structures=f / "structures.csv", link_types=f / "link_types.csv")
        inv.import_csv(declarations=f / "d2013.csv", responses=f / "r2013.csv", wave="2013")
        inv.import_csv(declarations=f / "d2014.csv", responses=f / "r2014.csv", wave="2014")
    return db


class Tables(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.paragraphs: list[str] = []
        self._cells: list[str] | None = None
        self._in: str | None = None
        self._text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._cells = []
        if tag in ("td", "p"):
            self._in, self._text = tag, []

    def handle_endtag(self, tag):
        if tag == self._in:
            text = " ".join("".join(self._text).split())
            if tag == "td" and self._cells is not None:
                self._cells.append(text)
            elif tag == "p":
                self.paragraphs.append(text)
            self._in = None
        if tag == "tr" and self._cells:
            self.rows.append(self._cells)
            self._cells = None

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


def test_change_between_two_waves_by_hand(tmp_path):
    db = two_waves(tmp_path)
    out = tmp_path / "out"
    with cm.Inventory(db) as inv:  # an open Inventory is a source too
        page = cm.report(inv, out, wave="2014", compare="2013", lang="en", progress=False)
    text = page.read_text(encoding="utf-8")
    assert "What changed since 2013" in text
    doc = Tables(text)
    assert any(p.startswith("Between 2013 and 2014: new links 1, ended 1, kept 2. Jaccard stability 0.50") for p in doc.paragraphs)
    assert "Joined the inventory since 2013: Epsilon" in doc.paragraphs
    assert "Left the inventory since 2013: Delta" in doc.paragraphs
    # the status change, in words
    assert ["Beta", "Gamma", "Joint project", "partner did not respond", "confirmed"] in doc.rows
    # partners gained and lost (structures with a change, most changes first, then by name)
    rows = [r for r in doc.rows if len(r) == 5 and r[0] in ("Alpha", "Gamma", "Delta", "Epsilon", "Beta")]
    assert ["Alpha", "2", "1", "", "Delta"] in rows
    assert ["Gamma", "1", "2", "Epsilon", ""] in rows
    assert ["Delta", "1", "0", "", "Alpha"] in rows
    assert ["Epsilon", "0", "1", "Gamma", ""] in rows
    assert not any(r[0] == "Beta" and r[1:3] == ["2", "2"] for r in rows)
    # indicators side by side: links 3 and 3, change 0
    assert ["Links", "3", "3", "0"] in doc.rows
    # the tables
    with open(out / "change_links.csv", newline="", encoding="utf-8") as f:
        links = {(r["source"], r["target"], r["change"]) for r in csv.DictReader(f)}
    assert links == {("a", "b", "kept"), ("b", "c", "kept"), ("c", "e", "new"), ("a", "d", "ended")}
    with open(out / "change.csv", newline="", encoding="utf-8") as f:
        per = {r["id"]: (r["gained"], r["lost"]) for r in csv.DictReader(f)}
    assert per == {"a": ("", "d"), "b": ("", ""), "c": ("e", ""), "d": ("", "a"), "e": ("c", "")}
    # the change map: one edge per link with its kind, ended dashed, every structure of both waves
    root = ET.fromstring((out / "map-change.svg").read_bytes())
    edges = {
        (e.get("data-source"), e.get("data-target")): (e.get("data-type"), e.get("stroke-dasharray"))
        for e in root.iter(SVG + "path")
        if "edge" in e.get("class", "").split()
    }
    assert edges == {
        ("a", "b"): ("kept", None),
        ("b", "c"): ("kept", None),
        ("c", "e"): ("new", None),
        ("a", "d"): ("ended", "7 5"),
    }
    nodes = {c.get("data-id") for c in root.iter(SVG + "circle") if "node" in c.get("class", "").split()}
    assert nodes == {"a", "b", "c", "d", "e"}
    legend = [t.text for t in root.iter(SVG + "text") if t.get("class") == "legend"]
    assert "new since 2013" in legend and "ended since 2013" in legend and "kept" in legend
    assert (out / "map-change.html").is_file()
    # the cards say what changed for each structure
    card = (out / "cards" / "a.html").read_text(encoding="utf-8")
    assert "Partners no longer declared (1): Delta." in card


def test_change_in_french_and_errors(tmp_path):
    db = two_waves(tmp_path)
    page = cm.report(db, tmp_path / "fr", wave="2014", compare="2013", lang="fr", progress=False)
    text = page.read_text(encoding="utf-8")
    assert "Ce qui a changé depuis 2013" in text and "Stabilité de Jaccard 0,50" in text
    with pytest.raises(KeyError, match="2012.*2013, 2014"):
        cm.report(db, tmp_path / "x", wave="2014", compare="2012", progress=False)
    with pytest.raises(ValueError, match="--compare needs an Inventory"):
        cm.report("ptce-sicoval-2013", tmp_path / "y", compare="2013", progress=False)
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
