"""Benchmark of the SQLite inventory.

1. Import of N = 1,000,000 declarations (one CSV file, one wave) with
   ``Inventory.import_csv`` against a plain Python baseline measured in the same run:
   ``csv.reader`` + ``sqlite3.executemany`` of the raw rows into one table, in one
   transaction, WAL journal and ``synchronous=NORMAL`` like the inventory.
   That baseline stores less: 9 text columns, no index, no ids. So a second baseline
   (``same_layout_import``) stores exactly the inventory's rows: the same 13 columns in
   the same ``declarations`` table with its two indexes, names resolved to ids with
   Python dicts, foreign keys not checked by SQLite (Python's default; the inventory
   checks every reference itself and turns SQLite's check off during an import).
   The inventory does more per row than both (validation of names, types, numbers,
   dates and directions, duplicate and re-import detection).
2. Loading the wave (about a million derived links) into a ``coopmap.Network`` with
   ``Inventory.network``, against ``sqlite3`` fetchall of the baseline table +
   ``igraph.Graph`` construction from the edge list (no status derivation). The
   previous run's network is freed before the timing starts on both sides.

Median of 3 runs each. Seeded data (``random.Random(6)``). Prints a Markdown table and
appends it to ``benchmarks/results_store.md``.

    .venv/bin/python benchmarks/bench_store.py [--n 1000000]
"""
from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import coopmap as cm
from _harness import append_results, machine, machine_line, markdown_table, stamp


def generate(folder: Path, n: int, n_structures: int, seed: int = 6) -> tuple[Path, Path, Path]:
    rng = random.Random(seed)
    structures = folder / "structures.csv"
    with open(structures, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "aliases", "legal_family"])
        for i in range(n_structures):
            w.writerow([f"s{i}", f"Structure {i}", f"S{i} alias", rng.choice(["association", "scop", "company"])])
    types = folder / "link_types.csv"
    with open(types, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "label", "family", "directed"])
        w.writerows([["joint_project", "Joint project", "project", "false"],
                     ["know_how", "Know-how", "knowledge", "false"],
                     ["supply", "Supply", "commerce", "true"],
                     ["co_funding", "Co-funding", "funding", "true"]])
    decl = folder / "declarations.csv"
    seen: set[tuple[int, int, int]] = set()
    kinds = ["joint_project", "know_how", "supply", "co_funding"]
    base = datetime.date(2010, 1, 1).toordinal()
    with open(decl, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["declarer", "partner", "type", "intensity", "direction", "start", "end", "source", "comment"])
        k = 0
        while k < n:
            a = rng.randrange(n_structures)
            b = rng.randrange(n_structures)
            t = rng.randrange(4)
            if a == b or (a, b, t) in seen:
                continue
            seen.add((a, b, t))
            # a third of the pairs are declared back by the partner (confirmed links)
            rows = [(a, b)] + ([(b, a)] if rng.random() < 0.33 and k + 1 < n and (b, a, t) not in seen else [])
            for x, y in rows:
                seen.add((x, y, t))
                direction = "" if t < 2 else ("out" if x == a else "in")
                start = datetime.date.fromordinal(base + rng.randrange(1500)).isoformat()
                w.writerow([f"s{x}", f"s{y}", kinds[t], rng.randint(1, 3), direction, start, "", "survey", ""])
                k += 1
    return structures, types, decl


