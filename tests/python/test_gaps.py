"""Cross-checks of coopmap's gaps functions against networkx / igraph computed here, or
against values derived by hand in the comments."""
from __future__ import annotations

import itertools
import math
import random
from collections import defaultdict
from typing import Any

import igraph as ig
import networkx as nx
import pytest

import coopmap as cm

# ---------------------------------------------------------------- fixtures


def _weighted(G: Any, seed: int) -> Any:
    rng = random.Random(seed)
    for u, v in G.edges():
        G[u][v]["weight"] = rng.choice([0.5, 1.0, 2.0, 3.0, 4.5])
    return G


def _with_isolates(G: Any, k: int = 3) -> Any:
    G = G.copy()
    for i in range(k):
        G.add_node(f"iso{i}")
    return G


def _no_loops(G: Any) -> Any:
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    return G


def undirected_graphs() -> dict[str, Any]:
    sbm = nx.stochastic_block_model([12, 15, 9], [[0.5, 0.05, 0.02], [0.05, 0.4, 0.05], [0.02, 0.05, 0.6]], seed=3)
    return {
        "karate": cm.load_dataset("karate").to_networkx(),
        "florentine": cm.load_dataset("florentine").to_networkx(),
        "lesmis": nx.les_miserables_graph(),
        "davis": nx.davis_southern_women_graph(),
        "gnp_isolates": _with_isolates(_weighted(nx.gnp_random_graph(60, 0.08, seed=7), 1)),
        "sbm": _weighted(sbm, 2),
        "tree": nx.random_labeled_tree(40, seed=5),
    }


def directed_graphs() -> dict[str, Any]:
    return {
        "gnp_dir": _with_isolates(_weighted(nx.gnp_random_graph(50, 0.08, seed=11, directed=True), 4)),
        "scale_free": _no_loops(nx.DiGraph(nx.scale_free_graph(80, seed=2))),
    }


def multiplex_network(directed: bool) -> cm.Network:
    """A random network with parallel links of several types (and both orientations)."""
    rng = random.Random(17 if directed else 13)
    net = cm.Network(directed=directed)
    for i in range(40):
        net.add_structure(f"s{i:02d}", family=rng.choice(["assoc", "scop", "company"]))
    for _ in range(160):
        u, v = rng.sample(range(36), 2)  # s36..s39 stay isolated
        net.add_link(f"s{u:02d}", f"s{v:02d}", type=rng.choice(["project", "premises", "funding"]),
                     weight=rng.choice([1.0, 2.0, 0.5]))
    return net


def simple_nx(net: cm.Network, weighted: bool = True, undirected: bool = False) -> Any:
    """The aggregated simple networkx graph of a network: parallel links summed (weights),
    or weight 1 per connected pair / arc."""
    directed = net.directed and not undirected
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(net.structure_ids())
    two_way = {r["code"] for r in net.link_type_records() if not r["directed"]}
    for l in net.links():
        u, v, w = l["source"], l["target"], l["weight"] if weighted else 1.0
        # a two-way link of a mixed network is both arcs (networkx's to_directed)
        for a, b in ((u, v), (v, u)) if directed and l["type"] in two_way else ((u, v),):
            if G.has_edge(a, b):
                if weighted:
                    G[a][b]["weight"] += w
            else:
                G.add_edge(a, b, weight=w)
    return G


def all_networks() -> dict[str, cm.Network]:
    nets = {name: cm.from_networkx(G) for name, G in {**undirected_graphs(), **directed_graphs()}.items()}
    nets["ptce"] = cm.load_dataset("ptce-sicoval-2013")
    nets["multiplex"] = multiplex_network(False)
    nets["multiplex_dir"] = multiplex_network(True)
    return nets


NETS = all_networks()


def nx_effective_size(G: Any, v: Any, weight: str | None) -> float:
    nmw = nx.algorithms.structuralholes.normalized_mutual_weight
    partners = set(nx.all_neighbors(G, v))
    return sum(1 - sum(nmw(G, v, q, weight=weight) * nmw(G, j, q, norm=max, weight=weight) for q in partners)
               for j in partners)


