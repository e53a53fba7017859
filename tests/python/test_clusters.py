"""Tests of coopmap's clusters (coopmap/clusters.hpp): every expected value comes from
networkx, python-igraph, leidenalg or scikit-learn computed here, or from a derivation
written next to the assertion."""
from __future__ import annotations

import math
import random
from collections import defaultdict
from pathlib import Path

import igraph as ig
import leidenalg
import networkx as nx
import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, mutual_info_score, normalized_mutual_info_score

import coopmap as cm

# ---------------------------------------------------------------- helpers


def aggregated_nx(net: cm.Network, weighted: bool = True) -> nx.Graph:
    """The undirected simple view built independently in Python from the links: weights of
    parallel links and of both orientations summed (weighted) or 1 per connected pair."""
    G = nx.Graph()
    G.add_nodes_from(net.structure_ids())
    w: dict[tuple[str, str], float] = defaultdict(float)
    for l in net.links():
        a, b = sorted((l["source"], l["target"]))
        w[(a, b)] += l["weight"] if weighted else 0.0
    for (a, b), x in w.items():
        G.add_edge(a, b, weight=x if weighted else 1.0)
    return G


def to_igraph(G: nx.Graph) -> tuple[ig.Graph, list[str]]:
    nodes = list(G.nodes())
    idx = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(idx[u], idx[v]) for u, v in G.edges()])
    g.es["weight"] = [d.get("weight", 1.0) for _, _, d in G.edges(data=True)]
    return g, nodes


def sbm(sizes: list[int], p_in: float, p_out: float, seed: int) -> nx.Graph:
    k = len(sizes)
    P = [[p_in if i == j else p_out for j in range(k)] for i in range(k)]
    return nx.stochastic_block_model(sizes, P, seed=seed)


def weighted_random(n: int, p: float, seed: int) -> nx.Graph:
    G = nx.gnp_random_graph(n, p, seed=seed)
    rnd = random.Random(seed)
    for u, v in G.edges():
        G[u][v]["weight"] = rnd.choice([0.5, 1.0, 2.0, 3.5])
    return G


def lfr() -> nx.Graph:
    """LFR benchmark graph (500 nodes, mixing 0.2) without its attributes and self-loops."""
    L = nx.LFR_benchmark_graph(500, 3, 1.5, 0.2, average_degree=8, min_community=20, seed=10)
    G = nx.Graph((u, v) for u, v in L.edges() if u != v)
    G.add_nodes_from(L.nodes())
    return G


def with_isolates(G: nx.Graph, k: int) -> nx.Graph:
    H = nx.Graph(G)
    for i in range(k):
        H.add_node(f"iso{i}")
    return H


