"""coopmap.write_gexf / write_graphml / write_json / write_dot / write_pajek, read back
with networkx (and pydot for DOT): structures, attributes with their types, every link
(parallel ones included) with its type, positions and colours."""
from __future__ import annotations

import json
import math
from collections import Counter

import networkx as nx
import pytest

import coopmap as cm


def nasty() -> cm.Network:
    net = cm.Network()
    net.add_structure("a", name="<script>alert(1)</script>", aliases=["A & co"], size=3, ratio=0.5, ess=True)
    net.add_structure("b", name='Quote " and \\ backslash', size=7, ratio=2, ess=False, city="Café\nLabège")
    net.add_structure("c d", name="space id")
    net.add_link("a", "b", type="joint_project", weight=2.0, status="confirmed", start="2012", amount=10)
    net.add_link("a", "b", type="shared_premises")
    net.add_link("b", "c d", type="joint_project", status="unconfirmed", end="2013-06")
    return net


def link_types(G) -> Counter:
    return Counter(frozenset((u, v)) | {d["type"]} for u, v, d in G.edges(data=True))


def expected_types(net) -> Counter:
    return Counter(frozenset((l["source"], l["target"])) | {l["type"]} for l in net.links())


DATASETS = ["karate", "florentine", "ptce-sicoval-2013"]


@pytest.mark.parametrize("name", DATASETS)
def test_gexf_networkx(tmp_path, name):
    net = cm.load_dataset(name)
    pos = cm.layout(net, seed=0)
    path = tmp_path / "x.gexf"
    attrs = {k for r in net.structures() for k in r} - {"id", "name", "aliases"}
    color = sorted(attrs)[0] if attrs else None
    cm.write_gexf(net, path, positions=pos, color=color, size="degree")
    if net.mixed:  # networkx reads no mixed graph: the same file with every edge directed
        path.write_text(path.read_text(encoding="utf-8").replace(' type="undirected"', ""), encoding="utf-8")
    G = nx.read_gexf(path)
    assert G.number_of_edges() == net.number_of_links()
    assert set(G) == set(net.structure_ids())
    assert link_types(G) == expected_types(net)
    for r in net.structures():
        d = G.nodes[r["id"]]
        assert d["label"] == r["name"]
        assert d["viz"]["position"]["x"] == pytest.approx(pos[r["id"]][0])
        assert d["viz"]["position"]["y"] == pytest.approx(pos[r["id"]][1])
        assert set(d["viz"]["color"]) >= {"r", "g", "b"}
        for k, v in r.items():
            if k in ("id", "name"):
                continue
            if k == "aliases":
                assert d["aliases"] == "|".join(v)
            elif isinstance(v, float) and math.isnan(v):
                assert math.isnan(d[k])
            else:
                assert d[k] == v
                # a column mixing int and float is declared double; otherwise types are kept
                assert type(d[k]) is type(v) or (type(v) is int and type(d[k]) is float)


def test_gexf_escaping_types_parallel_and_colours(tmp_path):
    net = nasty()
    path = tmp_path / "n.gexf"
    cm.write_gexf(net, path, color={"a": "x", "b": "y", "c d": "x"}, size={"a": 1.0, "b": 4.0})
    G = nx.read_gexf(path)
    assert G.nodes["a"]["label"] == "<script>alert(1)</script>"
    assert G.nodes["b"]["label"] == 'Quote " and \\ backslash'
    assert G.nodes["b"]["city"] == "Café\nLabège"
    assert G.nodes["a"]["size"] == 3.0 and G.nodes["b"]["ratio"] == 2.0  # int + float column -> double
    assert G.nodes["a"]["ess"] is True
    assert G.number_of_edges("a", "b") == 2
    e = [d for _, _, d in G.edges("a", data=True) if d["type"] == "joint_project"][0]
    # a dated link makes the graph dynamic: networkx reads the edge's interval, whose
    # start "2012" is the full date 2012-01-01 (the first day of the year)
    assert G.graph["mode"] == "dynamic"
    assert (e["weight"], e["status"], e["start"], e["amount"]) == (2.0, "confirmed", "2012-01-01", 10)
    # same group -> same colour; viz size 10 + 40 sqrt(v / 4): a -> 30, b -> 50, c d (missing) -> 10
    col = {v: tuple(G.nodes[v]["viz"]["color"][c] for c in "rgb") for v in G}
    assert col["a"] == col["c d"] != col["b"]
    assert [G.nodes[v]["viz"]["size"] for v in ("a", "b", "c d")] == [30.0, 50.0, 10.0]