def same(a: float, b: float, tol: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tol


# ---------------------------------------------------------------- Burt


@pytest.mark.parametrize("name", sorted(NETS))
@pytest.mark.parametrize("weight", ["weight", None])
def test_constraint_and_effective_size_equal_networkx(name: str, weight: str | None) -> None:
    net = NETS[name]
    G = simple_nx(net, weighted=weight is not None)
    w = "weight" if weight else None
    ref_c = nx.constraint(G, weight=w)
    # networkx's per-node code path (nodes=...) implements Burt's definition (Borgatti's
    # n - 2t/n when unweighted undirected). Its all-nodes sparse-matrix path divides
    # a_jq by max_k a_qk instead of max_k a_jk (a 1-D row-max array broadcast over
    # columns), which only coincides with the definition when all mutual weights are
    # equal (unweighted undirected): see test_effective_size_weighted_hand_derived.
    ref_e = nx.effective_size(G, nodes=list(G), weight=w)
    # That per-node path also returns NaN for directed nodes with in-ties only (it tests
    # G[v], the successors), although its all-nodes path and constraint count in-ties:
    # for those, the same sum from networkx's own normalized_mutual_weight.
    for v in G:
        if G.is_directed() and G.out_degree(v) == 0 and G.in_degree(v) > 0:
            ref_e[v] = nx_effective_size(G, v, w)
    ref_c_nodes = nx.constraint(G, nodes=[v for v in G if len(G[v])][:25], weight=w)
    c, e = cm.constraint(net, weight=weight), cm.effective_size(net, weight=weight)
    assert set(c) == set(G)
    for v in G:
        assert same(c[v], ref_c[v], 1e-9), (v, c[v], ref_c[v])
        assert same(e[v], ref_e[v], 1e-9), (v, e[v], ref_e[v])
    for v in ref_c_nodes:
        assert same(c[v], ref_c_nodes[v], 1e-9)
    if weight is None and not G.is_directed():
        ref_fast = nx.effective_size(G, weight=None)
        assert all(same(e[v], ref_fast[v], 1e-9) for v in G)
    iso = list(nx.isolates(G))
    for v in iso:
        assert math.isnan(c[v]) and math.isnan(e[v])


def test_multiplex_is_summed_like_networkx_multigraph() -> None:
    # networkx's matrix code sums parallel edges of a MultiGraph: the same aggregation.
    net = NETS["multiplex"]
    M = nx.MultiGraph()
    M.add_nodes_from(net.structure_ids())
    for l in net.links():
        M.add_edge(l["source"], l["target"], weight=l["weight"])
    ref = nx.constraint(M, weight="weight")
    got = cm.constraint(net)
    assert all(same(got[v], ref[v], 1e-9) for v in M)


@pytest.mark.parametrize("name", ["karate", "lesmis", "gnp_isolates", "gnp_dir", "multiplex_dir", "ptce"])
@pytest.mark.parametrize("weight", ["weight", None])
def test_efficiency_and_hierarchy(name: str, weight: str | None) -> None:
    net = NETS[name]
    G = simple_nx(net, weighted=weight is not None)
    w = "weight" if weight else None
    eff, hier = cm.efficiency(net, weight=weight), cm.hierarchy(net, weight=weight)
    es = nx.effective_size(G, nodes=list(G), weight=w)
    table = {r["id"]: r for r in cm.structural_holes(net, weight=weight)}
    for v in G:
        partners = set(nx.all_neighbors(G, v)) if G.is_directed() else set(G[v])
        N = len(partners)
        assert table[v]["degree"] == N
        if N == 0:
            assert math.isnan(eff[v]) and math.isnan(hier[v])
            continue
        assert same(eff[v], es[v] / N, 1e-9)
        # Burt (1992) hierarchy from networkx's dyadic (local) constraints
        cij = [nx.local_constraint(G, v, j, weight=w) for j in partners]
        C = sum(cij) / N
        ref = 0.0 if N == 1 else sum(x / C * math.log(x / C) for x in cij) / (N * math.log(N))
        assert same(hier[v], ref, 1e-9), (v, hier[v], ref)
        assert same(table[v]["hierarchy"], ref, 1e-9)
        assert same(table[v]["constraint"], nx.constraint(G, nodes=[v], weight=w)[v], 1e-9)


def test_hierarchy_hand_derived() -> None:
    # Star a-{b,c,d}: equal dyadic constraints (1/3)^2 -> hierarchy 0; constraint 3 * 1/9.
    # Leaves: one partner -> hierarchy 0 by convention, constraint 1.
    net = cm.from_networkx(nx.Graph([("a", "b"), ("a", "c"), ("a", "d")]))
    h, c = cm.hierarchy(net), cm.constraint(net)
    assert h == {"a": 0.0, "b": 0.0, "c": 0.0, "d": 0.0}
    assert c["a"] == pytest.approx(1 / 3, abs=1e-12)
    # Add b-c: c_ab = c_ac = (1/3 + 1/3 * 1/2)^2 = 1/4, c_ad = 1/9; C/N = 11/54;
    # h = (2 (27/22) ln(27/22) + (6/11) ln(6/11)) / (3 ln 3) ~ 0.0411.
    net.add_link("b", "c")
    expected = (2 * (27 / 22) * math.log(27 / 22) + (6 / 11) * math.log(6 / 11)) / (3 * math.log(3))
    assert cm.hierarchy(net)["a"] == pytest.approx(expected, abs=1e-12)


def test_effective_size_weighted_hand_derived() -> None:
    # a-b (1), a-c (2), b-c (3), c-d (1). Ego b: p_ba = 1/4, p_bc = 3/4.
    # Partner a: redundancy p_bc m_ac, m_ac = 2 / max(1, 2) = 1 -> 1 - 3/4 = 1/4.
    # Partner c: redundancy p_ba m_ca, m_ca = 2 / max(2, 3, 1) = 2/3 -> 1 - 1/6 = 5/6.
    # e_b = 1/4 + 5/6 = 13/12 (networkx with nodes=... agrees; its all-nodes matrix path
    # gives 1.25 because it divides by the max of a's row instead of c's).
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1), ("a", "c", 2), ("b", "c", 3), ("c", "d", 1)])
    e = cm.effective_size(cm.from_networkx(G))
    assert e["b"] == pytest.approx(13 / 12, abs=1e-12)
    assert e["b"] == pytest.approx(nx.effective_size(G, nodes=["b"], weight="weight")["b"], abs=1e-12)