def multiplex_directed() -> cm.Network:
    """Directed multiplex network: parallel links and reciprocal arcs (sum-aggregated)."""
    net = cm.Network(directed=True)
    rnd = random.Random(7)
    for i in range(40):
        net.add_structure(f"s{i}")
    for _ in range(160):
        a, b = rnd.sample(range(40), 2)
        if abs(a // 10 - b // 10) > 0 and rnd.random() < 0.7:
            continue  # mostly inside four groups of ten
        net.add_link(f"s{a}", f"s{b}", type=rnd.choice(["project", "supply"]), weight=rnd.choice([1.0, 2.0]))
    return net


def nets() -> dict[str, cm.Network]:
    out = {
        "karate": cm.load_dataset("karate"),
        "florentine": cm.load_dataset("florentine"),
        "ptce": cm.load_dataset("ptce-sicoval-2013"),
        "lesmis": cm.from_networkx(nx.les_miserables_graph()),
        "davis": cm.from_networkx(nx.davis_southern_women_graph()),
        "gnp": cm.from_networkx(nx.gnp_random_graph(150, 0.04, seed=3)),
        "gnp1k": cm.from_networkx(nx.gnp_random_graph(1000, 0.008, seed=8)),
        "lfr": cm.from_networkx(lfr()),
        "weighted": cm.from_networkx(weighted_random(120, 0.05, seed=5)),
        "isolates": cm.from_networkx(with_isolates(nx.karate_club_graph(), 3)),
        "sbm": cm.from_networkx(sbm([30, 40, 50], 0.3, 0.02, seed=2)),
        "directed": multiplex_directed(),
    }
    return out


NETS = nets()


def random_partition(ids: list[str], k: int, seed: int) -> dict[str, int]:
    rnd = random.Random(seed)
    return {i: rnd.randrange(k) for i in ids}


def communities_of(membership: dict[str, object]) -> list[set[str]]:
    groups: dict[object, set[str]] = defaultdict(set)
    for i, c in membership.items():
        groups[c].add(i)
    return list(groups.values())


# ---------------------------------------------------------------- modularity


@pytest.mark.parametrize("name", list(NETS))
@pytest.mark.parametrize("weighted", [True, False])
@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.3])
def test_modularity_equals_networkx(name: str, weighted: bool, resolution: float) -> None:
    net = NETS[name]
    G = aggregated_nx(net, weighted)
    weight = "weight" if weighted else None
    for seed, k in [(1, 2), (2, 5), (3, 1)]:
        part = random_partition(net.structure_ids(), k, seed)
        expected = nx.community.modularity(G, communities_of(part), weight="weight", resolution=resolution)
        got = cm.modularity(net, part, resolution=resolution, weight=weight)
        assert got == pytest.approx(expected, abs=1e-12)
    # singletons and the whole network as one cluster
    for comms in ([[i] for i in net.structure_ids()], [net.structure_ids()]):
        expected = nx.community.modularity(G, comms, weight="weight", resolution=resolution)
        assert cm.modularity(net, comms, resolution=resolution, weight=weight) == pytest.approx(expected, abs=1e-12)


def test_modularity_on_networkx_graph_directly() -> None:
    # an undirected simple weighted graph: the view is the graph itself
    G = nx.les_miserables_graph()
    net = cm.from_networkx(G)
    comms = nx.community.label_propagation_communities(G)
    comms = [set(c) for c in comms]
    assert cm.modularity(net, comms) == pytest.approx(nx.community.modularity(G, comms), abs=1e-12)
    assert cm.modularity(net, comms, weight=None) == pytest.approx(
        nx.community.modularity(G, comms, weight=None), abs=1e-12)


def test_modularity_accepts_partition_mapping_and_communities() -> None:
    net = NETS["karate"]
    p = cm.louvain(net, seed=1)
    a = cm.modularity(net, p)
    assert a == pytest.approx(cm.modularity(net, p.membership), abs=1e-15)
    assert a == pytest.approx(cm.modularity(net, p.communities), abs=1e-15)
    assert a == pytest.approx(p.modularity, abs=1e-12)


def test_modularity_edge_cases() -> None:
    net = cm.Network()
    for i in "abc":
        net.add_structure(i)
    assert math.isnan(cm.modularity(net, [["a", "b", "c"]]))  # no link: m = 0, Q undefined
    with pytest.raises(ValueError):
        cm.modularity(net, [["a", "b"]])  # c in no community
    with pytest.raises(KeyError):
        cm.modularity(net, {"a": 0, "b": 0, "c": 1, "zz": 1})
    with pytest.raises(ValueError):
        cm.modularity(net, [["a", "b", "c"]], resolution=-1.0)
    with pytest.raises(ValueError):
        cm.modularity(net, [["a", "b", "c"]], weight="w")


# ---------------------------------------------------------------- Louvain / Leiden quality

QUALITY_NETS = ["karate", "florentine", "ptce", "lesmis", "davis", "gnp", "gnp1k", "lfr", "weighted", "isolates", "sbm",
                "directed"]