def test_gexf_timeline_of_dated_links(tmp_path):
    # Gephi's timeline reads the edges' start/end in a dynamic graph (timeformat date);
    # networkx.read_gexf reads the same intervals. Hand-derived bounds: "2013" starts
    # 2013-01-01, an end "2016-02" ends 2016-02-29 (leap year), a full date stays.
    net = cm.Network()
    for s in ("a", "b", "c"):
        net.add_structure(s)
    net.add_link("a", "b", start="2013", end="2016-02")
    net.add_link("b", "c", start="2015-06-15")
    net.add_link("a", "c")
    path = tmp_path / "t.gexf"
    cm.write_gexf(net, path)
    text = path.read_text(encoding="utf-8")
    assert '<graph mode="dynamic" timeformat="date" defaultedgetype="undirected">' in text
    G = nx.read_gexf(path)
    assert G.graph["mode"] == "dynamic"
    assert (G.edges["a", "b"]["start"], G.edges["a", "b"]["end"]) == ("2013-01-01", "2016-02-29")
    assert G.edges["b", "c"]["start"] == "2015-06-15" and "end" not in G.edges["b", "c"]
    assert "start" not in G.edges["a", "c"]  # present throughout


@pytest.mark.parametrize("directed", [False, True])
def test_graphml_networkx(tmp_path, directed):
    net = nasty() if not directed else cm.from_networkx(nx.gnp_random_graph(30, 0.2, seed=4, directed=True))
    path = tmp_path / "x.graphml"
    cm.write_graphml(net, path)
    G = nx.read_graphml(path)
    assert G.is_directed() == directed
    assert G.number_of_edges() == net.number_of_links()
    assert set(G) == set(net.structure_ids())
    if directed:
        assert Counter((u, v, d["type"]) for u, v, d in G.edges(data=True)) == Counter(
            (l["source"], l["target"], l["type"]) for l in net.links()
        )
    else:
        assert G.nodes["a"]["name"] == "<script>alert(1)</script>"
        assert G.nodes["a"]["size"] == 3.0 and isinstance(G.nodes["a"]["ess"], bool)
        assert G.nodes["b"]["city"] == "Café\nLabège"
        assert link_types(G) == expected_types(net)


@pytest.mark.parametrize("name", DATASETS)
def test_json_networkx(tmp_path, name):
    net = cm.load_dataset(name)
    path = tmp_path / "x.json"
    cm.write_json(net, path)
    G = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")))
    assert G.number_of_edges() == net.number_of_links()
    assert link_types(G) == expected_types(net)
    for r in net.structures():
        d = G.nodes[r["id"]]
        for k, v in r.items():
            if k == "id":
                continue
            if isinstance(v, float) and math.isnan(v):
                assert d[k] is None
            else:
                assert d[k] == v
    links = sorted((l["source"], l["target"], l["type"], l["weight"], l.get("status")) for l in net.links())
    edges = sorted((u, v, d["type"], d["weight"], d.get("status")) for u, v, d in G.edges(data=True))
    norm = lambda es: sorted((min(a, b), max(a, b), *rest) for a, b, *rest in es)  # noqa: E731
    assert norm(edges) == norm(links)


def test_json_escaping(tmp_path):
    path = tmp_path / "n.json"
    cm.write_json(nasty(), path)
    text = path.read_text(encoding="utf-8")
    assert "<script>" not in text  # < > & are \u-escaped
    data = json.loads(text)
    assert data["nodes"][0]["name"] == "<script>alert(1)</script>"
    assert data["nodes"][1]["city"] == "Café\nLabège"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dot_pydot(tmp_path):
    import pydot  # in requirements-dev.txt

    net = nasty()
    path = tmp_path / "x.dot"
    cm.write_dot(net, path, positions={"a": (0, 0), "b": (1, 1), "c d": (2, 0)})
    (g,) = pydot.graph_from_dot_file(str(path))
    names = {n.get_name().strip('"') for n in g.get_nodes()} - {"node", "edge", "graph"}
    assert names == {"a", "b", "c d"}
    assert len(g.get_edges()) == net.number_of_links()
    G = nx.nx_pydot.read_dot(path)
    assert G.number_of_edges() == 3
    # networkx keeps DOT's quotes around attribute values
    assert sorted(d["type"].strip('"') for _, _, d in G.edges(data=True)) == sorted(
        l["type"] for l in net.links()
    )
    a = g.get_node('"a"')[0]
    assert a.get("label") == '"<script>alert(1)</script>"'
    assert g.get_node('"b"')[0].get("pos") == '"72.0,72.0!"'


