"""The benchmark harness: coopmap against its peers, side by side, same run.

    bash scripts/bench.sh [options]          (setup + benchmark-only peers + this script)
    .venv/bin/python benchmarks/bench.py [--quick] [--runs 3] [--budget 120] [--slow 30]
                                         [--tasks a,b] [--graphs a,b] [--no-readme] [--out FILE]

Writes benchmarks/results.md (overwritten) and, unless --quick or --no-readme (or a
--tasks / --graphs selection), the table between ``<!-- bench:start -->`` and
``<!-- bench:end -->`` in README.md. ``--quick``: 1 run per cell, no 200k graph, a 10 s
budget, results to build/bench-quick.md: a few minutes, for development.

Graphs (seeded planted partitions: igraph's ``Graph.SBM`` drawn from
``random.Random(seed)``, blocks of 200 structures, 80 % of each structure's expected
degree inside its block; written once to a cache folder, build/bench-cache by default):

* ``SBM 10k``: 10,000 structures, expected degree 5 (~25,000 links);
* ``SBM 200k``: 200,000 structures, expected degree 10 (~1,000,000 links).
  Issue 8's "~5 and ~10 links per structure" is read as the mean degree (each link
  counted at both ends: m = n d / 2), so there are 2.5 and 5 links per structure counted
  once;
* ``SBM 2k``: 2,000 structures, degree 10 (~10,000 links): every peer runs there too,
  which gives the budget rule below a measured time to extrapolate from;
* ``directed 10k, 3 groups``: 10,000 structures in 3 groups of ~3,333, expected
  out-degree 5 (3.5 inside, 1.5 outside): ~50,000 arcs;
* the scaling graphs: degree 10 and 2,000 / 20,000 / 200,000 structures, i.e. ~10^4,
  10^5, 10^6 links (SBM 2k, SBM 20k, SBM 200k; coopmap alone on SBM 20k);
* the PTCE Sicoval 2013 dataset, for the report.
Each structure's ``legal_family`` (the groups of brokerage and of the report) is its
block modulo 3 (association, cooperative, company); on the directed graph its group.

Every (library, task, graph) cell runs in a fresh child process (``--cell``) that loads
the graph from the cache and builds the library's own graph object (not timed), then
times the task ``--runs`` times (median reported). The child's peak memory is the
high-water mark of its resident set during the timed runs above its resident set just
before them (``/proc/self/clear_refs`` resets the mark; R reports its own the same way).
What a time includes:

* coopmap: the call on a ``coopmap.Network`` (read from the cached CSV files), so it
  includes building the CSR view (every coopmap algorithm builds it from the network)
  and the Python result (the dict keyed by id, the membership dict, the records);
* peers start from their own graph object (igraph.Graph, networkx.Graph,
  networkit.Graph, sna edge list) built before the timing, and end with their usual
  result (membership, list of scores...);
* imports (CSV, SQLite) start from the files and end with the library's graph or the
  committed database;
* networkit runs on every core unless the task says 1 thread; coopmap's Louvain and
  Leiden run on the threads the row names (their partition is the same on any number),
  its link prediction and layouts are single-threaded, its structural holes run with
  threads=1 here; igraph, networkx, leidenalg and R are single-threaded.

Budget: a cell whose single run is predicted (from the same library's time on the next
smaller graph of this run, scaled by the task's complexity) to exceed ``--budget``
seconds is not run; a cell whose first run exceeds it is stopped; a cell whose first run
exceeds ``--slow`` seconds keeps that single run. The table says which.
Ratio = coopmap time / fastest peer time (< 1: coopmap faster). Quality sits next to
speed: modularity Q and NMI with the planted blocks for clusterings, max |difference|
from networkx (else the named peer) for the measures, the sorted top-100 scores for link
prediction. Nothing here is a test: no time is asserted.

Wide rows (task key ``wide``): ``cm.read_csv`` and an Inventory import of a
structures file with one row of 10^5 / 10^6 aliases and of one with a header of 10^5 /
10^6 columns, each in a fresh process, with the ratio t(10^6) / t(10^5) (linear parsing:
about 10).
"""
from __future__ import annotations

import argparse
import gc
import heapq
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

import _harness as h

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ("association", "cooperative", "company")
PIVOTS = 256
TOP = 100


# ---- graphs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphSpec:
    key: str
    title: str
    n: int = 0
    block: int = 200
    d_in: float = 0.0
    d_out: float = 0.0
    seed: int = 0
    directed: bool = False
    dataset: str | None = None  # a bundled dataset instead of a generated graph


GRAPHS = {
    "ptce": GraphSpec("ptce", "PTCE Sicoval 2013", dataset="ptce-sicoval-2013"),
    "sbm2k": GraphSpec("sbm2k", "SBM 2k", 2_000, 200, 8.0, 2.0, seed=2),
    "sbm10k": GraphSpec("sbm10k", "SBM 10k", 10_000, 200, 4.0, 1.0, seed=10),
    "dir10k": GraphSpec("dir10k", "directed 10k, 3 groups", 10_000, 3_333, 3.5, 1.5, seed=11, directed=True),
    "sbm20k": GraphSpec("sbm20k", "SBM 20k", 20_000, 200, 8.0, 2.0, seed=20),
    "sbm200k": GraphSpec("sbm200k", "SBM 200k", 200_000, 200, 8.0, 2.0, seed=200),
}
SCALING = ("sbm2k", "sbm20k", "sbm200k")


