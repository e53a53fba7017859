"""cm.brokerage against R sna 2.7 ``brokerage(g, cl)`` itself (Rscript, installed by
scripts/setup.sh from Debian's r-cran-sna), plus hand-derived cases."""
from __future__ import annotations

import csv
import math
import random
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from conftest import Pivots

import coopmap as cm

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
SNA_COLUMNS = ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]

# For each case: read the 0/1 adjacency matrix and the class vector, call sna::brokerage
# and write every matrix / vector with 17 significant digits.
R_SCRIPT = r"""
suppressPackageStartupMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
cases <- as.integer(args[2])
fmt <- function(x) ifelse(is.na(x) & !is.nan(x), "NA", sprintf("%.17g", x))
for (i in seq_len(cases)) {
  A <- as.matrix(read.csv(file.path(dir, paste0("adj", i, ".csv")), header = FALSE))
  dimnames(A) <- NULL
  cl <- readLines(file.path(dir, paste0("cl", i, ".txt")))
  b <- suppressWarnings(brokerage(A, cl))
  for (nm in c("raw.nli", "exp.nli", "sd.nli", "z.nli")) {
    m <- b[[nm]]
    out <- matrix(fmt(as.vector(m)), nrow = nrow(m))
    write.table(out, file.path(dir, paste0(nm, i, ".csv")), sep = ",", row.names = FALSE, col.names = colnames(m), quote = FALSE)
  }
  g <- rbind(b$raw.gli, b$exp.gli, b$sd.gli, b$z.gli)
  out <- matrix(fmt(as.vector(g)), nrow = 4)
  write.table(out, file.path(dir, paste0("gli", i, ".csv")), sep = ",", row.names = FALSE, col.names = names(b$raw.gli), quote = FALSE)
}
"""


def _adjacency(net: cm.Network) -> np.ndarray:
    ids = net.structure_ids()
    pos = {s: i for i, s in enumerate(ids)}
    arcs = {r["code"] for r in net.link_type_records() if r["directed"]}
    a = np.zeros((len(ids), len(ids)), dtype=int)
    for link in net.links():
        s, t = pos[link["source"]], pos[link["target"]]
        a[s, t] = 1
        if link["type"] not in arcs:  # a two-way link is symmetric in sna's matrix (mixed networks too)
            a[t, s] = 1
    return a


def _read(path: Path) -> tuple[list[str], np.ndarray]:
    with open(path) as f:
        rows = list(csv.reader(f))
    conv = lambda x: math.nan if x in ("NA", "NaN") else float(x)  # noqa: E731
    return rows[0], np.array([[conv(x) for x in r] for r in rows[1:]], dtype=float)


def _same(ours: float, theirs: float) -> bool:
    if math.isnan(theirs):
        return math.isnan(ours)
    if math.isinf(theirs):
        return ours == theirs
    return abs(ours - theirs) <= 1e-9 * max(1.0, abs(theirs))