@pytest.mark.parametrize("name", QUALITY_NETS)
def test_louvain_at_least_best_of_20_igraph_multilevel(name: str) -> None:
    net = NETS[name]
    G = aggregated_nx(net)
    g, _ = to_igraph(G)
    best = max(g.community_multilevel(weights="weight").modularity for _ in range(20))
    for seed in (0, 1):
        p = cm.louvain(net, seed=seed)
        assert p.modularity >= best - 0.002
        # the reported modularity is networkx's for the returned partition
        assert p.modularity == pytest.approx(
            nx.community.modularity(G, [set(c) for c in p.communities], weight="weight"), abs=1e-12)


@pytest.mark.parametrize("name", QUALITY_NETS)
def test_leiden_at_least_leidenalg(name: str) -> None:
    net = NETS[name]
    G = aggregated_nx(net)
    g, nodes = to_igraph(G)
    la = [
        g.modularity(leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, weights="weight",
                                              n_iterations=-1, seed=s).membership, weights="weight")
        for s in range(10)
    ]
    runs = [cm.leiden(net, seed=s) for s in range(10)]
    # a seed means different random numbers in each implementation: on average over ten
    # seeds at least leidenalg (on gnp1k, a network without structure, single runs of
    # both spread over 0.36-0.38)
    assert sum(r.modularity for r in runs) / len(runs) >= sum(la) / len(la) - 1e-9
    p = runs[0]
    assert p.quality == p.modularity
    # every community is connected (the Leiden guarantee)
    for c in p.communities:
        assert nx.is_connected(G.subgraph(c))


@pytest.mark.parametrize("name", ["karate", "lesmis", "weighted", "sbm"])
@pytest.mark.parametrize("gamma", [0.05, 0.5])
def test_leiden_cpm_at_least_leidenalg(name: str, gamma: float) -> None:
    net = NETS[name]
    G = aggregated_nx(net)
    g, nodes = to_igraph(G)
    best = max(
        leidenalg.find_partition(g, leidenalg.CPMVertexPartition, weights="weight", resolution_parameter=gamma,
                                 n_iterations=-1, seed=s).quality()
        for s in range(3)
    )
    p = cm.leiden(net, objective="cpm", resolution=gamma, seed=0)
    # quality = sum_c [e_c - gamma n_c (n_c - 1) / 2], leidenalg's CPMVertexPartition.quality()
    idx = {v: i for i, v in enumerate(nodes)}
    membership = [0] * len(nodes)
    for c, comm in enumerate(p.communities):
        for i in comm:
            membership[idx[i]] = c
    ref = leidenalg.CPMVertexPartition(g, initial_membership=membership, weights="weight",
                                       resolution_parameter=gamma).quality()
    # leidenalg reports twice that sum on undirected graphs ((2 - is_directed) * sum in its
    # CPMVertexPartition::quality; e.g. one edge, one cluster, gamma 0: leidenalg 2, formula 1)
    assert p.quality == pytest.approx(ref / 2, rel=1e-12, abs=1e-9)
    assert p.quality >= best / 2 - 1e-9
    assert p.objective == "cpm"
    # the modularity field is Q at resolution 1 for CPM
    assert p.modularity == pytest.approx(nx.community.modularity(G, [set(c) for c in p.communities]), abs=1e-12)


@pytest.mark.parametrize("algo", ["louvain", "leiden"])
@pytest.mark.parametrize("seed", [1, 2])
def test_planted_partition_recovered(algo: str, seed: int) -> None:
    sizes = [40, 60, 80, 100, 120]
    G = sbm(sizes, 0.25, 0.005, seed=seed)
    net = cm.from_networkx(G)
    truth = {str(v): G.nodes[v]["block"] for v in G}
    p = getattr(cm, algo)(net, seed=0)
    ids = list(truth)
    nmi = normalized_mutual_info_score([truth[i] for i in ids], [p.membership[i] for i in ids])
    assert nmi >= 0.99


