"""coopmap.draw: the SVG and HTML maps (structure, escaping, determinism, argument
resolution). Expected values are computed here from the network and networkx."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest

import coopmap as cm

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg_text: str) -> ET.Element:
    return ET.fromstring(svg_text.encode("utf-8"))


def nodes(root):
    return [c for c in root.iter(SVG + "circle") if "node" in c.get("class", "").split()]


def edges(root):
    return [p for p in root.iter(SVG + "path") if "edge" in p.get("class", "").split()]


def sample() -> cm.Network:
    net = cm.Network()
    net.add_structure("a", name="<script>alert(1)</script>", family="association", responded=True)
    net.add_structure("b", name='B & "Co"\t', family="scop", responded=False)
    net.add_structure("c", name="Café", family="association", responded=True)
    net.add_structure("d", name="D", responded=True)
    net.add_link("a", "b", status="unconfirmed")
    net.add_link("a", "b", type="shared_premises", status="confirmed")
    net.add_link("b", "c", type="shared_premises")
    net.add_link("c", "d", type="know_how", status="unconfirmed")
    net.add_link("c", "d", type="know_how", status="confirmed")
    return net


@pytest.mark.parametrize("name", ["karate", "florentine", "ptce-sicoval-2013"])
def test_one_node_element_per_structure(name):
    net = cm.load_dataset(name)
    root = parse(cm.draw(net, None, seed=0))
    circles = nodes(root)
    assert len(circles) == len(net)
    assert sorted(c.get("data-id") for c in circles) == sorted(net.structure_ids())
    # one edge per (unordered pair, link type)
    groups = {(frozenset((l["source"], l["target"])), l["type"]) for l in net.links()}
    assert len(edges(root)) == len(groups)


def test_escaping_and_text():
    net = sample()
    svg = cm.draw(net, None, labels=10)
    root = parse(svg)  # well-formed XML although a name holds markup and a tab
    titles = {c.get("data-id"): c.find(SVG + "title").text for c in nodes(root)}
    assert titles["a"] == "<script>alert(1)</script>"
    assert titles["b"] == 'B & "Co"\t'  # XML 1.0 text: kept (written &#9;)
    with pytest.raises(ValueError, match="U\\+0001"):  # not XML 1.0 text: refused at input
        net.set_name("b", "B\x01")
    assert "<script>alert" not in svg
    html = cm.draw(net, None, format="html")
    assert "<script>alert(1)</script>" not in html
    assert html.count("<script") == 3  # error hook, JSON data, code
    assert "innerHTML" not in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)


def test_dashed_hollow_and_response_rate():
    net = sample()
    root = parse(cm.draw(net, None))
    dashed = {(e.get("data-s"), e.get("data-t"), e.get("data-k")) for e in edges(root) if e.get("stroke-dasharray")}
    types = net.link_types()
    # a-b "cooperation" only unconfirmed -> dashed; c-d "know_how" has a confirmed link -> solid
    assert dashed == {("0", "1", str(types.index("cooperation")))}
    hollow = [c.get("data-id") for c in nodes(root) if "hollow" in c.get("class")]
    assert hollow == ["b"]
    info = "".join(root.find(f".//{SVG}text[@class='info']").itertext())
    assert "response rate 75% (3/4)" in info
    # respondents= overrides the attribute
    root = parse(cm.draw(net, None, respondents=["a", "b"]))
    assert sorted(c.get("data-id") for c in nodes(root) if "hollow" in c.get("class")) == ["c", "d"]
    # a hollow node keeps its group colour as its ring: a presentation attribute that no
    # CSS rule of the map overrides (a `.node{stroke:...}` rule would win over it)
    svg = cm.draw(net, None, color="family")
    root = parse(svg)
    ring = {c.get("data-id"): c.get("stroke") for c in nodes(root) if "hollow" in c.get("class")}
    filled = {c.get("data-id"): c.get("fill") for c in nodes(root)}
    assert ring["b"] not in (None, "#333") and ring["b"] not in {filled[i] for i in ("a", "c")}
    style = "".join(x.text or "" for x in root.iter(SVG + "style"))
    assert not re.search(r"\.node(\.hollow)?\s*\{[^}]*stroke\s*:", style)


def test_color_by_attribute_and_mapping():
    net = sample()
    root = parse(cm.draw(net, None, color="family"))
    fill = {c.get("data-id"): c.get("fill") or c.get("stroke") for c in nodes(root)}
    assert fill["a"] == fill["c"] != fill["b"]
    assert fill["d"] == "#DDDDDD"  # no value
    legend = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    # legal families read as the catalogue names them ("scop" -> "SCOP")
    assert "association (2)" in legend and "SCOP (1)" in legend and "(no value) (1)" in legend
    root = parse(cm.draw(net, None, color={"a": 1, "b": 1, "c": 2, "d": 2}))
    fill = {c.get("data-id"): c.get("fill") or c.get("stroke") for c in nodes(root)}
    assert fill["a"] == fill["b"] != fill["c"] == fill["d"]
    with pytest.raises(ValueError, match="nothing"):
        cm.draw(net, None, color="nothing")
    with pytest.raises(KeyError):
        cm.draw(net, None, color={"zz": 1})


def test_color_cluster_colours_the_louvain_clusters():
    # one colour per cluster of cm.louvain with the draw's seed, a different one for each
    net = cm.load_dataset("karate")
    comms = cm.louvain(net, seed=3).communities
    root = parse(cm.draw(net, None, color="cluster", seed=3))
    fill = {c.get("data-id"): c.get("fill") for c in nodes(root)}
    for comm in comms:
        assert len({fill[v] for v in comm}) == 1
    assert len(set(fill.values())) == len(comms)


def test_size_measures(monkeypatch):
    net = cm.load_dataset("florentine")
    G = nx.Graph(net.to_networkx())
    root = parse(cm.draw(net, None, size="degree"))
    r = {c.get("data-id"): float(c.get("r")) for c in nodes(root)}
    deg = dict(G.degree())
    for u in G:
        for v in G:
            if deg[u] > deg[v]:
                assert r[u] > r[v]
    monkeypatch.delattr(cm, "betweenness", raising=False)
    with pytest.raises(ValueError, match="betweenness"):
        cm.draw(net, None, size="betweenness")
    bc = nx.betweenness_centrality(G)
    monkeypatch.setattr(cm, "betweenness", lambda n: bc, raising=False)
    root = parse(cm.draw(net, None, size="betweenness", labels=3))
    r = {c.get("data-id"): float(c.get("r")) for c in nodes(root)}
    top = max(bc, key=bc.get)
    assert r[top] == max(r.values())
    labelled = [t.get("data-i") for t in root.iter(SVG + "text") if t.get("class") == "label"]
    ids = net.structure_ids()
    top3 = sorted(bc, key=lambda k: -bc[k])[:3]
    assert 1 <= len(labelled) <= 3
    assert {ids[int(i)] for i in labelled} <= set(top3)
    # a Mapping works the same way
    root2 = parse(cm.draw(net, None, size=bc, labels=3))
    assert [float(c.get("r")) for c in nodes(root2)] == [float(c.get("r")) for c in nodes(root)]


def test_labels_do_not_overlap():
    G = nx.les_miserables_graph()
    net = cm.from_networkx(G)
    root = parse(cm.draw(net, None, labels=40))
    labels = [t for t in root.iter(SVG + "text") if t.get("class") == "label"]
    assert 10 <= len(labels) <= 40
    boxes = []
    for t in labels:  # same width estimate as the renderer: 0.6 em per character at 15 px
        w = 0.6 * 15 * len(t.text)
        x, y = float(t.get("x")), float(t.get("y"))
        x0 = {"start": x, "end": x - w, "middle": x - w / 2}[t.get("text-anchor")]
        boxes.append((x0, y - 15, x0 + w, y + 3))
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_deterministic_bytes_and_seed(tmp_path):
    net = cm.load_dataset("ptce-sicoval-2013")
    p1, p2 = tmp_path / "a.svg", tmp_path / "b.svg"
    cm.draw(net, p1, seed=3)
    cm.draw(net, p2, seed=3)
    assert p1.read_bytes() == p2.read_bytes()
    assert cm.draw(net, None, seed=3) != cm.draw(net, None, seed=4)
    cm.draw(net, tmp_path / "m.html", seed=3)
    assert (tmp_path / "m.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match=r"\.svg or \.html"):
        cm.draw(net, tmp_path / "m.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.svg", "b.svg", "m.html"]  # no temporary files left


def test_positions_and_directed():
    G = nx.DiGraph([("x", "y"), ("y", "z")])
    net = cm.from_networkx(G)
    pos = {"x": (0.0, 0.0), "y": (1.0, 0.0), "z": (2.0, 1.0)}
    root = parse(cm.draw(net, None, positions=pos, edge_color=None))
    c = {n.get("data-id"): (float(n.get("cx")), float(n.get("cy"))) for n in nodes(root)}
    # x and y share a height; z is higher on the page (smaller y: the y axis is flipped)
    assert c["x"][1] == c["y"][1] > c["z"][1]
    assert all(e.get("marker-end") for e in edges(root))
    with pytest.raises(ValueError, match="'z'"):
        cm.draw(net, None, positions={"x": (0, 0), "y": (1, 1)})


def test_empty_and_isolates():
    net = cm.Network()
    assert len(nodes(parse(cm.draw(net, None)))) == 0
    net = cm.from_networkx(nx.empty_graph(4))
    assert len(nodes(parse(cm.draw(net, None)))) == 4


def test_svg_elements_styles_and_legend_samples():
    """What the C++ render test checked before the writers moved to Python: one node
    element per structure, one edge per (pair, type), dash patterns of the edges and of
    the legend, one hollow node, the response rate."""
    net = sample()
    svg = cm.draw(net, None, color="family", size=None)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.count('<circle class="node') == 4
    assert len(re.findall(r'<path class="edge[ "]', svg)) == 4  # a-b twice (two types), b-c, c-d
    # the unconfirmed a-b "cooperation" edge and the legend sample
    assert svg.count('stroke-dasharray="7 5"') == 2
    assert svg.count('class="node hollow"') == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "B &amp; &quot;Co&quot;&#9;" in svg
    assert "response rate 75% (3/4)" in svg
    assert 'viewBox="0 0 1600 1000"' in svg
    # parallel edges of a pair are curved apart, the others straight
    root = parse(svg)
    d = {(e.get("data-s"), e.get("data-t")): [] for e in edges(root)}
    for e in edges(root):
        d[(e.get("data-s"), e.get("data-t"))].append(e.get("d"))
    assert all("Q" in p for p in d[("0", "1")]) and all("L" in p for p in d[("1", "2")])


def test_map_texts_come_from_the_catalogues():
    """Every interface text of a map is the catalogue's: French legend, information line,
    search box and script texts; the French decimal comma in the size legend."""
    from coopmap.i18n import catalog

    net = sample()
    fr = catalog("fr")
    svg = cm.draw(net, None, lang="fr", size={"a": 0.5, "b": 1.25, "c": 2, "d": 0})
    assert fr["map.unconfirmed"] in svg and fr["map.did_not_respond"] in svg
    assert fr["map.response_rate"] + " 75" + fr["map.percent"] in svg
    # sizes with fractions read in words, with two significant digits: 2 (largest), 1.25
    # (median), 0.5 (smallest positive)
    assert ">le plus (2)<" in svg and ">médiane (1,2)<" in svg and ">le moins (0,5)<" in svg
    html = cm.draw(net, None, format="html", lang="fr")
    assert f'<html lang="{fr["map.lang"]}">' in html
    assert fr["map.search"] in html and fr["map.reset"] in html
    assert '"no_match":"' + fr["map.no_match"] + '"' in html


def test_html_ships_the_package_css_and_script():
    """The page inlines coopmap/maps/map.css and map.js as installed with the package."""
    from pathlib import Path

    import coopmap.maps

    folder = Path(coopmap.maps.__file__).parent
    css = (folder / "map.css").read_text(encoding="utf-8")
    js = (folder / "map.js").read_text(encoding="utf-8")
    html = cm.draw(sample(), None, format="html")
    assert "<style>\n" + css + "</style>" in html
    assert "<script>\n" + js + "</script>" in html


def test_number_formats_of_the_writers():
    """The writers format numbers as coopmap's C++ exports do (std::to_chars): expected
    texts written by hand."""
    from coopmap.maps._text import fixed, json_each, json_number, json_string, short_number, xml, xml_each

    # legend numbers: up to 3 significant digits, no exponent a seminar would stumble on
    # two significant digits, never an exponent
    assert short_number(0.000476) == "0.00048"
    assert short_number(0.0186) == "0.019"
    assert short_number(0.5) == "0.5"
    assert short_number(0.157) == "0.16"
    assert short_number(12.34) == "12"
    assert short_number(1.5) == "1.5"
    assert short_number(250) == "250"
    assert short_number(3.0) == "3"
    assert short_number(0.00001234) == "< 0.0001"
    assert short_number(2.5e7) == "25000000"
    assert short_number(math.nan) == "–"
    # coordinates: no "-0.0"
    assert fixed(-0.04) == "0.0" and fixed(-0.06) == "-0.1" and fixed(0.25) == "0.2" and fixed(1e64, 0).startswith("1000")
    # JSON: shortest round trip, fixed or scientific whichever is shorter (fixed on a tie)
    assert [json_number(x) for x in (3.0, 0.5, 1e5, 12345.0, 1e-4, 0.001, 1.5e-7, -0.0, math.inf)] == [
        "3", "0.5", "1e+05", "12345", "1e-04", "0.001", "1.5e-07", "-0", "null"]
    assert json_number(-1.1008778377391834e17) == "-110087783773918336"
    assert json_string('a"\\<>&\u2028\x01\n') == '"a\\"\\\\\\u003c\\u003e\\u0026\\u2028\\u0001\\n"'
    assert xml("a&<>\"'\t\x01") == "a&amp;&lt;&gt;&quot;&#39;&#9;"
    # the batched forms (one translate for many texts) agree, NUL or not
    assert json_each(["a<", "b\n", ""]) == ["a\\u003c", "b\\n", ""] and json_each([]) == []
    assert xml_each(["a\0&", "c"]) == ["a&amp;", "c"] and xml_each(["<"]) == ["&lt;"]


def test_map_script_words_come_from_the_catalogue():
    # the tooltip of an undefined measure reads the catalogue's word, not a literal
    from pathlib import Path

    import coopmap.maps as maps

    script = (Path(maps.__file__).parent / "map.js").read_text(encoding="utf-8")
    assert "n/a" not in script and "data.texts.not_available" in script
    net = cm.load_dataset("florentine")
    page = cm.draw(net, None, format="html", lang="fr")
    assert '"not_available":"n.d."' in page
    assert '"not_available":"n/a"' in cm.draw(net, None, format="html", lang="en")


def two_groups() -> cm.Network:
    """a b c (group A) and d e (group B) on the path a - b - c - d - e, plus the
    triangle closer a - c; the only link across the groups is c - d."""
    net = cm.Network()
    for sid, g in zip("abcde", "AAABB"):
        net.add_structure(sid, name=sid.upper(), side=g)
    for u, v in ("ab", "bc", "ac", "cd", "de"):
        net.add_link(u, v, type="know_how")
    return net


def test_every_drawn_link_names_its_ends_and_whether_it_crosses_groups():
    net = cm.load_dataset("ptce-sicoval-2013")
    group = {r["id"]: r.get("legal_family") for r in net.structures()}
    assert None in group.values()  # some structures have no legal family
    for view in (None, "bridges"):
        root = parse(cm.draw(net, None, format="svg", color="legal_family", group="legal_family", view=view))
        drawn = edges(root)
        pairs = {frozenset((l["source"], l["target"])) for l in net.links()}
        assert {frozenset((e.get("data-source"), e.get("data-target"))) for e in drawn} == pairs
        for e in drawn:
            s, t = e.get("data-source"), e.get("data-target")
            if view == "bridges":  # structures without a value form the group "(no value)"
                cross = group[s] != group[t]
            else:  # colour "no value" is no group
                cross = group[s] is not None and group[t] is not None and group[s] != group[t]
            assert e.get("data-cross") == ("1" if cross else "0"), (s, t)
            assert ("cross" if cross else "within") in e.get("class").split()
            assert e.get("data-type") in net.link_types()
    # without groups there is nothing to cross
    root = parse(cm.draw(net, None, format="svg"))
    assert all(e.get("data-cross") is None for e in edges(root))


def test_bridge_view_draws_across_strong_and_labels_the_brokers():
    net = two_groups()
    svg = cm.draw(net, None, format="svg", view="bridges", group="side", lang="en")
    root = parse(svg)
    assert root.get("class") == "bridges"
    crossing = [(e.get("data-source"), e.get("data-target")) for e in edges(root) if e.get("data-cross") == "1"]
    assert crossing == [("c", "d")]
    # brokers: Gould–Fernandez total z > 1.96 (none in five structures, see below), then the
    # cut points: c (parts {a, b} and {d, e}) and d (part {e}); networkx agrees
    z = {i: r["total"] for i, r in cm.brokerage(net, "side").z.items()}
    strong = {i for i, v in z.items() if v > 1.96}
    G = nx.Graph(net.to_networkx())
    expected = strong | set(nx.articulation_points(G))
    assert expected == {"c", "d"}
    labelled = {t.text for t in root.iter(SVG + "text") if t.get("class") == "label"}
    assert labelled == {net.structure(i)["name"] for i in expected}
    legend = [t.text for t in root.iter(SVG + "text") if t.get("class") == "legend"]
    assert "between groups (strong)" in legend and "within a group (faint)" in legend
    assert "A (3)" in legend and "B (2)" in legend  # one legend line per group
    fr = cm.draw(net, None, format="svg", view="bridges", group="side", lang="fr")
    assert "entre groupes (appuyés)" in fr
    with pytest.raises(ValueError, match="group="):
        cm.draw(net, None, format="svg", view="bridges")
    with pytest.raises(ValueError, match="sidee.*side"):
        cm.draw(net, None, format="svg", view="bridges", group="sidee")
    with pytest.raises(ValueError, match="bridgess.*bridges"):
        cm.draw(net, None, format="svg", view="bridgess", group="side")


@pytest.mark.parametrize("radius", [1, 2])
def test_ego_map_draws_the_structures_within_radius(radius):
    net = cm.load_dataset("ptce-sicoval-2013")
    G = nx.Graph(net.to_networkx())
    ego = "genies"  # "GENIES – GENérateur d'Initiatives ...": labelled by the head "GENIES"
    root = parse(cm.draw(net, None, format="svg", ego=ego, radius=radius, color="legal_family"))
    drawn = {c.get("data-id") for c in nodes(root)}
    assert drawn == set(nx.ego_graph(G, ego, radius=radius))
    H = G.subgraph(drawn)
    assert {frozenset((e.get("data-source"), e.get("data-target"))) for e in edges(root)} == {
        frozenset(e) for e in H.edges()
    }
    labels = [t.text for t in root.iter(SVG + "text") if t.get("class") == "label"]
    assert labels[0] == "GENIES"  # the ego is labelled first
    title = next(root.iter(SVG + "title")).text
    assert title == net.structure(ego)["name"]
    with pytest.raises(ValueError, match="radius"):
        cm.draw(net, None, format="svg", ego=ego, radius=0)
    with pytest.raises(KeyError):
        cm.draw(net, None, format="svg", ego="nobody")
