"""Layout speed and quality: coopmap vs networkx spring_layout and igraph
Fruchterman-Reingold / DrL, on seeded sparse random graphs with planted blocks.

Run: .venv/bin/python benchmarks/bench_layout.py   (prints a Markdown table and appends it
to benchmarks/results_layout.md). Median of 3 runs per cell. Quality: mean edge length /
mean distance of random non-adjacent pairs (lower = tighter neighbourhoods), and the
block separation (mean intra-block / inter-block distance, lower = better).
"""
from __future__ import annotations

import datetime
import math
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import igraph as ig
import networkx as nx

import coopmap as cm

RUNS = 3


def sbm(n: int, seed: int) -> ig.Graph:
    k = max(2, n // 100)
    sizes = [n // k] * k
    sizes[-1] += n - sum(sizes)
    p_in, p_out = 8.0 / (n / k), 1.0 / n
    pref = [[p_in if i == j else p_out for j in range(k)] for i in range(k)]
    random.seed(seed)
    return ig.Graph.SBM(pref, sizes, directed=False), sizes


def quality(coords, edges, blocks, seed=0):
    rng = random.Random(seed)
    n = len(coords)
    e = [math.dist(coords[u], coords[v]) for u, v in edges[:20000]]
    es = {(min(u, v), max(u, v)) for u, v in edges}
    ne, intra, inter = [], [], []
    while len(ne) < 20000:
        u, v = rng.randrange(n), rng.randrange(n)
        if u == v or (min(u, v), max(u, v)) in es:
            continue
        d = math.dist(coords[u], coords[v])
        ne.append(d)
        (intra if blocks[u] == blocks[v] else inter).append(d)
    ratio = statistics.mean(e) / statistics.mean(ne)
    sep = statistics.mean(intra) / statistics.mean(inter) if intra and inter else float("nan")
    return ratio, sep


def timed(fn):
    ts, out = [], None
    for _ in range(RUNS):
        t = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), out


def main() -> None:
    rows = []
    for n in (1000, 10000):
        g, sizes = sbm(n, seed=n)
        blocks = [b for b, s in enumerate(sizes) for _ in range(s)]
        edges = g.get_edgelist()
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edges)
        net = cm.from_networkx(G)
        ids = [str(i) for i in range(n)]
        cands = {
            "coopmap forceatlas2": lambda: (lambda p: [p[i] for i in ids])(cm.layout(net, "forceatlas2", seed=0)),
            "igraph fruchterman_reingold": lambda: g.layout_fruchterman_reingold(niter=500).coords,
            "igraph drl": lambda: g.layout_drl().coords,
        }
        if n <= 1000:  # O(n^2) per iteration or too slow at 10^4 (BGL's FR grid forces)
            cands["coopmap fruchterman_reingold"] = lambda: (lambda p: [p[i] for i in ids])(
                cm.layout(net, "fruchterman_reingold", seed=0)
            )
            cands["networkx spring_layout"] = lambda: (lambda p: [tuple(p[i]) for i in range(n)])(
                nx.spring_layout(G, seed=0)
            )
            cands["coopmap kamada_kawai"] = lambda: (lambda p: [p[i] for i in ids])(cm.layout(net, "kamada_kawai", seed=0))
        res = {}
        for name, fn in cands.items():
            t, coords = timed(fn)
            res[name] = (t, *quality(coords, edges, blocks))
        peers = [v[0] for k, v in res.items() if not k.startswith("coopmap")]
        fastest = min(peers)
        for name, (t, ratio, sep) in res.items():
            rows.append((n, g.ecount(), name, t, t / fastest, ratio, sep))
    lines = [
        f"### bench_layout — {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"{platform.machine()}, Python {sys.version.split()[0]}, median of {RUNS} runs",
        "",
        "| n | m | method | time (s) | time / fastest peer | edge/non-edge distance | intra/inter block distance |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    for n, m, name, t, r, q, s in rows:
        lines.append(f"| {n} | {m} | {name} | {t:.3f} | {r:.2f} | {q:.3f} | {s:.3f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    out = Path(__file__).with_name("results_layout.md")
    with out.open("a", encoding="utf-8") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