def test_resolution_changes_clusters_and_is_reported() -> None:
    net = NETS["lesmis"]
    G = aggregated_nx(net)
    lo = cm.louvain(net, resolution=0.5, seed=0)
    hi = cm.louvain(net, resolution=2.0, seed=0)
    assert len(lo) < len(hi)  # larger gamma, smaller clusters
    for p in (lo, hi):
        assert p.resolution in (0.5, 2.0)
        assert p.modularity == pytest.approx(
            nx.community.modularity(G, [set(c) for c in p.communities], resolution=p.resolution), abs=1e-12)
    assert cm.louvain(net, resolution=0.0, seed=0).communities == [net.structure_ids()] or len(
        cm.louvain(net, resolution=0.0, seed=0)) == nx.number_connected_components(G)


def test_weight_none_is_binary_view() -> None:
    net = NETS["karate"]
    G = aggregated_nx(net, weighted=False)
    p = cm.louvain(net, weight=None, seed=0)
    assert p.modularity == pytest.approx(
        nx.community.modularity(G, [set(c) for c in p.communities], weight="weight"), abs=1e-12)
    g, _ = to_igraph(G)
    best = max(g.community_multilevel().modularity for _ in range(20))
    assert p.modularity >= best - 0.002


def test_directed_is_symmetrised() -> None:
    net = NETS["directed"]
    und = cm.Network()
    for i in net.structure_ids():
        und.add_structure(i)
    for l in net.links():
        und.add_link(l["source"], l["target"], weight=l["weight"])
    for algo in (cm.louvain, cm.leiden):
        a, b = algo(net, seed=4), algo(und, seed=4)
        assert a.membership == b.membership  # same view, same seed -> same partition


def test_isolates_are_singletons_and_empty_network() -> None:
    net = NETS["isolates"]
    for p in (cm.louvain(net, seed=0), cm.leiden(net, seed=0), cm.label_propagation(net, seed=0)):
        for i in ("iso0", "iso1", "iso2"):
            assert [i] in p.communities
    empty = cm.Network()
    p = cm.louvain(empty)
    assert len(p) == 0 and p.communities == [] and p.membership == {}
    assert math.isnan(p.modularity)
    lonely = cm.Network()
    lonely.add_structure("a")
    lonely.add_structure("b")
    p = cm.leiden(lonely)
    assert p.communities == [["a"], ["b"]] and math.isnan(p.modularity)


def test_same_seed_same_partition_and_canonical_numbering() -> None:
    net = NETS["gnp"]
    a, b = cm.louvain(net, seed=11), cm.louvain(net, seed=11)
    assert a.membership == b.membership
    c, d = cm.leiden(net, seed=5), cm.leiden(net, seed=5)
    assert c.membership == d.membership
    for p in (a, c):
        sizes = [len(x) for x in p.communities]
        assert sizes == sorted(sizes, reverse=True) == p.sizes
        for k, comm in enumerate(p.communities):
            assert all(p.membership[i] == k for i in comm)
        assert sorted(p.membership.values()) == sorted(k for k, comm in enumerate(p.communities) for _ in comm)
        # ties in size: the cluster holding the earliest structure comes first
        order = {i: n for n, i in enumerate(net.structure_ids())}
        for x, y in zip(p.communities, p.communities[1:]):
            if len(x) == len(y):
                assert order[x[0]] < order[y[0]]
        assert [r["cluster"] for r in p.records()] == [p.membership[i] for i in net.structure_ids()]


def test_leiden_iterations_and_initial_membership() -> None:
    net = NETS["lesmis"]
    one = cm.leiden(net, seed=3, n_iterations=1, restarts=1)
    full = cm.leiden(net, seed=3, restarts=1)
    assert one.iterations == 1 and full.iterations >= 1
    assert full.modularity >= one.modularity - 1e-12  # iterating never lowers the quality
    # starting from the result of a run, the quality does not drop
    again = cm.leiden(net, seed=9, initial_membership=full, restarts=1)
    assert again.modularity >= full.modularity - 1e-12


