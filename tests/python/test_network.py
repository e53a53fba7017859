"""The model (include/coopmap/network.hpp, python/src/bind_network.cpp): Network,
structures, links, views and the CSR snapshot."""
from __future__ import annotations

import copy
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coopmap as cm
from conftest import DATASETS


@pytest.fixture
def net() -> cm.Network:
    """The issue's example, verbatim."""
    n = cm.Network()
    n.add_structure("ies", name="IES", legal_family="association", tenancy="permanent")
    n.add_structure("bge", name="BGE", tenancy="part-time")
    n.add_link("ies", "bge", type="shared_premises", weight=2.0)
    return n


def snapshot(n: cm.Network):
    """Everything observable about a network, to check that a failed call changed nothing."""
    return (n.directed, n.structure_ids(), n.structures(), n.links(), n.link_types())


# ---- the issue's contract ------------------------------------------------------------------


def test_issue_example(net):
    assert len(net) == 2
    assert net.number_of_structures() == 2
    assert net.number_of_links() == 1
    assert net.structure_ids() == ["ies", "bge"]
    assert list(net) == ["ies", "bge"]
    assert net.structure("ies") == {"name": "IES", "legal_family": "association", "tenancy": "permanent"}
    assert net.structure("bge") == {"name": "BGE", "tenancy": "part-time"}
    assert net.links() == [
        {"source": "ies", "target": "bge", "type": "shared_premises", "weight": 2.0,
         "start": None, "end": None, "status": None}
    ]
    assert net.link_types() == ["shared_premises"]


def test_default_is_undirected_and_directed_flag():
    assert cm.Network().directed is False
    assert cm.Network().is_directed() is False
    d = cm.Network(directed=True)
    assert d.directed is True and d.is_directed() is True
    assert len(d) == 0 and d.number_of_links() == 0 and d.structure_ids() == []


def test_name_defaults_to_id_and_insertion_order_is_kept():
    n = cm.Network()
    for sid in ["zeta", "alpha", "mu"]:
        n.add_structure(sid)
    assert n.structure_ids() == ["zeta", "alpha", "mu"]  # insertion order, not sorted
    assert n.structure("alpha") == {"name": "alpha"}


def test_add_link_returns_index_and_defaults(net):
    net.add_structure("x")
    k = net.add_link("ies", "x")
    assert k == 1  # the second link
    rec = net.links()[1]
    assert rec["type"] == "cooperation" and rec["weight"] == 1.0 and type(rec["weight"]) is float
    assert rec["start"] is None and rec["end"] is None and rec["status"] is None


@pytest.mark.parametrize("source,target", [("ies", "nope"), ("nope", "bge"), ("nope", "nada")])
def test_add_link_unknown_structure_raises_keyerror_and_changes_nothing(net, source, target):
    before = snapshot(net)
    with pytest.raises(KeyError) as ei:
        net.add_link(source, target, type="new_type", status="confirmed")
    assert isinstance(ei.value, cm.NotFoundError)
    assert "nope" in str(ei.value) or "nada" in str(ei.value)
    assert snapshot(net) == before
    assert "nope" not in net  # never a silent creation


def test_duplicate_and_empty_ids_raise_valueerror(net):
    before = snapshot(net)
    with pytest.raises(ValueError):
        net.add_structure("ies")
    with pytest.raises(ValueError):
        net.add_structure("")
    with pytest.raises(cm.InputError):
        net.add_structure("bge", name="Other BGE")
    assert snapshot(net) == before


def test_id_clashing_with_an_alias_raises():
    n = cm.Network()
    n.add_structure("ies", aliases=["IES"])
    with pytest.raises(ValueError):
        n.add_structure("IES")  # already an alias of ies
    with pytest.raises(ValueError):
        n.add_structure("other", aliases=["IES"])  # alias already in use
    with pytest.raises(ValueError):
        n.add_structure("other2", aliases=["ies"])  # alias equal to another id
    with pytest.raises(ValueError):
        n.add_structure("other3", aliases=["a|b"])  # '|' is the alias separator in CSV
    assert n.structure_ids() == ["ies"]


@pytest.mark.parametrize("bad_id", [None, 3, b"ies"])
def test_non_str_id_is_rejected(bad_id):
    n = cm.Network()
    with pytest.raises((TypeError, ValueError)):
        n.add_structure(bad_id)
    assert len(n) == 0


