"""Network.to_igraph / cm.from_igraph against python-igraph itself: igraph computes the
reference values (betweenness, degree) on the graphs coopmap hands it, and on igraph's
own Zachary graph read back; round trips keep every record."""

from __future__ import annotations

import sys

import pytest

import coopmap as cm
from conftest import link_multiset, typed_records

igraph = pytest.importorskip("igraph", reason="python-igraph comes with requirements-dev.txt")


def test_igraph_computes_on_our_karate_what_coopmap_computes() -> None:
    net = cm.load_dataset("karate")
    g = net.to_igraph()
    assert (g.vcount(), g.ecount(), g.is_directed()) == (34, 78, False)
    assert g.vs["name"] == net.structure_ids()
    ours = cm.betweenness(net)
    assert dict(zip(g.vs["name"], g.betweenness())) == pytest.approx(ours)
    assert dict(zip(g.vs["name"], g.degree())) == cm.degree(net)


def test_from_igraph_reads_igraphs_own_zachary() -> None:
    g = igraph.Graph.Famous("Zachary")  # no vertex names: ids are the indices as text
    net = cm.from_igraph(g)
    assert net.structure_ids() == [str(i) for i in range(34)]
    assert cm.betweenness(net) == pytest.approx({str(i): b for i, b in enumerate(g.betweenness())})
    ours = cm.louvain(net, seed=1)
    # igraph scores our partition: the same modularity
    assert ours.modularity == pytest.approx(g.modularity([ours.membership[str(i)] for i in range(34)]))
    # the maximum modularity of Zachary's club is 0.4198 (Brandes et al., IEEE TKDE 20(2), 2008):
    # Louvain reaches it or comes within 0.01 (igraph's own Louvain is randomised, not compared)
    assert 0.41 <= ours.modularity <= 0.41979


def test_directed_and_mixed() -> None:
    net = cm.Network(directed=False)
    for s in "abc":
        net.add_structure(s)
    net.set_link_type("subcontracting", directed=True)
    net.add_link("a", "b", type="joint")
    net.add_link("b", "c", type="subcontracting")
    g = net.to_igraph()
    # a mixed network: directed, the two-way link as two arcs (as to_networkx)
    assert g.is_directed() and g["mixed"] is True
    assert sorted((g.vs[e.source]["name"], g.vs[e.target]["name"], e["type"]) for e in g.es) == [
        ("a", "b", "joint"),
        ("b", "a", "joint"),
        ("b", "c", "subcontracting"),
    ]


@pytest.mark.parametrize("directed", [False, True])
def test_round_trip_keeps_every_record(directed: bool) -> None:
    n = cm.Network(directed=directed)
    n.add_structure("a", name="Alpha", aliases=["A"], flag=False, code="01234", x=1.0)
    n.add_structure("b", name="Beta", n=3)
    n.add_structure("c")
    n.add_link("a", "b", type="x", weight=2.0, status="confirmed")
    n.add_link("b", "a", type="x", weight=3.0, start="2013-03", end="2014")
    n.add_link("a", "b", type="y", note="n")
    n.add_link("c", "a")
    n.set_graph_attribute("source", "hand-built")
    back = cm.from_igraph(n.to_igraph())
    assert back.directed == directed
    assert typed_records(back.structures()) == typed_records(n.structures())
    assert link_multiset(back.links(), directed) == link_multiset(n.links(), directed)
    assert back.graph_attribute("source") == "hand-built"


def test_bad_input_is_refused_clearly() -> None:
    with pytest.raises(TypeError, match="expected an igraph Graph"):
        cm.from_igraph({"a": "b"})
    g = igraph.Graph(n=2)
    g.vs["name"] = ["x", "x"]
    with pytest.raises(ValueError, match="vertices 0 and 1 have the same name 'x'"):
        cm.from_igraph(g)
    loop = igraph.Graph(n=1, edges=[(0, 0)])
    with pytest.raises(ValueError, match="self-loop"):
        cm.from_igraph(loop)
    w = igraph.Graph(n=2, edges=[(0, 1)])
    w.es["weight"] = ["heavy"]
    with pytest.raises(ValueError, match="weight 'heavy' is not a number"):
        cm.from_igraph(w)


def test_a_clear_message_without_igraph(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "igraph", None)  # import igraph now raises ImportError
    with pytest.raises(ImportError, match=r"pip install 'coopmap\[igraph\]'"):
        cm.load_dataset("karate").to_igraph()