@pytest.mark.parametrize("name", ["karate", "lesmis", "davis", "tree"])
def test_constraint_equals_igraph_unweighted(name: str) -> None:
    net = NETS[name]
    G = simple_nx(net, weighted=False)
    nodes = list(G)
    g = ig.Graph(n=len(nodes), edges=[(nodes.index(u), nodes.index(v)) for u, v in G.edges()])
    ref = g.constraint()
    got = cm.constraint(net, weight=None)
    for i, v in enumerate(nodes):
        assert same(got[v], ref[i], 1e-9)


def test_burt_public_values() -> None:
    # igraph's unit test: path P4 -> 1, 0.5, 0.5, 1; K4 -> 25/27 = 0.925926.
    p4 = cm.from_networkx(nx.path_graph(4))
    assert list(cm.constraint(p4).values()) == pytest.approx([1, 0.5, 0.5, 1], abs=1e-12)
    k4 = cm.from_networkx(nx.complete_graph(4))
    assert list(cm.constraint(k4).values()) == pytest.approx([25 / 27] * 4, abs=1e-12)


def test_weight_argument_is_checked() -> None:
    with pytest.raises(ValueError):
        cm.constraint(NETS["karate"], weight="w")


# ---------------------------------------------------------------- cut points and bridges


@pytest.mark.parametrize("name", sorted(NETS))
def test_biconnected_equal_networkx(name: str) -> None:
    net = NETS[name]
    G = simple_nx(net, weighted=False, undirected=True)
    assert set(cm.articulation_points(net)) == set(nx.articulation_points(G))
    assert {frozenset(e) for e in cm.bridges(net)} == {frozenset(e) for e in nx.bridges(G)}
    assert len(cm.bridges(net)) == len(list(nx.bridges(G)))
    comps = cm.biconnected_components(net)
    assert sorted(map(frozenset, comps), key=sorted) == sorted(map(frozenset, nx.biconnected_components(G)), key=sorted)
    ref_lb = {frozenset((u, v)): s for u, v, s in nx.local_bridges(G, with_span=True)}
    got_lb = cm.local_bridges(net)
    assert len(got_lb) == len(ref_lb)
    for u, v, s in got_lb:
        assert ref_lb[frozenset((u, v))] == s
    assert {frozenset(p) for p in cm.local_bridges(net, with_span=False)} == set(ref_lb)


def test_biconnected_hand_example() -> None:
    # Two triangles sharing c, and e-f hanging off e: cut points c, e; bridge e-f.
    G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("c", "e"), ("e", "f")])
    net = cm.from_networkx(G)
    assert cm.articulation_points(net) == ["c", "e"]
    assert cm.bridges(net) == [("e", "f")]
    assert cm.local_bridges(net) == [("e", "f", float("inf"))]


# ---------------------------------------------------------------- link prediction

NX_PREDICTORS = {
    "jaccard": nx.jaccard_coefficient,
    "adamic_adar": nx.adamic_adar_index,
    "resource_allocation": nx.resource_allocation_index,
    "preferential_attachment": nx.preferential_attachment,
}


