"""coopmap.layout: determinism, quality properties checked against networkx-built graphs,
component packing and the geographic projection."""
from __future__ import annotations

import math

import networkx as nx
import pytest

import coopmap as cm

FORCE = ["fruchterman_reingold", "kamada_kawai", "forceatlas2"]


def two_cliques(k: int = 7, bridge: bool = True) -> nx.Graph:
    G = nx.disjoint_union(nx.complete_graph(k), nx.complete_graph(k))
    if bridge:
        G.add_edge(0, k)
    return G


def intra_inter(pos, blocks):
    """Mean distance within blocks and between blocks."""
    which = {v: b for b, vs in enumerate(blocks) for v in vs}
    ids = list(pos)
    intra, inter = [], []
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            d = math.dist(pos[ids[a]], pos[ids[b]])
            (intra if which[ids[a]] == which[ids[b]] else inter).append(d)
    return sum(intra) / len(intra), sum(inter) / len(inter)


@pytest.mark.parametrize("method", FORCE)
@pytest.mark.parametrize("bridge", [False, True])
def test_cliques_apart(method, bridge):
    G = two_cliques(bridge=bridge)
    net = cm.from_networkx(G)
    pos = cm.layout(net, method=method, seed=1)
    assert set(pos) == {str(v) for v in G}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    intra, inter = intra_inter(pos, [[str(v) for v in range(7)], [str(v) for v in range(7, 14)]])
    assert intra < inter


@pytest.mark.parametrize("method", ["fruchterman_reingold", "forceatlas2"])
def test_stochastic_block_model_blocks_apart(method):
    sizes = [25, 25, 25]
    G = nx.stochastic_block_model(sizes, [[0.4, 0.01, 0.01], [0.01, 0.4, 0.01], [0.01, 0.01, 0.4]], seed=3)
    net = cm.from_networkx(G)
    pos = cm.layout(net, method=method, seed=0)
    blocks = [[str(v) for v in G if G.nodes[v]["block"] == b] for b in range(3)]
    intra, inter = intra_inter(pos, blocks)
    assert intra < 0.7 * inter


@pytest.mark.parametrize("method", FORCE)
def test_seeded_and_deterministic(method):
    net = cm.load_dataset("karate")
    a = cm.layout(net, method=method, seed=5)
    b = cm.layout(net, method=method, seed=5)
    c = cm.layout(net, method=method, seed=6)
    assert a == b
    assert a != c


@pytest.mark.parametrize("method", FORCE)
def test_edges_shorter_than_non_edges_like_networkx(method):
    """Adjacent structures are closer than non-adjacent ones, about as much as in
    networkx's spring layout (reference computed here)."""
    G = nx.les_miserables_graph()
    net = cm.from_networkx(G)

    def ratio(pos):
        e = [math.dist(pos[str(u)], pos[str(v)]) for u, v in G.edges()]
        ne = [math.dist(pos[str(u)], pos[str(v)]) for u, v in nx.non_edges(G)]
        return (sum(e) / len(e)) / (sum(ne) / len(ne))

    ours = ratio(cm.layout(net, method=method, seed=0))
    ref = ratio({str(k): v for k, v in nx.spring_layout(G, seed=0).items()})
    assert ours < 1.5 * ref
    assert ours < 0.6


@pytest.mark.parametrize("method", FORCE)
def test_components_packed_without_overlap(method):
    G = nx.disjoint_union_all([nx.cycle_graph(6), nx.path_graph(4), nx.complete_graph(5), nx.empty_graph(3)])
    net = cm.from_networkx(G)
    pos = cm.layout(net, method=method, seed=2)
    boxes = []
    for comp in nx.connected_components(G):
        xs = [pos[str(v)][0] for v in comp]
        ys = [pos[str(v)][1] for v in comp]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    # Not flying apart: the whole picture stays within a few component sizes.
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    assert max(max(xs) - min(xs), max(ys) - min(ys)) < 20
    # all positions distinct (isolates included)
    assert len(set(pos.values())) == len(pos)


