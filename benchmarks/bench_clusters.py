"""Benchmark of coopmap's clusters against igraph (and networkx where feasible).

    .venv/bin/python benchmarks/bench_clusters.py [--quick]

Graphs (seeded): planted partitions generated with igraph's Graph.SBM:
  * large:  200,000 structures in 200 blocks of 1,000, expected degree 10 (8 inside,
            2 outside): ~1,000,000 links (the graph of the Louvain/Leiden comparison);
  * medium: 20,000 structures in 100 blocks of 200, same degrees (~100,000 links),
            where networkx's louvain_communities is also timed;
  * small:  10,000 structures in 50 blocks of 200, expected degree 5 (4 inside, 1
            outside): ~25,000 links;
  * directed: 10,002 structures in 3 groups, expected out-degree 5 (4 inside, 1
            outside): ~50,000 arcs; coopmap symmetrises it (a->b and b->a summed), the
            peers get that same weighted undirected graph.
Every time is the median of 3 runs in this process (--quick: 1 run, large graph only);
the peers' runs differ in their random draws (igraph: one seeded stream; networkx,
leidenalg: seeds 0, 1, 2, ...) and their Q and NMI are the medians over the runs. coopmap times include building the CSR view from the Network
and the membership dict returned to Python; peer times start from their own graph
object. The ratio is coopmap / fastest peer (< 1: coopmap faster). Quality: modularity Q
of each result on the same graph (igraph's Graph.modularity) and NMI with the planted
blocks (scikit-learn). Prints a Markdown table and appends it to
benchmarks/results_clusters.md.
"""
from __future__ import annotations

import itertools
import random
import statistics
import sys
import time

import igraph as ig
import leidenalg
import networkx as nx
from sklearn.metrics import normalized_mutual_info_score

import coopmap as cm
from _harness import append_results, machine, machine_line, markdown_table, planted, stamp, to_coopmap

RUNS = 1 if "--quick" in sys.argv else 3


def symmetrised(g: ig.Graph) -> ig.Graph:
    """coopmap's clustering view of a directed graph: one edge per connected pair, weight =
    the number of arcs between the two (a->b and b->a summed)."""
    h = g.copy()
    h.es["weight"] = [1.0] * h.ecount()
    return h.as_undirected(mode="collapse", combine_edges="sum")


def timed(fn, runs: int = RUNS):
    """Median time of `runs` calls and the list of their results."""
    times, results = [], []
    for _ in range(runs):
        t = time.perf_counter()
        results.append(fn())
        times.append(time.perf_counter() - t)
    return statistics.median(times), results


def with_membership(p: cm.Partition) -> cm.Partition:
    p.membership  # noqa: B018  (builds the dict, part of what a user gets)
    return p


def membership_list(p: cm.Partition, n: int) -> list[int]:
    m = p.membership
    return [m[str(i)] for i in range(n)]