def reference_scores(G: Any, method: str) -> dict[tuple[str, str], float]:
    out = {}
    pairs = list(nx.non_edges(G))
    if method == "common_neighbors":
        scored = ((u, v, len(list(nx.common_neighbors(G, u, v)))) for u, v in pairs)
    else:
        scored = NX_PREDICTORS[method](G, pairs)
    for u, v, s in scored:
        if s > 0:
            out[(min(u, v), max(u, v))] = s
    return out


@pytest.mark.parametrize("name", ["karate", "florentine", "lesmis", "gnp_isolates", "multiplex_dir", "ptce"])
@pytest.mark.parametrize("method", ["common_neighbors", "jaccard", "adamic_adar", "resource_allocation",
                                    "preferential_attachment"])
def test_predict_links_equal_networkx(name: str, method: str) -> None:
    net = NETS[name]
    G = simple_nx(net, weighted=False, undirected=True)
    ref = reference_scores(G, method)
    full = cm.predict_links(net, method=method, top=None)
    got = {(s.source, s.target): s.score for s in full}
    assert set(got) == set(ref)
    for p, s in ref.items():
        assert abs(got[p] - s) <= 1e-12, (p, got[p], s)
    # ordering: score descending, then source, then target
    keys = [(-s.score, s.source, s.target) for s in full]
    assert keys == sorted(keys)
    ref_order = sorted(ref, key=lambda p: (-round(ref[p], 9), p[0], p[1]))
    top = cm.predict_links(net, method=method, top=25)
    assert [(s.source, s.target) for s in top] == ref_order[:25]
    assert [(s.source, s.target) for s in top] == [(s.source, s.target) for s in full[:25]]
    for s in top:
        assert s.source < s.target
        assert s.shared == sorted(nx.common_neighbors(G, s.source, s.target))


def test_predict_links_across_attribute_and_partition() -> None:
    G = NETS["sbm"]
    net = G
    Gs = simple_nx(net, weighted=False, undirected=True)
    block = {r["id"]: r["block"] for r in net.structures()}
    ref = reference_scores(Gs, "adamic_adar")
    cross = {p: s for p, s in ref.items() if block[p[0]] != block[p[1]]}
    got = cm.predict_links(net, top=None, across="block")
    assert {(s.source, s.target) for s in got} == set(cross)
    ref_order = sorted(cross, key=lambda p: (-round(cross[p], 9), p[0], p[1]))
    top = cm.predict_links(net, top=10, across="block")
    assert [(s.source, s.target) for s in top] == ref_order[:10]
    # the same restriction given as a partition: Mapping and list of communities
    communities = defaultdict(list)
    for k, b in block.items():
        communities[b].append(k)
    for part in (block, list(communities.values())):
        again = cm.predict_links(net, top=10, across=part)
        assert [(s.source, s.target) for s in again] == ref_order[:10]
    pa = cm.predict_links(net, method="preferential_attachment", top=7, across="block")
    ref_pa = {p: s for p, s in reference_scores(Gs, "preferential_attachment").items() if block[p[0]] != block[p[1]]}
    assert [(s.source, s.target) for s in pa] == sorted(ref_pa, key=lambda p: (-ref_pa[p], p[0], p[1]))[:7]


def test_predict_links_hand_example_and_errors() -> None:
    # a-b-c-d: (a,c) via b and (b,d) via c, both partners of degree 2: Adamic-Adar 1/ln 2
    # each; tie broken by source id.
    net = cm.from_networkx(nx.path_graph(["a", "b", "c", "d"]))
    s = cm.predict_links(net)
    assert [(x.source, x.target, x.shared) for x in s] == [("a", "c", ["b"]), ("b", "d", ["c"])]
    assert s[0].score == pytest.approx(1 / math.log(2), abs=1e-12)
    assert s[0].as_dict() == {"source": "a", "target": "c", "score": s[0].score, "shared": ["b"]}
    assert cm.predict_links(net, top=0) == []
    with pytest.raises(ValueError):
        cm.predict_links(net, method="katz")
    with pytest.raises(ValueError):
        cm.predict_links(net, top=-1)
    with pytest.raises(ValueError):
        cm.predict_links(net, across="nope")
    # preferential attachment listing every pair of 10,001 linked structures (5 * 10^7
    # pairs) is refused; with a top it is fine.
    big = cm.from_networkx(nx.path_graph(10_001))
    with pytest.raises(ValueError):
        cm.predict_links(big, method="preferential_attachment", top=None)
    assert [(x.source, x.target) for x in cm.predict_links(big, method="preferential_attachment", top=3)] == [
        ("1", "10"), ("1", "100"), ("1", "1000")]  # degree-2 ids in string order, "1" not next to them
    # many ties at the k-th score (a path: every inner pair scores 4): brute force reference
    P = nx.path_graph(300)
    ref = sorted(((min(str(u), str(v)), max(str(u), str(v)), s) for u, v, s in nx.preferential_attachment(P)),
                 key=lambda t: (-t[2], t[0], t[1]))
    got = cm.predict_links(cm.from_networkx(P), method="preferential_attachment", top=40)
    assert [(x.source, x.target, x.score) for x in got] == ref[:40]


