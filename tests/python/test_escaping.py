"""Hostile text in every output: names, aliases, attribute values and link types with
markup, quotes, ``&``, ``]]>``, ``<!--``, newlines, tabs, control characters,
right-to-left marks and emoji. Every file must parse with a standard parser and give
the text back verbatim, except where the format documents a change:

* XML (SVG, HTML, GEXF, GraphML): the control characters XML 1.0 forbids
  (U+0000-U+001F except tab, LF, CR) are dropped (coopmap/detail/escape.hpp);
* DOT: control characters other than LF are dropped, LF is written ``\\n`` (the DOT
  escape pydot keeps as the two characters backslash + n);
* Pajek NET: only ids (vertex labels) and link types are kept, quoted as in DOT.
"""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

import coopmap as cm

EVIL = [
    "<script>alert(1)</script>",
    "say \"hi\" & 'bye' &amp;",
    "end ]]> <!-- comment --> done",
    "line one\nline two\twith tab",
    "RTL \u202eevil\u200f mark \u200e",
    "emoji \U0001F91D\U0001F3FD coop \u2028sep",
    "ctrl \x01\x07\x1b\x1f end",
]


def xml_text(s: str) -> str:
    """What an XML output keeps: XML 1.0 forbidden control characters dropped."""
    return "".join(c for c in s if c in "\t\n\r" or ord(c) >= 0x20)


def evil_network(directed: bool = False) -> cm.Network:
    net = cm.Network(directed=directed)
    for i, text in enumerate(EVIL):
        net.add_structure(f"id{i} {text}", name=f"name {text}", aliases=[f"alias{i} {text}"], note=text,
                          group=f"g{i % 2}")
    net.add_structure("plain", name="Plain")
    for i, text in enumerate(EVIL):
        net.add_link(f"id{i} {text}", "plain", type=f"type {text}", status=text)
    return net


def ids(net):
    return [s["id"] for s in net.structures()]


# ---- Network model and CSV ---------------------------------------------------------------------


