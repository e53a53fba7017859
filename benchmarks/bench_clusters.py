"""Benchmark of coopmap's clusters against igraph (and networkx where feasible).

    .venv/bin/python benchmarks/bench_clusters.py [--quick]

Graphs (seeded): planted partitions generated with igraph's Graph.SBM:
  * large:  200,000 structures in 200 blocks of 1,000, expected degree 10 (8 inside,
            2 outside): ~1,000,000 links (the graph of issue 3);
  * medium: 20,000 structures in 100 blocks of 200, same degrees (~100,000 links),
            where networkx's louvain_communities is also timed.
Every time is the median of 3 runs in this process (--quick: 1 run, large graph only).
coopmap times include building the CSR view from the Network and the membership dict
returned to Python; peer times start from their own graph object. The ratio is
coopmap / fastest peer (< 1: coopmap faster). Quality: modularity Q of each result on the
same graph (igraph's Graph.modularity) and NMI with the planted blocks (scikit-learn).
Prints a Markdown table and appends it to benchmarks/results_clusters.md.
"""
from __future__ import annotations

import sys

import igraph as ig
import networkx as nx
from sklearn.metrics import normalized_mutual_info_score

import coopmap as cm
from _harness import append_results, machine, machine_line, markdown_table, median_time, planted, stamp, to_coopmap

RUNS = 1 if "--quick" in sys.argv else 3


def timed(fn):
    return median_time(fn, RUNS)


def with_membership(p: cm.Partition) -> cm.Partition:
    p.membership  # noqa: B018  (builds the dict, part of what a user gets)
    return p


def membership_list(p: cm.Partition, n: int) -> list[int]:
    m = p.membership
    return [m[str(i)] for i in range(n)]


def bench(name: str, g: ig.Graph, truth: list[int], with_networkx: bool) -> list[dict]:
    net = to_coopmap(g)
    n = g.vcount()
    rows = []

    def quality(memb: list[int]) -> tuple[float, float]:
        return g.modularity(memb), normalized_mutual_info_score(truth, memb)

    # Louvain
    t_cm, p = timed(lambda: with_membership(cm.louvain(net, seed=0)))
    q_cm = quality(membership_list(p, n))
    t_ig, c = timed(lambda: g.community_multilevel())
    q_ig = quality(c.membership)
    peers = {"igraph multilevel": (t_ig, q_ig)}
    if with_networkx:
        G = g.to_networkx()
        t_nx, comms = timed(lambda: nx.community.louvain_communities(G, seed=0))
        memb = [0] * n
        for k, cset in enumerate(comms):
            for v in cset:
                memb[v] = k
        peers["networkx louvain"] = (t_nx, quality(memb))
    rows.append(row(name, g, "louvain", t_cm, q_cm, peers))

    # Leiden: coopmap's default (iterate until stable) against igraph's default (2 iterations)
    # and both iterated until stable.
    t_ld, p = timed(lambda: with_membership(cm.leiden(net, seed=0)))
    q_ld = quality(membership_list(p, n))
    t_il, c = timed(lambda: g.community_leiden(objective_function="modularity"))
    q_il = quality(c.membership)
    rows.append(row(name, g, "leiden (defaults: coopmap until stable, igraph 2 iterations)", t_ld, q_ld,
                    {"igraph leiden": (t_il, q_il)}))
    t_ld2, p = timed(lambda: with_membership(cm.leiden(net, seed=0, n_iterations=2)))
    q_ld2 = quality(membership_list(p, n))
    rows.append(row(name, g, "leiden n_iterations=2 (both)", t_ld2, q_ld2, {"igraph leiden": (t_il, q_il)}))
    t_il_all, c = timed(lambda: g.community_leiden(objective_function="modularity", n_iterations=-1))
    rows.append(row(name, g, "leiden n_iterations=-1 (both)", t_ld, q_ld,
                    {"igraph leiden": (t_il_all, quality(c.membership))}))
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
    rows += bench("planted partition, large", g, truth, with_networkx=False)
    if RUNS > 1:
        g, truth = planted(20_000, 200, 8.0, 2.0, seed=2)
        rows += bench("planted partition, medium", g, truth, with_networkx=True)
    header = f"## bench_clusters.py, {stamp()}\n\nmedian of {RUNS} run(s); {machine_line(machine())}\n"
    append_results("results_clusters.md", header + "\n" + table(rows))


if __name__ == "__main__":
    main()