# ---- aliases -------------------------------------------------------------------------------


@pytest.fixture
def aliased() -> cm.Network:
    n = cm.Network()
    n.add_structure("ies", name="IES", aliases=["IéS", "Initiatives pour une Économie Solidaire"])
    n.add_structure("bge", name="BGE", aliases="Boutique de Gestion")  # a single str is one alias
    return n


def test_alias_lookup(aliased):
    assert aliased.structure("IéS") == {
        "name": "IES", "aliases": ["IéS", "Initiatives pour une Économie Solidaire"]}
    assert aliased.structure("Boutique de Gestion")["aliases"] == ["Boutique de Gestion"]
    assert aliased.resolve("Initiatives pour une Économie Solidaire") == "ies"
    assert aliased.resolve("ies") == "ies"
    assert "IéS" in aliased and "ies" in aliased and "Boutique de Gestion" in aliased
    assert "IES" not in aliased  # the display name is not an alias
    assert "nope" not in aliased
    assert 42 not in aliased  # not a str: simply not there
    with pytest.raises(KeyError):
        aliased.resolve("nope")
    with pytest.raises(KeyError):
        aliased.structure("nope")


def test_add_link_through_aliases_stores_ids(aliased):
    aliased.add_link("IéS", "Boutique de Gestion", type="referral")
    assert aliased.links()[0]["source"] == "ies"
    assert aliased.links()[0]["target"] == "bge"
    assert aliased.has_link("ies", "bge") and aliased.has_link("Boutique de Gestion", "IéS")
    with pytest.raises(ValueError):
        aliased.add_link("ies", "IéS")  # same structure through an alias: a self-loop


def test_add_alias_later(aliased):
    aliased.add_alias("bge", "BGE Sud-Ouest")
    assert aliased.resolve("BGE Sud-Ouest") == "bge"
    with pytest.raises(ValueError):
        aliased.add_alias("bge", "IéS")  # used by ies
    with pytest.raises(KeyError):
        aliased.add_alias("nope", "x")


# ---- typed attributes ----------------------------------------------------------------------


def test_typed_attributes_keep_their_python_type():
    n = cm.Network()
    n.add_structure(
        "a", yes=True, no=False, count=3, neg=-12, big=2**62, ratio=2.5, whole=2.0, text="txt", empty="",
        skipped=None,
    )
    rec = n.structure("a")
    assert rec == {"name": "a", "yes": True, "no": False, "count": 3, "neg": -12, "big": 2**62,
                   "ratio": 2.5, "whole": 2.0, "text": "txt", "empty": ""}
    assert "skipped" not in rec  # None is skipped
    assert type(rec["yes"]) is bool and type(rec["no"]) is bool  # bool stays bool, not int
    assert type(rec["count"]) is int and type(rec["big"]) is int
    assert type(rec["ratio"]) is float and type(rec["whole"]) is float  # 2.0 stays a float
    assert type(rec["text"]) is str


def test_numpy_scalars_are_accepted():
    n = cm.Network()
    n.add_structure("a", i64=np.int64(7), i32=np.int32(-4), u8=np.uint8(200), f64=np.float64(0.5),
                    f32=np.float32(0.25), b=np.bool_(True), bf=np.bool_(False))
    rec = n.structure("a")
    # 0.25 and 0.5 are exact in binary, so float32 -> float is exact.
    expected = {"i64": (int, 7), "i32": (int, -4), "u8": (int, 200), "f64": (float, 0.5),
                "f32": (float, 0.25), "b": (bool, True), "bf": (bool, False)}
    for k, (t, v) in expected.items():
        assert type(rec[k]) is t, k
        assert rec[k] == v, k


def test_int_beyond_64_bits_is_rejected():
    n = cm.Network()
    with pytest.raises(ValueError):
        n.add_structure("a", huge=2**64)
    assert len(n) == 0


@pytest.mark.parametrize("value", [["x", "y"], ("x",), {"k": 1}, {1, 2}, b"bytes", object(), np.array([1, 2])],
                         ids=["list", "tuple", "dict", "set", "bytes", "object", "ndarray"])
def test_non_scalar_attribute_raises_valueerror_naming_it(value):
    n = cm.Network()
    with pytest.raises(ValueError, match="tags"):
        n.add_structure("a", tags=value)
    assert len(n) == 0
    n.add_structure("a")
    n.add_structure("b")
    with pytest.raises(ValueError, match="tags"):
        n.add_link("a", "b", tags=value)
    assert n.number_of_links() == 0


