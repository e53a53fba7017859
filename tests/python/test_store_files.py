"""Inventory files from elsewhere: truncated, bit-flipped and hostile databases.

Every damaged file is opened and queried in a child process (batches), so that a crash
(segfault, abort) is caught as a failing exit code instead of killing pytest. The only
allowed outcomes per file are: the file opens and every query works (a flipped byte in
a text value is not detectable), or coopmap.StorageError. The seeds make every run try
the same files.
"""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

import coopmap as cm

from conftest import REPO, venv_python

STRUCTURES = "id,name,aliases,group\n" + "".join(f"s{i},Structure {i},S{i}|alias {i},g{i % 3}\n" for i in range(60))
LINK_TYPES = "code,label,directed\njp,Joint project,false\nsub,Subcontracting,true\n"
AFFILIATIONS = "structure,group,role\n" + "".join(f"s{i},club{i % 4},member\n" for i in range(0, 60, 2))


def declarations(seed: int) -> str:
    rng = random.Random(seed)
    rows = ["declarer,partner,type,intensity,start"]
    seen = set()
    while len(rows) < 401:
        a, b = rng.sample(range(60), 2)
        t = rng.choice(["jp", "sub"])
        if (a, b, t) in seen:
            continue
        seen.add((a, b, t))
        rows.append(f"s{a},s{b},{t},{rng.randint(1, 4)},20{rng.randint(10, 14)}-01-01")
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("real")
    (d / "s.csv").write_text(STRUCTURES)
    (d / "t.csv").write_text(LINK_TYPES)
    (d / "a.csv").write_text(AFFILIATIONS)
    (d / "d1.csv").write_text(declarations(1))
    (d / "d2.csv").write_text(declarations(2))
    (d / "r.csv").write_text("structure,status\n" + "".join(f"s{i},complete\n" for i in range(40)))
    db = d / "inv.db"
    inv = cm.Inventory(db)
    inv.import_csv(structures=d / "s.csv", link_types=d / "t.csv", affiliations=d / "a.csv")
    inv.import_csv(declarations=d / "d1.csv", responses=d / "r.csv", wave="w1")
    inv.import_csv(declarations=d / "d2.csv", wave="w2")
    inv.close()
    assert not Path(str(db) + "-wal").exists() or Path(str(db) + "-wal").stat().st_size == 0
    return db


PROBE = r"""
import json, sys, coopmap as cm
for path in sys.argv[1:]:
    print("start", path, flush=True)
    outcome = "ok"
    try:
        for readonly in (True, False):
            inv = cm.Inventory(path, readonly=readonly)
            for w in inv.waves():
                for view in ("union", "confirmed", "reconstructed"):
                    inv.links(w, view)
                    inv.network(w, view)
                inv.response_rate(w)
                inv.compare(inv.waves()[0], w)
            inv.counts(); inv.link_types()
            inv.affiliation_network(); inv.affiliation_projection(weighted=True)
            inv.close()
    except cm.StorageError as e:
        outcome = "StorageError: " + str(e)
    except Exception as e:
        outcome = "OTHER " + type(e).__name__ + ": " + str(e)
    print("result", json.dumps([path, outcome]), flush=True)
"""


def probe(files: list[Path], tmp_path: Path) -> dict[str, str]:
    """Opens and queries every file in a child process; a crash fails naming the file."""
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    out: dict[str, str] = {}
    for i in range(0, len(files), 40):
        batch = [str(f) for f in files[i:i + 40]]
        p = subprocess.run([venv_python(), str(script), *batch], capture_output=True, text=True, cwd=REPO,
                           timeout=300)
        started = [line.split(" ", 1)[1] for line in p.stdout.splitlines() if line.startswith("start ")]
        assert p.returncode == 0, f"the child crashed (exit {p.returncode}) on {started[-1:]}: {p.stderr[-2000:]}"
        for line in p.stdout.splitlines():
            if line.startswith("result "):
                path, outcome = json.loads(line[7:])
                out[path] = outcome
    assert len(out) == len(files)
    return out