# ---------------------------------------------------------------- mixing


def grouped(name: str, attr: str = "grp", k: int = 4, seed: int = 0) -> cm.Network:
    """A copy of a network with a seeded random group attribute."""
    net = NETS[name].copy()
    rng = random.Random(seed)
    for v in net.structure_ids():
        net.set_attribute(v, attr, rng.choice([f"g{i}" for i in range(k)]))
    return net


MIXING_CASES = [("karate", "club"), ("sbm", "block"), ("davis", "bipartite"), ("lesmis", None),
                ("multiplex_dir", "family"), ("gnp_isolates", None), ("multiplex", "family")]


def case(name: str, attr: str | None) -> tuple[cm.Network, str]:
    return (grouped(name), "grp") if attr is None else (NETS[name], attr)


@pytest.mark.parametrize("name,attr", MIXING_CASES)
def test_mixing_matrix_and_assortativity_equal_networkx(name: str, attr: str | None) -> None:
    net, a = case(name, attr)
    G = simple_nx(net, weighted=False, undirected=True)
    values = {r["id"]: r[a] for r in net.structures()}
    nx.set_node_attributes(G, values, a)
    mm = cm.mixing_matrix(net, a)
    labels = mm.labels
    mapping = {lab: i for i, lab in enumerate(labels)}
    ref = nx.attribute_mixing_matrix(G, a, mapping=mapping, normalized=False)
    for i in range(len(labels)):
        for j in range(len(labels)):
            # networkx counts each undirected edge in both orientations: twice on the diagonal
            assert mm.matrix[i, j] * (2 if i == j else 1) == ref[i, j]
    assert set(mm.gaps) == {(labels[i], labels[j]) for i in range(len(labels)) for j in range(i + 1, len(labels))
                            if ref[i, j] == 0}
    assert mm.sizes == {lab: sum(1 for x in values.values() if x == lab) for lab in labels}
    r = cm.assortativity(net, a)
    assert same(r, nx.attribute_assortativity_coefficient(G, a), 1e-12)
    # weighted: sums of the aggregated weights over each connected pair
    W = simple_nx(net, weighted=True, undirected=True)
    mw = cm.mixing_matrix(net, a, weight="weight")
    expect = defaultdict(float)
    for u, v, d in W.edges(data=True):
        i, j = sorted((mapping[values[u]], mapping[values[v]]))
        expect[(i, j)] += d["weight"]
    for i in range(len(labels)):
        for j in range(i, len(labels)):
            assert mw.matrix[i, j] == pytest.approx(expect[(i, j)], abs=1e-9)
            assert mw.matrix[j, i] == mw.matrix[i, j]


def test_assortativity_hand_values() -> None:
    # Two disjoint triangles, one per group: all ties inside -> r = 1.
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)])
    net = cm.from_networkx(G)
    for v in net.structure_ids():
        net.set_attribute(v, "g", "x" if int(v) < 3 else "y")
    assert cm.assortativity(net, "g") == pytest.approx(1.0, abs=1e-12)
    assert cm.mixing_matrix(net, "g").gaps == [("x", "y")]
    # Every structure in one group: Σ a² = 1 -> undefined (NaN), as networkx (0/0).
    for v in net.structure_ids():
        net.set_attribute(v, "g", "x")
    assert math.isnan(cm.assortativity(net, "g"))
    with pytest.raises(ValueError):
        cm.mixing_matrix(NETS["karate"], "nope")


def reference_ei(G: Any, group: dict[str, Any]) -> tuple[float, dict[Any, float], dict[str, float]]:
    def ratio(e: float, i: float) -> float:
        return (e - i) / (e + i) if e + i else float("nan")
    E = sum(1 for u, v in G.edges() if group[u] != group[v])
    I = G.number_of_edges() - E
    ge, gi = defaultdict(int), defaultdict(int)
    for u, v in G.edges():
        if group[u] == group[v]:
            gi[group[u]] += 1
        else:
            ge[group[u]] += 1
            ge[group[v]] += 1
    groups = {g: ratio(ge[g], gi[g]) for g in set(group.values())}
    structs = {v: ratio(sum(group[w] != group[v] for w in G[v]), sum(group[w] == group[v] for w in G[v])) for v in G}
    return ratio(E, I), groups, structs