@pytest.mark.parametrize("algo", ["louvain", "leiden"])
def test_tolerance_only_stops_earlier(algo: str) -> None:
    # With one seed a run draws the same random numbers whatever the tolerance: a smaller
    # tolerance repeats the same iterations and goes on where a larger one stopped, and an
    # iteration never replaces the partition by a worse one.
    net = NETS["lfr"]
    runs = [getattr(cm, algo)(net, seed=5, restarts=1, tolerance=t) for t in (0.5, 1e-3, 0.0)]
    assert [p.modularity for p in runs] == sorted(p.modularity for p in runs)
    assert [p.iterations for p in runs] == sorted(p.iterations for p in runs)
    assert runs[0].iterations >= 2  # the first iteration from singletons always gains far more than half
    assert getattr(cm, algo)(net, seed=5, restarts=1).membership == runs[1].membership  # 1e-3 is the default


def test_restarts_only_improve() -> None:
    net = NETS["davis"]
    single = cm.louvain(net, seed=2, restarts=1)
    many = cm.louvain(net, seed=2, restarts=30)
    assert many.modularity >= single.modularity  # run 0 of the 30 is the single run


def test_argument_errors() -> None:
    net = NETS["karate"]
    with pytest.raises(ValueError):
        cm.louvain(net, resolution=-0.5)
    with pytest.raises(ValueError):
        cm.louvain(net, weight="intensity")
    with pytest.raises(ValueError):
        cm.leiden(net, objective="surprise")
    with pytest.raises(ValueError):
        cm.leiden(net, seed=-1)
    with pytest.raises(ValueError):
        cm.leiden(net, n_iterations=0)
    with pytest.raises(ValueError):
        cm.louvain(net, restarts=0)
    with pytest.raises(ValueError):
        cm.leiden(net, beta=-1.0)
    for tol in (-1e-3, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            cm.leiden(net, tolerance=tol)
        with pytest.raises(ValueError):
            cm.louvain(net, tolerance=tol)


def test_repr_and_properties() -> None:
    p = cm.leiden(NETS["karate"], seed=0)
    assert repr(p).startswith("<coopmap.Partition leiden: ")
    assert p.algorithm == "leiden" and p.objective == "modularity" and p.seed == 0
    assert p.levels >= 1 and p.iterations >= 1
    assert list(p) == p.communities and p[0] == p.communities[0] and len(p) == len(p.communities)
    with pytest.raises(IndexError):
        p[len(p)]


# ---------------------------------------------------------------- components, cores, cliques, LPA


def as_sets(parts: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(c) for c in parts}


@pytest.mark.parametrize("name", list(NETS))
def test_components_equal_networkx(name: str) -> None:
    net = NETS[name]
    G = aggregated_nx(net)
    comps = cm.components(net)
    assert as_sets(comps) == {frozenset(c) for c in nx.connected_components(G)}
    assert [len(c) for c in comps] == sorted((len(c) for c in comps), reverse=True)
    order = {i: n for n, i in enumerate(net.structure_ids())}
    for c in comps:
        assert [order[i] for i in c] == sorted(order[i] for i in c)


def test_strong_components_equal_networkx() -> None:
    net = NETS["directed"]
    D = nx.DiGraph()
    D.add_nodes_from(net.structure_ids())
    D.add_edges_from((l["source"], l["target"]) for l in net.links())
    strong = cm.components(net, strong=True)
    assert as_sets(strong) == {frozenset(c) for c in nx.strongly_connected_components(D)}
    assert as_sets(cm.components(net)) == {frozenset(c) for c in nx.weakly_connected_components(D)}
    # on an undirected network strong components are the components
    und = NETS["isolates"]
    assert cm.components(und, strong=True) == cm.components(und)


@pytest.mark.parametrize("name", list(NETS))
def test_core_number_equals_networkx(name: str) -> None:
    net = NETS[name]
    assert cm.core_number(net) == nx.core_number(aggregated_nx(net))


@pytest.mark.parametrize("name", list(NETS))
@pytest.mark.parametrize("min_size", [1, 3, 4])
def test_cliques_equal_networkx(name: str, min_size: int) -> None:
    net = NETS[name]
    G = aggregated_nx(net)
    expected = {frozenset(c) for c in nx.find_cliques(G) if len(c) >= min_size}
    got = cm.cliques(net, min_size=min_size)
    assert as_sets(got) == expected and len(got) == len(expected)
    assert [len(c) for c in got] == sorted((len(c) for c in got), reverse=True)


@pytest.mark.parametrize("name", list(NETS))
def test_label_propagation_is_a_partition_of_connected_groups(name: str) -> None:
    net = NETS[name]
    G = aggregated_nx(net)
    p = cm.label_propagation(net, seed=1)
    assert sorted(i for c in p.communities for i in c) == sorted(net.structure_ids())
    for c in p.communities:
        assert nx.is_connected(G.subgraph(c))
    # never coarser than the components
    comp = {i: k for k, c in enumerate(nx.connected_components(G)) for i in c}
    for c in p.communities:
        assert len({comp[i] for i in c}) == 1
    assert p.membership == cm.label_propagation(net, seed=1).membership
    if G.number_of_edges():
        assert p.modularity == pytest.approx(nx.community.modularity(G, [set(c) for c in p.communities]), abs=1e-12)


def test_label_propagation_finds_clear_groups() -> None:
    # two 6-cliques joined by one edge: every node's majority label is its own clique's
    G = nx.barbell_graph(6, 0)
    net = cm.from_networkx(G)
    p = cm.label_propagation(net, seed=0)
    assert as_sets(p.communities) == {frozenset(map(str, range(6))), frozenset(map(str, range(6, 12)))}


# ---------------------------------------------------------------- comparison and formal groups


@pytest.mark.parametrize("seed", range(6))
def test_compare_partitions_equals_sklearn(seed: int) -> None:
    rnd = random.Random(seed)
    ids = [f"x{i}" for i in range(rnd.randint(5, 60))]
    a = {i: rnd.randrange(rnd.randint(1, 6)) for i in ids}
    b = {i: rnd.choice(["u", "v", "w"][: rnd.randint(1, 3)]) for i in ids}
    la, lb = [a[i] for i in ids], [b[i] for i in ids]
    r = cm.compare_partitions(a, b)
    assert r.nmi == pytest.approx(normalized_mutual_info_score(la, lb), abs=1e-12)
    assert r.ari == pytest.approx(adjusted_rand_score(la, lb), abs=1e-12)
    # VI = H(a) + H(b) - 2 MI with H(x) = MI(x, x)
    vi = mutual_info_score(la, la) + mutual_info_score(lb, lb) - 2 * mutual_info_score(la, lb)
    assert r.vi == pytest.approx(vi, abs=1e-12)
    assert r.n == len(ids)


def test_compare_partitions_inputs_and_edge_cases() -> None:
    net = NETS["karate"]
    p = cm.louvain(net, seed=0)
    club = cm.partition_by(net, "club")
    ids = net.structure_ids()
    r = cm.compare_partitions(p, club.communities)
    assert r.nmi == pytest.approx(normalized_mutual_info_score([p.membership[i] for i in ids],
                                                               [club.membership[i] for i in ids]), abs=1e-12)
    same = cm.compare_partitions(p, p.communities)
    assert same.nmi == pytest.approx(1.0) and same.ari == pytest.approx(1.0) and same.vi == pytest.approx(0.0, abs=1e-12)
    one = {i: 0 for i in ids}
    assert cm.compare_partitions(one, one).nmi == normalized_mutual_info_score([0] * len(ids), [0] * len(ids))
    assert cm.compare_partitions(one, p).nmi == normalized_mutual_info_score(
        [0] * len(ids), [p.membership[i] for i in ids])
    with pytest.raises(ValueError):
        cm.compare_partitions({"a": 1, "b": 2}, {"a": 1})
    with pytest.raises(ValueError):
        cm.compare_partitions([["a", "b"], ["b"]], [["a", "b"]])
    assert "nmi=" in repr(r)


def test_partition_by_formal_groups() -> None:
    net = NETS["karate"]
    G = aggregated_nx(net)
    club = cm.partition_by(net, "club")
    labels = {s["id"]: s["club"] for s in net.structures()}
    assert club.membership == labels  # membership labels are the attribute values
    groups = communities_of(labels)
    assert as_sets(club.communities) == {frozenset(g) for g in groups}
    assert [len(c) for c in club.communities] == sorted((len(g) for g in groups), reverse=True)
    assert club.modularity == pytest.approx(nx.community.modularity(G, groups, weight="weight"), abs=1e-12)
    assert cm.modularity(net, club) == pytest.approx(club.modularity, abs=1e-15)
    club2 = cm.partition_by(net, "club", resolution=1.7, weight=None)
    assert club2.modularity == pytest.approx(
        nx.community.modularity(aggregated_nx(net, False), groups, resolution=1.7), abs=1e-12)


def test_partition_by_missing_attribute() -> None:
    net = NETS["ptce"]
    with pytest.raises(ValueError, match="tenancy"):
        cm.partition_by(net, "tenancy")
    formal = cm.partition_by(net, "tenancy", missing="none")
    expected = {s["id"]: s.get("tenancy", "none") for s in net.structures()}
    assert formal.membership == expected
    G = aggregated_nx(net)
    assert formal.modularity == pytest.approx(
        nx.community.modularity(G, communities_of(expected), weight="weight"), abs=1e-12)


def planted_network(tmp_path: Path, groups: int = 400, size: int = 100, seed: int = 3) -> cm.Network:
    """groups x size structures, 2 links per structure inside its group and 1/2 outside
    on average (random endpoints), read from CSV files."""
    rng = np.random.default_rng(seed)
    n = groups * size
    a = rng.integers(0, n, 2 * n)
    b = a // size * size + rng.integers(0, size, 2 * n)
    c, d = rng.integers(0, n, n // 2), rng.integers(0, n, n // 2)
    src, dst = np.concatenate([a, c]), np.concatenate([b, d])
    keep = src != dst
    (tmp_path / "structures.csv").write_text("id\n" + "".join(f"s{i}\n" for i in range(n)), encoding="utf-8")
    (tmp_path / "links.csv").write_text(
        "source,target\n" + "".join(f"s{x},s{y}\n" for x, y in zip(src[keep], dst[keep])), encoding="utf-8")
    return cm.read_csv(tmp_path / "structures.csv", tmp_path / "links.csv")


def test_same_partition_on_any_number_of_threads(tmp_path: Path) -> None:
    # 40,000 structures: the first level (>= 32,768 nodes) moves in batches decided on the
    # threads; the result must not depend on how many there are
    net = planted_network(tmp_path)
    groups = {f"s{i}": i // 100 for i in range(40_000)}
    planted_q = cm.modularity(net, groups)
    for algorithm in (cm.louvain, cm.leiden):
        runs = [algorithm(net, seed=5, threads=t) for t in (1, 2, 3)]
        assert runs[0].membership == runs[1].membership == runs[2].membership
        assert runs[0].modularity == runs[1].modularity == runs[2].modularity
        # the batches lose nothing against the planted partition (see the C++ test)
        assert runs[0].modularity >= planted_q - 1e-3
    with pytest.raises(ValueError, match="threads"):
        cm.louvain(net, threads=-1)
    with pytest.raises(ValueError, match="threads"):
        cm.leiden(net, threads=-2)
