"""Hostile text in every output: ids, names, aliases, attribute values and link types
with markup, quotes, ``&``, ``]]>``, ``<!--``, right-to-left marks, emoji and U+2028;
names and values also with newlines, tabs, carriage returns, C1 controls and astral
characters. Every file must parse with a standard (strict) parser and give the text back
verbatim, except where the format documents a change:

* the input rules (TextRule in network.hpp) keep every XML output well-formed: ids,
  aliases, codes, statuses and attribute names hold no control character, U+FFFE or
  U+FFFF; names and string values only the characters of XML 1.0. Anything else is
  refused at input (tested at the end), so nothing is dropped on output;
* DOT: LF is written ``\\n`` (the DOT escape pydot keeps as the two characters
  backslash + n), other control characters are dropped;
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
    "RTL \u202eevil\u200f mark \u200e",
    "emoji \U0001F91D\U0001F3FD coop \u2028sep",
    "private use \ue000 astral \U00010000 last \ufffd",
]
# Allowed in names and values (XML 1.0 text), refused in ids, codes and statuses.
TEXT_ONLY = [
    "line one\nline two\twith tab\r\nand CR",
    "C1 controls \x85 \x9f DEL \x7f end",
]


def xml_text(s: str) -> str:
    """What an XML output keeps: everything (the input rules let only XML 1.0 text in)."""
    return s


def evil_network(directed: bool = False) -> cm.Network:
    net = cm.Network(directed=directed)
    for i, text in enumerate(EVIL):
        net.add_structure(f"id{i} {text}", name=f"name {text}", aliases=[f"alias{i} {text}"], note=text,
                          group=f"g{i % 2}")
    for j, text in enumerate(TEXT_ONLY):
        net.add_structure(f"text{j}", name=f"name {text}", note=text)
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
    for j, text in enumerate(TEXT_ONLY):  # tab, LF, CR, C1 and DEL kept (character references)
        assert G.nodes[f"text{j}"]["label"] == f"name {text}" and G.nodes[f"text{j}"]["note"] == text
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
    for j, text in enumerate(TEXT_ONLY):
        assert G.nodes[f"text{j}"]["name"] == f"name {text}" and G.nodes[f"text{j}"]["note"] == text
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
    nv = len(EVIL) + len(TEXT_ONLY) + 1
    assert lines[0] == f"*Vertices {nv}"
    assert sum(1 for x in lines if x.startswith("*")) == 2
    assert len(lines) == 2 + nv + len(EVIL)
    # Pajek keeps ids and link types only (documented in write_pajek); networkx.read_pajek
    # reads every vertex and edge back
    G = nx.read_pajek(tmp_path / "g.net")
    assert G.number_of_nodes() == nv and G.number_of_edges() == len(EVIL)
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


# ---- the input rules: what cannot be written faithfully is refused at input ----------------------

REFUSED_IN_TEXT = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"]
REFUSED_IN_IDS = REFUSED_IN_TEXT + ["\t", "\n", "\r", "\x7f", "\x80", "\x85", "\x9f"]


def _cp(c: str) -> str:
    return f"U\\+{ord(c):04X}"


@pytest.mark.parametrize("c", REFUSED_IN_IDS, ids=[f"U+{ord(c):04X}" for c in REFUSED_IN_IDS])
def test_identifiers_refuse_control_characters_and_nonchars(c):
    net = cm.Network()
    net.add_structure("ab", name="AB")
    net.add_structure("x")
    calls = {
        "structure id": lambda: net.add_structure(f"a{c}b"),
        "alias": lambda: net.add_structure("y", aliases=[f"y{c}z"]),
        "added alias": lambda: net.add_alias("x", f"x{c}z"),
        "attribute name": lambda: net.set_attribute("x", f"n{c}", 1),
        "link type": lambda: net.add_link("ab", "x", type=f"t{c}"),
        "status": lambda: net.add_link("ab", "x", status=f"s{c}"),
        "link type code": lambda: net.set_link_type(f"t{c}"),
        "graph attribute name": lambda: net.set_graph_attribute(f"g{c}", 1),
    }
    for what, call in calls.items():
        with pytest.raises(ValueError, match=_cp(c)):
            call()
    # nothing was added: "a\x01b" never shadows "ab" in an output
    assert net.structure_ids() == ["ab", "x"] and net.number_of_links() == 0
    assert net.structure("x").get("aliases", []) == []


@pytest.mark.parametrize("c", REFUSED_IN_TEXT, ids=[f"U+{ord(c):04X}" for c in REFUSED_IN_TEXT])
def test_texts_refuse_what_xml_cannot_hold(c):
    net = cm.Network()
    net.add_structure("a")
    net.add_structure("b")
    net.add_link("a", "b")
    for call in (lambda: net.add_structure("c", name=f"C{c}"), lambda: net.set_name("a", f"A{c}"),
                 lambda: net.set_attribute("a", "note", f"x{c}y"),
                 lambda: net.add_link("a", "b", type="t", note=f"x{c}"),
                 lambda: net.set_link_attribute(0, "note", f"x{c}"),
                 lambda: net.set_link_type("t2", label=f"x{c}"),
                 lambda: net.set_graph_attribute("source", f"x{c}")):
        with pytest.raises(ValueError, match=_cp(c)):
            call()
    assert net.structure_ids() == ["a", "b"] and net.structure("a")["name"] == "a"


def test_read_csv_names_line_and_column_of_a_refused_character(tmp_path):
    cases = [
        ("s.csv", "id,name\na,A\nb\x01c,B\n", 3, 1),            # id
        ("s.csv", "id,name\na,A\nb,B\ufffeC\n", 3, 2),           # name: a noncharacter
        ("s.csv", "id,name,no\x02te\na,A,1\n", 1, 3),           # attribute name in the header
        ("s.csv", "id,name,note\na,A,x\x1by\n", 2, 3),          # attribute value
        ("s.csv", "id,aliases\na,A|B\x7f\n", 2, 2),             # alias: DEL
    ]
    for name, text, line, column in cases:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(cm.CsvError) as info:
            cm.read_csv(path)
        assert (info.value.line, info.value.column) == (line, column), text
        assert str(path) in str(info.value)
    s = tmp_path / "ok.csv"
    s.write_text("id\na\nb\n", encoding="utf-8")
    for text, line, column in [("source,target,type\na,b,t\x01\n", 2, 3), ("source,target,status\na,b,x\x85\n", 2, 3)]:
        (tmp_path / "l.csv").write_text(text, encoding="utf-8")
        with pytest.raises(cm.CsvError) as info:
            cm.read_csv(s, tmp_path / "l.csv")
        assert (info.value.line, info.value.column) == (line, column), text


def test_inventory_import_refuses_and_keeps_what_was_stored(tmp_path):
    (tmp_path / "s.csv").write_text("id,name\na,A\nb,B\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("code,label\ncoop,Coopération\n", encoding="utf-8")
    inv = cm.Inventory(tmp_path / "inv.db")
    inv.import_csv(structures=tmp_path / "s.csv", link_types=tmp_path / "t.csv")
    bad = [
        ("link_types", "code,label\nco\x01op,X\n", 2, 1),
        ("link_types", "code,label\nother,X\x00Y\n", 2, 2),
        ("link_types", "code,la\tbel\nother,X\n", 1, 2),
        ("affiliations", "structure,group\na,g\x1f\n", 2, 2),
        ("declarations", "declarer,partner,type,comment\na,b,coop,x\x0cy\n", 2, 4),
        ("declarations", "declarer,partner,type\na,unknown\x01partner,coop\n", 2, 2),
    ]
    for kind, text, line, column in bad:
        f = tmp_path / f"{kind}.csv"
        f.write_text(text, encoding="utf-8")
        kw = {kind: f, "wave": "2013"} if kind == "declarations" else {kind: f}
        with pytest.raises(cm.CsvError) as info:
            inv.import_csv(**kw)
        assert (info.value.line, info.value.column) == (line, column), text
    assert [t["code"] for t in inv.link_types()] == ["coop"] and inv.waves() == []
    inv.close()


def test_crafted_stored_text_is_a_storage_error_naming_table_row_column(tmp_path):
    import sqlite3

    (tmp_path / "s.csv").write_text("id,name\na,A\nb,B\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text("declarer,partner,type\na,b,cooperation\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("code\ncooperation\n", encoding="utf-8")
    path = tmp_path / "inv.db"
    with cm.Inventory(path) as inv:
        inv.import_csv(structures=tmp_path / "s.csv", link_types=tmp_path / "t.csv")
        inv.import_csv(declarations=tmp_path / "d.csv", wave="w1")
    for sql, table, column in [
        ("UPDATE structures SET code = 'a' || char(1) || 'b' WHERE code = 'a'", "structures", "code"),
        ("UPDATE structures SET name = 'A' || char(65535) WHERE code = 'b'", "structures", "name"),
        ("UPDATE link_types SET code = 'co' || char(10) || 'op'", "link_types", "code"),
    ]:
        copy = tmp_path / f"{table}-{column}.db"
        copy.write_bytes(path.read_bytes())
        con = sqlite3.connect(copy)
        con.execute(sql)
        con.commit()
        con.close()
        with pytest.raises(cm.StorageError) as info:
            cm.Inventory(copy, readonly=True).network("w1")
        msg = str(info.value)
        assert f"table {table}" in msg and f"column {column}" in msg and "row id" in msg, msg


def test_every_xml_output_is_well_formed_for_any_allowed_text(tmp_path):
    """Names and values drawn from the whole XML 1.0 character range (seeded), ids from the
    identifier range: GEXF, GraphML and SVG parse with expat (strict), and the GEXF and
    GraphML read back by networkx give every text verbatim."""
    import random

    rng = random.Random(7)
    text_ranges = [(0x9, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF)]
    id_ranges = [(0x20, 0x7E), (0xA0, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF)]

    def draw_text(ranges, n):
        out = []
        for _ in range(n):
            lo, hi = rng.choice(ranges)
            out.append(chr(rng.randint(lo, hi)))
        return "".join(out)

    net = cm.Network()
    made = []
    while len(made) < 40:
        i = draw_text(id_ranges, 8).strip()
        if not i or "|" in i or i in made:
            continue
        net.add_structure(i, name=draw_text(text_ranges, 12), note=draw_text(text_ranges, 6))
        made.append(i)
    for k in range(1, len(made)):
        net.add_link(made[k - 1], made[k], type=draw_text(id_ranges, 5).strip() or "t")
    cm.write_gexf(net, tmp_path / "g.gexf")
    cm.write_graphml(net, tmp_path / "g.graphml")
    cm.draw(net, tmp_path / "m.svg", labels=100)
    for f in ("g.gexf", "g.graphml", "m.svg"):
        ET.parse(tmp_path / f)
    for G in (nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")):
        assert sorted(G.nodes) == sorted(made)
        for s in net.structures():
            d = G.nodes[s["id"]]
            assert d.get("label", d.get("name")) == s["name"] and d["note"] == s["note"]