def bench(name: str, g: ig.Graph, truth: list[int], slow_peers: bool) -> list[dict]:
    """slow_peers: also networkx's Louvain and leidenalg (too slow for the large graph)."""
    net = to_coopmap(g)
    n = g.vcount()
    u, w = (symmetrised(g), "weight") if g.is_directed() else (g, None)
    rows = []

    def quality(memb: list[int]) -> tuple[float, float]:
        return u.modularity(memb, weights=w), normalized_mutual_info_score(truth, memb)

    def median_quality(membs: list[list[int]]) -> tuple[float, float]:
        qs = [quality(m) for m in membs]
        return statistics.median(q[0] for q in qs), statistics.median(q[1] for q in qs)

    def coopmap_run(fn):
        t, ps = timed(lambda: with_membership(fn()))
        return t, quality(membership_list(ps[-1], n))  # the same seed every run: one result

    seeds = itertools.count()  # networkx and leidenalg: a new seed for every run

    def peer_run(fn):
        random.seed(0)  # igraph draws from Python's random, seeded once: every run differs
        t, membs = timed(fn)
        return t, median_quality(membs)

    # Louvain
    t_cm, q_cm = coopmap_run(lambda: cm.louvain(net, seed=0))
    peers = {"igraph multilevel": peer_run(lambda: u.community_multilevel(weights=w).membership)}
    if slow_peers:
        G = u.to_networkx()

        def nx_louvain():
            memb = [0] * n
            for k, cset in enumerate(nx.community.louvain_communities(G, weight=w, seed=next(seeds))):
                for v in cset:
                    memb[v] = k
            return memb

        peers["networkx louvain"] = peer_run(nx_louvain)
    rows.append(row(name, g, "louvain", t_cm, q_cm, peers))

    # Leiden: the defaults (coopmap: iterations until one gains <= 1e-3 |Q|; igraph 2
    # iterations; leidenalg 2 iterations), 2 iterations each, and both until stable.
    def la_leiden(n_iterations):
        return leidenalg.find_partition(u, leidenalg.ModularityVertexPartition, weights=w, n_iterations=n_iterations,
                                        seed=next(seeds)).membership

    t_ld, q_ld = coopmap_run(lambda: cm.leiden(net, seed=0))
    ig_leiden = peer_run(lambda: u.community_leiden(objective_function="modularity", weights=w).membership)
    peers = {"igraph leiden": ig_leiden}
    if slow_peers:
        peers["leidenalg"] = peer_run(lambda: la_leiden(2))
    rows.append(row(name, g, "leiden (defaults: coopmap tolerance 1e-3, igraph/leidenalg 2 iterations)", t_ld, q_ld,
                    peers))
    t_ld2, q_ld2 = coopmap_run(lambda: cm.leiden(net, seed=0, n_iterations=2))
    rows.append(row(name, g, "leiden n_iterations=2 (both)", t_ld2, q_ld2, {"igraph leiden": ig_leiden}))
    t_ld_all, q_ld_all = coopmap_run(lambda: cm.leiden(net, seed=0, tolerance=0))
    peers = {"igraph leiden": peer_run(lambda: u.community_leiden(objective_function="modularity", weights=w,
                                                                  n_iterations=-1).membership)}
    if slow_peers:
        peers["leidenalg"] = peer_run(lambda: la_leiden(-1))
    rows.append(row(name, g, "leiden until stable (coopmap tolerance=0, peers n_iterations=-1)", t_ld_all, q_ld_all,
                    peers))
    return rows


def row(name: str, g: ig.Graph, algo: str, t_cm: float, q_cm: tuple[float, float], peers: dict) -> dict:
    best_peer = min(peers, key=lambda k: peers[k][0])
    return {
        "graph": f"{name} (n={g.vcount():,}, m={g.ecount():,})",
        "algorithm": algo,
        "coopmap_s": t_cm,
        "peers": peers,
        "fastest": best_peer,
        "ratio": t_cm / peers[best_peer][0],
        "q_cm": q_cm,
    }


def table(rows: list[dict]) -> str:
    def peers(r: dict, fmt) -> str:
        return "; ".join(f"{k} {fmt(v)}" for k, v in r["peers"].items())

    return markdown_table(
        ["graph", "algorithm", "coopmap s", "peer s", "ratio coopmap / fastest peer", "Q coopmap", "Q peer",
         "NMI coopmap", "NMI peer"],
        [[r["graph"], r["algorithm"], f"{r['coopmap_s']:.3f}", peers(r, lambda v: f"{v[0]:.3f}"),
          f"{r['ratio']:.3f} ({r['fastest']})", f"{r['q_cm'][0]:.5f}", peers(r, lambda v: f"{v[1][0]:.5f}"),
          f"{r['q_cm'][1]:.4f}", peers(r, lambda v: f"{v[1][1]:.4f}")] for r in rows],
        "llrlrrlrl")


def main() -> None:
    rows = []
    g, truth = planted(200_000, 1000, 8.0, 2.0, seed=1)
    rows += bench("planted partition, large", g, truth, slow_peers=False)
    if RUNS > 1:
        g, truth = planted(20_000, 200, 8.0, 2.0, seed=2)
        rows += bench("planted partition, medium", g, truth, slow_peers=True)
        g, truth = planted(10_000, 200, 4.0, 1.0, seed=3)
        rows += bench("planted partition, small", g, truth, slow_peers=True)
        g, truth = planted(10_002, 3334, 4.0, 1.0, seed=4, directed=True)
        rows += bench("directed, 3 groups", g, truth, slow_peers=True)
    header = f"## bench_clusters.py, {stamp()}\n\nmedian of {RUNS} run(s); {machine_line(machine())}\n"
    append_results("results_clusters.md", header + "\n" + table(rows))


if __name__ == "__main__":
    main()
