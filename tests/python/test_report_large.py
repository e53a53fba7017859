"""The report of a large network (issue 21): sampled betweenness with its stated error
bound, maps of clusters instead of one node per structure, capped name lists.

The size thresholds are lowered with monkeypatch so that small networks take the large
network's path; expected values come from networkx (betweenness with the same pivots,
bridges), brute-force counts over links.csv and clusters.csv, and hand derivations."""

from __future__ import annotations

import csv
import html
import math
import random
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import coopmap as cm
from coopmap._report import _overview, _sections
from coopmap.i18n import catalog

from conftest import Pivots, venv_python

PTCE = cm.dataset_path("ptce-sicoval-2013")


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def cliques_folder(folder: Path, k: int = 5, size: int = 6, isolates: int = 3) -> Path:
    """k cliques of ``size`` structures in a ring (one link between neighbouring cliques,
    two between cliques 0 and 1), plus isolated structures; legal_family alternates."""
    folder.mkdir(parents=True, exist_ok=True)
    families = ("association", "cooperative", "company")
    n = k * size + isolates
    with open(folder / "structures.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "legal_family"])
        for i in range(n):
            w.writerow([f"s{i}", f"Structure {i}", families[i % 3]])
    links = [(c * size + a, c * size + b) for c in range(k) for a in range(size) for b in range(a + 1, size)]
    links += [(c * size, ((c + 1) % k) * size + 1) for c in range(k)]
    links.append((2, size + 3))
    with open(folder / "links.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type"])
        for a, b in links:
            w.writerow([f"s{a}", f"s{b}", "cooperation" if (a + b) % 4 else "shared_premises"])
    return folder


def test_betweenness_bound_hand_derivation() -> None:
    # n = 200,000, k = 512, δ = 0.05: ln(2n/δ) = ln(8·10^6) = ln 8 + 6 ln 10
    # = 2.079442 + 13.815511 = 15.894952; / (2·512) = 0.015522414; √ = 0.1245890;
    # × n/(n−1) = 1.000005 → 0.1245896.
    assert _sections.betweenness_bound(200_000, 512) == pytest.approx(0.1245896, abs=1e-6)
    # n = 100, k = 50, δ = 0.1: ln(2000) = 7.600902; /100 = 0.07600902; √ = 0.2756973;
    # × 100/99 → 0.2784821.
    assert _sections.betweenness_bound(100, 50, 0.1) == pytest.approx(0.2784821, abs=1e-6)


def test_betweenness_bound_holds_on_a_random_graph() -> None:
    # the bound is a worst case over every structure: the estimate of each structure is
    # within it (networkx's exact normalised betweenness as the reference), for several seeds
    G = nx.gnm_random_graph(300, 900, seed=4)
    net = cm.from_networkx(nx.relabel_nodes(G, str))
    exact = nx.betweenness_centrality(nx.relabel_nodes(G, str), normalized=True)
    bound = _sections.betweenness_bound(300, 40)
    for seed in range(5):
        estimate = cm.betweenness(net, normalized=True, k=40, seed=seed)
        assert max(abs(estimate[v] - exact[v]) for v in exact) < bound


def test_digits_show_three_significant_digits() -> None:
    assert _sections.digits_for([0.5, 0.2]) == 3  # 0.500
    assert _sections.digits_for([0.00123, 0.0004]) == 5  # 0.00123
    assert _sections.digits_for([0.0]) == 3
    assert _sections.digits_for([math.nan, 0.0123]) == 4  # 0.0123


