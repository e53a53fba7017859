"""The national-scale envelope: how many links one machine holds, and how time and
memory grow from 10^4 to 10^8 links.

For each size m (10^4, 10^5, 10^6, 10^7, 10^8 links by default) the script writes, once,
a seeded planted partition to CSV (``build/bench-cache/envelope``): n = m / 10
structures (ids are 8-digit numbers) in blocks of 1,000, each link drawn with one end
uniform and the other in the same block with probability 0.8, else uniform (parallel
links kept: they are links; self-loops re-drawn). The files are written in chunks of
10^7 lines, so that generating 10^8 links never holds them in memory. Then a fresh
process per size, one step after the other:

* read     ``cm.read_csv(structures, links)`` — parse, validate, build the Network;
* CSR      ``net.simple_view(undirected=True)`` — the snapshot the algorithms run on;
* components ``cm.components(net)``;
* Louvain  ``cm.louvain(net, seed=0)`` (its default: one run on large graphs);
* Burt     ``cm.structural_holes(net)`` — constraint, effective size, efficiency,
  hierarchy as one Python record per structure.

Peak MiB: the high-water mark of the resident set (VmHWM, reset before each step) above
the resident set before the step; process peak: the highest VmHWM of the process. Network and CSR bytes per link: the resident set
after reading (after building the view) minus before, divided by m. Growth exponent:
least-squares slope of log time against log links over the sizes run.

Run:  .venv/bin/python benchmarks/bench_envelope.py [--sizes 1e4,1e5,1e6,1e7,1e8]
(appends to benchmarks/results_envelope.md; about 15 min with 10^8, 12 GB of files).
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from _harness import (append_results, machine, machine_line, markdown_table, peak_rss_mib, reset_peak_rss,
                      rss_mib, stamp)

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 8  # digits of an id: up to 10^8 structures
BLOCK = 1_000
CHUNK = 10_000_000


def _digits(a: np.ndarray) -> np.ndarray:
    """Zero-padded decimal digits of each value, as ASCII bytes (len(a) x WIDTH)."""
    out = np.empty((len(a), WIDTH), dtype=np.uint8)
    x = a.astype(np.int64, copy=True)
    for k in range(WIDTH - 1, -1, -1):
        out[:, k] = x % 10 + 48
        x //= 10
    return out


def generate(folder: Path, m: int, seed: int = 21) -> tuple[Path, Path, int]:
    """The structures and links files of size m (written once)."""
    n = max(m // 10, 2)
    folder.mkdir(parents=True, exist_ok=True)
    s, links, done = folder / f"structures-{m}.csv", folder / f"links-{m}.csv", folder / f"done-{m}"
    if done.is_file():
        return s, links, n
    with open(s, "wb") as f:
        f.write(b"id\n")
        for lo in range(0, n, CHUNK):
            ids = np.arange(lo, min(n, lo + CHUNK))
            rows = np.empty((len(ids), WIDTH + 1), dtype=np.uint8)
            rows[:, :WIDTH] = _digits(ids)
            rows[:, WIDTH] = 10
            f.write(rows.tobytes())
    with open(links, "wb") as f:
        f.write(b"source,target\n")
        for k, lo in enumerate(range(0, m, CHUNK)):
            size = min(m, lo + CHUNK) - lo
            rng = np.random.Generator(np.random.PCG64([seed, k]))
            u = rng.integers(0, n, size)
            block_start = (u // BLOCK) * BLOCK
            block_size = np.minimum(BLOCK, n - block_start)
            inside = rng.random(size) < 0.8
            offset = rng.integers(1, np.maximum(block_size, 2), size)  # never u itself
            v = np.where(inside, block_start + (u - block_start + offset) % np.maximum(block_size, 1),
                         rng.integers(0, n, size))
            v = np.where(v == u, (v + 1) % n, v)
            rows = np.empty((size, 2 * WIDTH + 2), dtype=np.uint8)
            rows[:, :WIDTH] = _digits(u)
            rows[:, WIDTH] = ord(",")
            rows[:, WIDTH + 1:2 * WIDTH + 1] = _digits(v)
            rows[:, -1] = 10
            f.write(rows.tobytes())
    done.write_text("")
    return s, links, n


def child(structures: str, links: str, m: int) -> None:
    """One size in this fresh process; prints one JSON line."""
    import coopmap as cm

    out: dict[str, float] = {"m": m}

    def step(name: str, fn):
        gc.collect()
        reset_peak_rss()
        before = rss_mib()
        t0 = time.perf_counter()
        result = fn()
        out[f"{name}_s"] = time.perf_counter() - t0
        out[f"{name}_peak"] = peak_rss_mib() - before
        out[f"{name}_kept"] = rss_mib() - before
        out["total_peak"] = max(out.get("total_peak", 0.0), peak_rss_mib())  # VmHWM of this step, absolute
        return result

    out["start_mib"] = rss_mib()
    net = step("read", lambda: cm.read_csv(structures, links))
    out["n"] = len(net)
    view = step("csr", lambda: net.simple_view(undirected=True))
    out["csr_edges"] = view.number_of_edges
    del view
    comps = step("components", lambda: cm.components(net))
    out["components"] = len(comps)
    del comps
    part = step("louvain", lambda: cm.louvain(net, seed=0))
    out["modularity"] = part.modularity
    out["clusters"] = len(part.sizes)
    del part
    holes = step("burt", lambda: cm.structural_holes(net))
    out["burt_rows"] = len(holes)
    del holes
    print(json.dumps(out), flush=True)


def slope(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1e4,1e5,1e6,1e7,1e8", help="links, comma-separated")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "bench-cache" / "envelope")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    sizes = [int(float(x)) for x in args.sizes.split(",")]
    info = machine()
    results = []
    for m in sizes:
        t0 = time.perf_counter()
        s, links, n = generate(args.cache, m)
        print(f"envelope: {m:,} links, {n:,} structures generated in {time.perf_counter() - t0:.0f} s "
              f"({links.stat().st_size / 2**20:,.0f} MiB)", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, __file__, "--child", str(s), str(links), str(m)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"envelope: {m:,} links failed (exit {done.returncode}): {done.stderr[-2000:]}", file=sys.stderr)
            results.append({"m": m, "failed": f"exit {done.returncode}"})
            break
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"envelope: {json.dumps(r)}", file=sys.stderr, flush=True)
        results.append(r)
    ok = [r for r in results if "failed" not in r]
    steps = (("read", "read_csv"), ("csr", "CSR view"), ("components", "components"), ("louvain", "Louvain"),
             ("burt", "Burt's four measures"))
    rows = []
    for r in results:
        if "failed" in r:
            rows.append([f"{r['m']:,}", "—", r["failed"], *[""] * (len(steps) + 3)])
            continue
        rows.append([f"{r['m']:,}", f"{r['n']:,}",
                     *[f"{r[f'{k}_s']:.3g} s / {r[f'{k}_peak']:,.0f}" for k, _ in steps],
                     f"{r['total_peak'] / 1024:.2f}",
                     f"{r['read_kept'] * 2**20 / r['m']:.0f}", f"{r['csr_kept'] * 2**20 / r['m']:.0f}"])
    if len(ok) >= 2:
        xs = [r["m"] for r in ok]
        rows.append(["growth exponent", "", *[f"{slope(xs, [max(r[f'{k}_s'], 1e-6) for r in ok]):.2f}"
                                              for k, _ in steps], "", "", ""])
    table = markdown_table(["links", "structures", *[f"{label} (time / peak MiB)" for _, label in steps],
                            "process peak GiB", "Network B/link", "CSR B/link"], rows, "rr" + "r" * (len(steps) + 3))
    quality = "; ".join(f"{r['m']:,} links: {r['components']:,} components, {r['clusters']:,} clusters, "
                        f"Q {r['modularity']:.4f}" for r in ok)
    append_results("results_envelope.md", f"## {stamp()}\n\nMachine: {machine_line(info)}\n\n"
                   f"Command: `.venv/bin/python benchmarks/bench_envelope.py --sizes {args.sizes}`\n\n{table}\n"
                   f"Results: {quality}.\n")


if __name__ == "__main__":
    main()
