"""Benchmark of exact betweenness: coopmap vs igraph (and networkx on a smaller
graph) in the same run, on a seeded 10,000-structure / 50,000-link random graph.

Run: .venv/bin/python benchmarks/bench_brokerage.py [--repeat 3]
Prints a Markdown table (median wall time of the runs, CPU time summed over threads, ratio coopmap / fastest peer, largest difference to igraph's values) and appends
it to benchmarks/results_brokerage.md. Not part of the test command. On a shared machine
(load average above the number of cores) wall times and the 2-thread speed-up are noisy;
the CPU times still compare the single-threaded work, and CPU(2 threads) / CPU(1 thread)
close to 1 shows that the parallel version does no extra work.
"""
from __future__ import annotations

import argparse
import random

import igraph as ig
import networkx as nx

import coopmap as cm
from _harness import append_results, machine, machine_line, markdown_table, measure, stamp, to_coopmap, to_networkx


def timed(f, repeat: int) -> tuple[float, float, object]:
    t = measure(f, repeat)
    return t.wall, t.cpu, t.result


def max_diff(ours: dict, ref: list[float]) -> float:
    return max(abs(ours[str(i)] - x) / max(1.0, abs(x)) for i, x in enumerate(ref))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--m", type=int, default=50_000)
    args = ap.parse_args()
    random.seed(0)  # python-igraph draws from Python's random module
    rows = []
    graphs = [
        ("Erdős–Rényi", ig.Graph.Erdos_Renyi(n=args.n, m=args.m)),
    ]
    sizes = [args.n // 10] * 10
    p_in, p_out = 0.0085, 0.00013  # about 5 * n links, mostly inside the 10 blocks
    pref = [[p_in if i == j else p_out for j in range(10)] for i in range(10)]
    graphs.append(("SBM (10 blocks)", ig.Graph.SBM(pref, sizes)))
    for name, g in graphs:
        net = to_coopmap(g)
        ti, ci, ref = timed(lambda: g.betweenness(), args.repeat)
        t1, c1, b1 = timed(lambda: cm.betweenness(net, threads=1), args.repeat)
        t2, c2, b2 = timed(lambda: cm.betweenness(net, threads=2), args.repeat)
        d1, d2 = max_diff(b1, ref), max_diff(b2, ref)
        label = f"{name}, n={g.vcount()}, m={g.ecount()}"
        rows.append((label, "igraph 1 thread", ti, ci, 1.0, "reference"))
        rows.append((label, "coopmap 1 thread", t1, c1, t1 / ti, f"max rel. diff {d1:.1e}"))
        rows.append((label, "coopmap 2 threads", t2, c2, t2 / ti,
                     f"max rel. diff {d2:.1e}; speed-up vs 1 thread {t1 / t2:.2f}x (wall); CPU 2 threads / 1 thread {c2 / c1:.2f}"))
    # networkx is far too slow at 10,000 structures: compare on a 2,000 / 10,000 graph
    small = ig.Graph.Erdos_Renyi(n=2000, m=10000)
    G = to_networkx(small.vcount(), small.get_edgelist())
    snet = to_coopmap(small)
    tn, cn, bn = timed(lambda: nx.betweenness_centrality(G, normalized=False), 1)
    ti, ci, ref = timed(lambda: small.betweenness(), args.repeat)
    t1, c1, b1 = timed(lambda: cm.betweenness(snet, threads=1), args.repeat)
    label = "Erdős–Rényi, n=2000, m=10000"
    rows.append((label, "networkx (1 run)", tn, cn, tn / min(tn, ti), "reference"))
    rows.append((label, "igraph 1 thread", ti, ci, ti / min(tn, ti), "reference"))
    rows.append((label, "coopmap 1 thread", t1, c1, t1 / min(tn, ti), f"max rel. diff to networkx {max(abs(b1[str(v)] - x) / max(1.0, abs(x)) for v, x in bn.items()):.1e}"))

    head = f"### Exact betweenness — {stamp()}, median of {args.repeat} runs\n\n{machine_line(machine())}\n"
    append_results("results_brokerage.md", head + "\n" + markdown_table(
        ["graph", "implementation", "wall s", "CPU s", "ratio to fastest peer (wall)", "quality"],
        [(label, impl, f"{w:.2f}", "" if c != c else f"{c:.2f}", f"{r:.2f}", q) for label, impl, w, c, r, q in rows],
        "llrrrl"))


if __name__ == "__main__":
    main()
