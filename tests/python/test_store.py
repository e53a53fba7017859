"""The SQLite inventory (coopmap.Inventory): import, views, comparison, safety.

Expected values come from the small fixtures written below, counted by hand (the
derivation is written next to each assertion), from networkx's bipartite projections,
or from the bundled PTCE files read with the csv module.
"""
from __future__ import annotations

import csv
import hashlib
import math
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

import coopmap as cm

from conftest import DATASETS, REPO, venv_python

PTCE = DATASETS / "ptce-sicoval-2013"

STRUCTURES = """id,name,aliases,siren,legal_family,city
a,Alpha,ALPHA|Alpha Asso,012345678,association,Toulouse
b,Beta,BETA,,scop,Labège
c,Gamma,,,company,
d,Delta,,,association,
e,Epsilon,,,association,
f,Phi,,,scic,
"""
LINK_TYPES = """code,label,family,directed
jp,Joint project,project,false
sub,Subcontracting,commerce,true
"""
RESPONSES_2013 = """structure,status
a,complete
b,complete
c,partial
d,refused
e,unreached
"""
DECL_2013 = """declarer,partner,type,intensity,direction,start,end,source,comment
a,b,jp,2,,2012-01-01,,survey,
BETA,Alpha Asso,jp,4,,2012-06-01,2013-01-01,survey,
a,c,jp,1,,,,survey,
a,d,jp,,,,,survey,
a,b,sub,1,out,,,survey,
b,a,sub,1,in,,,survey,
c,b,sub,1,,,,survey,
b,Zeta Coop,jp,1,,,,survey,unknown partner
"""
RESPONSES_2014 = """structure,status
a,complete
b,complete
c,complete
f,complete
"""
DECL_2014 = """declarer,partner,type,intensity,direction,start,end,source,comment
a,b,jp,1,,,,survey,
b,a,jp,1,,,,survey,
a,c,jp,1,,,,survey,
c,f,jp,1,,,,survey,
f,c,jp,1,,,,survey,
a,b,sub,1,out,,,survey,
"""


@pytest.fixture
def files(write):
    return {
        "structures": write("structures.csv", STRUCTURES),
        "link_types": write("link_types.csv", LINK_TYPES),
        "r2013": write("responses2013.csv", RESPONSES_2013),
        "d2013": write("wave2013.csv", DECL_2013),
        "r2014": write("responses2014.csv", RESPONSES_2014),
        "d2014": write("wave2014.csv", DECL_2014),
    }


@pytest.fixture
def inv(tmp_path, files):
    inv = cm.Inventory(tmp_path / "inv.db")
    inv.import_csv(structures=files["structures"], link_types=files["link_types"])
    inv.import_csv(declarations=files["d2013"], wave="2013", responses=files["r2013"])
    inv.import_csv(declarations=files["d2014"], wave="2014", responses=files["r2014"])
    yield inv
    inv.close()


def _rows(path: Path) -> list[dict[str, str]]:
    """The records of a CSV file (the file closed before returning)."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def dump(path: Path) -> list[str]:
    """Every table's content (schema and rows), through Python's own sqlite3."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def link_set(records, with_status=False):
    out = set()
    for r in records:
        key = (r["source"], r["target"], r["type"])
        out.add(key + ((r["status"],) if with_status else ()))
    return out


# ---- import, report, aliases -----------------------------------------------------------------


def test_import_report_counts_and_unresolved(tmp_path, files):
    inv = cm.Inventory(tmp_path / "x.db")
    r = inv.import_csv(structures=files["structures"], link_types=files["link_types"])
    counts = {c["table"]: c for c in r.counts}
    # 6 structures; aliases: ALPHA, Alpha Asso, BETA = 3; 2 link types
    assert counts["structures"]["added"] == 6
    assert counts["aliases"]["added"] == 3
    assert counts["link_types"]["added"] == 2
    # totals count the file rows: 6 structures + 2 link types (aliases are in counts only)
    assert r.added == 8 and r.updated == 0 and r.unchanged == 0
    r = inv.import_csv(declarations=files["d2013"], wave="2013", responses=files["r2013"])
    counts = {c["table"]: c for c in r.counts}
    assert counts["declarations"]["added"] == 8  # 8 data rows
    assert counts["responses"]["added"] == 5
    assert counts["waves"]["added"] == 1
    assert r.added == 13  # 8 declarations + 5 responses; the new wave is in counts only
    assert r.wave == "2013"
    # "Zeta Coop" is no id or alias: reported with file and line (header = line 1, 8th row = line 9)
    assert r.unresolved_partners == [
        {"file": str(files["d2013"]), "line": 9, "declarer": "b", "partner": "Zeta Coop", "type": "jp"}
    ]
    assert "Zeta Coop" in str(r) and "line 9" in str(r)
    assert inv.counts()["declarations"] == 8  # the unresolved declaration is kept, not dropped
    assert inv.waves() == ["2013"]
    assert [t["code"] for t in inv.link_types()] == ["jp", "sub"]
    assert [t["directed"] for t in inv.link_types()] == [False, True]


