"""Benchmark of coopmap's gaps functions against igraph / networkx / scipy, same run.

    .venv/bin/python benchmarks/bench_gaps.py [--n 200000] [--m 1000000] [--runs 3]

Graph: a seeded stochastic block model (igraph Graph.SBM, 50 equal blocks, ~70 % of the
ties inside blocks) with n structures and ~m links. Prints a Markdown table (median of
`runs` timings, ratio coopmap / fastest peer, quality numbers) and appends it to
benchmarks/results_gaps.md. Not part of the tests.
"""
from __future__ import annotations

import argparse
import math
import time

import igraph as ig
import networkx as nx
import numpy as np

import coopmap as cm
from _harness import (adamic_adar_top_scipy, append_results, block_sizes, machine, machine_line, markdown_table,
                      median_time, sbm, stamp, to_coopmap, to_networkx)

timed = median_time


def gaps_sbm(n: int, m: int, seed: int) -> ig.Graph:
    """50 equal blocks (the last takes the remainder), ~70 % of the m ties inside blocks."""
    k = 50
    sizes = block_sizes(n, k)
    s = n // k
    p_in = 0.7 * m / (k * s * (s - 1) / 2)
    p_out = 0.3 * m / (k * (k - 1) / 2 * s * s)
    return sbm(sizes, p_in, p_out, seed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--m", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t0 = time.perf_counter()
    g = gaps_sbm(args.n, args.m, args.seed)
    net = to_coopmap(g, [f"s{i:06d}" for i in range(g.vcount())])
    build = time.perf_counter() - t0
    ids = net.structure_ids()
    rows: list[tuple[str, str, str, str, str]] = []

    # ---- Burt: igraph constraint alone vs coopmap's four measures
    t_ig, c_ig = timed(lambda: g.constraint(), args.runs)
    t_cm1, sh1 = timed(lambda: cm.structural_holes(net, weight=None, threads=1), args.runs)
    t_cm, sh = timed(lambda: cm.structural_holes(net, weight=None), args.runs)
    c_cm = np.array([r["constraint"] for r in sh])
    c_ref = np.array(c_ig)
    ok = ~np.isnan(c_ref)
    diff_ig = float(np.max(np.abs(c_cm[ok] - c_ref[ok])))
    keys = ("constraint", "effective_size", "efficiency", "hierarchy")
    same_threads = all((a[k] == b[k]) or (math.isnan(a[k]) and math.isnan(b[k])) for a, b in zip(sh, sh1) for k in keys)
    # networkx's sparse-matrix constraint (one run: it is the slow peer)
    G = to_networkx(g.vcount(), g.get_edgelist())
    t_nx, c_nx = timed(lambda: nx.constraint(G), 1)
    diff_nx = max(abs(c_cm[i] - c_nx[i]) for i in range(len(ids)) if not math.isnan(c_nx[i]))
    rows.append(("Burt: all 4 measures (coopmap, 1 thread) vs igraph constraint()",
                 f"{t_cm1:.2f}", f"igraph {t_ig:.2f} / networkx {t_nx:.2f}", f"{t_cm1 / t_ig:.2f}",
                 f"max |Δ constraint| vs igraph {diff_ig:.1e}, vs networkx {diff_nx:.1e}"))
    rows.append(("Burt: all 4 measures (coopmap, default threads) vs igraph constraint()",
                 f"{t_cm:.2f}", f"igraph {t_ig:.2f}", f"{t_cm / t_ig:.2f}",
                 f"identical to 1 thread: {same_threads}"))

    # ---- link prediction top-100
    t_lp, lp = timed(lambda: cm.predict_links(net, method="adamic_adar", top=100), args.runs)
    t_sp, best = timed(lambda: adamic_adar_top_scipy(g.vcount(), g.get_edgelist(), 100), 1)
    ref_scores = [b[0] for b in best]
    got_scores = [s.score for s in lp]
    diff_lp = max(abs(a - b) for a, b in zip(got_scores, ref_scores))
    nx_pairs = [(int(s.source[1:]), int(s.target[1:])) for s in lp[:20]]
    nx_scores = {(min(u, v), max(u, v)): p for u, v, p in nx.adamic_adar_index(G, nx_pairs)}
    diff_nx_lp = max(abs(s.score - nx_scores[(int(s.source[1:]), int(s.target[1:]))]) for s in lp[:20])
    rows.append(("predict_links adamic_adar top=100", f"{t_lp:.2f}", f"scipy A·diag(1/ln k)·A {t_sp:.2f}",
                 f"{t_lp / t_sp:.2f}",
                 f"top-100 scores max |Δ| vs scipy {diff_lp:.1e}; 20 best vs networkx {diff_nx_lp:.1e}"))
    t_pa, pa = timed(lambda: cm.predict_links(net, method="preferential_attachment", top=100), args.runs)
    deg = np.array(g.degree())
    rows.append(("predict_links preferential_attachment top=100", f"{t_pa:.2f}", "—", "—",
                 f"best score {pa[0].score:.0f} = product of the two largest degrees "
                 f"{int(np.sort(deg)[-1] * np.sort(deg)[-2])} unless they are tied"))

    # ---- other gaps functions, for the record
    t_bc, _ = timed(lambda: cm.biconnected_components(net), args.runs)
    t_bc_ig, _ = timed(lambda: g.biconnected_components(), args.runs)
    rows.append(("biconnected_components", f"{t_bc:.2f}", f"igraph {t_bc_ig:.2f}", f"{t_bc / t_bc_ig:.2f}", ""))
    t_lb, lb = timed(lambda: cm.local_bridges(net), 1)
    t_lb_nx, n_lb_nx = timed(lambda: sum(1 for _ in nx.local_bridges(G, with_span=False)), 1)
    rows.append(("local_bridges with span (1 run)", f"{t_lb:.2f}", f"networkx without span {t_lb_nx:.2f}",
                 f"{t_lb / t_lb_nx:.2f}", f"{len(lb):,} local bridges; networkx finds {n_lb_nx:,}"))
    for i, v in enumerate(ids):
        net.set_attribute(v, "block", i * 50 // args.n)
    t_ei, ei = timed(lambda: cm.ei_index(net, "block", permutations=100, seed=0), args.runs)
    rows.append(("ei_index, 100 permutations", f"{t_ei:.2f}", "—", "—",
                 f"E-I {ei.network:.3f}, p {ei.p_value:.3f}"))
    t_as, r_as = timed(lambda: cm.assortativity(net, "block"), args.runs)
    blocks = [i * 50 // args.n for i in range(args.n)]
    t_as_ig, r_ig = timed(lambda: g.assortativity_nominal(blocks, directed=False), args.runs)
    rows.append(("assortativity (nominal)", f"{t_as:.2f}", f"igraph {t_as_ig:.2f}", f"{t_as / t_as_ig:.2f}",
                 f"|Δ r| vs igraph {abs(r_as - r_ig):.1e}"))

    head = (f"### bench_gaps — {stamp()}, SBM n={g.vcount():,} m={g.ecount():,}, median of {args.runs} runs\n\n"
            f"{machine_line(machine())}\n\n(graph generation and loading: {build:.1f} s)\n\n")
    append_results("results_gaps.md", head + markdown_table(
        ["task", "coopmap (s)", "peers (s)", "ratio coopmap / fastest peer", "quality"], rows))


if __name__ == "__main__":
    main()