def test_set_attribute_and_name():
    n = cm.Network()
    n.add_structure("a", aliases=["A1"], x=1)
    n.set_attribute("A1", "x", 2.5)  # through an alias
    n.set_attribute("a", "flag", True)
    assert n.structure("a") == {"name": "a", "aliases": ["A1"], "x": 2.5, "flag": True}
    n.set_attribute("a", "x", None)  # None removes
    assert "x" not in n.structure("a")
    n.set_attribute("a", "name", "Alpha")
    assert n.structure("a")["name"] == "Alpha"
    n.set_name("a", "Alpha 2")
    assert n.structure("a")["name"] == "Alpha 2"
    with pytest.raises(KeyError):
        n.set_attribute("nope", "x", 1)
    with pytest.raises(ValueError, match="tags"):
        n.set_attribute("a", "tags", [1])


def test_link_attributes_and_set_link_attribute(net):
    net.add_structure("c")
    k = net.add_link("ies", "c", type="referral", basis="report", level=2, share=0.5, illustrative=True)
    rec = net.links()[k]
    assert rec["basis"] == "report" and type(rec["level"]) is int and rec["level"] == 2
    assert rec["share"] == 0.5 and rec["illustrative"] is True
    net.set_link_attribute(k, "level", 3)
    assert net.links()[k]["level"] == 3
    with pytest.raises(KeyError):
        net.set_link_attribute(99, "level", 3)


# ---- link validation -----------------------------------------------------------------------


@pytest.mark.parametrize("weight", [0.0, 0, -1.0, -1e-300, math.nan, math.inf, -math.inf, np.float64("nan")],
                         ids=["0.0", "0", "-1", "tiny-negative", "nan", "inf", "-inf", "np-nan"])
def test_bad_weight_raises_valueerror(net, weight):
    before = snapshot(net)
    with pytest.raises(ValueError):
        net.add_link("ies", "bge", weight=weight)
    assert snapshot(net) == before


def test_good_weights(net):
    net.add_link("ies", "bge", type="a", weight=3)  # int accepted, stored as float
    net.add_link("ies", "bge", type="b", weight=np.float64(0.25))
    net.add_link("ies", "bge", type="c", weight=1e-300)  # tiny but > 0
    w = [l["weight"] for l in net.links()[1:]]
    assert w == [3.0, 0.25, 1e-300]
    assert all(type(x) is float for x in w)


def test_self_loop_raises_valueerror(net):
    before = snapshot(net)
    with pytest.raises(ValueError):
        net.add_link("ies", "ies")
    assert snapshot(net) == before
    d = cm.Network(directed=True)
    d.add_structure("a")
    with pytest.raises(ValueError):
        d.add_link("a", "a")


@pytest.mark.parametrize("date", ["2013", "2013-03", "2013-03-05", "2012-02-29", "2000-02-29", "2013-12-31"])
def test_good_dates(net, date):
    net.add_link("ies", "bge", type="t", start=date, end=date)
    assert net.links()[-1]["start"] == date and net.links()[-1]["end"] == date


# 2013 is not a leap year, 1900 is not (divisible by 100 but not 400); April has 30 days.
@pytest.mark.parametrize("date", ["2013-02-29", "1900-02-29", "2013-04-31", "2013-13", "2013-00", "2013-03-32",
                                  "2013-03-00", "2013-3-5", "05/03/2013", "2013/03/05", "13", "abcd",
                                  "2013-03-05T10:00", " 2013"])
@pytest.mark.parametrize("field", ["start", "end"])
def test_bad_date_raises_valueerror(net, date, field):
    before = snapshot(net)
    with pytest.raises(ValueError):
        net.add_link("ies", "bge", **{field: date})
    assert snapshot(net) == before


def test_end_before_start_raises(net):
    before = snapshot(net)
    with pytest.raises(ValueError):
        net.add_link("ies", "bge", start="2013-03-05", end="2013-03-04")
    with pytest.raises(ValueError):
        net.add_link("ies", "bge", start="2013-03", end="2012-12-31")
    assert snapshot(net) == before
    net.add_link("ies", "bge", start="2013-03-05", end="2013-03-05")  # same day is fine
    assert net.number_of_links() == 2