def test_reimport_is_idempotent(tmp_path, files):
    db = tmp_path / "x.db"
    inv = cm.Inventory(db)
    kw1 = dict(structures=files["structures"], link_types=files["link_types"])
    kw2 = dict(declarations=files["d2013"], wave="2013", responses=files["r2013"])
    inv.import_csv(**kw1)
    inv.import_csv(**kw2)
    before = dump(db)
    r1 = inv.import_csv(**kw1)
    r2 = inv.import_csv(**kw2)
    assert (r1.added, r1.updated) == (0, 0) and (r2.added, r2.updated) == (0, 0)
    # 6 structures + 2 types; 5 responses + 8 declarations
    assert r1.unchanged == 8 and r2.unchanged == 13
    assert dump(db) == before
    inv.close()


def test_update_of_a_declaration_is_counted_and_stored(tmp_path, files, write):
    inv = cm.Inventory(tmp_path / "x.db")
    inv.import_csv(structures=files["structures"], link_types=files["link_types"])
    inv.import_csv(declarations=files["d2013"], wave="2013")
    # same key (a, c, jp), new intensity 5: one update, the other 7 rows unchanged
    changed = DECL_2013.replace("a,c,jp,1,,,,survey,", "a,c,jp,5,,,,survey,")
    r = inv.import_csv(declarations=write("w2.csv", changed), wave="2013")
    c = {x["table"]: x for x in r.counts}["declarations"]
    assert (c["added"], c["updated"], c["unchanged"]) == (0, 1, 7)
    ac = [x for x in inv.links("2013") if {x["source"], x["target"]} == {"a", "c"}]
    assert ac[0]["weight"] == 5.0
    assert inv.counts()["declarations"] == 8


def test_aliases_resolve_and_later_alias_resolves_stored_text(tmp_path, files, write):
    inv = cm.Inventory(tmp_path / "x.db")
    inv.import_csv(structures=files["structures"], link_types=files["link_types"])
    inv.import_csv(declarations=files["d2013"], wave="2013", responses=files["r2013"])
    links = inv.links("2013")
    # line 3 "BETA,Alpha Asso,jp" is b declaring a: merged with line 2 into one confirmed link
    ab = [x for x in links if x["type"] == "jp" and {x["source"], x["target"]} == {"a", "b"}]
    assert len(ab) == 1 and ab[0]["declared_by"] == ["a", "b"] and ab[0]["status"] == "confirmed"
    # structures are never invented: Zeta Coop is in no network
    assert "Zeta Coop" not in inv.network("2013")
    # a new structure whose alias is "Zeta Coop" resolves the stored declaration
    r = inv.import_csv(structures=write("more.csv", "id,name,aliases\nz,Zeta,Zeta Coop\n"))
    assert r.resolved_partners == 1 and r.added == 1
    # an existing structure gaining an alias is updated; the alias is in counts
    r = inv.import_csv(structures=write("more2.csv", "id,name,aliases\nz,Zeta,Zeta Coop|ZC\n"))
    assert (r.added, r.updated, r.unchanged) == (0, 1, 0)
    assert {c["table"]: c["added"] for c in r.counts}["aliases"] == 1
    bz = [x for x in inv.links("2013") if {x["source"], x["target"]} == {"b", "z"}]
    # z has no response row in 2013 -> the link is declared by b only, partner did not respond
    assert len(bz) == 1 and bz[0]["status"] == "partner_did_not_respond"
    # re-importing the wave is still idempotent (the key is now the resolved partner)
    r = inv.import_csv(declarations=files["d2013"], wave="2013", responses=files["r2013"])
    assert r.added == 0 and r.updated == 0 and r.unresolved_partners == []


# ---- views and statuses ----------------------------------------------------------------------


def test_views_and_statuses_hand_checked(inv):
    # Derivation of wave 2013 (a<b<c<d<e in inventory order):
    #  a-b jp   declared by a (line 2) and b via aliases (line 3) -> confirmed, weight (2+4)/2 = 3,
    #           start min(2012-01-01, 2012-06-01), end open (line 2 has none)
    #  a-c jp   declared by a; c answered (partial) without naming it -> unconfirmed
    #  a-d jp   declared by a; d refused -> partner_did_not_respond
    #  a->b sub a says out, b says in: the same arc -> confirmed
    #  c->b sub c says out (default); b answered without it -> unconfirmed
    union = inv.links("2013", view="union")
    assert link_set(union, True) == {
        ("a", "b", "jp", "confirmed"),
        ("a", "c", "jp", "unconfirmed"),
        ("a", "d", "jp", "partner_did_not_respond"),
        ("a", "b", "sub", "confirmed"),
        ("c", "b", "sub", "unconfirmed"),
    }
    ab = next(x for x in union if x["type"] == "jp" and x["target"] == "b")
    assert ab["weight"] == 3.0 and ab["start"] == "2012-01-01" and ab["end"] is None and ab["declarations"] == 2
    ad = next(x for x in union if x["target"] == "d")
    assert ad["weight"] == 1.0  # no intensity -> 1
    assert link_set(inv.links("2013", view="confirmed")) == {("a", "b", "jp"), ("a", "b", "sub")}
    assert link_set(inv.links("2013", view="reconstructed")) == {("a", "b", "jp"), ("a", "d", "jp"), ("a", "b", "sub")}