def test_network_and_csv_round_trip_are_verbatim(tmp_path):
    net = evil_network()
    for i, text in enumerate(EVIL):
        s = net.structure(f"id{i} {text}")
        assert s["name"] == f"name {text}" and s["aliases"] == [f"alias{i} {text}"] and s["note"] == text
    net.write_csv(structures=tmp_path / "s.csv", links=tmp_path / "l.csv")
    back = cm.read_csv(tmp_path / "s.csv", tmp_path / "l.csv")
    assert ids(back) == ids(net)
    for a, b in zip(net.structures(), back.structures()):
        assert (a["name"], a.get("aliases"), a.get("note")) == (b["name"], b.get("aliases"), b.get("note"))
    assert [(l["source"], l["type"], l["status"]) for l in back.links()] == \
        [(l["source"], l["type"], l["status"]) for l in net.links()]
    # and Python's csv module reads the same cells
    with open(tmp_path / "s.csv", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == ids(net)


# ---- XML exports -------------------------------------------------------------------------------


def test_gexf_parses_and_keeps_the_text(tmp_path):
    net = evil_network()
    cm.write_gexf(net, tmp_path / "g.gexf")
    ET.parse(tmp_path / "g.gexf")  # well-formed
    G = nx.read_gexf(tmp_path / "g.gexf")
    assert sorted(G.nodes) == sorted(xml_text(i) for i in ids(net))
    for i, text in enumerate(EVIL):
        d = G.nodes[xml_text(f"id{i} {text}")]
        assert d["label"] == xml_text(f"name {text}")
        assert d["note"] == xml_text(text)
        assert d["aliases"] == xml_text(f"alias{i} {text}")
    assert sorted(d["type"] for _, _, d in G.edges(data=True)) == sorted(xml_text(f"type {t}") for t in EVIL)


def test_graphml_parses_and_keeps_the_text(tmp_path):
    net = evil_network(directed=True)
    cm.write_graphml(net, tmp_path / "g.graphml")
    ET.parse(tmp_path / "g.graphml")
    G = nx.read_graphml(tmp_path / "g.graphml")
    assert sorted(G.nodes) == sorted(xml_text(i) for i in ids(net))
    for i, text in enumerate(EVIL):
        d = G.nodes[xml_text(f"id{i} {text}")]
        assert d["name"] == xml_text(f"name {text}") and d["note"] == xml_text(text)
    assert sorted(d["status"] for _, _, d in G.edges(data=True)) == sorted(xml_text(t) for t in EVIL)


def test_json_is_verbatim_and_script_safe(tmp_path):
    net = evil_network()
    cm.write_json(net, tmp_path / "g.json")
    raw = (tmp_path / "g.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw  # \u-escaped: safe inside <script>
    data = json.loads(raw)
    assert [n["id"] for n in data["nodes"]] == ids(net)  # JSON keeps every character, controls included
    assert [n["name"] for n in data["nodes"]][:len(EVIL)] == [f"name {t}" for t in EVIL]
    assert [e["type"] for e in data["edges"]] == [f"type {t}" for t in EVIL]
    G = nx.node_link_graph(data, edges="edges")
    assert set(G.nodes) == set(ids(net))


# ---- DOT and Pajek -----------------------------------------------------------------------------


def dot_text(s: str) -> str:
    """DOT as documented: LF -> backslash n, other control characters (tab too) dropped."""
    return "".join("\\n" if c == "\n" else c for c in s if c == "\n" or ord(c) >= 0x20)


def test_dot_parses_with_pydot_and_round_trips_modulo_quoting(tmp_path):
    pydot = pytest.importorskip("pydot")
    net = evil_network()
    cm.write_dot(net, tmp_path / "g.dot")
    graphs = pydot.graph_from_dot_file(str(tmp_path / "g.dot"))
    assert graphs and len(graphs) == 1
    g = graphs[0]

    def unq(s: str) -> str:  # pydot keeps the quotes and the backslash escapes of DOT strings
        assert s.startswith('"') and s.endswith('"'), s
        return re.sub(r'\\(["\\])', r"\1", s[1:-1])

    names = {unq(n.get_name()) for n in g.get_nodes() if n.get_name() not in ("node", "edge", "graph")}
    assert names == {dot_text(i) for i in ids(net)}
    types = sorted(unq(e.get_attributes()["type"]) for e in g.get_edges())
    assert types == sorted(dot_text(f"type {t}") for t in EVIL)


def test_pajek_keeps_ids_and_types(tmp_path):
    net = evil_network()
    cm.write_pajek(net, tmp_path / "g.net")
    raw = (tmp_path / "g.net").read_text(encoding="utf-8")
    # one line per vertex and per edge: no line break of the data text leaks into the file
    # (split on LF only: U+2028 and U+001F inside a label are data, not Pajek line breaks)
    lines = raw.rstrip("\n").split("\n")
    assert lines[0] == f"*Vertices {len(EVIL) + 1}"
    assert sum(1 for x in lines if x.startswith("*")) == 2
    assert len(lines) == 2 + (len(EVIL) + 1) + len(EVIL)
    # Pajek keeps ids and link types only (documented in write_pajek); networkx.read_pajek
    # reads every vertex and edge back
    G = nx.read_pajek(tmp_path / "g.net")
    assert G.number_of_nodes() == len(EVIL) + 1 and G.number_of_edges() == len(EVIL)
    # What is kept: the vertex labels are the ids as in DOT (LF written as the two
    # characters backslash + n, tab and other control characters dropped, quotes escaped
    # with a backslash, which networkx's shlex-based reader removes); every other
    # character (markup, &, ]]>, RTL marks, emoji, U+2028) verbatim.
    assert list(G.nodes) == [dot_text(i) for i in ids(net)]
    assert sorted(d["l"] for _, _, d in G.edges(data=True)) == sorted(dot_text(f"type {t}") for t in EVIL)


# ---- maps and report (SVG, HTML) ----------------------------------------------------------------


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.script_attrs: list[dict] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
            self.script_attrs.append(dict(attrs))
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def test_svg_map_parses_and_shows_the_text(tmp_path):
    net = evil_network()
    cm.draw(net, tmp_path / "m.svg", labels=100, title=EVIL[0], subtitle=EVIL[2], color="group")
    root = ET.parse(tmp_path / "m.svg").getroot()
    assert not [e for e in root.iter() if e.tag.split("}")[-1] == "script"]
    texts = "\n".join("".join(e.itertext()) for e in root.iter() if e.tag.split("}")[-1] in ("text", "title"))
    assert xml_text(EVIL[0]) in texts and xml_text(EVIL[2]) in texts
    for i in (0, 1, 2, 4, 5):
        assert xml_text(f"name {EVIL[i]}") in texts or xml_text(f"name {EVIL[i]}")[:20] in texts, i


def test_html_map_embedded_json_is_exact_and_has_only_our_scripts(tmp_path):
    net = evil_network()
    cm.draw(net, tmp_path / "m.html", labels=100, title=EVIL[0], color="group")
    raw = (tmp_path / "m.html").read_text(encoding="utf-8")
    p = Page()
    p.feed(raw)
    p.close()
    assert "<script>alert(1)</script>" not in raw
    # our scripts only: every <script> element is one the renderer writes (JSON data and
    # the viewer code); no script element comes from the data
    data_blocks = []
    for attrs, body in zip(p.script_attrs, p.scripts):
        assert "alert(1)" not in body.replace("\\u003c", "<") or attrs.get("type") == "application/json"
        if attrs.get("type") == "application/json":
            data_blocks.append(json.loads(body))
    assert data_blocks, "the map embeds its data as JSON"
    blob = json.dumps(data_blocks, ensure_ascii=False)
    for i, text in enumerate(EVIL):
        assert json.dumps(f"name {text}", ensure_ascii=False)[1:-1] in blob, i
    assert EVIL[0] in "".join(p.text)  # the title, as text


def test_report_has_no_data_script_and_shows_the_text(tmp_path):
    src = tmp_path / "data"
    src.mkdir()
    net = evil_network()
    net2 = cm.Network()
    for s in net.structures():
        net2.add_structure(s["id"], name=s["name"], aliases=s.get("aliases", []), legal_family=s.get("group", "x"))
    for l in net.links():
        net2.add_link(l["source"], l["target"], type=l["type"])
    # a few links between the hostile structures so the report has brokers and clusters
    for i in range(len(EVIL) - 1):
        net2.add_link(ids(net)[i], ids(net)[i + 1], type="plain link")
    net2.write_csv(structures=src / "structures.csv", links=src / "links.csv")
    path = cm.report(src, tmp_path / "out", group="legal_family", progress=False)
    raw = path.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw
    p = Page()
    p.feed(raw)
    p.close()
    assert p.scripts == []  # the report has no script element at all
    text = "".join(p.text)
    assert xml_text(f"name {EVIL[0]}") in text or "name <script>" in text
    # every other file of the report folder parses too
    for f in sorted(path.parent.rglob("*")):
        if f.suffix in (".svg", ".gexf", ".graphml"):
            ET.parse(f)
        elif f.suffix == ".json":
            json.loads(f.read_text(encoding="utf-8"))
        elif f.suffix == ".csv":
            with open(f, newline="", encoding="utf-8-sig") as fh:
                list(csv.reader(fh))


# ---- the Inventory ----------------------------------------------------------------------------


def test_inventory_stores_and_returns_the_text_verbatim(tmp_path):
    texts = [t for t in EVIL if "\x00" not in t]
    rows = [["id", "name", "aliases", "note"]]
    for i, t in enumerate(texts):
        rows.append([f"id{i} {t}", f"name {t}", f"alias{i} {t}", t])
    with open(tmp_path / "s.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    with open(tmp_path / "t.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["code", "label", "directed"], [f"type {texts[0]}", texts[1], "false"]])
    with open(tmp_path / "d.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["declarer", "partner", "type", "comment"])
        for i, t in enumerate(texts[1:], 1):
            w.writerow([f"alias{i} {t}", f"id0 {texts[0]}", f"type {texts[0]}", t])
    inv = cm.Inventory(tmp_path / "inv.db")
    inv.import_csv(structures=tmp_path / "s.csv", link_types=tmp_path / "t.csv")
    inv.import_csv(declarations=tmp_path / "d.csv", wave=texts[2])
    assert inv.waves() == [texts[2]]
    net = inv.network(texts[2])
    for i, t in enumerate(texts):
        s = net.structure(f"id{i} {t}")
        assert s["name"] == f"name {t}" and s["aliases"] == [f"alias{i} {t}"] and s["note"] == t
    assert {l["type"] for l in net.links()} == {f"type {texts[0]}"}
    assert inv.link_types()[0]["label"] == texts[1]
    inv.close()