def test_report_with_sampled_betweenness_states_its_bound(tmp_path: Path) -> None:
    # pivots=12 on the PTCE data: brokers.csv's betweenness is networkx's estimate from the
    # same 12 sources (the digraph of the mixed network, as the exact test of test_report),
    # and the method section prints ε for n = 28, k = 12 with the catalogue's sentence.
    net = cm.load_dataset("ptce-sicoval-2013")
    D = nx.DiGraph(net.to_networkx())
    pivots = cm.betweenness_pivots(net, 12, seed=3)
    reference = nx.betweenness_centrality(D, k=12, normalized=True, seed=Pivots(pivots))
    path = cm.report(PTCE, tmp_path / "out", seed=3, pivots=12, progress=False)
    rows = read_rows(path.parent / "brokers.csv")
    assert {r["id"] for r in rows} == set(reference)
    for r in rows:
        assert float(r["betweenness"]) == pytest.approx(reference[r["id"]], abs=1e-12)
    page = path.read_text(encoding="utf-8")
    # ε = 28/27 · √(ln(2·28/0.05) / 24) = 1.037037 · √(7.021084 / 24) = 1.037037 · 0.540874 = 0.561
    sentence = catalog("en")["method.betweenness_sampled"].format(pivots="12", seed=3, n="28", bound="0.561")
    assert html.escape(sentence) in page
    # asked for on 28 structures: the report does not claim the network is too large
    assert html.escape(catalog("en")["method.betweenness_why"].format(max="10,000")) not in page
    assert catalog("en")["brokers.sampled"].format(pivots="12") in page
    # pivots=0 (or as many as structures) is exact: no sentence
    exact = cm.report(PTCE, tmp_path / "exact", seed=3, pivots=0, progress=False).read_text(encoding="utf-8")
    assert "Brandes &amp; Pich" not in exact and "Brandes & Pich" not in exact
    for bad in (-1, 2.5, "12", True):
        with pytest.raises(ValueError, match="pivots"):
            cm.report(PTCE, tmp_path / "bad", pivots=bad, progress=False)  # type: ignore[arg-type]


def test_default_thresholds_switch_to_the_large_network_path(tmp_path: Path, monkeypatch) -> None:
    folder = cliques_folder(tmp_path / "data")
    monkeypatch.setattr(_sections, "BETWEENNESS_EXACT_MAX", 20)
    monkeypatch.setattr(_sections, "BETWEENNESS_PIVOTS", 10)
    monkeypatch.setattr(_sections, "MAP_NODES_MAX", 20)
    page = cm.report(folder, tmp_path / "out", progress=False).read_text(encoding="utf-8")
    en = catalog("en")
    assert en["brokers.sampled"].format(pivots="10") in page
    assert en["map.whole_clusters"] in page
    # the report says why: the sizes above which it samples and draws clusters
    assert html.escape(en["method.betweenness_why"].format(max="20")) in page
    assert html.escape(en["method.cluster_maps_why"].format(map_max="20")) in page
    assert html.escape(en["map.too_many"].format(n="33", max="20")) in page
    # at the thresholds themselves: exact betweenness, one node per structure
    monkeypatch.setattr(_sections, "BETWEENNESS_EXACT_MAX", 33)
    monkeypatch.setattr(_sections, "MAP_NODES_MAX", 33)
    page = cm.report(folder, tmp_path / "out2", progress=False).read_text(encoding="utf-8")
    assert en["brokers.sampled"].format(pivots="10") not in page
    assert en["map.whole_clusters"] not in page


def _pairs(
    links: list[dict[str, str]], block: dict[str, str], type_code: str | None = None
) -> Counter[tuple[str, str]]:
    """Brute force: links between two different blocks, per unordered pair of blocks."""
    out: Counter[tuple[str, str]] = Counter()
    for r in links:
        if type_code is not None and r["type"] != type_code:
            continue
        a, b = block[r["source"]], block[r["target"]]
        if a != b:
            out[(min(a, b), max(a, b))] += 1
    return out


def _drawn(svg: str) -> set[tuple[str, str]]:
    return {
        (min(a, b), max(a, b))
        for a, b in re.findall(r'<path class="edge[^"]*"[^>]*data-source="([^"]+)" data-target="([^"]+)"', svg)
    }


