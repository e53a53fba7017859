"""Scenarios (coopmap/scenarios.hpp): fragmentation against networkx, key players against
the brute-force optimum over every k-set, vulnerability against networkx removal by
removal."""

from __future__ import annotations

import itertools
import math
import random

import networkx as nx
import pytest

import coopmap as cm

DATASETS = ["karate", "florentine", "ptce-sicoval-2013"]


def undirected(net: cm.Network) -> nx.Graph:
    """The undirected simple view as networkx sees it: a pair is tied when some link joins it."""
    G = nx.Graph()
    G.add_nodes_from(net.structure_ids())
    G.add_edges_from((link["source"], link["target"]) for link in net.links())
    return G


def nx_fragmentation(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    if n < 2:
        return math.nan
    same = sum(len(c) * (len(c) - 1) for c in nx.connected_components(G))
    return 1 - same / (n * (n - 1))


def nx_distance_fragmentation(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    if n < 2:
        return math.nan
    total = sum(1 / d for _, row in nx.all_pairs_shortest_path_length(G) for _, d in row.items() if d > 0)
    return 1 - total / (n * (n - 1))


def nx_reach(G: nx.Graph, S: tuple[str, ...], m: int | None, counted: set[str]) -> float:
    """m-reach (m given) or distance-weighted reach (m None) of the set S."""
    dist = nx.multi_source_dijkstra_path_length(G, set(S), cutoff=m)
    others = [j for j in G if j not in S and j in counted]
    if not others:
        return math.nan
    if m is not None:
        return sum(1 for j in others if j in dist) / len(others)
    return sum(1 / dist[j] for j in others if j in dist) / len(others)


def without(G: nx.Graph, S) -> nx.Graph:
    H = G.copy()
    H.remove_nodes_from(S)
    return H


@pytest.mark.parametrize("name", DATASETS)
def test_fragmentation_equals_networkx(name: str) -> None:
    net = cm.load_dataset(name)
    G = undirected(net)
    f = cm.fragmentation(net)
    assert f.fragmentation == pytest.approx(nx_fragmentation(G), abs=1e-12)
    assert f.distance_fragmentation == pytest.approx(nx_distance_fragmentation(G), abs=1e-12)
    assert f.structures == G.number_of_nodes()
    assert f.components == nx.number_connected_components(G)
    removed = sorted(G, key=lambda v: (-G.degree(v), v))[:3]
    f = cm.fragmentation(net, removed=removed)
    H = without(G, removed)
    assert f.fragmentation == pytest.approx(nx_fragmentation(H), abs=1e-12)
    assert f.distance_fragmentation == pytest.approx(nx_distance_fragmentation(H), abs=1e-12)
    assert f.structures == G.number_of_nodes() - 3


def test_fragmentation_of_a_directed_random_graph_and_threads() -> None:
    # arcs read as ties; DF identical on 1 and 2 threads
    G = nx.gnp_random_graph(300, 0.01, seed=4, directed=True)
    net = cm.from_networkx(nx.relabel_nodes(G, str))
    one = cm.fragmentation(net, threads=1)
    two = cm.fragmentation(net, threads=2)
    assert one.distance_fragmentation == two.distance_fragmentation
    U = nx.relabel_nodes(G, str).to_undirected()
    assert one.fragmentation == pytest.approx(nx_fragmentation(U), abs=1e-12)
    assert one.distance_fragmentation == pytest.approx(nx_distance_fragmentation(U), abs=1e-12)


def brute_force(G: nx.Graph, k: int, score) -> float:
    best = -math.inf
    for S in itertools.combinations(sorted(G), k):
        s = score(S)
        if not math.isnan(s):
            best = max(best, s)
    return best


NEGATIVE_CASES = [("fragmentation", name, k) for name in DATASETS for k in (1, 2, 3)] + [
    ("distance_fragmentation", name, k) for name in ("karate", "florentine") for k in (1, 2)
]


@pytest.mark.parametrize(("objective", "name", "k"), NEGATIVE_CASES)
def test_key_players_negative_finds_the_brute_force_optimum(objective: str, name: str, k: int) -> None:
    measure = nx_fragmentation if objective == "fragmentation" else nx_distance_fragmentation
    net = cm.load_dataset(name)
    G = undirected(net)
    kp = cm.key_players(net, k=k, objective=objective, seed=0)
    assert kp.score == pytest.approx(brute_force(G, k, lambda S: measure(without(G, S))), abs=1e-12)
    assert len(kp.players) == k and len(set(kp.players)) == k
    assert measure(without(G, kp.players)) == pytest.approx(kp.score, abs=1e-12)
    assert kp.baseline == pytest.approx(measure(G), abs=1e-12)


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("k", [1, 2, 3])
def test_key_players_reach_finds_the_brute_force_optimum(name: str, k: int) -> None:
    net = cm.load_dataset(name)
    G = undirected(net)
    everyone = set(G)
    kp = cm.key_players(net, k=k, objective="reach", m=2, seed=0)
    best = brute_force(G, k, lambda S: nx_reach(G, S, 2, everyone))
    assert kp.score == pytest.approx(best, abs=1e-12)
    top = tuple(sorted(G, key=lambda v: (-G.degree(v), net.structure_ids().index(v)))[:k])
    assert kp.baseline == pytest.approx(nx_reach(G, top, 2, everyone), abs=1e-12)
    kp = cm.key_players(net, k=k, objective="distance_reach", seed=0)
    best = brute_force(G, k, lambda S: nx_reach(G, S, None, everyone))
    assert kp.score == pytest.approx(best, abs=1e-12)


def test_key_players_reach_into_one_group() -> None:
    net = cm.load_dataset("ptce-sicoval-2013")
    G = undirected(net)
    target = {r["id"] for r in net.structures() if r.get("legal_family") == "association"}
    kp = cm.key_players(net, k=2, objective="reach", m=1, target={"legal_family": "association"}, seed=0)
    assert kp.score == pytest.approx(brute_force(G, 2, lambda S: nx_reach(G, S, 1, target)), abs=1e-12)
    by_ids = cm.key_players(net, k=2, objective="reach", m=1, target=sorted(target), seed=0)
    assert by_ids.score == kp.score and by_ids.players == kp.players


def test_key_players_is_seeded_and_says_what_is_wrong() -> None:
    net = cm.load_dataset("karate")
    a = cm.key_players(net, k=3, objective="fragmentation", seed=7, restarts=5)
    b = cm.key_players(net, k=3, objective="fragmentation", seed=7, restarts=5)
    assert (a.players, a.score, a.evaluations) == (b.players, b.score, b.evaluations)
    assert "KeyPlayers fragmentation" in repr(a)
    with pytest.raises(ValueError, match="k must be >= 1"):
        cm.key_players(net, k=0)
    with pytest.raises(ValueError, match="k must be between 1"):
        cm.key_players(net, k=34)
    with pytest.raises(ValueError, match="unknown 'reachh'"):
        cm.key_players(net, k=2, objective="reachh")
    with pytest.raises(ValueError, match="m must be >= 1"):
        cm.key_players(net, k=2, objective="reach", m=0)
    with pytest.raises(ValueError, match="club"):  # the known attribute is named
        cm.key_players(net, k=2, objective="reach", target={"clubb": "Officer"})
    with pytest.raises(ValueError, match="no structure has club = Oficer.*Officer"):
        cm.key_players(net, k=2, objective="reach", target={"club": "Oficer"})
    with pytest.raises(KeyError):
        cm.key_players(net, k=2, objective="reach", target=["nobody"])
    with pytest.raises(KeyError):
        cm.fragmentation(net, removed=["nobody"])
    with pytest.raises(TypeError):
        cm.fragmentation(net, removed="n0")


@pytest.mark.parametrize("name", DATASETS)
def test_vulnerability_equals_networkx_removal_by_removal(name: str) -> None:
    net = cm.load_dataset(name)
    G = undirected(net)
    F, DF = nx_fragmentation(G), nx_distance_fragmentation(G)
    # the largest component, ties to the one holding the earliest structure
    order = {v: i for i, v in enumerate(net.structure_ids())}
    comps = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(order[v] for v in c)))
    largest = comps[0]
    records = cm.vulnerability(net)
    assert [r["id"] for r in records] == net.structure_ids()
    for r in records:
        H = without(G, [r["id"]])
        assert r["fragmentation"] == pytest.approx(nx_fragmentation(H), abs=1e-12)
        assert r["distance_fragmentation"] == pytest.approx(nx_distance_fragmentation(H), abs=1e-12)
        assert r["increase"] == pytest.approx(nx_fragmentation(H) - F, abs=1e-12)
        assert r["distance_increase"] == pytest.approx(nx_distance_fragmentation(H) - DF, abs=1e-12)
        if r["id"] in largest:
            rest = H.subgraph(largest - {r["id"]})
            parts = sorted(nx.connected_components(rest), key=lambda c: (-len(c), min(order[v] for v in c)))
            expected = sorted((largest - {r["id"]}) - (parts[0] if parts else set()), key=order.get)
        else:
            expected = []
        assert r["cut_off"] == expected, r["id"]
        assert math.isnan(r["cross_group_brokerage"])
    cut_points = set(nx.articulation_points(G))
    assert {r["id"] for r in records if r["cut_off"]} <= cut_points


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vulnerability_one_pass_on_tree_like_graphs(seed: int) -> None:
    # many cut points, several components, ties between equal parts: F and the cut-offs of
    # every departure (one depth-first search) against networkx removal by removal
    rng = random.Random(seed)
    T = nx.random_labeled_tree(120, seed=seed) if hasattr(nx, "random_labeled_tree") else nx.random_tree(120, seed=seed)
    G = nx.relabel_nodes(T, lambda v: f"s{v}")
    G.add_edges_from((f"s{rng.randrange(120)}", f"s{rng.randrange(120)}") for _ in range(15))
    G.remove_edges_from(nx.selfloop_edges(G))
    G.add_nodes_from(["iso1", "iso2"])
    G.add_edges_from([("p1", "p2"), ("p2", "p3")])
    net = cm.from_networkx(G)
    order = {v: i for i, v in enumerate(net.structure_ids())}
    F = nx_fragmentation(G)
    comps = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(order[v] for v in c)))
    largest = comps[0]
    for r in cm.vulnerability(net, distance=False):
        H = without(G, [r["id"]])
        assert r["fragmentation"] == pytest.approx(nx_fragmentation(H), abs=1e-12)
        assert r["increase"] == pytest.approx(nx_fragmentation(H) - F, abs=1e-12)
        assert math.isnan(r["distance_fragmentation"])
        expected: list[str] = []
        if r["id"] in largest:
            parts = sorted(nx.connected_components(H.subgraph(largest - {r["id"]})),
                           key=lambda c: (-len(c), min(order[v] for v in c)))
            expected = sorted((largest - {r["id"]}) - (parts[0] if parts else set()), key=order.get)
        assert r["cut_off"] == expected, r["id"]