def baseline_import(db: Path, decl: Path) -> float:
    for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("CREATE TABLE declarations(declarer TEXT, partner TEXT, type TEXT, intensity REAL, direction TEXT, "
                "start_date TEXT, end_date TEXT, source TEXT, comment TEXT)")
    with open(decl, newline="") as f:
        r = csv.reader(f)
        next(r)
        with con:
            con.executemany("INSERT INTO declarations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r)
    con.close()
    return time.perf_counter() - t0


def same_layout_import(db: Path, structures: Path, types: Path, decl: Path) -> float:
    """The plain Python importer that stores what the inventory stores.

    The database is prepared by coopmap outside the timing (schema, structures,
    aliases, link types: exactly as for ``coopmap_import``). Timed: a ``sqlite3``
    connection (WAL, ``synchronous=NORMAL``; Python's default ``foreign_keys=OFF``, as
    the inventory's importer, which checks references itself), name -> id dicts read
    from ``structures``, ``aliases`` and ``link_types``, the wave row, then
    ``csv.reader`` + ``executemany`` of the same 13 columns into the same
    ``declarations`` table with its two indexes, one transaction. No validation, no
    duplicate or re-import detection: a lower bound of what a Python importer costs.
    """
    for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        p.unlink(missing_ok=True)
    inv = cm.Inventory(db)
    inv.import_csv(structures=structures, link_types=types)
    inv.close()
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    ids = dict(con.execute("SELECT code, id FROM structures"))
    alias = dict(con.execute("SELECT alias, structure FROM aliases"))
    kinds = dict(con.execute("SELECT code, id FROM link_types"))
    with open(decl, newline="") as f:
        r = csv.reader(f)
        next(r)

        def rows(wave):
            for d, p, t, i, di, s, e, src, com in r:
                dk, pk = ids.get(d), ids.get(p)
                yield (wave, dk if dk is not None else alias[d], None if dk is not None else d,
                       pk if pk is not None else alias.get(p), None if pk is not None else p, kinds[t],
                       di or None, float(i) if i else None, None, s or None, e or None, src or None, com or None)

        with con:
            wave = con.execute("INSERT INTO waves(code) VALUES ('w1')").lastrowid
            con.executemany("INSERT INTO declarations(wave, declarer, declarer_text, partner, partner_text, type, "
                            "direction, intensity, frequency, start_date, end_date, source, comment) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows(wave))
    con.close()
    return time.perf_counter() - t0


def baseline_load(db: Path) -> tuple[float, int]:
    import igraph as ig

    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT declarer, partner, type, intensity FROM declarations").fetchall()
    con.close()
    g = ig.Graph.TupleList(((r[0], r[1], r[3]) for r in rows), directed=False, weights=True)
    return time.perf_counter() - t0, g.ecount()


def coopmap_import(db: Path, structures: Path, types: Path, decl: Path) -> tuple[float, cm.ImportReport]:
    for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        p.unlink(missing_ok=True)
    inv = cm.Inventory(db)
    inv.import_csv(structures=structures, link_types=types)
    t0 = time.perf_counter()
    report = inv.import_csv(declarations=decl, wave="w1")
    dt = time.perf_counter() - t0
    inv.close()
    return dt, report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--structures", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        structures, types, decl = generate(folder, args.n, args.structures)
        print(f"generated {args.n} declarations among {args.structures} structures in {time.perf_counter() - t0:.1f} s")
        base_db, cm_db = folder / "baseline.db", folder / "inventory.db"
        base_t, same_t, cm_t = [], [], []
        report = None
        for _ in range(args.runs):
            base_t.append(baseline_import(base_db, decl))
            same_t.append(same_layout_import(folder / "same.db", structures, types, decl))
            dt, report = coopmap_import(cm_db, structures, types, decl)
            cm_t.append(dt)
        assert report is not None
        added = next(c["added"] for c in report.counts if c["table"] == "declarations")
        assert added == args.n, report
        load_base, load_cm = [], []
        links = edges = 0
        statuses: dict[str, int] = {}
        inv = cm.Inventory(cm_db, readonly=True)
        for _ in range(args.runs):
            dt, edges = baseline_load(base_db)
            load_base.append(dt)
            net = None  # free the previous run's network outside the timing (as the baseline's graph)
            t0 = time.perf_counter()
            net = inv.network("w1", view="union")
            load_cm.append(time.perf_counter() - t0)
            links = net.number_of_links()
        for rec in inv.links("w1", view="union"):
            statuses[rec["status"]] = statuses.get(rec["status"], 0) + 1
        t0 = time.perf_counter()
        inv.network("w1", view="confirmed")
        confirmed_t = time.perf_counter() - t0
        inv.close()
        mb = os.path.getsize(cm_db) / 1e6
    bi, ci, si = statistics.median(base_t), statistics.median(cm_t), statistics.median(same_t)
    bl, cl = statistics.median(load_base), statistics.median(load_cm)
    head = (f"### bench_store — {stamp()}, {args.n} declarations, {args.structures} structures, median of "
            f"{args.runs}\n\n{machine_line(machine())}\n")
    rows = [
        ("import declarations", f"{ci:.3f}", f"{bi:.3f}", "csv.reader + sqlite3.executemany", f"{bi / ci:.2f}x",
         f"{added} declarations added, {mb:.0f} MB file; coopmap {args.n / ci / 1e6:.2f} M rows/s"),
        ("import declarations", f"{ci:.3f}", f"{si:.3f}", "same rows into the same tables: dict name->id + "
         "sqlite3.executemany", f"{si / ci:.2f}x", "identical stored declarations (13 columns, 2 indexes)"),
        ("load wave into a Network (union)", f"{cl:.3f}", f"{bl:.3f}", "sqlite3 fetchall + igraph.Graph.TupleList",
         f"{bl / cl:.2f}x", f"{links} links ({', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}); "
         f"igraph graph {edges} edges, no status"),
        ("load wave (confirmed view)", f"{confirmed_t:.3f}", "", "", "", "single run"),
    ]
    append_results("results_store.md", head + "\n" + markdown_table(
        ["task", "coopmap (s)", "baseline (s)", "baseline", "coopmap rate / baseline rate", "quality"], rows,
        "lrrlrl"))


if __name__ == "__main__":
    main()