def test_maps_of_clusters(tmp_path: Path) -> None:
    folder = cliques_folder(tmp_path / "data")
    path = cm.report(folder, tmp_path / "out", node_maps=False, progress=False)
    out = path.parent
    clusters = read_rows(out / "clusters.csv")
    block = {r["id"]: f"c{r['cluster']}" for r in clusters}
    links = read_rows(folder / "links.csv")
    expected = _pairs(links, block)
    svg = (out / "map.svg").read_text(encoding="utf-8")
    # one node per cluster (the isolates are clusters of one), each with its size
    ids = re.findall(r'<circle class="node[ "][^>]*data-id="([^"]+)"', svg)
    assert sorted(ids) == sorted(set(block.values()))
    assert _drawn(svg) == set(expected)  # few pairs: every connected pair is drawn
    # the widths follow the link counts: 1.2 + 2.8 √(w / w_max) (map_model.hpp)
    top = max(expected.values())
    for a, b, width in re.findall(
        r'<path class="edge[^"]*"[^>]*data-source="([^"]+)" data-target="([^"]+)"[^>]*stroke-width="([0-9.]+)"', svg
    ):
        w = expected[(min(a, b), max(a, b))]
        assert float(width) == pytest.approx(1.2 + 2.8 * math.sqrt(w / top), abs=0.006)
    # the information line counts groups and linked pairs
    assert f"{len(set(block.values()))} groups · {len(expected)} linked pairs" in svg
    # the bridge map: one node per legal family, links between families by brute force
    structures = read_rows(folder / "structures.csv")
    family = {r["id"]: r["legal_family"] for r in structures}
    bridges_svg = (out / "bridges.svg").read_text(encoding="utf-8")
    names = re.findall(r'<circle class="node[ "][^>]*data-id="([^"]+)"', bridges_svg)
    assert len(names) == 3
    assert len(_drawn(bridges_svg)) == len(_pairs(links, family))
    # one cluster map per link type, with that type's links alone
    for code in ("cooperation", "shared_premises"):
        typed = (out / f"map-{code}.svg").read_text(encoding="utf-8")
        assert _drawn(typed) == set(_pairs(links, block, code))
    html = (out / "map.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<circle class="node[ "]', html)) == len(set(block.values()))
    page = path.read_text(encoding="utf-8")
    en = catalog("en")
    assert en["map.types_clusters"] in page
    assert en["method.cluster_maps"] in page
    assert en["method.layout"] not in page
    assert en["map.too_many"].split("{")[0] not in page  # asked for: no claim that the network is too large


def test_french_maps_of_clusters(tmp_path: Path) -> None:
    folder = cliques_folder(tmp_path / "data")
    path = cm.report(folder, tmp_path / "out", lang="fr", node_maps=False, progress=False)
    svg = (path.parent / "map.svg").read_text(encoding="utf-8")
    fr = catalog("fr")
    assert fr["map.whole_clusters"] in svg and "paires reliées" in svg
    assert "Groupe 1 (" in svg  # the clusters' labels
    assert "majorité : famille juridique<" in svg  # the colour legend's heading, whole


def test_quotient_keeps_the_most_linked_pairs_and_each_blocks_own(monkeypatch) -> None:
    # 6 blocks, random links; MAP_PAIRS_MAX = 3: brute force keeps the 3 pairs with most
    # links (ties: lower blocks first) and, for every block, its first pair in that order.
    rng = random.Random(7)
    net = cm.Network(directed=False)
    for i in range(60):
        net.add_structure(f"v{i}")
    edges = set()
    while len(edges) < 150:
        a, b = rng.sample(range(60), 2)
        edges.add((min(a, b), max(a, b)))
    for a, b in sorted(edges):
        net.add_link(f"v{a}", f"v{b}")
    net.add_link("v0", "v13")  # a parallel link counts
    block_of = [i % 6 for i in range(60)]
    blocks = _overview.Blocks(np.array(block_of), [f"b{k}" for k in range(6)], [f"B{k}" for k in range(6)], [10] * 6)
    counts: Counter[tuple[int, int]] = Counter()
    for r in net.links():
        a, b = block_of[int(r["source"][1:])], block_of[int(r["target"][1:])]
        if a != b:
            counts[(min(a, b), max(a, b))] += 1
    ordered = sorted(counts, key=lambda p: (-counts[p], p))
    keep = set(ordered[:3]) | {next(p for p in ordered if k in p) for k in range(6) if any(k in p for p in ordered)}
    monkeypatch.setattr(_sections, "MAP_PAIRS_MAX", 3)
    q = _overview.quotient(net, blocks)
    assert q.pairs == len(counts)
    got = {(int(r["source"][1:]), int(r["target"][1:])): r["weight"] for r in q.net.links()}
    assert {(min(p), max(p)) for p in got} == keep
    for (a, b), w in got.items():
        assert w == counts[(min(a, b), max(a, b))]


def test_long_lists_are_capped(tmp_path: Path, monkeypatch) -> None:
    # NAMES_MAX = 2: the isolates, cut points and bridges show two names, then how many
    # more (and the CSV that has them all); bridges.csv lists networkx's bridges.
    folder = cliques_folder(tmp_path / "data", k=5, size=6, isolates=4)
    with open(folder / "links.csv", "a", newline="", encoding="utf-8") as f:  # pendant structures: bridges
        csv.writer(f).writerows(
            [["s31", "s0", "cooperation"], ["s32", "s6", "cooperation"], ["s33", "s12", "cooperation"]]
        )
    monkeypatch.setattr(_sections, "NAMES_MAX", 2)
    path = cm.report(folder, tmp_path / "out", progress=False)
    page = path.read_text(encoding="utf-8")
    G = nx.Graph([(r["source"], r["target"]) for r in read_rows(folder / "links.csv")])
    bridges = {frozenset(e) for e in nx.bridges(G)}
    assert len(bridges) == 3
    assert {frozenset((r["source"], r["target"])) for r in read_rows(path.parent / "bridges.csv")} == bridges
    en = catalog("en")
    assert en["list.more_in"].format(count="1", file="bridges.csv") in page
    cut = set(nx.articulation_points(G))
    assert en["list.more_in"].format(count=str(len(cut) - 2), file="brokers.csv") in page
    # the clusters have 6 or 7 members > 2: the cluster table names the 12 with most partners
    assert en["clusters.most_linked"].format(max="2", shown="12") in page


def test_cluster_table_shows_the_largest_clusters(tmp_path: Path, monkeypatch) -> None:
    folder = cliques_folder(tmp_path / "data")
    monkeypatch.setattr(_sections, "CLUSTER_ROWS_MAX", 2)
    path = cm.report(folder, tmp_path / "out", progress=False)
    count = len({r["cluster"] for r in read_rows(path.parent / "clusters.csv")})
    page = path.read_text(encoding="utf-8")
    assert catalog("en")["clusters.first_rows"].format(shown="2", count=str(count)) in page


def test_command_line_flags(tmp_path: Path) -> None:
    import subprocess

    folder = cliques_folder(tmp_path / "data")
    done = subprocess.run(
        [
            venv_python(),
            "-m",
            "coopmap",
            "report",
            str(folder),
            "--out",
            str(tmp_path / "out"),
            "--no-node-maps",
            "--pivots",
            "5",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert catalog("en")["brokers.sampled"].format(pivots="5") in page
    assert catalog("en")["map.whole_clusters"] in page


def test_two_waves_drawn_as_clusters(tmp_path: Path) -> None:
    # territory-demo (150 structures, waves 2023 -> 2024) with node_maps=False: no change
    # map of every structure (the note says where the links are), change_links.csv still
    # holds every compared link, the geographic map is left out with its note, and the
    # whole map draws the clusters.
    path = cm.report("territory-demo", tmp_path / "out", node_maps=False, progress=False)
    out, page = path.parent, path.read_text(encoding="utf-8")
    en = catalog("en")
    assert not (out / "map-change.svg").exists() and not (out / "map-geo.svg").exists()
    assert html.escape(en["change.no_map"]) in page
    assert html.escape(en["map.geo_capped"]) in page
    assert {r["change"] for r in read_rows(out / "change_links.csv")} == {"kept", "new", "ended"}
    clusters = {r["cluster"] for r in read_rows(out / "clusters.csv")}
    svg = (out / "map.svg").read_text(encoding="utf-8")
    assert len(re.findall(r'<circle class="node[ "]', svg)) == len(clusters)