def test_start_end_status_in_records(net):
    net.add_link("bge", "ies", type="joint_project", start="2012-02-24", end="2013-03", status="confirmed")
    rec = net.links()[-1]
    assert rec == {"source": "bge", "target": "ies", "type": "joint_project", "weight": 1.0,
                   "start": "2012-02-24", "end": "2013-03", "status": "confirmed"}


# ---- multiplex, removal, queries -----------------------------------------------------------


def test_multiplex_links(net):
    net.add_link("bge", "ies", type="joint_project")
    net.add_link("ies", "bge", type="shared_premises", weight=1.0)  # same type twice is allowed
    assert net.number_of_links() == 3
    assert [l["type"] for l in net.links()] == ["shared_premises", "joint_project", "shared_premises"]
    assert net.link_types() == ["shared_premises", "joint_project"]  # order of first appearance
    assert net.has_link("ies", "bge", type="joint_project")
    assert net.has_link("bge", "ies", type="shared_premises")
    assert not net.has_link("ies", "bge", type="referral")
    assert net.neighbors("ies") == ["bge"]  # each partner once


def test_remove_structure_removes_incident_links_and_keeps_the_rest_right():
    n = cm.Network()
    for sid in "abcd":
        n.add_structure(sid, aliases=[sid.upper()])
    n.add_link("a", "b", type="t1")
    n.add_link("c", "d", type="t2", weight=4.0)
    n.add_link("b", "c", type="t3")
    n.add_link("d", "a", type="t4")
    assert n.remove_structure("B") == 2  # through its alias; a-b and b-c are incident
    assert n.structure_ids() == ["a", "c", "d"]
    # The surviving links still join the same structures (indices shifted underneath).
    assert [(l["source"], l["target"], l["type"], l["weight"]) for l in n.links()] == [
        ("c", "d", "t2", 4.0), ("d", "a", "t4", 1.0)]
    assert "b" not in n and "B" not in n
    assert n.resolve("C") == "c" and n.resolve("D") == "d"
    assert n.neighbors("a") == ["d"]
    with pytest.raises(KeyError):
        n.remove_structure("b")
    n.add_structure("b")  # the id is free again
    assert n.structure_ids() == ["a", "c", "d", "b"]


def test_remove_link_undirected():
    n = cm.Network()
    for sid in "abc":
        n.add_structure(sid)
    n.add_link("a", "b", type="x")
    n.add_link("b", "a", type="y")
    n.add_link("a", "b", type="x")
    n.add_link("a", "c", type="x")
    with pytest.raises(KeyError):
        n.remove_link("b", "c")
    with pytest.raises(KeyError):
        n.remove_link("a", "b", type="zzz")
    with pytest.raises(KeyError):
        n.remove_link("a", "nope")
    assert n.number_of_links() == 4
    assert n.remove_link("b", "a", type="x") == 2  # undirected: either orientation
    assert [(l["source"], l["target"], l["type"]) for l in n.links()] == [("b", "a", "y"), ("a", "c", "x")]
    assert n.remove_link("a", "b") == 1
    assert not n.has_link("a", "b")
    with pytest.raises(KeyError):
        n.remove_link("a", "b")


def test_directed_links_have_an_orientation():
    d = cm.Network(directed=True)
    for sid in "abc":
        d.add_structure(sid)
    d.add_link("a", "b")
    d.add_link("c", "a")
    assert d.has_link("a", "b") and not d.has_link("b", "a")
    assert d.neighbors("a") == ["b", "c"]  # every partner, whatever the direction
    assert d.successors("a") == ["b"] and d.predecessors("a") == ["c"]
    assert d.neighbors("b") == ["a"] and d.successors("b") == []
    assert d.neighbors("c") == ["a"] and d.successors("c") == ["a"] and d.predecessors("c") == []
    with pytest.raises(KeyError):
        d.remove_link("b", "a")
    assert d.remove_link("a", "b") == 1


def test_has_link_with_unknown_structure_is_false(net):
    assert net.has_link("ies", "bge")
    assert net.has_link("bge", "ies")  # undirected
    assert not net.has_link("ies", "nope")
    assert not net.has_link("nope", "ies")