@pytest.mark.parametrize("name,attr", MIXING_CASES)
def test_ei_index_levels(name: str, attr: str | None) -> None:
    net, a = case(name, attr)
    G = simple_nx(net, weighted=False, undirected=True)
    group = {r["id"]: r[a] for r in net.structures()}
    ref_net, ref_groups, ref_structs = reference_ei(G, group)
    ei = cm.ei_index(net, a, permutations=50, seed=1)
    assert same(ei.network, ref_net, 1e-12)
    assert set(ei.groups) == set(ref_groups)
    assert all(same(ei.groups[g], ref_groups[g], 1e-12) for g in ref_groups)
    assert all(same(ei.structures[v], ref_structs[v], 1e-12) for v in G)
    # rescaled (Krackhardt & Stern): E-I placed between the smallest and the largest E-I
    # that L ties can reach given the group sizes.
    sizes = defaultdict(int)
    for g in group.values():
        sizes[g] += 1
    n = len(group)
    imax = sum(s * (s - 1) / 2 for s in sizes.values())
    emax = n * (n - 1) / 2 - imax
    L = G.number_of_edges()
    lo = (L - 2 * min(L, imax)) / L
    hi = (2 * min(L, emax) - L) / L
    assert same(ei.rescaled, -1 + 2 * (ref_net - lo) / (hi - lo) if hi > lo else float("nan"), 1e-12)
    assert ei.expected == pytest.approx((emax - imax) / (emax + imax), abs=1e-12)


def test_ei_permutation_test_matches_exact_enumeration() -> None:
    # 8 structures, groups of 4 and 4: the exact permutation distribution has C(8,4) = 70
    # equally likely labellings. With 20,000 seeded permutations the p-values must be
    # within 0.02 of the exact ones (binomial standard error <= 0.0036).
    G = nx.Graph([(0, 1), (1, 2), (2, 3), (0, 3), (4, 5), (5, 6), (6, 7), (3, 4), (1, 5), (0, 2)])
    net = cm.from_networkx(G)
    labels = {str(i): ("x" if i < 4 else "y") for i in range(8)}
    for v, g in labels.items():
        net.set_attribute(v, "g", g)
    ei = cm.ei_index(net, "g", permutations=20000, seed=42)
    L = G.number_of_edges()

    def e_i(xs: set[int]) -> float:
        e = sum(1 for u, v in G.edges() if (u in xs) != (v in xs))
        return (2 * e - L) / L

    dist = [e_i(set(c)) for c in itertools.combinations(range(8), 4)]
    obs = e_i({0, 1, 2, 3})
    assert ei.network == pytest.approx(obs, abs=1e-12)
    mean = sum(dist) / len(dist)
    exact_two = sum(abs(x - mean) >= abs(obs - mean) - 1e-12 for x in dist) / len(dist)
    exact_less = sum(x <= obs + 1e-12 for x in dist) / len(dist)
    exact_greater = sum(x >= obs - 1e-12 for x in dist) / len(dist)
    assert ei.permutation_mean == pytest.approx(mean, abs=0.01)
    assert ei.p_value == pytest.approx(exact_two, abs=0.02)
    assert ei.p_less == pytest.approx(exact_less, abs=0.02)
    assert ei.p_greater == pytest.approx(exact_greater, abs=0.02)
    # seeded: same seed, same result
    again = cm.ei_index(net, "g", permutations=20000, seed=42)
    assert (again.p_value, again.permutation_mean) == (ei.p_value, ei.permutation_mean)
    assert math.isnan(cm.ei_index(net, "g", permutations=0).p_value)


def test_ei_segregated_network_is_significant_and_partition_argument() -> None:
    net = NETS["sbm"]
    ei = cm.ei_index(net, "block", permutations=500, seed=0)
    assert ei.network < -0.5 and ei.p_less < 0.01 and ei.p_value < 0.01
    blocks = {r["id"]: r["block"] for r in net.structures()}
    by_partition = cm.ei_index(net, blocks, permutations=0)
    assert by_partition.network == ei.network
    # no ties at all: undefined
    empty = cm.Network()
    empty.add_structure("a", g="x")
    empty.add_structure("b", g="y")
    e = cm.ei_index(empty, "g")
    assert math.isnan(e.network) and math.isnan(e.p_value) and math.isnan(e.structures["a"])