def run_sna(cases: list[tuple[cm.Network, list[str]]], tmp: Path) -> list[dict]:
    rscript = shutil.which("Rscript")
    assert rscript, "Rscript is missing: scripts/setup.sh installs r-base-core and r-cran-sna"
    for i, (net, cl) in enumerate(cases, start=1):
        np.savetxt(tmp / f"adj{i}.csv", _adjacency(net), fmt="%d", delimiter=",")
        (tmp / f"cl{i}.txt").write_text("\n".join(cl) + "\n")
    (tmp / "brokerage.R").write_text(R_SCRIPT)
    r = subprocess.run([rscript, str(tmp / "brokerage.R"), str(tmp), str(len(cases))], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = []
    for i in range(1, len(cases) + 1):
        res = {}
        for nm in ("raw.nli", "exp.nli", "sd.nli", "z.nli"):
            cols, m = _read(tmp / f"{nm}{i}.csv")
            assert cols == SNA_COLUMNS
            res[nm] = m
        cols, g = _read(tmp / f"gli{i}.csv")
        assert cols == SNA_COLUMNS
        res["gli"] = g
        out.append(res)
    return out


def compare(net: cm.Network, group, cl: list[str], sna: dict) -> None:
    b = cm.brokerage(net, group)
    ids = net.structure_ids()
    for nm, ours in (("raw.nli", b.counts), ("exp.nli", b.expected), ("sd.nli", b.sd), ("z.nli", b.z)):
        for i, s in enumerate(ids):
            for k, role in enumerate(ROLES):
                assert _same(float(ours[s][role]), sna[nm][i, k]), (nm, s, role, ours[s][role], sna[nm][i, k])
    for row, key in enumerate(("raw", "expected", "sd", "z")):
        for k, role in enumerate(ROLES):
            assert _same(float(b.network[role][key]), sna["gli"][row, k]), (key, role, b.network[role][key], sna["gli"][row, k])


def _with_groups(G: nx.Graph, labels: dict) -> tuple[cm.Network, list[str]]:
    net = cm.from_networkx(G)
    for s in net.structure_ids():
        net.set_attribute(s, "grp", labels[s])
    return net, [labels[s] for s in net.structure_ids()]


def _cases() -> list[tuple[cm.Network, object, list[str]]]:
    cases = []
    rng = random.Random(11)
    # directed and undirected random graphs, 4 groups
    for directed, n, p, seed in ((True, 30, 0.12, 1), (False, 25, 0.15, 2), (True, 40, 0.05, 3)):
        G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
        labels = {str(v): "g" + str(rng.randrange(4)) for v in G}
        net, cl = _with_groups(G, labels)
        cases.append((net, "grp", cl))
    # singleton and two-member groups, isolates, dense directed graph
    G = nx.gnp_random_graph(12, 0.6, seed=4, directed=True)
    G.add_nodes_from([12, 13])
    labels = {str(v): ["solo", "pair", "pair", "big"][min(v, 3)] for v in G}
    labels["13"] = "alone"
    net, cl = _with_groups(G, labels)
    cases.append((net, "grp", cl))
    # every structure its own group (liaisons only)
    G = nx.gnp_random_graph(10, 0.3, seed=5)
    net, cl = _with_groups(G, {str(v): f"s{v}" for v in G})
    cases.append((net, "grp", cl))
    # one group
    G = nx.gnp_random_graph(15, 0.2, seed=6, directed=True)
    net, cl = _with_groups(G, {str(v): "all" for v in G})
    cases.append((net, "grp", cl))
    # stochastic block model with unequal groups
    sizes = [8, 5, 1, 12]
    G = nx.stochastic_block_model(sizes, [[0.5, 0.05, 0.2, 0.02], [0.05, 0.6, 0.2, 0.05], [0.2, 0.2, 0, 0.2], [0.02, 0.05, 0.2, 0.3]], seed=7, directed=True)
    net, cl = _with_groups(G, {str(v): f"b{G.nodes[v]['block']}" for v in G})
    cases.append((net, "grp", cl))
    # bundled datasets: karate by club; florentine by a partition (Mapping); the PTCE
    # (multiplex links) by legal family, undirected and directed
    karate = cm.load_dataset("karate")
    cases.append((karate, "club", [str(karate.structure(s)["club"]) for s in karate.structure_ids()]))
    flo = cm.load_dataset("florentine")
    part = {s: ("early" if s[0] < "m" else "late") for s in flo.structure_ids()}
    cases.append((flo, part, [part[s] for s in flo.structure_ids()]))
    for directed in (False, True):
        ptce = cm.load_dataset("ptce-sicoval-2013", directed=directed)
        for s in ptce.structure_ids():
            if "legal_family" not in ptce.structure(s):
                ptce.set_attribute(s, "legal_family", "unknown")
        cases.append((ptce, "legal_family", [str(ptce.structure(s)["legal_family"]) for s in ptce.structure_ids()]))
    # tiny: 3 structures (negative sna variances, 0/0)
    G = nx.DiGraph([(0, 1), (1, 2)])
    net, cl = _with_groups(G, {"0": "A", "1": "A", "2": "B"})
    cases.append((net, "grp", cl))
    return cases


def test_brokerage_equals_r_sna(tmp_path: Path) -> None:
    cases = _cases()
    results = run_sna([(net, cl) for net, _, cl in cases], tmp_path)
    for (net, group, cl), sna in zip(cases, results):
        compare(net, group, cl, sna)


def test_hand_derived_representative() -> None:
    # Directed 0 -> 1 -> 2, groups A A B: 1 represents A towards B once. d = 1/3,
    # p = d²(1-d) = 2/27; E[rep] for group A = p·(N-n)(n-1) = 2/27, Var = E(1-p) = 50/729
    # (no dependent pairs), z = (1 - 2/27)/(sqrt(50)/27) = sqrt(50)/2.
    net = cm.Network(directed=True)
    for s, g in (("a", "A"), ("v", "A"), ("b", "B")):
        net.add_structure(s, grp=g)
    net.add_link("a", "v")
    net.add_link("v", "b")
    b = cm.brokerage(net, "grp")
    assert b.counts["v"] == {"coordinator": 0, "itinerant": 0, "representative": 1, "gatekeeper": 0, "liaison": 0, "total": 1}
    assert b.expected["v"]["representative"] == pytest.approx(2 / 27, abs=1e-15)
    assert b.z["v"]["representative"] == pytest.approx(math.sqrt(50) / 2, rel=1e-12)
    assert math.isnan(b.z["b"]["coordinator"])  # E = sd = 0 for a singleton group: 0/0
    assert b.network["total"]["raw"] == 1
    assert b.groups == {"a": "A", "v": "A", "b": "B"}
    assert b.group_sizes == {"A": 2, "B": 1}
    rec = b.records()
    assert len(rec) == 3 and rec[1]["id"] == "v" and rec[1]["representative"] == 1
    assert set(rec[1]) >= {"group", "total_z", "liaison_expected", "gatekeeper_sd"}
    assert "Brokerage" in repr(b)


def test_partition_argument_and_errors() -> None:
    net = cm.load_dataset("karate")
    by_attr = cm.brokerage(net, "club")
    part = {s: net.structure(s)["club"] for s in net.structure_ids()}
    by_map = cm.brokerage(net, part)
    assert by_map.counts == by_attr.counts
    communities = [[s for s in part if part[s] == c] for c in sorted(set(part.values()))]
    assert cm.brokerage(net, communities).counts == by_attr.counts
    with pytest.raises(ValueError):
        cm.brokerage(net, "no_such_attribute")
    with pytest.raises(KeyError):
        cm.brokerage(net, {**part, "ghost": "x"})


def test_broker_table_matches_networkx_and_reuses_a_given_constraint() -> None:
    # cm.brokers: betweenness (normalised) and constraint as networkx computes them on the
    # same graph, cut points as networkx's articulation points, roles as cm.brokerage
    # (checked against R sna above); rows by betweenness, then total, then id.
    net = cm.load_dataset("karate")
    G = net.to_networkx()
    table = cm.brokers(net, "club")
    btw = nx.betweenness_centrality(G)
    cons = nx.constraint(G, weight="weight")
    cut = set(nx.articulation_points(G))
    roles = cm.brokerage(net, "club").counts
    assert len(table) == G.number_of_nodes()
    for r in table:
        assert r["betweenness"] == pytest.approx(btw[r["id"]], abs=1e-12)
        assert r["constraint"] == pytest.approx(cons[r["id"]], abs=1e-12)
        assert r["cut_point"] == (r["id"] in cut)
        assert r["total"] == roles[r["id"]]["total"]
    keys = [(-r["betweenness"], -r["total"], r["id"]) for r in table]
    assert keys == sorted(keys)
    # Burt's constraint computed once elsewhere (the report takes it from structural_holes)
    given = {r["id"]: r["constraint"] for r in cm.structural_holes(net)}
    assert repr(cm.brokers(net, "club", constraint=given)) == repr(table)  # NaN z-scores: compare as text
    given.pop(next(iter(given)))
    with pytest.raises(ValueError, match="constraint: no value for 1 structure"):
        cm.brokers(net, "club", constraint=given)


def test_broker_table_with_sampled_pivots_equals_networkx_on_the_same_pivots() -> None:
    # k pivots: networkx's estimator given the same sources (cm.betweenness_pivots) gives
    # the same normalised values; the rest of the table is unchanged.
    net = cm.load_dataset("karate")
    G = net.to_networkx()
    pivots = cm.betweenness_pivots(net, 8, seed=5)
    table = cm.brokers(net, "club", k=8, seed=5)
    btw = nx.betweenness_centrality(G, k=8, seed=Pivots(pivots))
    exact = {r["id"]: r for r in cm.brokers(net, "club")}
    assert any(abs(r["betweenness"] - exact[r["id"]]["betweenness"]) > 1e-3 for r in table)
    for r in table:
        assert r["betweenness"] == pytest.approx(btw[r["id"]], abs=1e-12)
        assert r["total"] == exact[r["id"]]["total"]