def test_vulnerability_cross_group_brokerage_is_brokerage_across_groups() -> None:
    net = cm.load_dataset("ptce-sicoval-2013")
    records = cm.vulnerability(net, "legal_family", missing="–", distance=False)
    counts = cm.brokerage(net, "legal_family", missing="–").counts
    for r in records:
        c = counts[r["id"]]
        assert r["cross_group_brokerage"] == c["total"] - c["coordinator"]
        assert math.isnan(r["distance_fragmentation"])
    with pytest.raises(ValueError, match="missing on 7 structure"):
        cm.vulnerability(net, "legal_family")


def cross_pairs_within_two(G: nx.Graph, group: dict[str, str]) -> int:
    return sum(
        1
        for i, row in nx.all_pairs_shortest_path_length(G, cutoff=2)
        for j, d in row.items()
        if i < j and 0 < d <= 2 and group[i] != group[j]
    )


@pytest.mark.parametrize("name", DATASETS)
def test_weave_cohesion_is_the_greedy_optimum_step_by_step(name: str) -> None:
    # each suggested link decreases DF by exactly its gain, and no other absent link
    # (given the links already suggested) decreases it more
    net = cm.load_dataset(name)
    G = undirected(net)
    links = cm.weave(net, k=3)
    assert len(links) == 3
    for w in links:
        before = nx_distance_fragmentation(G)
        best = max(
            before - nx_distance_fragmentation(_with(G, a, b))
            for a, b in itertools.combinations(G, 2)
            if not G.has_edge(a, b)
        )
        H = _with(G, w.source, w.target)
        assert w.gain == pytest.approx(before - nx_distance_fragmentation(H), abs=1e-12)
        assert w.gain == pytest.approx(best, abs=1e-12)
        d = nx.shortest_path_length(G, w.source, w.target) if nx.has_path(G, w.source, w.target) else None
        assert w.distance == d
        assert w.shared == sorted(nx.common_neighbors(G, w.source, w.target), key=net.structure_ids().index)
        assert w.why and net.structure(w.source)["name"] in w.why
        G = H