def test_neighbors_match_networkx():
    n = cm.Network()
    G = nx.Graph()
    for sid in "abcdef":
        n.add_structure(sid)
        G.add_node(sid)
    for s, t in [("a", "b"), ("c", "a"), ("a", "d"), ("b", "c"), ("d", "a"), ("e", "b")]:
        n.add_link(s, t)
        G.add_edge(s, t)
    for sid in "abcdef":
        got = n.neighbors(sid)
        assert len(got) == len(set(got))
        assert set(got) == set(G.neighbors(sid))
    with pytest.raises(KeyError):
        n.neighbors("nope")


def test_records_load_into_pandas(net):
    s = pd.DataFrame(net.structures())
    assert list(s["id"]) == ["ies", "bge"]
    assert list(s["name"]) == ["IES", "BGE"]
    assert s.set_index("id").loc["ies", "legal_family"] == "association"
    assert pd.isna(s.set_index("id").loc["bge", "legal_family"])  # absent attribute -> NaN
    l = pd.DataFrame(net.links())
    assert {"source", "target", "type", "weight", "start", "end", "status"} <= set(l.columns)
    assert l.loc[0, "weight"] == 2.0 and l.loc[0, "type"] == "shared_premises"
    assert net.structures()[0] == {"id": "ies", "name": "IES", "legal_family": "association", "tenancy": "permanent"}


# ---- views ---------------------------------------------------------------------------------


@pytest.fixture
def views() -> cm.Network:
    n = cm.Network()
    n.add_structure("a", legal_family="association", size=10)
    n.add_structure("b", legal_family="scop", size=3, aliases=["B"])
    n.add_structure("c", legal_family="association", size=10.0)
    n.add_structure("d")
    n.add_link("a", "b", type="x", status="confirmed", start="2013-01-01", end="2013-06-30", basis="report", level=1)
    n.add_link("b", "c", type="y", status="unconfirmed", start="2013-07-01", basis="synthetic", level=2)
    n.add_link("a", "c", type="x", basis="report", level=1.0)
    n.add_link("c", "d", type="z", status="confirmed", start="2013", end="2013")
    return n


def pairs(n: cm.Network) -> list[tuple[str, str]]:
    return [(l["source"], l["target"]) for l in n.links()]


def test_filter_links_by_type(views):
    f = views.filter_links(type="x")
    assert pairs(f) == [("a", "b"), ("a", "c")]
    assert f.structure_ids() == ["a", "b", "c", "d"]  # every structure kept
    assert f.structure("b") == views.structure("b")  # with its attributes and aliases
    assert pairs(views.filter_links(type=["y", "z"])) == [("b", "c"), ("c", "d")]
    with pytest.raises(ValueError, match=r"'nope' \(known: "):  # a typo is named, never an empty network
        views.filter_links(type="nope")
    assert views.number_of_links() == 4  # the original is untouched


def test_filter_links_by_status(views):
    assert pairs(views.filter_links(status="confirmed")) == [("a", "b"), ("c", "d")]
    # a link without a status matches no status condition
    assert pairs(views.filter_links(status=["confirmed", "unconfirmed"])) == [("a", "b"), ("b", "c"), ("c", "d")]
    with pytest.raises(ValueError, match=r"status 'confirmd' \(known: confirmed"):
        views.filter_links(status="confirmd")
    # a misspelt keyword is an attribute no link has: named with the filter's own keywords
    with pytest.raises(ValueError, match=r"attribute 'typ' \(known: type,"):
        views.filter_links(typ="x")


@pytest.mark.parametrize("day,expected", [
    # a-b: 2013-01-01..2013-06-30; b-c: from 2013-07-01; a-c: no dates (always); c-d: the year 2013
    ("2012-12-31", [("a", "c")]),
    ("2013-01-01", [("a", "b"), ("a", "c"), ("c", "d")]),  # bounds are inclusive
    ("2013-03-05", [("a", "b"), ("a", "c"), ("c", "d")]),
    ("2013-06-30", [("a", "b"), ("a", "c"), ("c", "d")]),
    ("2013-07-01", [("b", "c"), ("a", "c"), ("c", "d")]),
    ("2014-02-01", [("b", "c"), ("a", "c")]),
])
def test_filter_links_active_on(views, day, expected):
    assert sorted(pairs(views.filter_links(active_on=day))) == sorted(expected)


def test_filter_links_bad_active_on(views):
    with pytest.raises(ValueError):
        views.filter_links(active_on="05/03/2013")


