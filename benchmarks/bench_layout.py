"""Layout speed and quality: coopmap vs networkx spring_layout and igraph
Fruchterman-Reingold / DrL, on seeded sparse random graphs with planted blocks.

Run: .venv/bin/python benchmarks/bench_layout.py   (prints a Markdown table and appends it
to benchmarks/results_layout.md). Median of 3 runs per cell. Quality: mean edge length /
mean distance of random non-adjacent pairs (lower = tighter neighbourhoods), and the
block separation (mean intra-block / inter-block distance, lower = better).
"""
from __future__ import annotations

import igraph as ig
import networkx as nx

import coopmap as cm
from _harness import (append_results, block_sizes, layout_quality, machine, machine_line, markdown_table, median_time,
                      sbm, stamp, to_networkx)

RUNS = 3


def layout_sbm(n: int, seed: int) -> tuple[ig.Graph, list[int]]:
    k = max(2, n // 100)
    sizes = block_sizes(n, k)
    return sbm(sizes, 8.0 / (n / k), 1.0 / n, seed), sizes


def timed(fn):
    return median_time(fn, RUNS)


def main() -> None:
    rows = []
    for n in (1000, 10000):
        g, sizes = layout_sbm(n, seed=n)
        blocks = [b for b, s in enumerate(sizes) for _ in range(s)]
        edges = g.get_edgelist()
        G = to_networkx(n, edges)
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
            res[name] = (t, *layout_quality(coords, edges, blocks))
        peers = [v[0] for k, v in res.items() if not k.startswith("coopmap")]
        fastest = min(peers)
        for name, (t, ratio, sep) in res.items():
            rows.append((n, g.ecount(), name, t, t / fastest, ratio, sep))
    head = f"### bench_layout — {stamp()}, median of {RUNS} runs\n\n{machine_line(machine())}\n"
    append_results("results_layout.md", head + "\n" + markdown_table(
        ["n", "m", "method", "time (s)", "time / fastest peer", "edge/non-edge distance", "intra/inter block distance"],
        [(n, m, name, f"{t:.3f}", f"{r:.2f}", f"{q:.3f}", f"{s:.3f}") for n, m, name, t, r, q, s in rows],
        "rrlrrrr"))


if __name__ == "__main__":
    main()