def test_network_directedness_structures_and_link_fields(inv):
    net = inv.network("2013", view="union")
    # jp is two-way, sub directed: a mixed network of 3 jp links (one each) + 2 sub arcs = 5
    assert net.directed and net.mixed and net.number_of_links() == 5 and net.number_of_arcs() == 2
    assert net.link_type("jp")["directed"] is False and net.link_type("sub")["label"] == "Subcontracting"
    # participants: the 5 structures with a response row (f has none in 2013)
    assert net.structure_ids() == ["a", "b", "c", "d", "e"]
    a = net.structure("a")
    assert a["siren"] == "012345678" and a["legal_family"] == "association" and a["response"] == "complete"
    assert a["aliases"] == ["ALPHA", "Alpha Asso"] and a["city"] == "Toulouse" and a["name"] == "Alpha"
    und = net
    statuses = sorted(r["status"] for r in und.links())
    assert statuses == ["confirmed", "confirmed", "partner_did_not_respond", "unconfirmed", "unconfirmed"]
    cb = next(r for r in und.links() if r["type"] == "sub" and r["source"] == "c")
    assert cb["declared_by"] == "c" and cb["target"] == "b"
    conf = inv.network("2013", view="confirmed")
    # confirmed: jp a-b (one two-way link) + sub a->b = 2
    assert conf.number_of_links() == 2 and conf.mixed
    # only undirected types in a view -> undirected network
    only_jp = inv.network("2014", view="confirmed")
    assert not only_jp.directed and only_jp.number_of_links() == 2


def test_response_rate(inv):
    r = inv.response_rate("2013")
    # a, b complete; c partial; d refused; e unreached -> (2 + 1) / 5
    assert (r.surveyed, r.complete, r.partial, r.refused, r.unreached) == (5, 2, 1, 1, 1)
    assert r.rate == pytest.approx(0.6) and r == pytest.approx(0.6) and isinstance(r, float)
    c = inv.response_counts("2013")
    assert (c.surveyed, c.complete + c.partial) == (5, 3) and float(c) == pytest.approx(0.6)
    assert inv.response_rate("2014").rate == 1.0
    with pytest.raises(KeyError):
        inv.response_rate("1999")
    with pytest.raises(KeyError):
        inv.network("1999")


def test_compare_union_hand_checked(inv):
    # 2013 union: a-b jp, a-c jp, a-d jp, a->b sub, c->b sub
    # 2014 union: a-b jp (confirmed), a-c jp (c complete, silent: unconfirmed), c-f jp, a->b sub (b silent)
    d = inv.compare("2013", "2014", view="union")
    assert link_set(d.new) == {("c", "f", "jp")}
    assert link_set(d.lost) == {("a", "d", "jp"), ("c", "b", "sub")}
    assert link_set(d.kept) == {("a", "b", "jp"), ("a", "c", "jp"), ("a", "b", "sub")}
    assert d.jaccard == pytest.approx(3 / (3 + 2 + 1))
    # a->b sub: confirmed in 2013 (a out, b in), unconfirmed in 2014 (a alone, b answered)
    assert d.status_changed == [{"source": "a", "target": "b", "type": "sub",
                                 "before": "confirmed", "after": "unconfirmed"}]
    # refused (d) and unreached (e) in 2013; every 2014 row is complete
    assert d.non_respondents_before == ["d", "e"] and d.non_respondents_after == []
    # participants 2013: a..e (responses); 2014: a, b, c, f
    assert d.joined == ["f"] and d.left == ["d", "e"]
    # distinct partners: 2013 a{b,c,d} b{a,c} c{a,b} d{a} e{}; 2014 a{b,c} b{a} c{a,f} f{c}
    assert d.degree_before == {"a": 3, "b": 2, "c": 2, "d": 1, "e": 0, "f": 0}
    assert d.degree_after == {"a": 2, "b": 1, "c": 2, "d": 0, "e": 0, "f": 1}
    assert d.degree_change == {"a": -1, "b": -1, "c": 0, "d": -1, "e": 0, "f": 1}
    assert len(d.records()) == 6 and d.view == "union"


def test_compare_confirmed_and_empty(inv, tmp_path, files):
    # confirmed 2013: a-b jp, a->b sub; confirmed 2014: a-b jp, c-f jp. a->b sub is declared
    # in 2014 too (by a alone, unconfirmed): a status change, not a lost link.
    # Views' union: a-b jp, a->b sub, c-f jp -> jaccard 1 / 3
    d = inv.compare("2013", "2014", view="confirmed")
    assert link_set(d.kept) == {("a", "b", "jp")}
    assert d.lost == [] and link_set(d.new) == {("c", "f", "jp")}
    assert [(x["source"], x["target"], x["type"], x["before"], x["after"]) for x in d.status_changed] == [
        ("a", "b", "sub", "confirmed", "unconfirmed")]
    assert d.jaccard == pytest.approx(1 / 3)
    assert "1 status changed" in repr(d)
    assert inv.compare("2013", "2013").jaccard == 1.0
    other = cm.Inventory(tmp_path / "empty.db")
    other.import_csv(structures=files["structures"], link_types=files["link_types"])
    other.import_csv(responses=files["r2013"], wave="w1")
    other.import_csv(responses=files["r2014"], wave="w2")
    assert math.isnan(other.compare("w1", "w2").jaccard)  # no link in either wave
    with pytest.raises(ValueError):
        inv.compare("2013", "2014", view="intersection")


