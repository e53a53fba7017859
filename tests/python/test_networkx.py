"""Conversions to and from networkx (python/coopmap/_networkx.py)."""
from __future__ import annotations

import math

import networkx as nx
import pytest

import coopmap as cm
from conftest import DATASETS, link_multiset, typed_records


def load(name: str, directed: bool = False) -> cm.Network:
    folder = DATASETS / name
    return cm.read_csv(folder / "structures.csv", folder / "links.csv", directed=directed)


# ---- the classic datasets against networkx's own copies --------------------------------------


def test_karate_matches_networkx():
    G = load("karate").to_networkx()
    K = nx.karate_club_graph()
    assert type(G) is nx.Graph  # no multiplex pair
    assert G.number_of_nodes() == K.number_of_nodes() == 34
    assert G.number_of_edges() == K.number_of_edges()
    mapping = {i: f"n{i}" for i in K}
    assert set(G) == set(mapping.values())
    for u, v, d in K.edges(data=True):
        a, b = mapping[u], mapping[v]
        assert G.has_edge(a, b), (u, v)
        assert G[a][b]["weight"] == d["weight"], (u, v)
    for i, d in K.nodes(data=True):
        assert G.nodes[mapping[i]]["club"] == d["club"], i
        assert G.nodes[mapping[i]]["node"] == i + 1  # Zachary's 1-based member number (README)


def test_florentine_matches_networkx_plus_pucci():
    net = load("florentine")
    G = net.to_networkx()
    F = nx.florentine_families_graph()
    assert type(G) is nx.Graph
    names = {sid: G.nodes[sid]["name"] for sid in G}
    ours = {frozenset((names[u], names[v])) for u, v in G.edges()}
    theirs = {frozenset(e) for e in F.edges()}
    assert ours == theirs
    assert set(names.values()) == set(F) | {"Pucci"}
    pucci = [sid for sid, n in names.items() if n == "Pucci"]
    assert len(pucci) == 1 and G.degree(pucci[0]) == 0  # the isolate networkx drops
    assert G.nodes[pucci[0]]["in_networkx"] is False
    assert all(G.nodes[s]["in_networkx"] is True for s in G if s != pucci[0])
    assert {d["type"] for _, _, d in G.edges(data=True)} == {"marriage"}


# ---- graph classes ------------------------------------------------------------------------


def _net(directed: bool, links) -> cm.Network:
    n = cm.Network(directed=directed)
    for sid in "abc":
        n.add_structure(sid)
    for s, t, ty in links:
        n.add_link(s, t, type=ty)
    return n


@pytest.mark.parametrize("directed,links,cls", [
    (False, [("a", "b", "x"), ("b", "c", "x")], nx.Graph),
    (False, [("a", "b", "x"), ("a", "b", "y")], nx.MultiGraph),
    (False, [("a", "b", "x"), ("b", "a", "x")], nx.MultiGraph),  # undirected: the same pair twice
    (True, [("a", "b", "x"), ("b", "a", "x")], nx.DiGraph),  # directed: two different arcs
    (True, [("a", "b", "x"), ("a", "b", "y")], nx.MultiDiGraph),
    (False, [], nx.Graph),
    (True, [], nx.DiGraph),
])
def test_graph_class_follows_direction_and_multiplexity(directed, links, cls):
    G = _net(directed, links).to_networkx()
    assert type(G) is cls
    assert G.number_of_nodes() == 3
    assert G.number_of_edges() == len(links)


def test_multigraph_keys_are_link_types():
    n = _net(False, [("a", "b", "x"), ("b", "a", "y"), ("a", "b", "x"), ("b", "c", "z")])
    G = n.to_networkx()
    assert type(G) is nx.MultiGraph
    assert sorted(G["a"]["b"]) == ["x", "x#2", "y"]  # a repeated type gets "#2"
    assert {k: d["type"] for k, d in G["a"]["b"].items()} == {"x": "x", "x#2": "x", "y": "y"}
    assert list(G["b"]["c"]) == ["z"]


def test_attributes_and_link_fields_are_kept():
    n = cm.Network()
    n.add_structure("ies", name="IéS", aliases=["IES", "Initiatives"], legal_family="scic", ess=True, members=120,
                    share=0.25)
    n.add_structure("bge", name="BGE")
    n.add_link("ies", "bge", type="shared_premises", weight=2.5, start="2012-08-21", end="2013", status="confirmed",
               basis="report", level=2)
    G = n.to_networkx()
    assert G.nodes["ies"] == {"name": "IéS", "aliases": ["IES", "Initiatives"], "legal_family": "scic", "ess": True,
                              "members": 120, "share": 0.25}
    assert G.nodes["bge"] == {"name": "BGE"}
    assert G["ies"]["bge"] == {"type": "shared_premises", "weight": 2.5, "start": "2012-08-21", "end": "2013",
                               "status": "confirmed", "basis": "report", "level": 2}
    n2 = cm.Network()
    n2.add_structure("a")
    n2.add_structure("b")
    n2.add_link("a", "b")
    # unset start/end/status are left out rather than stored as None
    assert n2.to_networkx()["a"]["b"] == {"type": "cooperation", "weight": 1.0}


# ---- round trips net -> networkx -> net ------------------------------------------------------


def _assert_lossless(net: cm.Network, back: cm.Network):
    assert back.directed == net.directed
    assert back.structure_ids() == net.structure_ids()
    assert typed_records(back.structures()) == typed_records(net.structures())
    assert link_multiset(back.links(), net.directed) == link_multiset(net.links(), net.directed)