def damaged_copies(real_db: Path, tmp_path: Path) -> tuple[list[Path], list[Path]]:
    data = real_db.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    page = 65536 if page == 1 else page
    rng = random.Random(2026)
    truncated, flipped = [], []
    # truncation: inside the header, at page boundaries, inside pages, the last byte
    offsets = {1, 50, 99, 100, page - 1, page, page + 1, len(data) - 1, len(data) // 2}
    offsets |= {rng.randrange(1, len(data)) for _ in range(12)}
    for off in sorted(offsets):
        p = tmp_path / f"trunc_{off}.db"
        p.write_bytes(data[:off])
        truncated.append(p)
    # flipped bytes: every header field region, then pages (b-tree headers and payloads)
    positions = [rng.randrange(0, 100) for _ in range(30)]
    positions += [rng.randrange(100, len(data)) for _ in range(50)]
    positions += [k * page + off for k in range(1, len(data) // page) for off in (0, 3, 5)][:30]  # page headers
    for n, pos in enumerate(positions):
        b = bytearray(data)
        b[pos] ^= 1 << rng.randrange(8)
        if n % 3 == 0:  # sometimes a few bytes at once
            for _ in range(4):
                q = min(len(b) - 1, pos + rng.randrange(1, 64))
                b[q] = rng.randrange(256)
        p = tmp_path / f"flip_{n}_{pos}.db"
        p.write_bytes(bytes(b))
        flipped.append(p)
    return truncated, flipped


def test_truncated_and_bit_flipped_files_give_storage_error_never_a_crash(real_db, tmp_path):
    truncated, flipped = damaged_copies(real_db, tmp_path)
    out = probe(truncated + flipped, tmp_path)
    others = {p: o for p, o in out.items() if o.startswith("OTHER")}
    assert not others, "\n".join(f"{p}: {o}" for p, o in others.items())
    # a truncated file always misses pages: SQLite or integrity_check notices
    for p in truncated:
        assert out[str(p)].startswith("StorageError"), (p, out[str(p)])
    n_error = sum(o.startswith("StorageError") for o in out.values())
    print(f"damaged files: {len(truncated)} truncated, {len(flipped)} with flipped bytes; "
          f"{n_error} StorageError, {len(out) - n_error} open and answer")
    assert n_error >= len(truncated) + len(flipped) // 3, out  # most flips are detected
    for o in out.values():
        if o.startswith("StorageError"):
            assert ".db:" in o  # the message names the file


def hostile(real_db: Path, tmp_path: Path, name: str, *sql: str) -> Path:
    p = tmp_path / f"{name}.db"
    shutil.copy(real_db, p)
    con = sqlite3.connect(p)
    con.execute("PRAGMA foreign_keys = OFF")
    for s in sql:
        con.execute(s)
    con.commit()
    con.close()
    return p


def test_hostile_schema_and_dangling_references_are_refused(real_db, tmp_path):
    files = {
        # a trigger that would wipe the inventory on the next import
        "trigger": hostile(real_db, tmp_path, "trigger",
                           "CREATE TRIGGER wipe AFTER INSERT ON declarations BEGIN DELETE FROM structures; END"),
        # our table replaced by a view of the same name
        "view": hostile(real_db, tmp_path, "view", "DROP TABLE responses",
                        "CREATE VIEW responses AS SELECT 1 AS wave, id AS structure, 'complete' AS status "
                        "FROM structures"),
        # an extra column and an extra table
        "column": hostile(real_db, tmp_path, "column", "ALTER TABLE structures ADD COLUMN evil TEXT"),
        "table": hostile(real_db, tmp_path, "table", "CREATE TABLE payload(x)"),
        # an index dropped (queries would still run, but it is not our schema)
        "index": hostile(real_db, tmp_path, "index", "DROP INDEX aliases_structure"),
        # rows pointing nowhere (written with foreign keys off)
        "dangling": hostile(real_db, tmp_path, "dangling", "INSERT INTO aliases(alias, structure) VALUES ('x', 999)"),
        # a CHECK-violating row is caught by integrity_check
        "check": hostile(real_db, tmp_path, "check", "PRAGMA ignore_check_constraints = ON",
                         "UPDATE link_types SET directed = 7 WHERE code = 'jp'"),
    }
    out = probe(list(files.values()), tmp_path)
    for name, p in files.items():
        o = out[str(p)]
        assert o.startswith("StorageError"), (name, o)
        if name in ("trigger", "view", "column", "table", "index"):
            assert "schema differs" in o, (name, o)
        else:
            assert "damaged" in o, (name, o)
    # the trigger never ran: the file still holds every structure
    con = sqlite3.connect(files["trigger"])
    assert con.execute("SELECT count(*) FROM structures").fetchone()[0] == 60
    con.close()
    # the intact original still opens
    assert probe([real_db], tmp_path)[str(real_db)] == "ok"