def _with(G: nx.Graph, a: str, b: str) -> nx.Graph:
    H = G.copy()
    H.add_edge(a, b)
    return H


def test_weave_cross_group_is_the_greedy_optimum_step_by_step() -> None:
    net = cm.load_dataset("ptce-sicoval-2013")
    G = undirected(net)
    group = {r["id"]: r.get("legal_family", "–") for r in net.structures()}
    links = cm.weave(net, k=3, objective="cross_group", group="legal_family", missing="–", lang="fr")
    assert len(links) == 3
    for w in links:
        before = cross_pairs_within_two(G, group)
        best = max(
            cross_pairs_within_two(_with(G, a, b), group) - before
            for a, b in itertools.combinations(G, 2)
            if not G.has_edge(a, b)
        )
        H = _with(G, w.source, w.target)
        assert w.gain == cross_pairs_within_two(H, group) - before == best
        assert "paires de plus" in w.why
        G = H
    with pytest.raises(ValueError, match="needs a group"):
        cm.weave(net, objective="cross_group")
    with pytest.raises(ValueError, match="unknown 'cohesive'"):
        cm.weave(net, objective="cohesive")


def test_what_if_indicators_equal_networkx() -> None:
    net = cm.load_dataset("ptce-sicoval-2013")
    G = undirected(net)
    leaving = sorted(G, key=lambda v: (-G.degree(v), v))[0]
    a, b = sorted(v for v in G if v != leaving and not G.has_edge(v, "ies") and v != "ies")[:2][0], "ies"
    s = cm.what_if(net, remove=[leaving], add=[(a, b, "joint_project")], group="legal_family", missing="–")
    after = without(_with(G, a, b), [leaving])
    rows = {r["indicator"]: r for r in s.indicators}
    assert list(rows) == ["components", "largest_component_share", "fragmentation", "distance_fragmentation",
                          "density", "mean_distance", "ei_index"]

    def expected(H: nx.Graph, network: cm.Network) -> dict[str, float]:
        largest = max(nx.connected_components(H), key=len)
        L = H.subgraph(largest)
        return {
            "components": nx.number_connected_components(H),
            "largest_component_share": len(largest) / H.number_of_nodes(),
            "fragmentation": nx_fragmentation(H),
            "distance_fragmentation": nx_distance_fragmentation(H),
            # of the directed simple view (the bundled network is mixed: two-way links are two arcs)
            "density": nx.density(nx.DiGraph(network.to_networkx())),
            "mean_distance": nx.average_shortest_path_length(L),
            "ei_index": cm.ei_index(network, "legal_family", missing="–", permutations=0).network,
        }

    for key, value in expected(G, net).items():
        assert rows[key]["before"] == pytest.approx(value, abs=1e-12), key
    for key, value in expected(after, s.after).items():
        assert rows[key]["after"] == pytest.approx(value, abs=1e-12), key
        assert rows[key]["change"] == pytest.approx(rows[key]["after"] - rows[key]["before"], abs=1e-12)
    assert leaving not in s.after and leaving in net  # the network itself is unchanged
    assert s.after.has_link(a, b)
    z_before = cm.brokerage(net, "legal_family", missing="–").z
    z_after = cm.brokerage(s.after, "legal_family", missing="–").z
    changes = [r["change"] for r in s.brokers]
    assert len(s.brokers) == 10
    for r in s.brokers:
        assert r["before"] == z_before[r["id"]]["total"] and r["after"] == z_after[r["id"]]["total"]
    finite = [abs(c) for c in changes if not math.isnan(c)]
    assert finite == sorted(finite, reverse=True)
    with pytest.raises(KeyError):
        cm.what_if(net, remove=["nobody"])
    with pytest.raises(ValueError, match="add: each link"):
        cm.what_if(net, add=[("ies",)])