def test_filter_links_by_attributes(views):
    assert pairs(views.filter_links(basis="report")) == [("a", "b"), ("a", "c")]
    assert pairs(views.filter_links(level=1)) == [("a", "b"), ("a", "c")]  # 1 == 1.0
    assert pairs(views.filter_links(level=2.0)) == [("b", "c")]
    assert pairs(views.filter_links(type="x", basis="synthetic")) == []  # conditions combine
    assert pairs(views.filter_links(type="y", status="unconfirmed", active_on="2013-08-01")) == [("b", "c")]


def test_filter_structures(views):
    f = views.filter_structures(legal_family="association")
    assert f.structure_ids() == ["a", "c"]
    assert pairs(f) == [("a", "c")]  # only the links among kept structures
    assert views.filter_structures(size=10).structure_ids() == ["a", "c"]  # 10 == 10.0
    g = views.filter_structures(ids=["B", "c"])  # ids or aliases
    assert g.structure_ids() == ["b", "c"] and pairs(g) == [("b", "c")]
    assert g.links()[0]["start"] == "2013-07-01" and g.links()[0]["basis"] == "synthetic"
    assert views.filter_structures(ids="a").structure_ids() == ["a"]
    assert views.filter_structures(ids=["a", "b"], legal_family="scop").structure_ids() == ["b"]
    with pytest.raises(KeyError):
        views.filter_structures(ids=["a", "nope"])
    assert len(views) == 4


def test_filters_keep_direction():
    d = cm.Network(directed=True)
    d.add_structure("a")
    d.add_structure("b")
    d.add_link("b", "a", type="x")
    assert d.filter_links(type="x").directed
    assert d.filter_structures(ids=["a", "b"]).has_link("b", "a")
    assert not d.filter_structures(ids=["a", "b"]).has_link("a", "b")


# ---- the CSR snapshot ----------------------------------------------------------------------


@pytest.fixture
def multiplex() -> cm.Network:
    n = cm.Network()
    for sid in "abcd":  # d is isolated
        n.add_structure(sid)
    n.add_link("a", "b", type="t1", weight=2.0)
    n.add_link("b", "a", type="t2", weight=3.0)
    n.add_link("a", "c", type="t1", weight=1.0)
    n.add_link("a", "b", type="t3", weight=0.5)
    return n


# Vertices a=0, b=1, c=2, d=3. Row a: [b, c]; row b: [a]; row c: [a]; row d: [].
# Pair a-b has weights 2, 3, 0.5: sum 5.5, max 3, min 0.5, count 3, binary 1. Pair a-c: 1.
@pytest.mark.parametrize("aggregate,ab,ac", [
    ("sum", 5.5, 1.0), ("max", 3.0, 1.0), ("min", 0.5, 1.0), ("count", 3.0, 1.0), ("binary", 1.0, 1.0)])
def test_simple_view_undirected_hand_csr(multiplex, aggregate, ab, ac):
    g = multiplex.simple_view(aggregate=aggregate)
    assert g.directed is False and g.n == 4 and g.number_of_edges == 2
    assert g.indptr.tolist() == [0, 2, 3, 4, 4]
    assert g.indices.tolist() == [1, 2, 0, 0]
    assert g.weights.tolist() == [ab, ac, ab, ac]
    # undirected: the in_* arrays are the same rows
    assert g.in_indptr.tolist() == g.indptr.tolist()
    assert g.in_indices.tolist() == g.indices.tolist()
    assert g.in_weights.tolist() == g.weights.tolist()


def test_simple_view_default_is_sum(multiplex):
    assert multiplex.simple_view().weights.tolist() == [5.5, 1.0, 5.5, 1.0]


def test_simple_view_unknown_aggregate(multiplex):
    with pytest.raises(ValueError):
        multiplex.simple_view(aggregate="mean")


@pytest.fixture
def directed() -> cm.Network:
    d = cm.Network(directed=True)
    for sid in "abc":
        d.add_structure(sid)
    d.add_link("a", "b", type="x", weight=1.0)
    d.add_link("a", "b", type="y", weight=2.0)
    d.add_link("b", "a", type="x", weight=4.0)
    d.add_link("b", "c", type="x", weight=1.0)
    return d


