"""Cost of the Inventory's safety: the checks run when an existing file
is opened (schema, integrity_check, foreign_key_check, size) and a validated
one-transaction import, against Python's sqlite3 doing the bare minimum.

Seeded files: 2 000 structures, m = 50 000 / 200 000 declarations (random ordered pairs
without repetition, type jp, intensity 1-3). Median of 3 runs, same process:

* open:   coopmap ``cm.Inventory(path, readonly=True)`` on the existing file (all checks)
          vs sqlite3 ``connect`` + ``PRAGMA integrity_check`` (the peer doing the same
          check by hand) and vs sqlite3 ``connect`` + ``SELECT count(*)`` (no check);
* import: coopmap ``import_csv(declarations=..., wave=...)`` into a fresh copy (parse,
          validate, resolve names, one transaction) vs sqlite3 ``csv.reader`` +
          ``executemany`` into an equivalent table (no validation, one transaction).

"quality": whether both stored the same number of rows.

Run:  .venv/bin/python benchmarks/bench_reliability_storage.py   (appends to results_reliability.md)
"""
from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

import coopmap as cm
from _harness import append_results, markdown_table, median_time, stamp
N_STRUCTURES = 2000
SIZES = [50_000, 200_000]


def make(folder: Path, m: int) -> tuple[Path, Path, Path]:
    rng = random.Random(m)
    s = folder / "s.csv"
    s.write_text("id\n" + "".join(f"s{i}\n" for i in range(N_STRUCTURES)))
    t = folder / "t.csv"
    t.write_text("code,directed\njp,false\n")
    d = folder / f"d{m}.csv"
    seen = set()
    with open(d, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["declarer", "partner", "type", "intensity"])
        while len(seen) < m:
            a, b = rng.randrange(N_STRUCTURES), rng.randrange(N_STRUCTURES)
            if a != b and (a, b) not in seen:
                seen.add((a, b))
                w.writerow([f"s{a}", f"s{b}", "jp", rng.randint(1, 3)])
    return s, t, d


median = median_time


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for m in SIZES:
            s, t, d = make(folder, m)
            base = folder / "base.db"
            if base.exists():
                base.unlink()
            inv = cm.Inventory(base)
            inv.import_csv(structures=s, link_types=t)
            inv.close()
            full = folder / f"full{m}.db"
            shutil.copy(base, full)
            inv = cm.Inventory(full)
            inv.import_csv(declarations=d, wave="w")
            inv.close()

            def cm_open():
                i = cm.Inventory(full, readonly=True)
                n = i.counts()["declarations"]
                i.close()
                return n

            def sq_check():
                con = sqlite3.connect(full)
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                n = con.execute("SELECT count(*) FROM declarations").fetchone()[0]
                con.close()
                return n

            def sq_open():
                con = sqlite3.connect(full)
                n = con.execute("SELECT count(*) FROM declarations").fetchone()[0]
                con.close()
                return n

            t_cm, n_cm = median(cm_open)
            t_ck, n_ck = median(sq_check)
            t_sq, n_sq = median(sq_open)
            rows.append((f"open, m = {m:,}", t_cm, [("sqlite3 + integrity_check", t_ck), ("sqlite3, no check", t_sq)],
                         n_cm == n_ck == n_sq == m))

            k = [0]

            def cm_import():
                k[0] += 1
                db = folder / f"imp{m}_{k[0]}.db"
                shutil.copy(base, db)
                i = cm.Inventory(db)
                i.import_csv(declarations=d, wave="w")
                n = i.counts()["declarations"]
                i.close()
                return n

            def sq_import():
                k[0] += 1
                db = folder / f"sq{m}_{k[0]}.db"
                con = sqlite3.connect(db)
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("CREATE TABLE declarations(id INTEGER PRIMARY KEY, declarer TEXT, partner TEXT, "
                            "type TEXT, intensity REAL)")
                with open(d, newline="") as f:
                    r = csv.reader(f)
                    next(r)
                    with con:
                        con.executemany("INSERT INTO declarations(declarer, partner, type, intensity) "
                                        "VALUES (?, ?, ?, ?)", r)
                n = con.execute("SELECT count(*) FROM declarations").fetchone()[0]
                con.close()
                return n

            t_ci, n_ci = median(cm_import)
            t_si, n_si = median(sq_import)
            rows.append((f"import, m = {m:,}", t_ci, [("sqlite3 executemany, no validation", t_si)], n_ci == n_si == m))

    table = markdown_table(["task", "coopmap s", "peer", "peer s", "coopmap / peer", "same rows"],
                           [(task if j == 0 else "", f"{t_cm:.3f}", name, f"{tp:.4f}", f"{t_cm / tp:.1f}", same)
                            for task, t_cm, peers, same in rows for j, (name, tp) in enumerate(peers)], "lrlrrl")
    append_results("results_reliability.md", f"### Inventory storage safety ({stamp()})\n\n{table}\n"
                   "coopmap's open runs the schema comparison, integrity_check and foreign_key_check; "
                   "the first peer runs integrity_check only, the second nothing (the price of the checks).")


if __name__ == "__main__":
    main()