def test_kamada_kawai_path_is_straight():
    G = nx.path_graph(10)
    pos = cm.layout(cm.from_networkx(G), method="kamada_kawai", seed=0)
    # Edge lengths are normalised to a median of 1; a straight path spans ~9.
    assert math.dist(pos["0"], pos["9"]) > 0.9 * 9


def test_barnes_hut_large_graph_finite():
    G = nx.gnp_random_graph(1500, 4 / 1500, seed=1)
    pos = cm.layout(cm.from_networkx(G), method="forceatlas2", seed=0, iterations=50)
    assert len(pos) == 1500
    assert all(math.isfinite(c) for p in pos.values() for c in p)


def test_geographic_exact_and_unlocated():
    net = cm.Network()
    net.add_structure("tls", latitude=43.6047, longitude=1.4442)
    net.add_structure("lab", latitude=43.55, longitude=1.53)
    net.add_structure("ram", latitude=43.5455, longitude=1.4875)
    net.add_structure("partner")
    net.add_structure("alone")
    net.add_link("partner", "tls")
    net.add_link("partner", "lab")
    pos = cm.layout(net, method="geographic")
    phi0 = (43.6047 + 43.55 + 43.5455) / 3  # the mean latitude as standard parallel
    c = math.cos(math.radians(phi0))
    assert pos["tls"] == pytest.approx((1.4442 * c, 43.6047), abs=1e-12)
    assert pos["ram"] == pytest.approx((1.4875 * c, 43.5455), abs=1e-12)
    # partner: near the barycentre of tls and lab
    bary = ((1.4442 + 1.53) / 2 * c, (43.6047 + 43.55) / 2)
    assert math.dist(pos["partner"], bary) < 0.05 * math.dist(pos["tls"], pos["lab"]) + 1e-9
    # alone: on a ring, farther than every located structure from the centre
    centre = ((min(1.4442, 1.53, 1.4875) + max(1.4442, 1.53, 1.4875)) / 2 * c, (43.6047 + 43.5455) / 2)
    assert math.dist(pos["alone"], centre) > max(math.dist(pos[k], centre) for k in ("tls", "lab", "ram"))
    merc = cm.layout(net, method="geographic", projection="mercator")
    assert merc["tls"][1] == pytest.approx(math.degrees(math.log(math.tan(math.pi / 4 + math.radians(43.6047) / 2))))


def test_errors():
    net = cm.load_dataset("karate")
    with pytest.raises(ValueError, match="method"):
        cm.layout(net, method="circular")
    with pytest.raises(ValueError, match="latitude"):
        cm.layout(net, method="geographic")
    bad = cm.Network()
    bad.add_structure("x", latitude="north", longitude=1.0)
    with pytest.raises(ValueError, match="'x'"):
        cm.layout(bad, method="geographic")
    with pytest.raises(ValueError):
        cm.layout(net, projection="lambert", method="geographic")
    assert cm.layout(cm.Network()) == {}


def test_directed_and_multiplex_use_the_simple_view():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="x")
    G.add_edge("a", "b", key="y")
    G.add_edge("b", "c", key="x")
    pos = cm.layout(cm.from_networkx(G), seed=0)
    assert set(pos) == {"a", "b", "c"}


@pytest.mark.parametrize("method", ["fruchterman_reingold", "forceatlas2"])
def test_multilevel_same_on_any_number_of_threads_and_blocks_apart(method):
    # 4,200 structures: multilevel (above 1,000) and threaded (from 4,096).
    G = nx.planted_partition_graph(42, 100, 0.06, 0.0004, seed=4)
    net = cm.from_networkx(G)
    one = cm.layout(net, method=method, seed=1, threads=1)
    assert cm.layout(net, method=method, seed=1, threads=2) == one
    blocks = [[str(v) for v in range(100 * b, 100 * b + 100)] for b in range(42)]
    intra, inter = intra_inter(one, blocks)
    assert intra < 0.5 * inter  # at random positions the two would be equal
    flat = cm.layout(net, method=method, seed=1, multilevel=False, iterations=30)
    assert flat != one
    with pytest.raises(ValueError, match="threads"):
        cm.layout(net, method=method, threads=-1)