def test_compare_partner_answering_later_is_a_status_change(inv, write):
    # 2015: d (refused in 2013) answers and confirms a-d; c answers and confirms a-c; e is
    # still unreached; a keeps declaring a-b jp, b declares it too.
    inv.import_csv(wave="2015", responses=write("r2015.csv", "structure,status\na,complete\nb,complete\n"
                                                "c,complete\nd,complete\ne,unreached\n"),
                   declarations=write("d2015.csv", "declarer,partner,type\na,b,jp\nb,a,jp\na,c,jp\nc,a,jp\n"
                                      "a,d,jp\nd,a,jp\n"))
    # statuses 2013 -> 2015: a-b jp confirmed -> confirmed; a-c jp unconfirmed -> confirmed;
    # a-d jp partner_did_not_respond -> confirmed; a->b sub and c->b sub not declared in 2015.
    changed = {("a", "c", "jp", "unconfirmed", "confirmed"), ("a", "d", "jp", "partner_did_not_respond", "confirmed")}
    for view, kept, lost in (
            # union: every 2013 link is in the view; a-c and a-d are kept with a new status
            ("union", {("a", "b", "jp"), ("a", "c", "jp"), ("a", "d", "jp")}, {("a", "b", "sub"), ("c", "b", "sub")}),
            # confirmed: a-c and a-d enter the view by their status alone: neither new nor kept
            ("confirmed", {("a", "b", "jp")}, {("a", "b", "sub")}),
            # reconstructed keeps partner_did_not_respond: a-d kept, a-c (unconfirmed) only changed
            ("reconstructed", {("a", "b", "jp"), ("a", "d", "jp")}, {("a", "b", "sub")})):
        d = inv.compare("2013", "2015", view=view)
        assert d.new == [], view  # nothing appeared in the declarations
        assert link_set(d.kept) == kept and link_set(d.lost) == lost, view
        assert {(x["source"], x["target"], x["type"], x["before"], x["after"]) for x in d.status_changed} == changed
        # union of the views: kept + lost + the two status changes (a-c, a-d), counted once
        union = kept | lost | {("a", "c", "jp"), ("a", "d", "jp")}
        assert d.jaccard == pytest.approx(len(kept) / len(union)), view
        assert d.non_respondents_before == ["d", "e"] and d.non_respondents_after == ["e"]


# ---- atomicity: every bad row leaves the database as it was ------------------------------------

BAD_ROWS = [
    ("a,b,nope,1,,,,s,", "type", "unknown link type 'nope'"),
    ("zz,b,jp,1,,,,s,", "declarer", "unknown declarer 'zz'"),
    ("a,b,jp,0,,,,s,", "intensity", "intensity must be"),
    ("a,b,jp,-2,,,,s,", "intensity", "intensity must be"),
    ("a,b,jp,abc,,,,s,", "intensity", "not a number"),
    ("a,b,jp,nan,,,,s,", "intensity", "intensity must be"),
    ("a,b,jp,1,,2013-02-30,,s,", "start", "not an ISO date"),
    ("a,b,jp,1,,2013-05-01,2013-01-01,s,", "end", "before start"),
    ("a,b,jp,1,out,,,s,", "direction", "undirected"),
    ("a,b,sub,1,sideways,,,s,", "direction", "out, in or both"),
    ("a,a,jp,1,,,,s,", "partner", "declarer itself"),
    ("a,,jp,1,,,,s,", "partner", "empty partner"),
    ("c,a,jp,9,,,,s,", "", "duplicate declaration"),  # c-a jp: same key as line 2 below
]


@pytest.mark.parametrize("row,column,message", BAD_ROWS)
def test_bad_last_row_rolls_back_everything(tmp_path, files, write, row, column, message):
    db = tmp_path / "x.db"
    inv = cm.Inventory(db)
    inv.import_csv(structures=files["structures"], link_types=files["link_types"])
    inv.import_csv(declarations=files["d2013"], wave="2013", responses=files["r2013"])
    before = dump(db)
    good = "declarer,partner,type,intensity,direction,start,end,source,comment\nc,a,jp,1,,,,s,\nc,d,jp,2,,,,s,\n"
    bad = write("bad.csv", good + row + "\n")
    new_structures = write("s2.csv", "id,name\nnewcomer,New\n")
    with pytest.raises(cm.CsvError) as e:
        # also a new structure and a new wave in the same call: all rolled back
        inv.import_csv(structures=new_structures, declarations=bad, wave="2015", responses=files["r2014"])
    err = e.value
    assert isinstance(err, ValueError)
    assert err.file == str(bad) and err.line == 4, str(err)  # header 1, two good rows, bad row on line 4
    assert err.column_name == column and message in str(err)
    if column:
        header = good.splitlines()[0].split(",")
        assert err.column == header.index(column) + 1
    assert dump(db) == before
    assert inv.waves() == ["2013"] and "newcomer" not in inv.network("2013")
    inv.close()