def test_simple_view_directed_hand_csr(directed):
    # a=0, b=1, c=2. Arcs: a->b (1 + 2 = 3), b->a (4), b->c (1).
    g = directed.simple_view()
    assert g.directed is True and g.n == 3 and g.number_of_edges == 3
    assert g.indptr.tolist() == [0, 1, 3, 3]
    assert g.indices.tolist() == [1, 0, 2]
    assert g.weights.tolist() == [3.0, 4.0, 1.0]
    # in-neighbours: a <- b (4); b <- a (3); c <- b (1)
    assert g.in_indptr.tolist() == [0, 1, 2, 3]
    assert g.in_indices.tolist() == [1, 0, 1]
    assert g.in_weights.tolist() == [4.0, 3.0, 1.0]
    c = directed.simple_view(aggregate="count")
    assert c.weights.tolist() == [2.0, 1.0, 1.0] and c.in_weights.tolist() == [1.0, 2.0, 1.0]


def test_simple_view_directed_made_undirected(directed):
    # a-b: 1 + 2 + 4 = 7 (both orientations merge), b-c: 1.
    g = directed.simple_view(undirected=True)
    assert g.directed is False and g.number_of_edges == 2
    assert g.indptr.tolist() == [0, 1, 3, 4]
    assert g.indices.tolist() == [1, 0, 2, 1]
    assert g.weights.tolist() == [7.0, 7.0, 1.0, 1.0]
    assert directed.simple_view(aggregate="max", undirected=True).weights.tolist() == [4.0, 4.0, 1.0, 1.0]
    assert directed.simple_view(aggregate="count", undirected=True).weights.tolist() == [3.0, 3.0, 1.0, 1.0]


def _nx_matrix(G, nodes):
    return nx.to_scipy_sparse_array(G, nodelist=nodes, weight="weight", format="csr").toarray()


def _csr_matrix(g):
    import scipy.sparse as sp

    return sp.csr_array((g.weights, g.indices, g.indptr), shape=(g.n, g.n)).toarray()


def _rows_sorted(g):
    for u in range(g.n):
        row = g.indices[g.indptr[u]:g.indptr[u + 1]].tolist()
        assert row == sorted(set(row)), u  # sorted, no parallel edges
        assert u not in row  # no self-loop


def test_simple_view_matches_networkx_on_karate():
    net = cm.read_csv(DATASETS / "karate" / "structures.csv", DATASETS / "karate" / "links.csv")
    K = nx.relabel_nodes(nx.karate_club_graph(), {i: f"n{i}" for i in range(34)})
    g = net.simple_view()
    _rows_sorted(g)
    assert g.number_of_edges == K.number_of_edges()
    np.testing.assert_array_equal(_csr_matrix(g), _nx_matrix(K, net.structure_ids()))


def test_simple_view_matches_networkx_random_multigraph():
    rng = np.random.default_rng(7)
    ids = [f"s{i}" for i in range(25)]
    for directed in (False, True):
        net = cm.Network(directed=directed)
        G = nx.DiGraph() if directed else nx.Graph()
        for sid in ids:
            net.add_structure(sid)
            G.add_node(sid)
        for _ in range(120):
            s, t = rng.choice(len(ids), size=2, replace=False)
            w = float(rng.integers(1, 5))
            net.add_link(ids[s], ids[t], weight=w)
            # the sum aggregate, accumulated by hand in networkx
            if G.has_edge(ids[s], ids[t]):
                G[ids[s]][ids[t]]["weight"] += w
            else:
                G.add_edge(ids[s], ids[t], weight=w)
        g = net.simple_view()
        _rows_sorted(g)
        assert g.number_of_edges == G.number_of_edges()
        np.testing.assert_array_equal(_csr_matrix(g), _nx_matrix(G, ids))
        if directed:
            import scipy.sparse as sp

            into = sp.csr_array((g.in_weights, g.in_indices, g.in_indptr), shape=(g.n, g.n)).toarray()
            np.testing.assert_array_equal(into, _nx_matrix(G, ids).T)


def test_simple_view_is_a_snapshot(multiplex):
    g = multiplex.simple_view()
    multiplex.add_link("c", "d")
    assert g.number_of_edges == 2 and g.indptr.tolist() == [0, 2, 3, 4, 4]
    assert "undirected" in repr(g) and "4 vertices" in repr(g)