@pytest.mark.parametrize("name", ["karate", "lesmis", "sbm", "multiplex_dir"])
def test_cluster_gaps(name: str) -> None:
    net = NETS[name]
    G = simple_nx(net, weighted=False, undirected=True)
    comms = [sorted(c) for c in nx.community.louvain_communities(G, seed=1)]
    comms = sorted(comms, key=lambda c: net.structure_ids().index(c[0]) if c else 0)
    cg = cm.cluster_gaps(net, comms)
    assert cg.labels == list(range(len(comms)))  # community c keeps its position as label
    members = [set(cg.members[c]) for c in cg.labels]
    assert members == [set(c) for c in comms]
    assert sorted(map(frozenset, members), key=sorted) == sorted(map(frozenset, comms), key=sorted)
    for a, A in enumerate(members):
        for b, B in enumerate(members):
            if a == b:
                assert cg.ties[a, a] == G.subgraph(A).number_of_edges()
                if len(A) > 1:
                    assert cg.density[a, a] == pytest.approx(nx.density(G.subgraph(A)), abs=1e-12)
                else:
                    assert math.isnan(cg.density[a, a])
            else:
                cut = nx.cut_size(G, A, B)
                assert cg.ties[a, b] == cut
                assert cg.density[a, b] == pytest.approx(cut / (len(A) * len(B)), abs=1e-12)
    assert set(cg.gaps) == {(a, b) for a in range(cg.k) for b in range(a + 1, cg.k) if nx.cut_size(G, members[a], members[b]) == 0}


def test_partition_labels_kept_by_every_function() -> None:
    # Hand-made partition whose first-appearance order differs from its own labels: the
    # path p0-p1-p2-p3-p4-p5 with clusters 2 = {p0, p1}, 0 = {p2, p3}, 1 = {p4, p5}.
    net = cm.Network()
    for i in range(6):
        net.add_structure(f"p{i}")
    for i in range(5):
        net.add_link(f"p{i}", f"p{i + 1}", type="jp")
    part = {"p0": 2, "p1": 2, "p2": 0, "p3": 0, "p4": 1, "p5": 1}
    cg = cm.cluster_gaps(net, part)
    assert cg.labels == [0, 1, 2]
    assert cg.members == {0: ["p2", "p3"], 1: ["p4", "p5"], 2: ["p0", "p1"]}
    assert cg.sizes == {0: 2, 1: 2, 2: 2}
    # ties: within each cluster 1; between 2-0 (p1-p2) and 0-1 (p3-p4); none 1-2
    assert cg.ties.tolist() == [[1, 1, 1], [1, 1, 0], [1, 0, 1]]
    assert cg.gaps == [(1, 2)]
    assert {(r["cluster_a"], r["cluster_b"]): r["ties"] for r in cg.records()}[(0, 2)] == 1
    # string labels keep first appearance in structure order, as an attribute's groups
    named = cm.cluster_gaps(net, {k: f"g{v}" for k, v in part.items()})
    assert named.labels == ["g2", "g0", "g1"] and named.gaps == [("g2", "g1")]
    # a coopmap Partition: its cluster c is cluster_gaps' cluster c (the issue's case)
    louv = cm.louvain(net, seed=0)
    lg = cm.cluster_gaps(net, louv)
    for c, members in enumerate(louv.communities):
        assert sorted(lg.members[c]) == sorted(members)
    # E-I index groups and brokerage groups under the same labels
    ei = cm.ei_index(net, part, permutations=0)
    assert set(ei.groups) == {0, 1, 2} and ei.labels == [0, 1, 2]
    # each cluster: 1 internal tie; external ties 0: 2 (p1-p2, p3-p4), 1: 1, 2: 1
    assert ei.groups == {0: pytest.approx(1 / 3), 1: 0.0, 2: 0.0}
    b = cm.brokerage(net, part)
    assert b.group_sizes == {0: 2, 1: 2, 2: 2} and b.groups["p0"] == 2
    with pytest.raises(ValueError, match="community 1 is empty"):
        cm.cluster_gaps(net, [["p0", "p1", "p2"], [], ["p3", "p4", "p5"]])


# ---------------------------------------------------------------- reciprocity, isolates


@pytest.mark.parametrize("name", ["gnp_dir", "scale_free", "multiplex_dir"])
def test_reciprocity_equal_networkx_and_igraph(name: str) -> None:
    net = NETS[name]
    G = simple_nx(net, weighted=False)
    r = cm.reciprocity(net)
    assert r.edgewise == pytest.approx(nx.reciprocity(G), abs=1e-12)
    nodes = list(G)
    g = ig.Graph(n=len(nodes), edges=[(nodes.index(u), nodes.index(v)) for u, v in G.edges()], directed=True)
    assert r.ratio == pytest.approx(g.reciprocity(mode="ratio"), abs=1e-12)
    assert r.edgewise == pytest.approx(g.reciprocity(), abs=1e-12)
    linked = [v for v in G if G.degree(v) > 0]
    ref_nodes = nx.reciprocity(G, linked)
    assert all(r.structures[v] == pytest.approx(ref_nodes[v], abs=1e-12) for v in linked)
    assert all(math.isnan(r.structures[v]) for v in nx.isolates(G))
    assert set(r.unreciprocated) == {(u, v) for u, v in G.edges() if not G.has_edge(v, u)}
    assert r.arcs == G.number_of_edges()


