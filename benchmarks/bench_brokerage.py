"""Benchmark of exact betweenness (issue 5): coopmap vs igraph (and networkx on a smaller
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
import datetime
import os
import platform
import random
import statistics
import time
from pathlib import Path

import igraph as ig
import networkx as nx

import coopmap as cm


def timed(f, repeat: int) -> tuple[float, float, object]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        out = f()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), out


def to_coopmap(g: ig.Graph) -> cm.Network:
    net = cm.Network(directed=g.is_directed())
    for i in range(g.vcount()):
        net.add_structure(str(i))
    for a, b in g.get_edgelist():
        net.add_link(str(a), str(b))
    return net


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
    G = nx.Graph(small.get_edgelist())
    G.add_nodes_from(range(small.vcount()))
    snet = to_coopmap(small)
    tn, cn, bn = timed(lambda: nx.betweenness_centrality(G, normalized=False), 1)
    ti, ci, ref = timed(lambda: small.betweenness(), args.repeat)
    t1, c1, b1 = timed(lambda: cm.betweenness(snet, threads=1), args.repeat)
    label = "Erdős–Rényi, n=2000, m=10000"
    rows.append((label, "networkx (1 run)", tn, cn, tn / min(tn, ti), "reference"))
    rows.append((label, "igraph 1 thread", ti, ci, ti / min(tn, ti), "reference"))
    rows.append((label, "coopmap 1 thread", t1, c1, t1 / min(tn, ti), f"max rel. diff to networkx {max(abs(b1[str(v)] - x) / max(1.0, abs(x)) for v, x in bn.items()):.1e}"))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    head = (f"### Exact betweenness — {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
            f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load average {load:.1f}, "
            f"median of {args.repeat} runs\n")
    lines = [head, "| graph | implementation | wall s | CPU s | ratio to fastest peer (wall) | quality |",
             "|---|---|---:|---:|---:|---|"]
    for label, impl, w, c, r, q in rows:
        cs = "" if c != c else f"{c:.2f}"
        lines.append(f"| {label} | {impl} | {w:.2f} | {cs} | {r:.2f} | {q} |")
    table = "\n".join(lines) + "\n"
    print(table)
    out = Path(__file__).resolve().parent / "results_brokerage.md"
    with open(out, "a") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
