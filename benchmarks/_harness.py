"""Pieces shared by the benchmark scripts (``bench.py`` and ``bench_<topic>.py``).

Timing (median of runs), the seeded planted-partition / SBM graphs, conversions of
those graphs to coopmap, networkx and networkit, peak memory of this process, the
description of the machine, Markdown tables, and the two peer computations that several
scripts need (Adamic–Adar top-k by sparse algebra, layout quality). Not a test helper:
nothing here asserts anything about time.
"""
from __future__ import annotations

import datetime
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

HERE = Path(__file__).resolve().parent


# ---- timing -------------------------------------------------------------------------------


@dataclass
class Timing:
    """Wall times (perf_counter) and CPU times (process_time, summed over threads) of
    the runs of one callable, and the result of the last run."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    result: Any = None

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def measure(fn: Callable[[], Any], runs: int = 3) -> Timing:
    """Calls ``fn`` ``runs`` times. The previous run's result is dropped before the next
    run starts, so that a run never pays for freeing the last one's."""
    out = Timing()
    for _ in range(runs):
        out.result = None
        c0, w0 = time.process_time(), time.perf_counter()
        out.result = fn()
        out.walls.append(time.perf_counter() - w0)
        out.cpus.append(time.process_time() - c0)
    return out


def median_time(fn: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """(median wall time in seconds, result of the last run)."""
    t = measure(fn, runs)
    return t.wall, t.result


# ---- memory of this process -----------------------------------------------------------------


def _status_kib(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {key}")


def rss_mib() -> float:
    """Resident set size of this process now (VmRSS), MiB."""
    return _status_kib("VmRSS") / 1024


def peak_rss_mib() -> float:
    """High-water mark of the resident set (VmHWM) since the process started or since the
    last :func:`reset_peak_rss`, MiB. (Not ``ru_maxrss``: it survives fork + exec.)"""
    return _status_kib("VmHWM") / 1024


def reset_peak_rss() -> bool:
    """Resets VmHWM to the current RSS (Linux >= 4.0, ``/proc/self/clear_refs`` = 5).
    Returns False where that is not allowed; VmHWM then still holds earlier peaks."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


# ---- seeded graphs --------------------------------------------------------------------------


def sbm(sizes: Sequence[int], p_in: float, p_out: float, seed: int, directed: bool = False):
    """igraph's ``Graph.SBM`` with probability ``p_in`` inside a block and ``p_out``
    between blocks, drawn from Python's ``random`` module seeded with ``seed``, which
    stays igraph's random source afterwards (python-igraph's default)."""
    import igraph as ig

    random.seed(seed)
    ig.set_random_number_generator(random)
    k = len(sizes)
    pref = [[p_in if a == b else p_out for b in range(k)] for a in range(k)]
    return ig.Graph.SBM(pref, list(sizes), directed=directed)


def block_sizes(n: int, k: int) -> list[int]:
    """k equal blocks of n structures, the last one taking the remainder."""
    sizes = [n // k] * k
    sizes[-1] += n - sum(sizes)
    return sizes


def planted(n: int, block: int, d_in: float, d_out: float, seed: int, directed: bool = False):
    """A planted partition: n structures in blocks of ``block`` structures (the last block
    takes the remainder), expected degree ``d_in`` inside the own block and ``d_out`` to
    the other blocks (out-degrees when directed). Returns (igraph graph, block of each
    vertex)."""
    sizes = block_sizes(n, max(1, n // block))
    k, s = len(sizes), sizes[0]
    p_out = d_out / (n - s) if k > 1 else 0.0
    g = sbm(sizes, d_in / (s - 1), p_out, seed, directed=directed)
    return g, [b for b, size in enumerate(sizes) for _ in range(size)]


def to_coopmap(g, ids: Sequence[str] | None = None):
    """A coopmap Network with one structure per vertex (id ``str(i)`` unless ``ids``)."""
    import coopmap as cm

    net = cm.Network(directed=g.is_directed())
    ids = [str(i) for i in range(g.vcount())] if ids is None else ids
    for i in ids:
        net.add_structure(i)
    for a, b in g.get_edgelist():
        net.add_link(ids[a], ids[b])
    return net


def to_networkx(n: int, edges: Iterable[tuple[int, int]], directed: bool = False):
    """networkx graph on the vertices 0..n-1 (isolates kept) with the given edges."""
    import networkx as nx

    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    return G


def to_networkit(n: int, edges, directed: bool = False):
    """networkit graph on the vertices 0..n-1 from an (m, 2) integer array of edges."""
    import networkit as nk
    import numpy as np

    e = np.asarray(edges, dtype=np.uint64).reshape(-1, 2)
    return nk.GraphFromCoo((np.ones(len(e)), (e[:, 0], e[:, 1])), n=n, directed=directed, weighted=False)


# ---- peers' computations shared by several scripts ------------------------------------------


def adamic_adar_top_scipy(n: int, edges, top: int) -> list[tuple[float, int, int]]:
    """Adamic–Adar top-k by scipy sparse algebra: S = A diag(1/ln k) A, upper triangle,
    linked pairs removed. Returns (score, u, v) best first."""
    import numpy as np
    import scipy.sparse as sp

    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    A = sp.csr_array((np.ones(2 * len(e)), (np.r_[e[:, 0], e[:, 1]], np.r_[e[:, 1], e[:, 0]])), shape=(n, n))
    A.data[:] = 1.0  # repeated pairs count once
    deg = np.asarray(A.sum(axis=1)).ravel()
    w = np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
    S = sp.triu(A @ sp.diags_array(w) @ A, k=1).tocsr()
    S = S - S.multiply(A)
    S.eliminate_zeros()
    coo = S.tocoo()
    keep = min(len(coo.data), top * 4)
    idx = np.argpartition(-coo.data, keep - 1)[:keep] if keep else np.array([], dtype=np.int64)
    best = sorted(((float(coo.data[i]), int(coo.row[i]), int(coo.col[i])) for i in idx), key=lambda x: -x[0])
    return best[:top]


def layout_quality(coords: Sequence[Sequence[float]], edges: Sequence[tuple[int, int]], blocks: Sequence[int],
                   seed: int = 0, samples: int = 20000) -> tuple[float, float]:
    """(mean edge length / mean distance of random non-adjacent pairs, mean intra-block /
    inter-block distance of random non-adjacent pairs): lower is tighter / better separated.

    The intra-block pairs are drawn on their own (a block with probability proportional
    to its number of pairs, then two of its structures), ``samples`` of them: among
    uniform random pairs of 200,000 structures in 400 blocks only 1 in 400 is
    intra-block, about 50 of 20,000, too few for a stable mean."""
    rng = random.Random(seed)
    n = len(coords)
    e = [math.dist(coords[u], coords[v]) for u, v in edges[:samples]]
    linked = {(min(u, v), max(u, v)) for u, v in edges}
    far, inter = [], []
    while len(far) < samples:
        u, v = rng.randrange(n), rng.randrange(n)
        if u == v or (min(u, v), max(u, v)) in linked:
            continue
        d = math.dist(coords[u], coords[v])
        far.append(d)
        if blocks[u] != blocks[v]:
            inter.append(d)
    members: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        members.setdefault(b, []).append(i)
    groups = [m for m in members.values() if len(m) > 1]
    intra: list[float] = []
    if groups and inter:
        weights = [len(m) * (len(m) - 1) for m in groups]
        for _ in range(50 * samples):  # bounded: blocks whose pairs are all linked
            if len(intra) == samples:
                break
            m = rng.choices(groups, weights)[0]
            u, v = m[rng.randrange(len(m))], m[rng.randrange(len(m))]
            if u != v and (min(u, v), max(u, v)) not in linked:
                intra.append(math.dist(coords[u], coords[v]))
    ratio = statistics.mean(e) / statistics.mean(far)
    sep = statistics.mean(intra) / statistics.mean(inter) if intra and inter else float("nan")
    return ratio, sep


# ---- the machine ----------------------------------------------------------------------------


def _first(path: str, prefix: str) -> str | None:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def _version(module: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return None


def r_sna_version() -> str | None:
    """R sna's version through Rscript, or None when R or sna is missing."""
    try:
        r = subprocess.run(["Rscript", "-e", 'cat(as.character(packageVersion("sna")))'], capture_output=True,
                           text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 and r.stdout.strip() else None


def machine(packages: Sequence[str] = ("coopmap", "networkx", "python-igraph", "leidenalg", "networkit", "numpy",
                                       "scipy", "pandas", "scikit-learn"), with_r: bool = False) -> dict[str, str]:
    """What the numbers ran on: date, CPU model, cores, RAM, OS, Python, library versions,
    load average now."""
    import sqlite3

    mem_kib = _first("/proc/meminfo", "MemTotal")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = [f"{p} {_version(p)}" for p in packages if _version(p)]
    versions.append(f"SQLite (Python sqlite3) {sqlite3.sqlite_version}")
    if with_r:
        sna = r_sna_version()
        versions.append(f"R sna {sna}" if sna else "R sna not installed")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    return {
        "date": f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": f"{cpus} usable ({os.cpu_count()} online)",
        "ram": f"{int(mem_kib.split()[0]) / 2**20:.1f} GiB" if mem_kib else "unknown",
        "os": f"{_first('/etc/os-release', 'PRETTY_NAME') or platform.system()}, Linux {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": ", ".join(versions),
        "load": " / ".join(f"{x:.2f}" for x in load) + " (1 / 5 / 15 min)",
    }


def machine_line(info: dict[str, str] | None = None) -> str:
    """One Markdown paragraph describing the machine."""
    m = info or machine()
    return (f"{m['date']}; {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; {m['os']}; {m['python']}; "
            f"load average at start {m['load']}; {m['libraries']}.")


# ---- Markdown -------------------------------------------------------------------------------


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Any]], align: str | None = None) -> str:
    """A Markdown table; ``align`` one letter per column, ``l`` or ``r`` (default all l).
    Cells are str()-ed; ``|`` inside a cell is escaped."""
    align = align or "l" * len(header)
    cell = lambda x: str(x).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    lines += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def append_results(name: str, text: str) -> Path:
    """Prints ``text`` and appends it (plus a blank line) to ``benchmarks/<name>``."""
    print(text)
    path = HERE / name
    with path.open("a", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n\n")
    return path


def stamp() -> str:
    """The UTC date and time, for the heading of an appended result."""
    return f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC"


if __name__ == "__main__":  # pragma: no cover - a quick look at the machine
    print(machine_line(machine(with_r="--r" in sys.argv)))