def test_other_file_errors_name_file_line_column(tmp_path, files, write):
    inv = cm.Inventory(tmp_path / "x.db")
    inv.import_csv(structures=files["structures"], link_types=files["link_types"])
    cases = [
        (dict(responses=write("r.csv", "structure,status\na,complete\nb,maybe\n"), wave="w"), 3, "status"),
        (dict(responses=write("r2.csv", "structure,status\na,complete\nnobody,complete\n"), wave="w"), 3, "structure"),
        (dict(responses=write("r3.csv", "structure,status\na,complete\nALPHA,partial\n"), wave="w"), 3, "structure"),
        (dict(affiliations=write("a.csv", "structure,group,role,start,end\na,g,x,2013,2012\n")), 2, "end"),
        (dict(link_types=write("t.csv", "code,directed\nx,maybe\n")), 2, "directed"),
        (dict(link_types=write("t4.csv", "code,label\nlabel_only,L\n")), 0, ""),  # no directed column: undirected
        (dict(link_types=write("t2.csv", "code,directed\njp,true\n")), 0, ""),  # allowed: no declaration uses jp yet
        (dict(structures=write("s.csv", "id,aliases\nq,ALPHA\n")), 2, "aliases"),  # alias of a
        (dict(declarations=write("d.csv", "declarer,partner,kind\na,b,jp\n"), wave="w"), 1, ""),
    ]
    for kwargs, line, column in cases:
        before = inv.counts()
        if line == 0:
            inv.import_csv(**kwargs)
            continue
        with pytest.raises(cm.CsvError) as e:
            inv.import_csv(**kwargs)
        assert e.value.line == line, str(e.value)
        if column:
            assert e.value.column_name == column, str(e.value)
        assert inv.counts() == before
    # a link type used by declarations cannot change direction
    inv.import_csv(declarations=files["d2013"], wave="2013")
    with pytest.raises(cm.CsvError, match="cannot change"):
        inv.import_csv(link_types=write("t3.csv", "code,directed\njp,false\nsub,false\n"))
    with pytest.raises(ValueError, match="wave"):
        inv.import_csv(declarations=files["d2013"])


# ---- safety -------------------------------------------------------------------------------------


