"""Benchmark of the scenarios (coopmap/scenarios.hpp) against a straightforward networkx
implementation of the same definitions, measured in the same run.

- fragmentation: Borgatti's F and DF of the whole network (networkx: components, and
  all-pairs BFS for DF);
- vulnerability: F after the departure of every structure (coopmap: one depth-first
  search; networkx: remove each node and count the components again);
- key players (KPP-Neg, k = 5, objective F): the same search in both (greedy start, then
  steepest-ascent swaps; ties by the links the set removes, as coopmap does above 400
  structures), one search each (restarts=1), plus coopmap's default 10 searches;
  coopmap scores every outsider of a step with one depth-first search, networkx counts
  the components of G - S for every candidate set.

Run: .venv/bin/python benchmarks/bench_scenarios.py [--repeat 3]
This prints a Markdown table and appends it to benchmarks/results_scenarios.md. It is
not part of the test command. networkx runs once per cell, and only on the sizes where
it finishes within minutes.
"""

from __future__ import annotations

import argparse
import math

import networkx as nx
from _harness import (
    append_results,
    machine,
    machine_line,
    markdown_table,
    measure,
    planted,
    stamp,
    to_coopmap,
    to_networkx,
)

import coopmap as cm


def nx_fragmentation(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(G)) / (n * (n - 1))


def nx_distance_fragmentation(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    total = sum(1 / d for _, row in nx.all_pairs_shortest_path_length(G) for d in row.values() if d > 0)
    return 1 - total / (n * (n - 1))


def nx_vulnerability(G: nx.Graph) -> dict:
    out = {}
    for v in list(G):
        H = G.copy()
        H.remove_node(v)
        out[v] = nx_fragmentation(H)
    return out


def nx_key_players(G: nx.Graph, k: int) -> tuple[list[int], float]:
    """Greedy start + steepest-ascent swaps on F, ties by the links S removes (lower
    index first on full ties), as coopmap.key_players(objective="fragmentation",
    restarts=1) above its DF tie limit."""
    n = G.number_of_nodes()
    nodes = sorted(G)

    def score(S: list[int]) -> tuple[float, int]:
        H = nx.restricted_view(G, S, [])
        left = n - len(S)
        f = 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(H)) / (left * (left - 1))
        inside = set(S)
        removed = sum(G.degree(v) for v in S) - sum(1 for v in S for w in G[v] if w in inside) // 2
        return f, removed

    def better(a: tuple[float, int], b: tuple[float, int] | None) -> bool:
        if b is None or a[0] > b[0] + 1e-12 * max(1.0, abs(b[0])):
            return True
        return not (b[0] > a[0] + 1e-12 * max(1.0, abs(a[0]))) and a[1] > b[1]

    S: list[int] = []
    best = None
    for _ in range(k):
        best, pick = None, -1
        for v in nodes:
            if v in S:
                continue
            s = score([*S, v])
            if better(s, best):
                best, pick = s, v
        S.append(pick)
    assert best is not None
    while True:
        top, swap = best, None
        for i in range(k):
            base = S[:i] + S[i + 1 :]
            for v in nodes:
                if v in S:
                    continue
                s = score([*base, v])
                if better(s, top):
                    top, swap = s, (i, v)
        if swap is None:
            return sorted(S), best[0]
        S[swap[0]] = swap[1]
        best = top


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = []
    for n, nx_vuln in ((1_000, True), (5_000, True), (20_000, False)):
        g, _blocks = planted(n, 100, 3.0, 0.5, seed=1)  # blocks of 100, mean degree 3.5: many cut points
        net = to_coopmap(g)
        G = to_networkx(g.vcount(), g.get_edgelist())
        label = f"planted blocks, n={net.number_of_structures():,}, m={net.number_of_links():,}"
        t = measure(lambda: cm.fragmentation(net, threads=1), args.repeat)
        t2 = measure(lambda: cm.fragmentation(net, threads=2), args.repeat)
        if n <= 5_000:
            ref = measure(lambda: (nx_fragmentation(G), nx_distance_fragmentation(G)), 1)
            diff = abs(ref.result[1] - t.result.distance_fragmentation)
            rows.append((label, "F + DF", "networkx (1 run)", ref.wall, 1.0, "reference"))
            rows.append((label, "F + DF", "coopmap 1 thread", t.wall, t.wall / ref.wall, f"|Δ DF| {diff:.1e}"))
            rows.append((label, "F + DF", "coopmap 2 threads", t2.wall, t2.wall / ref.wall, ""))
        else:
            rows.append((label, "F + DF", "coopmap 1 thread", t.wall, math.nan, "networkx not run (minutes)"))
            rows.append((label, "F + DF", "coopmap 2 threads", t2.wall, math.nan, ""))
        v = measure(lambda: cm.vulnerability(net, distance=False), args.repeat)
        if nx_vuln:
            ref = measure(lambda: nx_vulnerability(G), 1)
            ours = {r["id"]: r["fragmentation"] for r in v.result}
            diff = max(abs(ours[str(k)] - x) for k, x in ref.result.items())
            rows.append((label, "F after each departure", "networkx (1 run)", ref.wall, 1.0, "reference"))
            rows.append((label, "F after each departure", "coopmap", v.wall, v.wall / ref.wall, f"max |Δ F| {diff:.1e}"))
        else:
            rows.append((label, "F after each departure", "coopmap", v.wall, math.nan, "networkx not run (minutes)"))
    for n, with_nx in ((1_000, True), (57_000, False)):
        g, _blocks = planted(n, 100, 3.0, 0.5, seed=1)
        net = to_coopmap(g)
        label = f"planted blocks, n={net.number_of_structures():,}, m={net.number_of_links():,}"
        task = "key players k=5, F"
        one = measure(lambda: cm.key_players(net, k=5, objective="fragmentation", restarts=1), args.repeat)
        ten = measure(lambda: cm.key_players(net, k=5, objective="fragmentation", seed=0), args.repeat)
        if with_nx:
            G = to_networkx(g.vcount(), g.get_edgelist())
            ref = measure(lambda: nx_key_players(G, 5), 1)
            same = [int(p) for p in one.result.players] == ref.result[0]
            quality = f"same set: {same}, |Δ F| {abs(ref.result[1] - one.result.score):.1e}"
            rows.append((label, task, "networkx, 1 search (1 run)", ref.wall, 1.0, "reference"))
            rows.append((label, task, "coopmap, 1 search", one.wall, one.wall / ref.wall, quality))
            rows.append((label, task, "coopmap, 10 searches", ten.wall, ten.wall / ref.wall, f"F {ten.result.score:.4f}"))
        else:
            rows.append((label, task, "coopmap, 1 search", one.wall, math.nan, "networkx not run (hours)"))
            rows.append((label, task, "coopmap, 10 searches", ten.wall, math.nan, f"F {ten.result.score:.4f}"))
    head = f"### Scenarios — {stamp()}, median of {args.repeat} runs\n\n{machine_line(machine())}\n"
    append_results(
        "results_scenarios.md",
        head
        + "\n"
        + markdown_table(
            ["graph", "task", "implementation", "wall s", "ratio to networkx", "quality"],
            [(lb, task, impl, f"{w:.3f}", "" if r != r else f"{r:.3g}", q) for lb, task, impl, w, r, q in rows],
            "lllrrl",
        ),
    )


if __name__ == "__main__":
    main()