# ---- copy, repr, exceptions ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["method", "copy", "deepcopy"])
def test_copy_is_independent(net, how):
    c = {"method": lambda n: n.copy(), "copy": copy.copy, "deepcopy": copy.deepcopy}[how](net)
    before = snapshot(net)
    assert snapshot(c) == before
    c.add_structure("x", aliases=["X"])
    c.add_link("x", "ies")
    c.set_attribute("ies", "tenancy", "gone")
    c.remove_link("ies", "bge")
    assert snapshot(net) == before
    assert "X" not in net
    net.add_structure("y")
    assert "y" not in c


def test_repr(net):
    r = repr(net)
    assert "undirected" in r and "2 structures" in r and "1 link" in r
    d = cm.Network(directed=True)
    assert "undirected" not in repr(d) and "directed" in repr(d) and "0 structures" in repr(d)


def test_exception_hierarchy():
    assert issubclass(cm.NotFoundError, KeyError) and issubclass(cm.NotFoundError, cm.Error)
    assert issubclass(cm.InputError, ValueError) and issubclass(cm.InputError, cm.Error)
    assert issubclass(cm.CsvError, ValueError) and issubclass(cm.CsvError, cm.InputError)
    assert issubclass(cm.StorageError, cm.Error)
    assert issubclass(cm.Error, Exception)
    n = cm.Network()
    with pytest.raises(cm.NotFoundError) as ei:
        n.structure("nope")
    assert ei.value.key == "nope" and "nope" in str(ei.value)
    with pytest.raises(cm.InputError):
        n.add_structure("")


def test_mixed_network_counts_each_two_way_cooperation_once():
    """Hand-derived: a-b and b-c two-way ("share"), a->c and c->a and c->d arcs ("sub")."""
    net = cm.Network()
    for s in "abcd":
        net.add_structure(s)
    net.set_link_type("sub", directed=True, label="Subcontracting", label_fr="Sous-traitance")
    for u, v, t in (("a", "b", "share"), ("b", "c", "share"), ("a", "c", "sub"), ("c", "a", "sub"), ("c", "d", "sub")):
        net.add_link(u, v, type=t)
    assert net.mixed and net.directed and net.number_of_links() == 5 and net.number_of_arcs() == 3
    assert repr(net).startswith("<coopmap.Network mixed")
    assert net.link_type("sub") == {"code": "sub", "directed": True, "label": "Subcontracting",
                                    "label_fr": "Sous-traitance"}
    assert net.link_type("share")["directed"] is False
    with pytest.raises(KeyError):
        net.link_type("shar")
    assert net.neighbors("b") == ["a", "c"]
    assert net.successors("c") == ["b", "a", "d"] and net.predecessors("c") == ["b", "a"]
    assert net.successors("d") == [] and net.predecessors("d") == ["c"]
    assert net.has_link("b", "a") and not net.has_link("d", "c")
    # degree: partners, +1 for a pair of arcs both ways without a two-way link (a, c)
    assert dict(cm.degree(net)) == {"a": 3, "b": 2, "c": 4, "d": 1}
    # CSV round trip with the link types file keeps the mixed network
    import tempfile, os
    with tempfile.TemporaryDirectory() as d:
        paths = {k: os.path.join(d, f"{k}.csv") for k in ("structures", "links", "link_types")}
        net.write_csv(**paths)
        back = cm.read_csv(paths["structures"], paths["links"], link_types=paths["link_types"])
        assert back.mixed and back.number_of_arcs() == 3
        assert back.link_type_records() == net.link_type_records()
        with open(paths["links"], "a", encoding="utf-8") as f:
            f.write("a,d,shared,1\n")
        with pytest.raises(ValueError, match=r"line 7, column 3 \(type\): unknown link type 'shared'.*known: share, sub"):
            cm.read_csv(paths["structures"], paths["links"], link_types=paths["link_types"])


@pytest.mark.parametrize("name", ["karate", "florentine", "ptce-sicoval-2013"])
def test_density_equals_networkx(name):
    import networkx as nx

    net = cm.load_dataset(name)
    G = net.to_networkx()  # a mixed network: a directed graph, two-way links as two arcs
    G = nx.DiGraph(G) if G.is_directed() else nx.Graph(G)  # parallel links count once
    assert cm.density(net) == pytest.approx(nx.density(G), abs=1e-15)
    assert math.isnan(cm.density(cm.Network()))