def test_reciprocity_undirected_and_empty() -> None:
    assert cm.reciprocity(NETS["karate"]).edgewise == 1.0  # igraph: 1 for undirected graphs
    d = cm.Network(directed=True)
    d.add_structure("a")
    assert math.isnan(cm.reciprocity(d).edgewise)


@pytest.mark.parametrize("name", sorted(NETS))
def test_isolates_equal_networkx(name: str) -> None:
    net = NETS[name]
    assert cm.isolates(net) == list(nx.isolates(simple_nx(net)))


def test_records_and_reprs() -> None:
    net = NETS["karate"]
    mm = cm.mixing_matrix(net, "club")
    assert {r["group_a"] for r in mm.records()} <= set(mm.labels)
    assert mm.to_dict()["Mr. Hi"]["Officer"] == mm.matrix[0, 1]
    ei = cm.ei_index(net, "club", permutations=10)
    assert {r["group"] for r in ei.records()} == set(ei.groups)
    assert "EIIndex" in repr(ei) and "MixingMatrix" in repr(mm)
    assert "Reciprocity" in repr(cm.reciprocity(net))


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("k", [0, 1, 3])
def test_empty_and_isolates_only_never_crash(directed: bool, k: int) -> None:
    # No ties at all: every measure is undefined (NaN) or empty, never an exception.
    net = cm.Network(directed=directed)
    for i in range(k):
        net.add_structure(f"x{i}", g="a" if i % 2 else "b")
    assert all(math.isnan(x) for x in cm.constraint(net).values())
    assert all(math.isnan(r["hierarchy"]) and r["degree"] == 0 for r in cm.structural_holes(net))
    assert cm.articulation_points(net) == [] and cm.bridges(net) == [] and cm.local_bridges(net) == []
    assert cm.biconnected_components(net) == []
    for m in ["common_neighbors", "jaccard", "adamic_adar", "resource_allocation", "preferential_attachment"]:
        assert cm.predict_links(net, method=m, top=None) == []
    mm = cm.mixing_matrix(net, "g")
    assert mm.matrix.sum() == 0 and len(mm.gaps) == (1 if k == 3 else 0)
    assert math.isnan(cm.assortativity(net, "g"))
    ei = cm.ei_index(net, "g")
    assert math.isnan(ei.network) and math.isnan(ei.rescaled) and all(math.isnan(x) for x in ei.structures.values())
    assert math.isnan(cm.reciprocity(net).edgewise)
    assert cm.isolates(net) == [f"x{i}" for i in range(k)]
    assert cm.cluster_gaps(net, {f"x{i}": i % 2 for i in range(k)}).k == min(k, 2)


def test_missing_attribute_values() -> None:
    # The seed dataset: 7 structures have no legal_family. By default a ValueError names
    # them; missing="unknown" puts them in a group of their own, exactly as if the
    # attribute had been set to "unknown" on them.
    net = cm.load_dataset("ptce-sicoval-2013")
    with pytest.raises(ValueError, match="legal_family"):
        cm.ei_index(net, "legal_family")
    filled = net.copy()
    for r in filled.structures():
        if "legal_family" not in r:
            filled.set_attribute(r["id"], "legal_family", "unknown")
    a = cm.ei_index(net, "legal_family", permutations=100, seed=3, missing="unknown")
    b = cm.ei_index(filled, "legal_family", permutations=100, seed=3)
    assert a.groups == pytest.approx(b.groups, nan_ok=True) and a.p_value == b.p_value
    assert "unknown" in a.groups and a.groups["association"] == b.groups["association"]
    G = simple_nx(filled, weighted=False, undirected=True)
    nx.set_node_attributes(G, {r["id"]: r["legal_family"] for r in filled.structures()}, "legal_family")
    assert cm.assortativity(net, "legal_family", missing="unknown") == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "legal_family"), abs=1e-12)
    assert (cm.mixing_matrix(net, "legal_family", missing="unknown").matrix
            == cm.mixing_matrix(filled, "legal_family").matrix).all()
    got = cm.predict_links(net, top=10, across="legal_family", missing="unknown")
    assert [(s.source, s.target) for s in got] == [(s.source, s.target) for s in
                                                   cm.predict_links(filled, top=10, across="legal_family")]
