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
        cm.report("karate", tmp_path / "y", compare="2013", group="club", progress=False)  # no waves
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_both_bundled_survey_datasets_give_the_change_section_and_cards(tmp_path, lang):
    # PTCE: waves 2013 and 2014 beside links.csv, asked for; territory-demo: waves only,
    # so the latest (2024) compared with 2023 by default, and coordinates: the geographic map
    for name, options in (("ptce-sicoval-2013", {"wave": "2014", "compare": "2013"}), ("territory-demo", {})):
        out = tmp_path / f"{name}-{lang}"
        text = cm.report(name, out, lang=lang, progress=False, **options).read_text(encoding="utf-8")
        since = options.get("compare", "2023")
        assert ("What changed since " if lang == "en" else "Ce qui a changé depuis ") + since in text
        assert (out / "map-change.svg").is_file() and (out / "cards" / "index.html").is_file()
        assert ("Illustrative data" if lang == "en" else "Données illustratives") in text
        with open(out / "change_links.csv", newline="", encoding="utf-8") as f:
            kinds = {r["change"] for r in csv.DictReader(f)}
        assert kinds == {"kept", "new", "ended"}
        # every structure labelled on the whole map and the change map (up to 200 structures)
        for svg_name in ("map.svg", "map-change.svg"):
            svg = (out / svg_name).read_text(encoding="utf-8")
            nodes = set(re.findall(r'<circle class="node[^"]*" data-i="(\d+)"', svg))
            assert set(re.findall(r'class="label" data-i="(\d+)"', svg)) == nodes, (name, svg_name)
        if name == "territory-demo":
            assert (out / "map-geo.svg").is_file() and 'href="map-geo.html"' in text
            root = ET.fromstring((out / "map-geo.svg").read_bytes())
            arcs = [e for e in root.iter(SVG + "path") if "edge" in e.get("class", "").split()]
            assert arcs and all("Q" in e.get("d") for e in arcs)  # links drawn as arcs


def test_report_card_and_change_map_in_chromium(tmp_path):
    from conftest import body_attrs, console_errors, run, save_shot

    out = tmp_path / "out"
    cm.report("territory-demo", out, lang="fr", progress=False)
    union = len({r["source"] for r in _csv(out / "change_links.csv")} | {r["target"] for r in _csv(out / "change_links.csv")})
    # the interactive change map: the script runs, one node element per structure of both waves
    page = out / "map-change.html"
    r = run(page.as_uri() + "#selftest", "--dump-dom", tmp=tmp_path)
    assert r.returncode == 0 and console_errors(r.stderr) == []
    attrs = body_attrs(r.stdout)
    assert attrs.get("data-ready") == "1" and "data-errors" not in attrs
    nodes = len(re.findall(r'<circle class="node', r.stdout))
    with open(out / "change.csv", newline="", encoding="utf-8") as f:
        structures = sum(1 for _ in csv.DictReader(f))
    assert nodes == int(attrs["data-nodes"]) == structures >= union
    # every card of the report (with what changed since 2023) prints on one A4 page
    pdf = tmp_path / "cards.pdf"
    r = run((out / "cards" / "print.html").as_uri(), f"--print-to-pdf={pdf}", "--no-pdf-header-footer", tmp=tmp_path)
    assert r.returncode == 0
    cards = len(list((out / "cards").glob("*.html"))) - 2  # index.html and print.html
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())) == cards
    for name, url, size in (
        ("report_territory_fr.png", (out / "report.html").as_uri(), "1400,4000"),
        ("map_change_territory.png", (out / "map-change.svg").as_uri(), "1600,1000"),
        ("map_geo_territory.png", (out / "map-geo.svg").as_uri(), "1600,1000"),
        ("cards_index_territory.png", (out / "cards" / "index.html").as_uri(), "1400,2000"),
    ):
        shot = tmp_path / name
        r = run(url, f"--screenshot={shot}", f"--window-size={size}", tmp=tmp_path)
        assert r.returncode == 0 and console_errors(r.stderr) == [], name
        save_shot(shot, name)


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