class Graph:
    """A cached graph: edges.npy, blocks.npy, structures.csv (id, legal_family), links.csv."""

    def __init__(self, spec: GraphSpec, cache: Path) -> None:
        self.spec = spec
        self.key = spec.key
        self.directed = spec.directed
        if spec.dataset:
            import coopmap as cm

            self.folder = Path(cm.dataset_path(spec.dataset))
            net = cm.load_dataset(spec.dataset)
            self.n, self.m = len(net), net.number_of_links()
            return
        self.folder = cache / spec.key
        meta = self.folder / "meta.json"
        want = {"spec": repr(spec)}
        if not meta.is_file() or json.loads(meta.read_text()).get("spec") != want["spec"]:
            self._generate(want)
        self.n, self.m = json.loads(meta.read_text())["n"], json.loads(meta.read_text())["m"]

    def _generate(self, want: dict) -> None:
        s = self.spec
        t0 = time.perf_counter()
        g, blocks = h.planted(s.n, s.block, s.d_in, s.d_out, s.seed, directed=s.directed)
        edges = np.array(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        self.folder.mkdir(parents=True, exist_ok=True)
        np.save(self.folder / "edges.npy", edges)
        np.save(self.folder / "blocks.npy", np.array(blocks, dtype=np.int64))
        with open(self.folder / "structures.csv", "w") as f:
            f.write("id,legal_family\n")
            f.writelines(f"{i},{GROUPS[b % 3]}\n" for i, b in enumerate(blocks))
        with open(self.folder / "links.csv", "w") as f:
            f.write("source,target\n")
            f.writelines(f"{a},{b}\n" for a, b in edges.tolist())
        (self.folder / "meta.json").write_text(json.dumps({**want, "n": s.n, "m": len(edges)}))
        log(f"generated {s.title}: n={s.n:,}, m={len(edges):,} in {time.perf_counter() - t0:.1f} s")

    # the graph as each library holds it (built before the timing)
    @property
    def edges(self) -> np.ndarray:
        return np.load(self.folder / "edges.npy")

    @property
    def blocks(self) -> np.ndarray:
        return np.load(self.folder / "blocks.npy")

    def groups(self) -> list[str]:
        return [GROUPS[b % 3] for b in self.blocks.tolist()]

    def coopmap(self):
        import coopmap as cm

        return cm.read_csv(self.folder / "structures.csv", self.folder / "links.csv", directed=self.directed)

    def igraph(self):
        import igraph as ig

        return ig.Graph(n=self.n, edges=self.edges.tolist(), directed=self.directed)

    def networkx(self):
        return h.to_networkx(self.n, self.edges.tolist(), self.directed)

    def networkit(self):
        return h.to_networkit(self.n, self.edges, self.directed)

    def store_files(self) -> tuple[Path, Path, Path]:
        """bench_store's seeded inventory files: m declarations among n structures."""
        import bench_store

        folder = self.folder / "store"
        names = (folder / "structures.csv", folder / "link_types.csv", folder / "declarations.csv")
        if not (folder / "done").is_file():
            folder.mkdir(parents=True, exist_ok=True)
            bench_store.generate(folder, self.m, self.n)
            (folder / "done").write_text("")
        return names

    @property
    def title(self) -> str:
        return f"{self.spec.title} (n={self.n:,}, m={self.m:,})"


# ---- what each library runs -------------------------------------------------------------------


@dataclass
class Impl:
    """One library's way of doing a task. ``prepare(graph)`` builds what the timed part
    starts from (not timed); ``run(state)`` is timed (or, with ``self_timed``, returns
    (seconds, result) measured by itself); ``extract(result, graph)`` turns the last
    result into arrays and numbers for the quality columns (not timed)."""

    call: str  # what is called, for the notes
    prepare: Callable[[Graph], Any]
    run: Callable[[Any], Any]
    extract: Callable[[Any, Graph], dict] = lambda r, g: {}
    cost: Callable[[int, int], float] | None = None  # overrides the task's complexity
    self_timed: bool = False
    external: Callable[..., dict] | None = None  # runs in another program (R)
    threads: int | None = None  # networkit thread count


@dataclass
class Task:
    key: str
    title: str
    graphs: tuple[str, ...]
    impls: dict[str, Impl]
    cost: Callable[[int, int], float]
    quality: str = ""  # "clusters", "values", "topk", "layout", "count"
    reference: tuple[tuple[str, str], ...] = ()  # (task, lib) candidates for max |Δ|
    note: str = ""
    scaling: bool = False


# modules a library's calls use, imported before the timing so that no run pays for them
LIB_MODULES = {
    "coopmap": ("coopmap",), "networkx": ("networkx", "pandas"), "igraph": ("igraph", "pandas"),
    "leidenalg": ("igraph", "leidenalg"), "networkit": ("networkit",), "scipy": ("scipy.sparse",),
}


def _by_index(d: dict, n: int) -> np.ndarray:
    return np.array([d[str(i)] for i in range(n)], dtype=float)


def _membership_from_sets(comms, n: int) -> np.ndarray:
    memb = np.zeros(n, dtype=np.int64)
    for k, c in enumerate(comms):
        memb[list(c)] = k
    return memb


def _nk(threads: int | None):
    import networkit as nk

    nk.setNumberOfThreads(threads or os.cpu_count() or 1)
    return nk


def _cm():
    import coopmap as cm

    return cm


def _nx():
    import networkx as nx

    return nx


# clusters
def _louvain_impls(threads: int) -> dict[str, Impl]:
    return {
        "coopmap": Impl(f"cm.louvain(net, seed=0, threads={threads}).membership", Graph.coopmap,
                        lambda net: _cm().louvain(net, seed=0, threads=threads).membership,
                        lambda r, g: {"membership": _by_index(r, g.n)}),
        "igraph": Impl("g.community_multilevel()", Graph.igraph, lambda g: g.community_multilevel().membership,
                       lambda r, g: {"membership": np.array(r)}),
        "networkx": Impl("nx.community.louvain_communities(G, seed=0)", Graph.networkx,
                         lambda G: _nx().community.louvain_communities(G, seed=0),
                         lambda r, g: {"membership": _membership_from_sets(r, g.n)}),
        "networkit": Impl(f"networkit.community.PLM(G).run().getPartition() ({threads} thread{'s' * (threads > 1)})",
                          Graph.networkit,
                          lambda G: _nk(threads).community.PLM(G).run().getPartition().getVector(),
                          lambda r, g: {"membership": np.array(r)}, threads=threads),
    }


def _leiden_impls(threads: int) -> dict[str, Impl]:
    def leidenalg_run(g):
        import leidenalg as la

        return la.find_partition(g, la.ModularityVertexPartition, seed=0).membership

    return {
        "coopmap": Impl(f"cm.leiden(net, seed=0, threads={threads}).membership", Graph.coopmap,
                        lambda net: _cm().leiden(net, seed=0, threads=threads).membership,
                        lambda r, g: {"membership": _by_index(r, g.n)}),
        "igraph": Impl('g.community_leiden(objective_function="modularity")', Graph.igraph,
                       lambda g: g.community_leiden(objective_function="modularity").membership,
                       lambda r, g: {"membership": np.array(r)}),
        "leidenalg": Impl("leidenalg.find_partition(g, ModularityVertexPartition, seed=0)", Graph.igraph,
                          leidenalg_run, lambda r, g: {"membership": np.array(r)}),
        "networkit": Impl(f"networkit.community.ParallelLeiden(G).run() ({threads} thread{'s' * (threads > 1)})",
                          Graph.networkit,
                          lambda G: _nk(threads).community.ParallelLeiden(G).run().getPartition().getVector(),
                          lambda r, g: {"membership": np.array(r)}, threads=threads),
    }


# Burt's measures
def _holes_impls() -> dict[str, Impl]:
    def nx_four(G):
        nx = _nx()
        c, es = nx.constraint(G), nx.effective_size(G)
        deg = dict(G.degree()) if not G.is_directed() else {v: len(set(nx.all_neighbors(G, v))) for v in G}
        eff = {v: es[v] / deg[v] if deg[v] else math.nan for v in G}
        return c, es, eff

    return {
        "coopmap": Impl("cm.structural_holes(net, weight=None, threads=1): the 4 measures", Graph.coopmap,
                        lambda net: _cm().structural_holes(net, weight=None, threads=1),
                        lambda r, g: {"constraint": np.array([x["constraint"] for x in r]),
                                      "effective_size": np.array([x["effective_size"] for x in r])}),
        "igraph": Impl("g.constraint() (constraint alone)", Graph.igraph, lambda g: g.constraint(),
                       lambda r, g: {"constraint": np.array(r, dtype=float)}),
        "networkx": Impl("nx.constraint(G), nx.effective_size(G), efficiency = effective size / degree "
                         "(networkx has no hierarchy)", Graph.networkx, nx_four,
                         lambda r, g: {"constraint": np.array([r[0][i] for i in range(g.n)], dtype=float),
                                       "effective_size": np.array([r[1][i] for i in range(g.n)], dtype=float)}),
    }


# betweenness
def _nk_betweenness(G, threads: int):
    nk = _nk(threads)
    return nk.centrality.Betweenness(G, normalized=False).run().scores()


def _btw_impls(threads: int) -> dict[str, Impl]:
    half = lambda g: 1.0 if g.directed else 0.5  # noqa: E731  networkit counts ordered pairs
    impls = {
        "coopmap": Impl(f"cm.betweenness(net, threads={threads})", Graph.coopmap,
                        lambda net: _cm().betweenness(net, threads=threads),
                        lambda r, g: {"betweenness": _by_index(r, g.n)}),
        "networkit": Impl(f"networkit.centrality.Betweenness(G).run().scores(), {threads} thread(s)", Graph.networkit,
                          lambda G: _nk_betweenness(G, threads),
                          lambda r, g: {"betweenness": np.array(r) * half(g)}, threads=threads),
    }
    if threads == 1:
        impls["igraph"] = Impl("g.betweenness()", Graph.igraph, lambda g: g.betweenness(),
                               lambda r, g: {"betweenness": np.array(r)})
        impls["networkx"] = Impl("nx.betweenness_centrality(G, normalized=False)", Graph.networkx,
                                 lambda G: _nx().betweenness_centrality(G, normalized=False),
                                 lambda r, g: {"betweenness": np.array([r[i] for i in range(g.n)])})
    return impls


def _pivots(g: Graph) -> list[int]:
    cm = _cm()
    return [int(x) for x in cm.betweenness_pivots(g.coopmap(), PIVOTS, 0)]


def _btwk_impls() -> dict[str, Impl]:
    def nx_prepare(g: Graph):
        return g.networkx(), _pivots(g)

    def nx_run(state):
        G, pivots = state
        return _nx().betweenness_centrality_subset(G, pivots, list(G), normalized=False), pivots

    def nx_extract(r, g: Graph):
        # networkx's inflation of a k-pivot sample (betweenness_centrality(k=...)):
        # (n-1)/k, and (n-1)/(k-1) for the pivots themselves (endpoints excluded).
        b, pivots = r
        scale = np.full(g.n, (g.n - 1) / PIVOTS)
        scale[pivots] = (g.n - 1) / (PIVOTS - 1)
        return {"betweenness": np.array([b[i] for i in range(g.n)]) * scale}

    def nk_run(G):
        nk = _nk(1)
        return nk.centrality.EstimateBetweenness(G, PIVOTS, False, False).run().scores()

    return {
        "coopmap": Impl(f"cm.betweenness(net, k={PIVOTS}, seed=0, threads=1)", Graph.coopmap,
                        lambda net: _cm().betweenness(net, k=PIVOTS, seed=0, threads=1),
                        lambda r, g: {"betweenness": _by_index(r, g.n)}),
        "networkx": Impl(f"nx.betweenness_centrality_subset(G, sources=coopmap's {PIVOTS} pivots) "
                         "(= betweenness_centrality(k=256) with those pivots)",
                         nx_prepare, nx_run, nx_extract),
        "networkit": Impl(f"networkit.centrality.EstimateBetweenness(G, {PIVOTS}) (its own pivots, 1 thread)",
                          Graph.networkit, nk_run, threads=1),
    }


# link prediction
def _nx_adamic_adar_top(G, top: int):
    nx = _nx()
    pairs = set()
    for u in G:
        nu = G[u]
        for w in nu:
            for v in G[w]:
                if v > u and v not in nu:
                    pairs.add((u, v))
    return heapq.nlargest(top, nx.adamic_adar_index(G, pairs), key=lambda t: t[2])


def _nk_adamic_adar_top(G, top: int):
    nk = _nk(None)
    pairs = nk.linkprediction.MissingLinksFinder(G).findAtDistance(2)
    return heapq.nlargest(top, nk.linkprediction.AdamicAdarIndex(G).runOn(pairs), key=lambda t: t[1])


def _linkpred_impls() -> dict[str, Impl]:
    scores = lambda xs: {"scores": np.sort(np.array(xs, dtype=float))[::-1]}  # noqa: E731
    return {
        "coopmap": Impl(f'cm.predict_links(net, method="adamic_adar", top={TOP})', Graph.coopmap,
                        lambda net: _cm().predict_links(net, method="adamic_adar", top=TOP),
                        lambda r, g: scores([s.score for s in r])),
        "networkx": Impl("pairs at distance 2 (Python loops) + nx.adamic_adar_index(G, pairs) + heapq.nlargest",
                         Graph.networkx, lambda G: _nx_adamic_adar_top(G, TOP),
                         lambda r, g: scores([t[2] for t in r])),
        "networkit": Impl("MissingLinksFinder(G).findAtDistance(2) + AdamicAdarIndex(G).runOn(pairs) + "
                          "heapq.nlargest (2 threads)", Graph.networkit, lambda G: _nk_adamic_adar_top(G, TOP),
                          lambda r, g: scores([t[1] for t in r])),
        "scipy": Impl("scipy.sparse A diag(1/ln k) A, linked pairs removed, argpartition",
                      lambda g: (g.n, g.edges), lambda s: h.adamic_adar_top_scipy(s[0], s[1], TOP),
                      lambda r, g: scores([t[0] for t in r])),
    }


# brokerage
SNA_SCRIPT = r"""
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; runs <- as.integer(args[2]); slow <- as.numeric(args[3])
suppressPackageStartupMessages(library(sna))
e <- as.matrix(read.csv(file.path(dir, "arcs.csv"), header = FALSE))
cl <- readLines(file.path(dir, "classes.txt"))
g <- cbind(e, 1); attr(g, "n") <- length(cl)
cat("ready\n"); flush(stdout())
kib <- function(key) {
  l <- grep(paste0("^", key, ":"), readLines("/proc/self/status"), value = TRUE)
  as.numeric(strsplit(trimws(sub("^[^:]*:", "", l)), " +")[[1]][1])
}
invisible(gc())
cat("5", file = "/proc/self/clear_refs")
rss0 <- kib("VmRSS")
for (r in seq_len(runs)) {
  b <- NULL
  t0 <- proc.time()[["elapsed"]]
  b <- brokerage(g, cl)
  dt <- proc.time()[["elapsed"]] - t0
  cat(sprintf("run %.6f\n", dt)); flush(stdout())
  if (r == 1 && dt > slow) break
}
write(b$raw.nli[, 6], file.path(dir, "total.txt"), ncolumns = 1)
cat(sprintf("peak %.3f\n", (kib("VmHWM") - rss0) / 1024))
"""


def _sna_external(g: Graph, runs: int, slow: float, tmp: Path, emit: Callable[..., None]) -> dict:
    """sna::brokerage in Rscript: the sna edge list and the classes are read before the
    timing (the cell is "ready" once R has them); R times each call and reports its own
    peak memory."""
    t0 = time.perf_counter()
    rscript = shutil.which("Rscript")
    if not rscript:
        raise RuntimeError("Rscript is missing (scripts/setup.sh installs r-base-core and r-cran-sna)")
    e = g.edges + 1
    if not g.directed:
        e = np.vstack([e, e[:, ::-1]])
    np.savetxt(tmp / "arcs.csv", e, fmt="%d", delimiter=",")
    (tmp / "classes.txt").write_text("\n".join(g.groups()) + "\n")
    (tmp / "brokerage.R").write_text(SNA_SCRIPT)
    proc = subprocess.Popen([rscript, str(tmp / "brokerage.R"), str(tmp), str(runs), str(slow)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = math.nan
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("ready"):
            emit(event="ready", setup_s=time.perf_counter() - t0)
        elif line.startswith("run "):
            emit(event="run", t=float(line.split()[1]))
        elif line.startswith("peak "):
            peak = float(line.split()[1])
    if proc.wait() != 0:
        raise RuntimeError(f"Rscript failed: {proc.stderr.read()[-500:] if proc.stderr else ''}")
    return {"peak_mib": peak, "arrays": {"total": np.loadtxt(tmp / "total.txt", ndmin=1)}}


def _brokerage_impls() -> dict[str, Impl]:
    return {
        "coopmap": Impl('cm.brokerage(net, "legal_family").counts', Graph.coopmap,
                        lambda net: _cm().brokerage(net, "legal_family").counts,
                        lambda r, g: {"total": _by_index({k: v["total"] for k, v in r.items()}, g.n)}),
        "R sna": Impl("sna::brokerage(edgelist, classes) in Rscript (time and memory measured inside R)",
                      lambda g: None, lambda s: None, external=_sna_external),
    }


# CSV import
def _csv_impls() -> dict[str, Impl]:
    def files(g: Graph):
        return g.folder / "structures.csv", g.folder / "links.csv", g.directed

    def nx_read(f):
        import pandas as pd

        nx = _nx()
        s, links = pd.read_csv(f[0]), pd.read_csv(f[1])
        G = nx.from_pandas_edgelist(links, "source", "target", create_using=nx.DiGraph if f[2] else nx.Graph)
        G.add_nodes_from(s["id"])
        return G

    def ig_read(f):
        import igraph as ig
        import pandas as pd

        s, links = pd.read_csv(f[0]), pd.read_csv(f[1])
        return ig.Graph.DataFrame(links, directed=f[2], vertices=s, use_vids=False)

    def nk_read(f):
        nk = _nk(None)
        # the header line "source,target" starts with the comment prefix "s"
        return nk.graphio.EdgeListReader(",", 0, commentPrefix="s", continuous=False, directed=f[2]).read(str(f[1]))

    nm = lambda n, m: {"n": int(n), "m": int(m)}  # noqa: E731
    return {
        "coopmap": Impl("cm.read_csv(structures.csv, links.csv)", files,
                        lambda f: _cm().read_csv(f[0], f[1], directed=f[2]),
                        lambda r, g: nm(len(r), r.number_of_links())),
        "networkx": Impl("pandas.read_csv of both files + nx.from_pandas_edgelist + add_nodes_from", files, nx_read,
                         lambda r, g: nm(r.number_of_nodes(), r.number_of_edges())),
        "igraph": Impl("pandas.read_csv of both files + igraph.Graph.DataFrame(links, vertices=structures)", files,
                       ig_read, lambda r, g: nm(r.vcount(), r.ecount())),
        "networkit": Impl("networkit.graphio.EdgeListReader(',', 0, continuous=False) of links.csv "
                          "(no structures file: isolates are not read)", files, nk_read,
                          lambda r, g: nm(r.numberOfNodes(), r.numberOfEdges())),
    }


# SQLite import and load: bench_store's importers
def _store_import_impls() -> dict[str, Impl]:
    import bench_store as bs

    def prep(g: Graph):
        return (scratch(), *g.store_files())

    return {
        "coopmap": Impl('Inventory.import_csv(declarations=..., wave="w1") (bench_store.coopmap_import: structures '
                        "and link types imported before the timing)", prep,
                        lambda s: bs.coopmap_import(s[0] / "cm.db", s[1], s[2], s[3]),
                        lambda r, g: {"rows": next(c["added"] for c in r.counts if c["table"] == "declarations")},
                        self_timed=True),
        "sqlite3": Impl("csv.reader + sqlite3.executemany of the raw rows into one table (bench_store.baseline_import)",
                        prep, lambda s: (bs.baseline_import(s[0] / "raw.db", s[3]), None), self_timed=True),
        "sqlite3 same tables": Impl("names resolved with dicts + executemany into the inventory's own tables "
                                    "(bench_store.same_layout_import)", prep,
                                    lambda s: (bs.same_layout_import(s[0] / "same.db", s[1], s[2], s[3]), None),
                                    self_timed=True),
    }


def _store_dbs(g: Graph) -> tuple[Path, Path]:
    import bench_store as bs

    s, t, d = g.store_files()
    cm_db, raw_db = s.parent / "load_cm.db", s.parent / "load_raw.db"
    done = s.parent / f"dbs_done_v{_cm().Inventory.schema_version}"  # a file of an older schema is rebuilt
    if not done.is_file():
        bs.coopmap_import(cm_db, s, t, d)
        bs.baseline_import(raw_db, d)
        done.write_text("")
    return cm_db, raw_db


def _store_load_impls() -> dict[str, Impl]:
    import bench_store as bs

    def cm_prep(g: Graph):
        return _cm().Inventory(_store_dbs(g)[0], readonly=True)

    return {
        "coopmap": Impl('Inventory(db, readonly=True).network("w1", view="union") (opened before the timing)',
                        cm_prep, lambda inv: inv.network("w1", view="union"),
                        lambda r, g: {"n": len(r), "m": r.number_of_links()}),
        "sqlite3 + igraph": Impl("sqlite3 fetchall + igraph.Graph.TupleList (bench_store.baseline_load; "
                                 "no status derivation)", lambda g: _store_dbs(g)[1], bs.baseline_load,
                                 lambda r, g: {"m": r}, self_timed=True),
    }


# layout
def _coords_cm(pos: dict, n: int) -> np.ndarray:
    return np.array([pos[str(i)] for i in range(n)], dtype=float)


def _layout_fr_impls() -> dict[str, Impl]:
    return {
        "coopmap": Impl('cm.layout(net, "fruchterman_reingold", seed=0) (multilevel with Barnes-Hut repulsion above '
                        '1,000 structures: 100 iterations on the coarsest level, 33 on each finer one; 2 threads)',
                        Graph.coopmap, lambda net: _cm().layout(net, "fruchterman_reingold", seed=0),
                        lambda r, g: {"coords": _coords_cm(r, g.n)}),
        "igraph": Impl("g.layout_fruchterman_reingold() (500 iterations)", Graph.igraph,
                       lambda g: g.layout_fruchterman_reingold().coords,
                       lambda r, g: {"coords": np.array(r, dtype=float)}),
        "networkx": Impl("nx.spring_layout(G, seed=0) (Fruchterman-Reingold, 50 iterations)", Graph.networkx,
                         lambda G: _nx().spring_layout(G, seed=0),
                         lambda r, g: {"coords": np.array([r[i] for i in range(g.n)], dtype=float)},
                         cost=lambda n, m: float(n) * n),
    }


def _layout_fa2_impls() -> dict[str, Impl]:
    return {
        "coopmap": Impl('cm.layout(net, "forceatlas2", seed=0) (multilevel above 1,000 structures, Barnes-Hut: 300 '
                        'iterations on the coarsest level, 15 on each finer one; 2 threads)', Graph.coopmap,
                        lambda net: _cm().layout(net, "forceatlas2", seed=0),
                        lambda r, g: {"coords": _coords_cm(r, g.n)}),
        "igraph": Impl("g.layout_drl() (DrL, force-directed multilevel)", Graph.igraph,
                       lambda g: g.layout_drl().coords, lambda r, g: {"coords": np.array(r, dtype=float)}),
        "networkit": Impl("networkit.viz.PivotMDS(G, 2, 30) (MaxentStress needs a connected graph)",
                          Graph.networkit, lambda G: _nk(None).viz.PivotMDS(G, 2, 30).run().getCoordinates(),
                          lambda r, g: {"coords": np.array([list(p) for p in r], dtype=float)}),
    }


# the report
def _report_impls() -> dict[str, Impl]:
    def prep(g: Graph):
        return g.folder, scratch()

    def run(s):
        return _cm().report(s[0], s[1], seed=0, progress=False)

    return {"coopmap": Impl("cm.report(folder, out, seed=0) (= coopmap report FOLDER): every analysis, maps, HTML",
                            prep, run)}


def _sq(n: int, m: int) -> float:
    """Σ deg² of a graph with Poisson-like degrees: the work of ego-network measures."""
    return m + 4.0 * m * m / max(n, 1)


MAIN = ("sbm2k", "sbm10k", "sbm200k")
SCRATCH = Path(os.environ.get("COOPMAP_BENCH_SCRATCH", tempfile.gettempdir())) / "coopmap-bench-scratch"


def scratch() -> Path:
    """A fresh folder for a cell's files (databases, report, R input); the parent removes
    them all after each cell."""
    SCRATCH.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=SCRATCH))
TASKS: dict[str, Task] = {t.key: t for t in (
    Task("louvain", "Louvain, 2 threads", MAIN, _louvain_impls(2), lambda n, m: m, "clusters", scaling=True,
         note="defaults of each library: coopmap keeps the best of its automatic restarts (fewer as the graph "
              "grows, one on large graphs: see cm.louvain) and repeats passes until one gains less than its "
              "tolerance, its partition the same on 1 and 2 threads; igraph, networkx and networkit make one run; "
              "igraph and networkx are single-threaded"),
    Task("louvain_t1", "Louvain, 1 thread", MAIN, _louvain_impls(1), lambda n, m: m, "clusters",
         note="as the 2-thread row, coopmap and networkit on 1 thread"),
    Task("leiden", "Leiden, 2 threads", MAIN, _leiden_impls(2), lambda n, m: m, "clusters", scaling=True,
         note="defaults: coopmap as Louvain (automatic restarts, iterations until the gain is below its "
              "tolerance; the same partition on 1 and 2 threads), igraph and leidenalg 2 iterations "
              "(single-threaded), networkit ParallelLeiden's default"),
    Task("leiden_t1", "Leiden, 1 thread", MAIN, _leiden_impls(1), lambda n, m: m, "clusters",
         note="as the 2-thread row, coopmap and networkit on 1 thread"),
    Task("louvain1", "Louvain, restarts=1", (), {"coopmap": Impl(
        "cm.louvain(net, seed=0, restarts=1).membership", Graph.coopmap,
        lambda net: _cm().louvain(net, seed=0, restarts=1).membership)}, lambda n, m: m, scaling=True,
        note="scaling only: one run (its iterations as by default), without the automatic restarts"),
    Task("leiden1", "Leiden, restarts=1", (), {"coopmap": Impl(
        "cm.leiden(net, seed=0, restarts=1).membership", Graph.coopmap,
        lambda net: _cm().leiden(net, seed=0, restarts=1).membership)}, lambda n, m: m, scaling=True,
        note="scaling only: as Louvain, restarts=1"),
    Task("holes", "Burt: constraint + effective size, efficiency, hierarchy", MAIN + ("dir10k",), _holes_impls(),
         _sq, "values", (("holes", "networkx"), ("holes", "igraph")), scaling=True,
         note="coopmap computes all four measures, igraph constraint alone, networkx constraint and effective size "
              "(efficiency derived, no hierarchy); on the directed graph networkx's all-nodes effective_size "
              "normalises by the wrong row maximum (README, Gaps), so that difference is networkx's; its all-nodes "
              "effective_size also builds a dense n x n array (the MemoryError on large graphs)"),
    Task("btw1", "betweenness, exact, 1 thread", MAIN, _btw_impls(1), lambda n, m: float(n) * m, "values",
         (("btw1", "networkx"), ("btw1", "igraph"))),
    Task("btw2", "betweenness, exact, 2 threads", MAIN, _btw_impls(2), lambda n, m: float(n) * m, "values",
         (("btw1", "networkx"), ("btw1", "igraph")), note="igraph and networkx are single-threaded (1-thread row)"),
    Task("btwk", f"betweenness, {PIVOTS} sampled pivots, 1 thread", MAIN, _btwk_impls(), lambda n, m: m, "values",
         (("btwk", "networkx"),), scaling=True,
         note="networkx from coopmap's own pivots, so the values must agree; networkit draws its own pivots"),
    Task("linkpred", f"link prediction, Adamic-Adar top {TOP}", MAIN, _linkpred_impls(), _sq, "topk",
         (("linkpred", "networkx"), ("linkpred", "scipy")), scaling=True,
         note="igraph has no link prediction (its similarity_inverse_log_weighted returns a dense n x n matrix)"),
    Task("brokerage", "Gould-Fernandez brokerage (3 groups)", MAIN + ("dir10k",), _brokerage_impls(), _sq, "values",
         (("brokerage", "R sna"),), scaling=True,
         note="the other Python peers have no brokerage; quality: max |Δ| of the total counts"),
    Task("csv", "CSV import (structures + links files)", MAIN, _csv_impls(), lambda n, m: m, "count", scaling=True),
    Task("sqlite_import", "SQLite import of m declarations", MAIN, _store_import_impls(), lambda n, m: m, "count",
         scaling=True, note="bench_store's seeded declarations (random pairs, 4 link types, a third declared back)"),
    Task("sqlite_load", "SQLite load of the wave into a network", MAIN, _store_load_impls(), lambda n, m: m, "count",
         scaling=True),
    Task("layout_fr", "layout, Fruchterman-Reingold", MAIN, _layout_fr_impls(), lambda n, m: n + m, "layout",
         scaling=True),
    Task("layout_fa2", "layout, ForceAtlas2 (peers: other fast layouts)", MAIN, _layout_fa2_impls(),
         lambda n, m: n * math.log(n + 1) + m, "layout", scaling=True),
    Task("report", "report (coopmap report)", ("ptce",) + MAIN, _report_impls(),
         lambda n, m: m, scaling=True,
         note="no peer; exact betweenness up to 10,000 structures, 512 sampled pivots above (the report states "
              "the error bound); one node per structure on the maps up to 5,000 structures, one per cluster above; "
              "cards up to 1,000 structures, the What-if section up to 150"),
)}


# ---- wide rows: linear parsing ---------------------------------------------------------------
#
# Not a graph task: one structures file whose single row holds n aliases, and one whose
# header holds n attribute columns (and one row of n cells), for n = 10^5 and 10^6. Each
# file is read by cm.read_csv in a fresh child process (``--wide CASE N``) under the
# budget; the row reports t(10^6) / t(10^5), about 10 when parsing is linear (100 if it
# were quadratic: before the fix, 10^5 aliases took 16.6 s and 10^6 never finished).

WIDE_SIZES = (100_000, 1_000_000)
WIDE_CASES = {
    "aliases": "CSV: one row with n aliases (cm.read_csv of `id,aliases` / `x,a0|a1|...`)",
    "columns": "CSV: header of n columns (cm.read_csv of `id,c0,c1,...` and one row of n integers)",
    "inventory-aliases": "Inventory: import_csv(structures=) of the n-alias file into a new inventory",
    "inventory-columns": "Inventory: import_csv(structures=) of the n-column file into a new inventory",
}


def wide_file(case: str, n: int, cache: Path) -> Path:
    """The structures file of a wide case, written once into the cache."""
    case = case.removeprefix("inventory-")  # the same files
    path = cache / "wide" / f"{case}_{n}.csv"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w") as f:
        if case == "aliases":
            f.write("id,aliases\nx,")
            f.write("|".join(f"alias{k}" for k in range(n)))
        else:
            f.write("id," + ",".join(f"c{k}" for k in range(n)))
            f.write("\nx," + ",".join(str(k) for k in range(n)))
        f.write("\n")
    tmp.replace(path)
    return path


def run_wide_cell(case: str, n: int, runs: int, cache: Path) -> None:
    """The child: times cm.read_csv (or an Inventory import: a new database, its
    structures file, closed) on one wide file; prints one JSON line per run."""
    import coopmap as cm

    path = wide_file(case, n, cache)
    for _ in range(runs):
        if case.startswith("inventory-"):
            with tempfile.TemporaryDirectory() as d:
                t0 = time.perf_counter()
                with cm.Inventory(Path(d) / "wide.db") as inv:
                    inv.import_csv(structures=path)
                dt = time.perf_counter() - t0
                import sqlite3

                con = sqlite3.connect(Path(d) / "wide.db")
                table = "aliases" if case.endswith("aliases") else "structure_attributes"
                size = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                con.close()
        else:
            t0 = time.perf_counter()
            net = cm.read_csv(path)
            dt = time.perf_counter() - t0
            s = net.structures()[0]
            del net
            size = len(s["aliases"]) if case == "aliases" else sum(k not in ("id", "name", "aliases") for k in s)
        print(json.dumps({"t": dt, "size": size}), flush=True)


def wide_rows(runs: int, budget: float, cache: Path) -> str:
    """Runs every wide case and size in fresh children; the Markdown table."""
    rows = []
    for case, title in WIDE_CASES.items():
        times: dict[int, float] = {}
        cells = []
        for n in WIDE_SIZES:
            wide_file(case, n, cache)  # generated before the timing
            cmd = [sys.executable, str(Path(__file__).resolve()), "--wide", case, str(n), "--runs", str(runs),
                   "--cache", str(cache)]
            try:
                out = subprocess.run(cmd, capture_output=True, text=True, timeout=budget * runs + 30)
            except subprocess.TimeoutExpired:
                cells.append(f"stopped (> {budget:.0f} s)")
                log(f"wide {case} {n:,}: stopped")
                continue
            got = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
            if out.returncode != 0 or not got:
                cells.append("error")
                log(f"wide {case} {n:,}: error {out.stderr.strip()[-300:]}")
                continue
            if any(g["size"] != n for g in got):
                cells.append(f"error: read {got[0]['size']:,} of {n:,}")
                continue
            times[n] = float(np.median([g["t"] for g in got]))
            cells.append(fmt_s(times[n]))
            log(f"wide {case} {n:,}: {fmt_s(times[n])} s")
        lo, hi = WIDE_SIZES
        ratio = f"{times[hi] / times[lo]:.1f}" if lo in times and hi in times and times[lo] > 0 else "—"
        rows.append([title, *cells, ratio])
    header = ["case (coopmap)", *(f"n = {n:,} s" for n in WIDE_SIZES), "t(10^6) / t(10^5) (linear ≈ 10)"]
    return h.markdown_table(header, rows, "l" + "r" * (len(WIDE_SIZES) + 1))


# ---- the child: one cell ------------------------------------------------------------------------


def run_cell(task_key: str, lib: str, graph_key: str, runs: int, slow: float, cache: Path, out: Path) -> None:
    """Times one cell and writes JSON lines to ``out`` as it goes: ready, run..., done."""
    task = TASKS[task_key]
    impl = task.impls[lib]
    g = Graph(GRAPHS[graph_key], cache)

    def emit(**kw) -> None:
        with out.open("a") as f:
            f.write(json.dumps(kw) + "\n")

    try:
        t0 = time.perf_counter()
        if impl.external:
            res = impl.external(g, runs, slow, scratch(), emit)
            arrays, peak, info = res["arrays"], res["peak_mib"], {}
        else:
            for module in LIB_MODULES.get(lib, ()):
                __import__(module)
            state = impl.prepare(g)
            if impl.threads:
                _nk(impl.threads)
            gc.collect()
            emit(event="ready", setup_s=time.perf_counter() - t0)
            reset = h.reset_peak_rss()
            rss0 = h.rss_mib()
            result = None
            for r in range(runs):
                result = None
                w0 = time.perf_counter()
                result = impl.run(state)
                dt = time.perf_counter() - w0
                if impl.self_timed:
                    dt, result = result
                emit(event="run", t=dt)
                if r == 0 and dt > slow:
                    break
            peak = h.peak_rss_mib() - rss0 if reset else math.nan
            extracted = impl.extract(result, g)
            arrays = {k: v for k, v in extracted.items() if isinstance(v, np.ndarray)}
            info = {k: v for k, v in extracted.items() if not isinstance(v, np.ndarray)}
        arrays_file = ""
        if arrays:
            arrays_file = str(cache / "values" / f"{graph_key}.{task_key}.{lib.replace(' ', '_')}.npz")
            Path(arrays_file).parent.mkdir(parents=True, exist_ok=True)
            np.savez(arrays_file, **arrays)
        emit(event="done", peak_mib=peak, arrays=arrays_file, info=info)
    except Exception as e:  # reported in the table, not hidden
        emit(event="error", error=f"{type(e).__name__}: {str(e)[:300]}")


# ---- the parent: plan, run the cells, tables ---------------------------------------------------


@dataclass
class Cell:
    task: str
    lib: str
    graph: str
    status: str = "pending"  # ok | stopped | predicted | error | skipped
    times: list[float] = field(default_factory=list)
    peak: float = math.nan
    arrays: str = ""
    info: dict = field(default_factory=dict)
    note: str = ""

    @property
    def time(self) -> float:
        return float(np.median(self.times)) if self.times and self.status == "ok" else math.nan


def group_rss_mib(pgid: int) -> float:
    """Resident memory of every process in the process group ``pgid`` (a cell and the
    programs it started), MiB."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) != pgid:
                continue
            with open(f"/proc/{entry}/status") as f:
                total += next((int(x.split()[1]) for x in f if x.startswith("VmRSS:")), 0)
        except (OSError, StopIteration):
            continue
    return total / 1024


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Runner:
    def __init__(self, args: argparse.Namespace, graphs: dict[str, Graph]) -> None:
        self.args = args
        self.graphs = graphs
        self.cells: dict[tuple[str, str, str], Cell] = {}

    def predicted(self, cell: Cell) -> tuple[float, str] | None:
        """Predicted single-run time from the largest smaller graph run for this cell."""
        task, impl = TASKS[cell.task], TASKS[cell.task].impls[cell.lib]
        cost = impl.cost or task.cost
        g = self.graphs[cell.graph]
        best = None
        for (t, lib, gk), c in self.cells.items():
            other = self.graphs[gk]
            if (t == cell.task and lib == cell.lib and other.m < g.m and not other.spec.dataset
                    and c.status in ("ok", "stopped", "predicted")):
                if best is None or other.m > self.graphs[best.graph].m:
                    best = c
        if best is None:
            return None
        small = self.graphs[best.graph]
        if best.status != "ok":
            return math.inf, f"over budget on {small.spec.title}"
        t = min(best.times) * cost(g.n, g.m) / cost(small.n, small.m)
        return t, f"~{t:,.0f} s predicted from {small.spec.title}"

    def run(self, cell: Cell) -> Cell:
        a = self.args
        self.cells[(cell.task, cell.lib, cell.graph)] = cell
        guess = self.predicted(cell)
        if guess and guess[0] > a.budget:
            cell.status, cell.note = "predicted", f"not run (budget {a.budget:.0f} s: {guess[1]})"
            return cell
        out = Path(tempfile.mkstemp(prefix="cell-", suffix=".jsonl", dir=a.cache)[1])
        cmd = [sys.executable, str(Path(__file__).resolve()), "--cell", cell.task, cell.lib, cell.graph,
               "--runs", str(a.runs), "--slow", str(a.slow), "--cache", str(a.cache), "--out", str(out)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        start = time.perf_counter()
        ready_at = first_at = None
        events: list[dict] = []
        killed = ""
        checked = start
        while proc.poll() is None:
            time.sleep(0.1)
            events = [json.loads(x) for x in out.read_text().splitlines() if x.strip()]
            now = time.perf_counter()
            if ready_at is None and any(e["event"] == "ready" for e in events):
                ready_at = now
            if first_at is None and any(e["event"] == "run" for e in events):
                first_at = now
            if now - checked > 0.5:
                checked = now
                rss = group_rss_mib(proc.pid)
                if rss > a.max_mem * 1024:
                    killed = f"stopped: memory > {a.max_mem:.0f} GiB"
            if killed:
                pass
            elif ready_at is None and now - start > max(a.budget, 300):
                killed = "setup over budget"
            elif ready_at is not None and first_at is None and now - ready_at > a.budget:
                killed = f"stopped: first run > {a.budget:.0f} s budget"
            elif first_at is not None and now - first_at > (first_at - ready_at) * (a.runs + 1) + 60:
                killed = "stopped: later runs over budget"
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        shutil.rmtree(SCRATCH, ignore_errors=True)
        events = [json.loads(x) for x in out.read_text().splitlines() if x.strip()]
        out.unlink(missing_ok=True)
        cell.times = [e["t"] for e in events if e["event"] == "run"]
        done = next((e for e in events if e["event"] == "done"), None)
        error = next((e for e in events if e["event"] == "error"), None)
        if killed:
            cell.status, cell.note = "stopped", killed
        elif error or not done:
            cell.status = "error"
            cell.note = error["error"] if error else f"child exited {proc.returncode}: {stderr.strip()[-300:]}"
        else:
            cell.status, cell.peak, cell.arrays, cell.info = "ok", done["peak_mib"], done["arrays"], done["info"]
            if len(cell.times) < a.runs:
                cell.note = f"{len(cell.times)} run (first run > {a.slow:.0f} s)"
        return cell


# quality ---------------------------------------------------------------------------------------


def modularity(edges: np.ndarray, memb: np.ndarray) -> float:
    """Newman's Q of a membership on the undirected simple graph of ``edges``."""
    memb = memb.astype(np.int64)
    m = len(edges)
    if m == 0:
        return math.nan
    k = np.bincount(edges.ravel(), minlength=len(memb)).astype(float)
    inside = memb[edges[:, 0]] == memb[edges[:, 1]]
    lc = np.bincount(memb[edges[inside, 0]], minlength=memb.max() + 1)
    kc = np.bincount(memb, weights=k, minlength=memb.max() + 1)
    return float(lc.sum() / m - ((kc / (2 * m)) ** 2).sum())


def _load(cell: Cell | None) -> dict[str, np.ndarray]:
    if cell is None or cell.status != "ok" or not cell.arrays:
        return {}
    with np.load(cell.arrays) as z:
        return {k: z[k] for k in z.files}


def _max_diff(a: np.ndarray, b: np.ndarray) -> str:
    if a.shape != b.shape:
        return f"{len(a)} vs {len(b)} values"
    na, nb = np.isnan(a), np.isnan(b)
    mismatch = int((na != nb).sum())
    ok = ~(na | nb)
    d = float(np.max(np.abs(a[ok] - b[ok]))) if ok.any() else 0.0
    return f"{d:.1e}" + (f" ({mismatch} NaN mismatches)" if mismatch else "")


def quality(runner: Runner, cell: Cell) -> str:
    task = TASKS[cell.task]
    g = runner.graphs[cell.graph]
    if cell.status != "ok":
        return ""
    arrays = _load(cell)
    if task.quality == "clusters" and "membership" in arrays:
        from sklearn.metrics import normalized_mutual_info_score

        memb = arrays["membership"].astype(np.int64)
        q = modularity(g.edges, memb)
        nmi = normalized_mutual_info_score(g.blocks, memb)
        text = f"Q {q:.4f}, NMI {nmi:.4f}, {len(np.unique(memb))} clusters"
        one = runner.cells.get((cell.task + "_t1", cell.lib, cell.graph))
        if cell.lib == "coopmap" and one and one.status == "ok":
            same = np.array_equal(_load(one).get("membership", np.array([])), arrays["membership"])
            text += "; partition " + ("identical to" if same else "DIFFERENT from") + " the 1-thread run"
        return text
    if task.quality in ("values", "topk"):
        parts = []
        for ref_task, ref_lib in task.reference:
            if (ref_task, ref_lib) == (cell.task, cell.lib):
                continue
            ref = _load(runner.cells.get((ref_task, ref_lib, cell.graph)))
            common = [k for k in arrays if k in ref]
            if common:
                label = "top-100 scores" if task.quality == "topk" else ""
                parts += [f"max |Δ {label or k}| vs {ref_lib} {_max_diff(arrays[k], ref[k])}" for k in common]
                break
        if not parts and arrays and not any(cell.lib == lib for _, lib in task.reference):
            parts.append("no reference within budget")
        if cell.task == "btw2":
            one = runner.cells.get(("btw1", cell.lib, cell.graph))
            if one and one.status == "ok":
                parts.append(f"speed-up vs 1 thread {one.time / cell.time:.2f}x")
        return "; ".join(parts)
    if task.quality == "layout" and "coords" in arrays:
        ratio, sep = h.layout_quality(arrays["coords"].tolist(), g.edges.tolist(), g.blocks.tolist())
        return f"edge / non-edge distance {ratio:.3f}, intra / inter block {sep:.3f}"
    if task.quality == "count" and cell.info:
        return ", ".join(f"{k}={v:,}" for k, v in cell.info.items())
    return ""


# tables ------------------------------------------------------------------------------------------


def fmt_s(t: float) -> str:
    if math.isnan(t):
        return "—"
    return f"{t:.4f}" if t < 0.1 else f"{t:.3f}" if t < 10 else f"{t:.1f}"


def fmt_mib(x: float) -> str:
    return "—" if math.isnan(x) else f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def cell_text(c: Cell | None) -> str:
    if c is None:
        return "—"
    if c.status == "ok":
        return fmt_s(c.time) + (" (1 run)" if len(c.times) == 1 and c.note else "")
    return c.note or c.status


def tables(runner: Runner, graphs_order: list[str]) -> tuple[str, str]:
    """(summary table: one row per graph and task; detail table: one row per library)."""
    summary, detail = [], []
    for gk in graphs_order:
        g = runner.graphs[gk]
        for tk, task in TASKS.items():
            cells = [runner.cells[(tk, lib, gk)] for lib in task.impls if (tk, lib, gk) in runner.cells]
            if not cells or gk not in task.graphs:
                continue
            mine = runner.cells.get((tk, "coopmap", gk))
            peers = [c for c in cells if c.lib != "coopmap"]
            ran = [c for c in peers if c.status == "ok"]
            fastest = min(ran, key=lambda c: c.time) if ran else None
            ratio = "—"
            if mine and mine.status == "ok" and fastest:
                ratio = f"{mine.time / fastest.time:.2f}"
            peer_txt = (f"{fastest.lib} {cell_text(fastest)}" if fastest
                        else "none within budget" if peers else "—")
            mem = f"{fmt_mib(mine.peak) if mine else '—'} / {fmt_mib(fastest.peak) if fastest else '—'}"
            qual = "; ".join(f"{c.lib}: {q}" for c in ([mine] if mine else []) + ([fastest] if fastest else [])
                             if (q := quality(runner, c)))
            summary.append([g.title, task.title, cell_text(mine), peer_txt, ratio, mem, qual])
            for c in cells:
                detail.append([g.title, task.title, c.lib, cell_text(c), str(len(c.times)) if c.times else "0",
                               fmt_mib(c.peak), quality(runner, c), task.impls[c.lib].call])
    s = h.markdown_table(["graph", "task", "coopmap s", "fastest peer s", "ratio coopmap / fastest peer",
                          "peak MiB coopmap / that peer", "quality"], summary, "llllrll")
    d = h.markdown_table(["graph", "task", "library", "median s", "runs", "peak MiB", "quality", "what is timed"],
                         detail, "lllrrrll")
    return s, d


def scaling_table(runner: Runner) -> str:
    rows = []
    graphs = [runner.graphs[k] for k in SCALING if k in runner.graphs]
    for tk, task in TASKS.items():
        if not task.scaling:
            continue
        cells = [runner.cells.get((tk, "coopmap", g.key)) for g in graphs]
        if all(c is None for c in cells):
            continue
        pts = [(g.m, c.time) for g, c in zip(graphs, cells) if c and c.status == "ok" and c.time > 0]
        slope = "—"
        if len(pts) >= 2:
            x, y = np.log([p[0] for p in pts]), np.log([p[1] for p in pts])
            slope = f"{np.polyfit(x, y, 1)[0]:.2f}" + ("" if len(pts) == len(graphs) else f" ({len(pts)} sizes)")
        rows.append([task.title, *(cell_text(c) for c in cells), slope])
    header = ["task (coopmap)", *(f"{g.m:,} links (n={g.n:,}) s" for g in graphs), "growth exponent"]
    return h.markdown_table(header, rows, "l" + "r" * (len(graphs) + 1))


def notes(runner: Runner) -> str:
    lines = []
    for tk, task in TASKS.items():
        if not any(k[0] == tk for k in runner.cells):
            continue
        lines.append(f"- **{task.title}**" + (f": {task.note}." if task.note else "."))
        libs = sorted({k[1] for k in runner.cells if k[0] == tk})
        lines += [f"  - {lib}: `{task.impls[lib].call}`" for lib in libs]
    return "\n".join(lines)


def write_readme(summary: str, scaling: str, machine: str, command: str) -> None:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        raise SystemExit(f"{path}: markers {start} / {end} not found")
    block = (f"{start}\nLast full run (`{command}`): {machine}\n\n{summary}\nScaling (coopmap, SBM with mean degree "
             f"10):\n\n{scaling}\nEvery library's row, what each call times, and the notes: "
             f"`benchmarks/results.md`.\n{end}")
    head, rest = text.split(start, 1)
    path.write_text(head + block + rest.split(end, 1)[1], encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1 run, the small graphs only, 10 s budget")
    ap.add_argument("--runs", type=int, default=None, help="runs per cell, median reported (default 3; quick 1)")
    ap.add_argument("--budget", type=float, default=None, help="single-run budget in seconds (default 120; quick 10)")
    ap.add_argument("--slow", type=float, default=30.0, help="a first run longer than this is the only run")
    ap.add_argument("--max-mem", type=float, default=12.0, help="GiB; a cell using more is stopped")
    ap.add_argument("--tasks", default="", help="comma-separated task keys: " + ",".join([*TASKS, "wide"]))
    ap.add_argument("--graphs", default="", help="comma-separated graph keys: " + ",".join(GRAPHS))
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "bench-cache")
    ap.add_argument("--out", type=Path, default=None, help="Markdown output (default benchmarks/results.md; "
                                                           "quick: build/bench-quick.md)")
    ap.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    ap.add_argument("--cell", nargs=3, metavar=("TASK", "LIB", "GRAPH"), help=argparse.SUPPRESS)
    ap.add_argument("--wide", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.cache = args.cache.resolve()
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.cell:
        run_cell(*args.cell, runs=args.runs or 3, slow=args.slow, cache=args.cache, out=args.out)
        return
    if args.wide:
        run_wide_cell(args.wide[0], int(args.wide[1]), runs=args.runs or 3, cache=args.cache)
        return
    args.runs = args.runs or (1 if args.quick else 3)
    args.budget = args.budget or (10.0 if args.quick else 120.0)
    out = args.out or (ROOT / "build" / "bench-quick.md" if args.quick else Path(__file__).with_name("results.md"))
    started = time.perf_counter()
    info = h.machine(with_r=True)
    machine = h.machine_line(info)
    log(f"bench: {machine}")
    tasks = [t for t in args.tasks.split(",") if t] or [*TASKS, "wide"]
    wide = "wide" in tasks  # the wide-rows section (not a graph task)
    tasks = [t for t in tasks if t != "wide"]
    order = [k for k in GRAPHS if k != "sbm200k" or not args.quick]
    if args.graphs:
        order = [k for k in order if k in args.graphs.split(",")]
    if not tasks:  # --tasks wide: no graph needed
        order = []
    graphs = {k: Graph(GRAPHS[k], args.cache) for k in order}
    runner = Runner(args, graphs)
    plan = []
    for gk in sorted(order, key=lambda k: graphs[k].m):
        for tk in tasks:
            task = TASKS[tk]
            libs = list(task.impls) if gk in task.graphs else ["coopmap"] if task.scaling and gk in SCALING else []
            plan += [Cell(tk, lib, gk) for lib in libs]
    for i, cell in enumerate(plan, 1):
        t0 = time.perf_counter()
        runner.run(cell)
        log(f"[{i}/{len(plan)}] {cell.graph} {cell.task} {cell.lib}: {cell_text(cell)}"
            f"{'' if math.isnan(cell.peak) else f', {fmt_mib(cell.peak)} MiB'} ({time.perf_counter() - t0:.0f} s)")
    summary, detail = tables(runner, [k for k in order if k != "sbm20k"])
    scaling = scaling_table(runner)
    wide_text = ""
    if wide:
        wide_text = ("## Wide rows (linear parsing)\n\nOne structures file read by `cm.read_csv` or imported "
                     "into a new Inventory in a fresh process, median of the runs; the last column is t(10^6) / t(10^5): about 10 when parsing is "
                     "linear, 100 when quadratic.\n\n" + wide_rows(args.runs, args.budget, args.cache) + "\n")
    minutes = (time.perf_counter() - started) / 60
    command = "bash scripts/bench.sh" + (" --quick" if args.quick else "")
    text = (f"# coopmap benchmarks\n\nCommand: `{command}` (`benchmarks/bench.py`); harness wall time "
            f"{minutes:.1f} min; median of {args.runs} run(s) per cell, single-run budget {args.budget:.0f} s.\n\n"
            f"Machine: {machine}\n\n"
            "Times in seconds. coopmap's times include building its CSR view from the Network and the Python "
            "result; peers start from their own graph object; imports start from the files. Peak MiB: the "
            "high-water mark of the resident set during the timed runs above the resident set just before them "
            "(each cell in a fresh process). Ratio = coopmap / fastest peer (< 1: coopmap faster). "
            "\"not run (budget ...)\": the single run was predicted to exceed the budget; \"stopped\": the first "
            "run exceeded it; \"—\": no such peer or no coopmap run. Layout quality (lower is better): mean "
            "edge length / mean distance of 20,000 random non-adjacent pairs, and mean distance of 20,000 "
            "non-adjacent pairs inside a planted block (drawn on their own: at 400 blocks only 1 random pair in "
            "400 is inside one) / mean distance of the random pairs across blocks (benchmarks/_harness.py, "
            "layout_quality). Details: the docstring of `benchmarks/bench.py`.\n\n"
            f"## Summary\n\n{summary}\n## Scaling (coopmap; SBM, mean degree 10)\n\nGrowth exponent: least-squares "
            "slope of log time against log links. Betweenness uses 256 sampled pivots at every size (exact "
            "betweenness is O(nm): out of reach at 10^6 links). Louvain and Leiden at their defaults include "
            "coopmap's automatic restarts (several on small graphs, fewer as the graph grows, one on large "
            "ones), so that work budget flattens their growth: the restarts=1 rows show one run's growth. "
            "The report computes betweenness exactly and draws one node per structure up to 10,000 and 5,000 "
            "structures, then samples 512 pivots and draws one node per cluster: its first size is on the exact "
            "path, the larger ones on the sampled one.\n\n"
            f"{scaling}\n{wide_text}## Every library\n\n{detail}\n## What each library runs\n\n{notes(runner)}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    log(f"bench: wrote {out} ({minutes:.1f} min)")
    if not args.quick and not args.no_readme and not args.tasks and not args.graphs:
        write_readme(summary, scaling, machine, command)
        log("bench: README.md table updated")


if __name__ == "__main__":
    main()