def test_pajek_networkx(tmp_path):
    net = cm.load_dataset("ptce-sicoval-2013")
    pos = cm.layout(net, seed=0)
    path = tmp_path / "x.net"
    cm.write_pajek(net, path, positions=pos)
    G = nx.read_pajek(path)
    assert set(G) == set(net.structure_ids())
    assert G.number_of_edges() == net.number_of_links()
    assert Counter(frozenset((u, v)) | {d["l"]} for u, v, d in G.edges(data=True)) == expected_types(net)
    xs = [G.nodes[v]["x"] for v in G]
    ys = [G.nodes[v]["y"] for v in G]
    assert min(xs) >= 0 and max(max(xs), max(ys)) == pytest.approx(1.0) and min(ys) >= 0
    # the rescaling is one translation and one scale: relative distances are kept
    ids = net.structure_ids()
    d_pos = math.dist(pos[ids[0]], pos[ids[1]]) / math.dist(pos[ids[0]], pos[ids[2]])
    d_net = math.dist(*((G.nodes[i]["x"], G.nodes[i]["y"]) for i in ids[:2])) / math.dist(
        *((G.nodes[i]["x"], G.nodes[i]["y"]) for i in (ids[0], ids[2]))
    )
    assert d_net == pytest.approx(d_pos, rel=1e-4)
    D = cm.from_networkx(nx.DiGraph([("u", "v"), ("v", "u")]))
    cm.write_pajek(D, tmp_path / "d.net")
    H = nx.read_pajek(tmp_path / "d.net")
    assert H.is_directed() and H.number_of_edges() == 2


def test_atomic_and_errors(tmp_path):
    net = cm.load_dataset("karate")
    target = tmp_path / "keep.graphml"
    target.write_text("old")
    with pytest.raises(ValueError):
        cm.write_gexf(net, tmp_path / "no" / "such" / "dir.gexf")
    with pytest.raises(ValueError, match="position"):
        cm.write_gexf(net, target, positions={"0": (0, 0)})
    assert target.read_text() == "old"  # an error leaves the old file
    cm.write_graphml(net, target)
    assert target.read_text().startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.graphml"]


def test_mixed_network_exports_say_which_links_are_two_way(tmp_path):
    """A mixed network (two-way "share", directed "sub"): each format marks the two-way
    links as such. Expected by hand: links a-b share, b-c share, a->c sub, c->d sub."""
    import xml.etree.ElementTree as ET

    net = cm.Network()
    for s in "abcd":
        net.add_structure(s)
    net.set_link_type("sub", directed=True)
    for u, v, t in (("a", "b", "share"), ("b", "c", "share"), ("a", "c", "sub"), ("c", "d", "sub")):
        net.add_link(u, v, type=t)
    assert net.mixed and net.number_of_links() == 4 and net.number_of_arcs() == 2
    cm.write_gexf(net, tmp_path / "m.gexf")
    root = ET.parse(tmp_path / "m.gexf").getroot()
    ns = {"g": "http://gexf.net/1.3"}
    assert root.find("g:graph", ns).get("defaultedgetype") == "directed"
    kinds = sorted((e.get("source"), e.get("target"), e.get("type")) for e in root.iter("{http://gexf.net/1.3}edge"))
    assert kinds == [("a", "b", "undirected"), ("a", "c", "directed"), ("b", "c", "undirected"), ("c", "d", "directed")]
    cm.write_graphml(net, tmp_path / "m.graphml")
    gml = ET.parse(tmp_path / "m.graphml").getroot()
    flags = sorted((e.get("source"), e.get("target"), e.get("directed"))
                   for e in gml.iter("{http://graphml.graphdrawing.org/xmlns}edge"))
    assert flags == [("a", "b", "false"), ("a", "c", "true"), ("b", "c", "false"), ("c", "d", "true")]
    cm.write_pajek(net, tmp_path / "m.net")
    text = (tmp_path / "m.net").read_text()
    edges, arcs = text.split("*Edges\n")[1].split("*Arcs\n")
    assert edges.count("\n") == 2 and arcs.count("\n") == 2
    cm.write_dot(net, tmp_path / "m.dot")
    assert (tmp_path / "m.dot").read_text().count('dir="none"') == 2
    G = net.to_networkx()  # as networkx's to_directed: a two-way link is both arcs
    assert G.is_directed() and G.graph["mixed"] and G.number_of_edges() == 6