@pytest.mark.parametrize("name", ["ptce-sicoval-2013", "karate", "florentine"])
@pytest.mark.parametrize("directed", [False, True])
def test_round_trip_datasets(name, directed):
    net = load(name, directed=directed)
    _assert_lossless(net, cm.from_networkx(net.to_networkx()))


def test_round_trip_hand_built_multiplex():
    for directed in (False, True):
        n = cm.Network(directed=directed)
        n.add_structure("a", name="Alpha", aliases=["A"], flag=False, code="01234", x=1.0)
        n.add_structure("b", name="Beta", n=3)
        n.add_structure("c")
        n.add_link("a", "b", type="x", weight=2.0, status="confirmed")
        n.add_link("b", "a", type="x", weight=3.0, start="2013-03")
        n.add_link("a", "b", type="x#2", weight=0.5)  # a type that looks like a multigraph key suffix
        n.add_link("a", "b", type="y", note="n")
        n.add_link("c", "a", type="cooperation")
        _assert_lossless(n, cm.from_networkx(n.to_networkx()))


# ---- from_networkx --------------------------------------------------------------------------


def test_from_networkx_int_keys_become_str_ids():
    G = nx.path_graph(4)
    G.nodes[0]["label"] = "start"
    G.edges[1, 2]["weight"] = 3
    net = cm.from_networkx(G)
    assert net.structure_ids() == ["0", "1", "2", "3"]
    assert net.directed is False
    assert net.structure("0") == {"name": "0", "label": "start"}
    got = {frozenset((l["source"], l["target"])): l for l in net.links()}
    assert set(got) == {frozenset(("0", "1")), frozenset(("1", "2")), frozenset(("2", "3"))}
    assert got[frozenset(("1", "2"))]["weight"] == 3.0
    # defaults: type "cooperation", weight 1
    assert got[frozenset(("0", "1"))]["type"] == "cooperation" and got[frozenset(("0", "1"))]["weight"] == 1.0


def test_from_networkx_directed_and_override():
    D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    net = cm.from_networkx(D)
    assert net.directed and net.number_of_links() == 3
    assert net.has_link("b", "a") and not net.has_link("c", "b")
    U = nx.Graph([("a", "b")])
    assert cm.from_networkx(U, directed=True).directed is True
    assert cm.from_networkx(D, directed=False).directed is False


def test_from_networkx_multigraph_types_from_keys():
    M = nx.MultiGraph()
    M.add_edge("a", "b", key="joint_project", weight=2)
    M.add_edge("a", "b", key="joint_project#2")
    M.add_edge("a", "b", key=0)  # int key: not a type
    M.add_edge("a", "b", key="ignored", type="referral")  # an explicit type wins
    net = cm.from_networkx(M)
    assert sorted(l["type"] for l in net.links()) == sorted(
        ["joint_project", "cooperation", "cooperation", "referral"])


def test_from_networkx_names_and_aliases():
    G = nx.Graph()
    G.add_node("ies", name="IéS", aliases=["IES", "Initiatives"], ess=True, missing=None)
    G.add_node("bge", name="BGE", aliases="Boutique de Gestion")
    G.add_edge("ies", "bge")
    net = cm.from_networkx(G)
    assert net.structure("IES") == {"name": "IéS", "aliases": ["IES", "Initiatives"], "ess": True}
    assert net.resolve("Boutique de Gestion") == "bge"


def test_from_networkx_self_loop_raises():
    G = nx.Graph([("a", "b")])
    G.add_edge("a", "a")
    with pytest.raises(ValueError):
        cm.from_networkx(G)


@pytest.mark.parametrize("weight", [0, -1, -0.5, math.nan, math.inf, "heavy", None])
def test_from_networkx_bad_weight_raises(weight):
    G = nx.Graph()
    G.add_edge("a", "b", weight=weight)
    with pytest.raises(ValueError):
        cm.from_networkx(G)


def test_from_networkx_non_scalar_attribute_raises():
    G = nx.Graph()
    G.add_node("a", tags=["x", "y"])
    with pytest.raises(ValueError, match="tags"):
        cm.from_networkx(G)
    H = nx.Graph()
    H.add_edge("a", "b", tags={"x": 1})
    with pytest.raises(ValueError, match="tags"):
        cm.from_networkx(H)


def test_from_networkx_colliding_keys_raise():
    G = nx.Graph()
    G.add_nodes_from([1, "1"])
    with pytest.raises(ValueError):
        cm.from_networkx(G)


@pytest.mark.parametrize("where,attr", [("node", "id"), ("edge", "source"), ("edge", "target"),
                                        ("edge", "directed")])
def test_from_networkx_attribute_named_like_a_parameter(where, attr):
    # "other attributes become typed attributes": an attribute named like a parameter of
    # add_structure/add_link (common in graphs read from GML/GraphML or survey tools) must
    # either be kept or be refused with a ValueError naming it, never crash with a TypeError
    # nor corrupt the ids.
    G = nx.Graph()
    G.add_node("a")
    G.add_node("b")
    G.add_edge("a", "b")
    if where == "node":
        G.nodes["a"][attr] = "survey-7"
    else:
        G.edges["a", "b"][attr] = "survey-7"
    try:
        net = cm.from_networkx(G)
    except ValueError as e:
        assert attr in str(e)
        return
    assert [r["id"] for r in net.structures()] == ["a", "b"]
    assert {(l["source"], l["target"]) for l in net.links()} <= {("a", "b"), ("b", "a")}