def test_hostile_names_are_stored_verbatim(tmp_path, write):
    evil_id = "x'); DROP TABLE structures;--"
    evil_name = '<script>alert("pwned")</script>; DELETE FROM declarations'
    evil_alias = 'Robert"); DROP TABLE aliases;--'
    with open(tmp_path / "s.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "aliases", "note"])
        w.writerow([evil_id, evil_name, evil_alias, "a;b;'c'"])
        w.writerow(["plain", "Plain", "", ""])
    with open(tmp_path / "d.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["declarer", "partner", "type", "comment"])
        w.writerow([evil_alias, "plain", "t;1", "'; DROP TABLE waves;--"])
        w.writerow(["plain", "<b>Unknown'; --</b>", "t;1", ""])
    types = write("t.csv", 'code,directed\n"t;1",false\n')
    inv = cm.Inventory(tmp_path / "x.db")
    inv.import_csv(structures=tmp_path / "s.csv", link_types=types)
    r = inv.import_csv(declarations=tmp_path / "d.csv", wave="w'; --")
    assert r.unresolved_partners[0]["partner"] == "<b>Unknown'; --</b>"
    net = inv.network("w'; --")
    s = net.structure(evil_id)
    assert s["name"] == evil_name and s["aliases"] == [evil_alias] and s["note"] == "a;b;'c'"
    assert [(x["source"], x["target"], x["type"]) for x in net.links()] == [(evil_id, "plain", "t;1")]
    assert inv.waves() == ["w'; --"]
    assert inv.counts()["structures"] == 2 and inv.counts()["declarations"] == 2


def test_not_a_database_and_newer_schema(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("this is not a database\n" * 100)
    with pytest.raises(cm.StorageError, match="not a coopmap database"):
        cm.Inventory(text)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(cm.StorageError, match="not a coopmap database"):
        cm.Inventory(other)
    db = tmp_path / "new.db"
    cm.Inventory(db).close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == cm.Inventory.schema_version
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x434F4F50
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fks = {r[2] for r in con.execute("PRAGMA foreign_key_list(declarations)")}
    assert fks == {"waves", "structures", "link_types"}
    con.execute(f"PRAGMA user_version = {cm.Inventory.schema_version + 1}")
    con.commit()
    con.close()
    with pytest.raises(cm.StorageError, match="newer"):
        cm.Inventory(db)
    with pytest.raises(cm.StorageError):
        cm.Inventory(tmp_path / "missing.db", readonly=True)
    assert not isinstance(cm.StorageError("x"), ValueError)


def test_readonly_and_closed(tmp_path, inv):
    ro = cm.Inventory(inv.path, readonly=True)
    assert ro.network("2013").number_of_links() == 5
    with pytest.raises(cm.StorageError, match="read-only"):
        ro.import_csv(structures=DATASETS / "karate" / "structures.csv")
    ro.close()
    ro.close()
    with pytest.raises(cm.StorageError, match="closed"):
        ro.waves()
    with cm.Inventory(inv.path) as again:
        assert again.waves() == ["2013", "2014"]


# ---- affiliation networks ------------------------------------------------------------------------


def read_affiliations() -> list[dict]:
    with open(PTCE / "affiliations.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def ptce(tmp_path):
    inv = cm.Inventory(tmp_path / "ptce.db")
    inv.import_csv(structures=PTCE / "structures.csv", link_types=PTCE / "link_types.csv",
                   affiliations=PTCE / "affiliations.csv")
    report = inv.import_csv(declarations=PTCE / "declarations-2013.csv", wave="2013", responses=PTCE / "responses.csv")
    yield inv, report
    inv.close()


def test_stored_references_satisfy_every_foreign_key(inv, ptce, tmp_path, files, write):
    # The importer turns SQLite's foreign-key enforcement off during its transaction and
    # checks every reference itself: PRAGMA foreign_key_check (run by Python's own sqlite3)
    # must find no row whose REFERENCES target is missing, in every table, after imports of
    # structures with aliases and attributes, link types, affiliations (groups), responses
    # and declarations (resolved, aliased and unresolved partners), and after a failed import.
    bad = write("bad.csv", "declarer,partner,type\na,b,jp\nzz,b,jp\n")
    with pytest.raises(ValueError):
        inv.import_csv(declarations=bad, wave="2015")
    for path in (inv.path, ptce[0].path):
        con = sqlite3.connect(path)
        try:
            assert con.execute("PRAGMA foreign_key_check").fetchall() == []
            n = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("declarations", "responses", "aliases", "affiliations")}
        finally:
            con.close()
        assert n["declarations"] > 0 and n["responses"] > 0
    assert n["aliases"] > 0 and n["affiliations"] > 0  # the PTCE inventory has both
    # the wave of the failed import was rolled back with it
    assert inv.waves() == ["2013", "2014"]


def test_affiliation_network_and_projections_match_networkx(ptce):
    inv, _ = ptce
    rows = read_affiliations()
    B = nx.Graph()
    people = sorted({r["structure"] for r in rows})
    B.add_nodes_from(people, bipartite=0)
    B.add_nodes_from({r["group"] for r in rows}, bipartite=1)
    B.add_edges_from((r["structure"], r["group"]) for r in rows)
    bip = inv.affiliation_network()
    assert {s["id"] for s in bip.structures() if s["kind"] == "structure"} == set(people)
    assert {s["id"] for s in bip.structures() if s["kind"] == "group"} == {"premises", "ptce"}
    assert {(x["source"], x["target"]) for x in bip.links()} == {(r["structure"], r["group"]) for r in rows}
    assert {x["role"] for x in bip.links()} == {r["role"] for r in rows}
    assert bip.number_of_links() == len(rows)
    for weighted, ref in ((False, nx.bipartite.projected_graph(B, people)),
                          (True, nx.bipartite.weighted_projected_graph(B, people))):
        proj = inv.affiliation_projection(weighted=weighted)
        assert set(proj.structure_ids()) == set(people)
        got = {frozenset((x["source"], x["target"])): x["weight"] for x in proj.links()}
        want = {frozenset(e): (d.get("weight", 1) if weighted else 1.0) for *e, d in ref.edges(data=True)}
        assert got == want
    # only the premises group, active on the seminar day: tenants only, all pairs share one group
    prem = inv.affiliation_projection(groups=["premises"], active_on="2013-03-05")
    tenants = sorted(r["structure"] for r in rows if r["group"] == "premises")
    assert sorted(prem.structure_ids()) == tenants
    assert prem.number_of_links() == len(tenants) * (len(tenants) - 1) // 2
    assert inv.affiliation_projection(active_on="2012-01-01").number_of_links() == 0  # before every start
    roles = inv.affiliation_network(roles=["public-partner"])
    assert sorted(s["id"] for s in roles.structures() if s["kind"] == "structure") == [
        "mairie_ramonville", "region_mp", "sicoval"]
    with pytest.raises(KeyError):
        inv.affiliation_network(groups=["nope"])


# ---- the bundled PTCE wave -------------------------------------------------------------------------


def test_ptce_union_reproduces_links_csv(ptce):
    inv, report = ptce
    types = {r["code"]: r["directed"] == "true" for r in _rows(PTCE / "link_types.csv")}
    answered = {r["structure"] for r in _rows(PTCE / "responses.csv")
                if r["status"] in ("complete", "partial")}
    expected = {}
    for r in _rows(PTCE / "links.csv"):
        s, t = r["source"], r["target"]
        key = (r["type"], s, t) if types[r["type"]] else (r["type"],) + tuple(sorted((s, t)))
        # links.csv already follows the inventory's rules (DESIGN §3): confirmed or
        # unconfirmed only where both ends answered, else partner_did_not_respond
        both = s in answered and t in answered
        assert (r["status"] == "partner_did_not_respond") == (not both), r
        expected[key] = (r["status"], float(r["weight"]))
    got = {}
    for x in inv.links("2013", view="union"):
        key = (x["type"], x["source"], x["target"]) if x["directed"] else (x["type"],) + tuple(sorted((x["source"], x["target"])))
        got[key] = (x["status"], x["weight"])
    assert got == expected
    assert len(report.unresolved_partners) == 2
    # name variants were used in the file and resolved through aliases
    ids = {r["id"] for r in _rows(PTCE / "structures.csv")}
    declarers = {r["declarer"] for r in _rows(PTCE / "declarations-2013.csv")}
    assert declarers - ids, "the illustrative wave should use some aliases"
    rate = inv.response_rate("2013")
    assert rate.surveyed == 28 and rate.complete + rate.partial == len(answered)
    net = inv.network("2013", view="union")
    assert len(net) == 28 and net.number_of_links() == len(expected)


# ---- processes: concurrent reader, SIGKILL in the middle of an import ---------------------------------

IMPORTER = """
import sys, coopmap as cm
inv = cm.Inventory(sys.argv[1])
print("open", flush=True)
inv.import_csv(declarations=sys.argv[2], wave=sys.argv[3])
print("done", flush=True)
"""


def big_declarations(path: Path, n: int, n_structures: int, seed: int) -> None:
    rng = random.Random(seed)
    seen = set()
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["declarer", "partner", "type", "intensity"])
        while len(seen) < n:
            a, b = rng.randrange(n_structures), rng.randrange(n_structures)
            if a == b or (a, b) in seen:
                continue
            seen.add((a, b))
            w.writerow([f"s{a}", f"s{b}", "jp", rng.randint(1, 3)])


def content(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = con.execute("SELECT id, wave, declarer, partner, type, intensity FROM declarations ORDER BY id").fetchall()
        counts = tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("structures", "waves", "responses", "declarations"))
        return counts, hashlib.sha256(repr(rows).encode()).hexdigest()
    finally:
        con.close()


@pytest.fixture
def big_db(tmp_path):
    n_structures = 2000
    s = tmp_path / "s.csv"
    s.write_text("id\n" + "".join(f"s{i}\n" for i in range(n_structures)))
    t = tmp_path / "t.csv"
    t.write_text("code,directed\njp,false\n")
    small = tmp_path / "small.csv"
    big_declarations(small, 500, n_structures, seed=1)
    big = tmp_path / "big.csv"
    big_declarations(big, 200_000, n_structures, seed=2)
    db = tmp_path / "big.db"
    inv = cm.Inventory(db)
    inv.import_csv(structures=s, link_types=t)
    inv.import_csv(declarations=small, wave="w0")
    inv.close()
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER)
    return db, big, script


KILL_RUNS = 10


def test_sigkill_at_seeded_random_points_leaves_previous_content(big_db, tmp_path):
    """KILL_RUNS imports of 200 000 declarations killed with SIGKILL at points drawn
    with a seeded RNG over the measured duration of a full import (the first right after
    the connection is open, the last at 98 %): after every kill PRAGMA integrity_check
    is ok, the file still opens as an inventory, and it holds exactly the content before
    the import (or, if the kill came after COMMIT, exactly the content after it)."""
    db, big, script = big_db
    # the duration of a complete import, measured on a copy of the same file
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    p = subprocess.Popen([venv_python(), str(script), str(copy), str(big), "wm"], stdout=subprocess.PIPE, text=True,
                         cwd=REPO)
    assert p.stdout is not None and p.stdout.readline().strip() == "open"
    t0 = time.perf_counter()
    assert p.stdout.readline().strip() == "done"
    duration = time.perf_counter() - t0
    assert p.wait() == 0
    p.stdout.close()
    rng = random.Random(9)
    fractions = [0.0, 0.98] + [rng.uniform(0.01, 0.97) for _ in range(KILL_RUNS - 2)]
    rng.shuffle(fractions)
    before = content(db)
    outcomes = []
    for k, fraction in enumerate(fractions):
        p = subprocess.Popen([venv_python(), str(script), str(db), str(big), f"w{k + 1}"],
                             stdout=subprocess.PIPE, text=True, cwd=REPO)
        assert p.stdout is not None and p.stdout.readline().strip() == "open"
        time.sleep(fraction * duration)
        p.send_signal(signal.SIGKILL)
        p.wait()
        p.stdout.close()
        after = content(db)  # integrity_check ok, asserted inside
        if after == before:
            outcomes.append("rolled back")
        else:
            # the import had committed before the kill: then it is complete
            assert after[0][3] == before[0][3] + 200_000 and after[0][1] == before[0][1] + 1
            outcomes.append("committed")
            before = after
        inv = cm.Inventory(db)  # still a valid coopmap database (integrity and schema checked on open)
        assert inv.waves()[0] == "w0"
        inv.close()
    print(f"kill runs survived: {len(outcomes)} ({outcomes.count('rolled back')} rolled back, "
          f"{outcomes.count('committed')} committed before the kill); import duration {duration:.2f} s")
    assert len(outcomes) == KILL_RUNS
    assert outcomes.count("rolled back") >= KILL_RUNS // 2, outcomes


WRITER = """
import sys, coopmap as cm
inv = cm.Inventory(sys.argv[1])
print("open", flush=True)
for k, path in enumerate(sys.argv[2:]):
    inv.import_csv(declarations=path, wave=f"r{k}")
print("done", flush=True)
"""


def test_reader_in_another_process_while_writer_imports_several_files(big_db, tmp_path):
    """A writer process imports three files (200 000, 500, 200 000 declarations) one
    after the other while this process polls counts(), waves() and a network in a
    read-only Inventory: every (waves, declarations) pair it sees is one of the four
    committed states, never a part of an import."""
    db, big, _ = big_db
    small = tmp_path / "small.csv"
    first = content(db)[0]
    writer = tmp_path / "writer.py"
    writer.write_text(WRITER)
    p = subprocess.Popen([venv_python(), str(writer), str(db), str(big), str(small), str(big)],
                         stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert p.stdout is not None and p.stdout.readline().strip() == "open"
    states = {(first[1] + k, first[3] + d) for k, d in ((0, 0), (1, 200_000), (2, 200_500), (3, 400_500))}
    seen = set()
    reader = cm.Inventory(db, readonly=True)
    polls = 0
    while p.poll() is None:
        c = reader.counts()
        seen.add((c["waves"], c["declarations"]))
        assert len(reader.waves()) in {w for w, _ in states}
        assert reader.network("w0").number_of_links() > 0
        polls += 1
    assert p.wait() == 0
    p.stdout.close()
    c = reader.counts()
    seen.add((c["waves"], c["declarations"]))
    reader.close()
    assert seen <= states, (seen, states)
    assert (first[1] + 3, first[3] + 400_500) in seen and polls > 0


# ---- command line --------------------------------------------------------------------------------


def test_cli_import(tmp_path, files):
    db = tmp_path / "cli.db"
    r = subprocess.run([venv_python(), "-m", "coopmap", "import", str(db), "--structures", str(files["structures"]),
                        "--link-types", str(files["link_types"])], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "structures: 6 added" in r.stdout
    r = subprocess.run([venv_python(), "-m", "coopmap", "import", str(db), "--declarations", str(files["d2013"]),
                        "--wave", "2013", "--responses", str(files["r2013"])], capture_output=True, text=True,
                       cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "declarations: 8 added" in r.stdout and "Zeta Coop" in r.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("declarer,partner,type\na,b,zzz\n")
    r = subprocess.run([venv_python(), "-m", "coopmap", "import", str(db), "--declarations", str(bad), "--wave", "x"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and "line 2" in r.stderr and "zzz" in r.stderr


def derive_by_hand(declarations: Path, responses: Path) -> dict[tuple, str]:
    """The links of a wave and their statuses, derived from the CSV files with the csv
    module by the rules of DESIGN §3 (independent of the inventory's code): a link is a
    (type, source, target) arc for directed types (the declarer is the source unless it
    declared direction=in), a (type, sorted pair) for two-way types; confirmed when both
    ends declared it, unconfirmed when one did and the other answered the survey,
    partner_did_not_respond otherwise. Names resolve through ids and aliases."""
    ids = {}
    for r in _rows(PTCE / "structures.csv"):
        ids[r["id"]] = r["id"]
        for a in filter(None, r["aliases"].split("|")):
            ids[a] = r["id"]
    directed = {r["code"]: r["directed"] == "true" for r in _rows(PTCE / "link_types.csv")}
    answered = {r["structure"] for r in _rows(responses)
                if r["status"] in ("complete", "partial")}
    declared_by: dict[tuple, set] = {}
    for r in _rows(declarations):
        if r["partner"] not in ids:
            continue  # unresolved partner: no link
        a, b = ids[r["declarer"]], ids[r["partner"]]
        if directed[r["type"]]:
            key = (r["type"], b, a) if r["direction"] == "in" else (r["type"], a, b)
        else:
            key = (r["type"],) + tuple(sorted((a, b)))
        declared_by.setdefault(key, set()).add(a)
    out = {}
    for key, who in declared_by.items():
        ends = set(key[1:])
        other = (ends - who).pop() if len(who) == 1 else None
        out[key] = ("confirmed" if other is None else "unconfirmed" if other in answered
                    else "partner_did_not_respond")
    return out


def test_ptce_two_waves_compare_as_derived_by_hand(ptce):
    inv, _ = ptce
    inv.import_csv(declarations=PTCE / "declarations-2014.csv", wave="2014", responses=PTCE / "responses-2014.csv")
    before = derive_by_hand(PTCE / "declarations-2013.csv", PTCE / "responses.csv")
    after = derive_by_hand(PTCE / "declarations-2014.csv", PTCE / "responses-2014.csv")
    directed = {r["code"]: r["directed"] == "true" for r in _rows(PTCE / "link_types.csv")}

    def keys(records):
        return {(r["type"], r["source"], r["target"]) if directed[r["type"]]
                else (r["type"],) + tuple(sorted((r["source"], r["target"]))) for r in records}

    for view, keep in (("union", lambda st: True), ("confirmed", lambda st: st == "confirmed"),
                       ("reconstructed", lambda st: st != "unconfirmed")):
        d = inv.compare("2013", "2014", view=view)
        vb = {k for k, st in before.items() if keep(st)}
        va = {k for k, st in after.items() if keep(st)}
        assert keys(d.new) == va - set(before), view
        assert keys(d.lost) == vb - set(after), view
        assert keys(d.kept) == vb & va, view
        changed = {k: (before[k], after[k]) for k in set(before) & set(after)
                   if before[k] != after[k] and (k in vb or k in va)}
        assert {k: (r["before"], r["after"]) for k, r in zip(keys_list(d.status_changed, directed),
                                                              d.status_changed)} == changed, view
        assert d.jaccard == pytest.approx(len(vb & va) / len(vb | va)), view
    # the illustrative 2014 wave shows the cycle: some 2013 partners answered and confirmed
    d = inv.compare("2013", "2014")
    assert any(r["before"] == "partner_did_not_respond" and r["after"] == "confirmed" for r in d.status_changed)
    silent = {r["structure"] for r in _rows(PTCE / "responses-2014.csv")
              if r["status"] in ("refused", "unreached")}
    assert set(d.non_respondents_after) == silent


def keys_list(records, directed):
    return [(r["type"], r["source"], r["target"]) if directed[r["type"]]
            else (r["type"],) + tuple(sorted((r["source"], r["target"]))) for r in records]
