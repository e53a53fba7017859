"""Hostile input: bad CSV files, hostile arguments to every public callable,
networks unchanged after a failed call.

* CSV: each bad file gives a ``coopmap.CsvError`` (a ``ValueError``) whose ``file``,
  ``line`` and ``column`` are checked against the position read off the text written in
  the test (the header is line 1, columns count from 1, 0 = the whole record).
* Generic: ``hostile_runner.py`` (run in subprocesses, so that a segfault or an abort is
  a test failure and not a dead pytest) calls every public function of ``coopmap`` and
  every public method of ``Network`` with hostile arguments, found by introspecting the
  signatures: functions merged later are covered without editing this file.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import coopmap as cm
from conftest import typed_records

HERE = Path(__file__).resolve().parent

S_OK = "id,name,aliases\na,Alpha,A1\nb,Beta,\nc,Gamma,\n"

# (case id, structures file, links file or None, expected line, expected column, message fragment,
#  which file is at fault). Lines and columns are read off the text by hand.
CSV_CASES = [
    # -- quoting
    ("unclosed quote", 'id,name\na,"open\nb,B\n', None, 2, 2, "never closed", "s"),
    ("quote in unquoted field", 'id,name\na,A"B\n', None, 2, 2, "quote inside an unquoted field", "s"),
    ("text after closing quote", 'id,name\na,"A"B\n', None, 2, 2, "after a closing quote", "s"),
    ("unclosed quote in links", S_OK, 'source,target\na,"b\n', 2, 2, "never closed", "l"),
    # line numbers after a quoted line break: a spans lines 2-3, b is line 4, the second b line 5
    ("duplicate after multi-line field", 'id,name\na,"x\ny"\nb,B\nb,C\n', None, 5, 1,
     "duplicate structure id 'b' (first defined on line 4)", "s"),
    # -- ragged rows and columns
    ("too few fields", "id,name,x\na,A\n", None, 2, 3, "missing 'x'", "s"),
    ("too many fields", "id,name\na,A,extra\n", None, 2, 3, "3 fields but the header has 2", "s"),
    ("ragged links row", S_OK, "source,target,type\na,b\n", 2, 3, "missing 'type'", "l"),
    ("missing id column", "name\nAlpha\n", None, 1, 0, "missing required column 'id'", "s"),
    ("missing target column", S_OK, "source,dest\na,b\n", 1, 0, "missing required column 'target'", "l"),
    ("empty column name", "id,,x\na,1,2\n", None, 1, 2, "empty column name", "s"),
    ("duplicate column", "id,name,name\na,A,B\n", None, 1, 3, "appears twice", "s"),
    # -- ids
    ("empty id", "id,name\n,Nobody\n", None, 2, 1, "empty structure id", "s"),
    ("quoted empty id", 'id,name\n"",Nobody\n', None, 2, 1, "empty structure id", "s"),
    ("duplicate id", "id\na\nb\na\n", None, 4, 1, "duplicate structure id 'a' (first defined on line 2)", "s"),
    ("id equal to an earlier alias", "id,aliases\na,x\nx,\n", None, 3, 1, "already an alias of structure 'a'", "s"),
    ("alias used twice", "id,aliases\na,x\nb,x\n", None, 3, 2, "alias 'x' is already used by structure 'a'", "s"),
    ("empty alias", "id,aliases\na,x||y\n", None, 2, 2, "empty alias", "s"),
    ("unknown source", S_OK, "source,target\nzz,b\n", 2, 1, "unknown structure 'zz'", "l"),
    ("unknown target", S_OK, "source,target\na,b\nb,nowhere\n", 3, 2, "unknown structure 'nowhere'", "l"),
    ("empty source", S_OK, "source,target\n,b\n", 2, 1, "empty source", "l"),
    ("self-loop", S_OK, "source,target\na,a\n", 2, 2, "self-loop", "l"),
    ("self-loop through an alias", S_OK, "source,target\na,A1\n", 2, 2, "self-loop", "l"),
    # -- weights
    ("NaN weight", S_OK, "source,target,weight\na,b,nan\n", 2, 3, "not finite", "l"),
    ("infinite weight", S_OK, "source,target,weight\na,b,inf\n", 2, 3, "not finite", "l"),
    ("minus infinite weight", S_OK, "source,target,weight\na,b,-inf\n", 2, 3, "not finite", "l"),
    ("negative weight", S_OK, "source,target,weight\na,b,-1\n", 2, 3, "must be > 0", "l"),
    ("zero weight", S_OK, "source,target,weight\na,b,0\n", 2, 3, "must be > 0", "l"),
    ("text weight", S_OK, "source,target,weight\na,b,strong\n", 2, 3, "'strong' is not a number", "l"),
    ("two decimal points", S_OK, "source,target,weight\na,b,1.5.2\n", 2, 3, "not a number", "l"),
    ("decimal comma with , separator", S_OK, 'source,target,weight\na,b,"1,5"\n', 2, 3, "not a number", "l"),
    ("hex weight", S_OK, "source,target,weight\na,b,0x10\n", 2, 3, "not a number", "l"),
    ("overflowing weight", S_OK, "source,target,weight\na,b,1e999\n", 2, 3, "1e999", "l"),
    ("weight on a later line", S_OK, "source,target,weight\na,b,1\nb,c,2\nc,a,-3\n", 4, 3, "must be > 0", "l"),
    # -- dates
    ("bad month", S_OK, "source,target,start\na,b,2013-13-01\n", 2, 3, "not an ISO date", "l"),
    ("not a leap year", S_OK, "source,target,start\na,b,2013-02-29\n", 2, 3, "not an ISO date", "l"),
    ("end before start", S_OK, "source,target,start,end\na,b,2013,2012-05\n", 2, 4, "before start", "l"),
    # -- encodings
    ("Latin-1 name", b"id,name\na,caf\xe9\n", None, 2, 2, "invalid UTF-8 (byte 0xE9", "s"),
    ("Latin-1 id in links", S_OK, b"source,target\na,b\xe9\n", 2, 2, "invalid UTF-8", "l"),
    ("Windows-1252 quote", b"id,name\na,\x93quoted\x94\n", None, 2, 2, "invalid UTF-8 (byte 0x93", "s"),
    ("UTF-8 surrogate", b"id,name\na,\xed\xa0\x80\n", None, 2, 2, "invalid UTF-8", "s"),
    ("overlong UTF-8", b"id,name\na,\xc0\xaf\n", None, 2, 2, "invalid UTF-8", "s"),
    ("truncated UTF-8 at end of file", b"id,name\na,caf\xc3", None, 2, 2, "invalid UTF-8", "s"),
    ("UTF-16 file with BOM", "id,name\na,A\n".encode("utf-16"), None, 1, 1, "invalid UTF-8", "s"),
    ("Latin-1 header", b"id,r\xe9gion\na,x\n", None, 1, 2, "invalid UTF-8", "s"),
    ("BOM twice", b"\xef\xbb\xbf\xef\xbb\xbfid,name\na,A\n", None, 1, 0, "missing required column 'id'", "s"),
    # -- empty files
    ("empty structures file", b"", None, 1, 0, "empty file", "s"),
    ("blank lines only", b"\n\r\n  \n", None, 1, 0, "empty file", "s"),
    ("empty links file", S_OK, b"", 1, 0, "empty file", "l"),
    ("BOM only", b"\xef\xbb\xbf", None, 1, 0, "empty file", "s"),
]


def _read(write, structures, links):
    s = write("structures.csv", structures)
    l = None if links is None else write("links.csv", links)
    return cm.read_csv(s, l)


@pytest.mark.parametrize("case", CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_bad_csv_names_file_line_column(write, case):
    _, structures, links, line, column, fragment, which = case
    before = cm.load_dataset("florentine")
    snapshot = (typed_records(before.structures()), typed_records(before.links()))
    with pytest.raises(cm.CsvError) as info:
        _read(write, structures, links)
    e = info.value
    assert isinstance(e, ValueError)
    expected_file = "structures.csv" if which == "s" else "links.csv"
    assert Path(e.file).name == expected_file, str(e)
    assert (e.line, e.column) == (line, column), str(e)
    msg = str(e)
    assert fragment in msg
    assert expected_file in msg and (f"line {line}" in msg)
    if column:
        assert f"column {column}" in msg
    assert len(msg) < 1000
    # A network loaded before is untouched by the failed read.
    assert (typed_records(before.structures()), typed_records(before.links())) == snapshot


def test_missing_file_and_directory(tmp_path, write):
    with pytest.raises(cm.CsvError) as info:
        cm.read_csv(tmp_path / "nope.csv")
    assert info.value.line == 0 and "cannot open" in str(info.value) and "nope.csv" in str(info.value)
    s = write("s.csv", S_OK)
    with pytest.raises(cm.CsvError) as info:
        cm.read_csv(s, tmp_path)  # a directory as the links file
    assert str(tmp_path) in str(info.value)


def test_bom_and_odd_but_valid_input_is_read(write):
    # A UTF-8 BOM, a tab inside a field, RTL marks and markup are data, read verbatim.
    net = _read(write, b"\xef\xbb\xbfid,name\na,A\tB\nb,<script>alert(1)</script>\xe2\x80\x8f\n",
                b"\xef\xbb\xbfsource,target,weight\na,b,1e-300\n")
    assert net.structure_ids() == ["a", "b"]
    assert net.structure("a")["name"] == "A\tB"
    assert net.structure("b")["name"] == "<script>alert(1)</script>\u200f"
    assert net.links()[0]["weight"] == 1e-300
    # A NUL byte is not text (XML 1.0 forbids it): refused with its line and column.
    with pytest.raises(cm.CsvError, match="U\\+0000") as info:
        _read(write, b"id,name\na,A\x00B\n", b"source,target\n")
    assert (info.value.line, info.value.column) == (2, 2)


def test_huge_fields(write, tmp_path):
    """A 50 MB field is read (no field size limit besides memory); an error message that
    quotes a huge cell shows an 80-byte excerpt and the size."""
    big = "x" * (50 * 1024 * 1024)
    s = write("s.csv", f'id,name,note\na,"{big}",1\nb,B,{big}\n')
    net = cm.read_csv(s)
    assert len(net.structure("a")["name"]) == len(big)
    assert len(net.structure("b")["note"]) == len(big)
    del net
    l = write("l.csv", f"source,target\na,{big}\n")
    with pytest.raises(cm.CsvError) as info:
        cm.read_csv(s, l)
    msg = str(info.value)
    assert (info.value.line, info.value.column) == (2, 2)
    assert len(msg) < 400 and f"({len(big)} bytes)" in msg
    # An unclosed quote at the start of a huge file reports the line where it opened.
    with pytest.raises(cm.CsvError) as info:
        cm.read_csv(write("u.csv", 'id,name\na,"' + "y\n" * 1_000_000))
    assert (info.value.line, info.value.column) == (2, 2)


def test_read_csv_argument_errors(write):
    s = write("s.csv", S_OK)
    for bad in (None, 3, ["s.csv"], np.float64(1.0)):
        with pytest.raises(TypeError):
            cm.read_csv(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="one character"):
        cm.read_csv(s, delimiter=";;")
    with pytest.raises(ValueError, match="quote or a line break"):
        cm.read_csv(s, delimiter='"')
    with pytest.raises(ValueError, match="quote or a line break"):
        cm.read_csv(s, delimiter="\n")


# ---- Network unchanged after a failed mutation -------------------------------------------------

def _sample() -> cm.Network:
    net = cm.Network()
    net.add_structure("a", name="Alpha", aliases=["A1"], kind="ess", budget=1.5)
    net.add_structure("b", kind="classic")
    net.add_structure("c")
    net.add_link("a", "b", type="t1", weight=2.0, start="2012", status="confirmed", note="x")
    net.add_link("b", "c", type="t2")
    return net


FAILING_MUTATIONS = [
    ("add_structure duplicate id", lambda n: n.add_structure("a")),
    ("add_structure id = alias", lambda n: n.add_structure("A1")),
    ("add_structure empty id", lambda n: n.add_structure("")),
    ("add_structure alias in use", lambda n: n.add_structure("d", aliases=["A1"])),
    ("add_structure alias with |", lambda n: n.add_structure("d", aliases=["x|y"])),
    ("add_structure reserved attribute", lambda n: n.add_structure("d", attributes={"id": 1})),
    ("add_structure bad attribute value", lambda n: n.add_structure("d", x=[1, 2])),
    ("add_structure int too big", lambda n: n.add_structure("d", x=2**64)),
    ("add_structure None id", lambda n: n.add_structure(None)),
    ("add_structure surrogate id", lambda n: n.add_structure("\udcff")),
    ("add_link unknown end", lambda n: n.add_link("a", "zz")),
    ("add_link self-loop", lambda n: n.add_link("a", "A1")),
    ("add_link NaN weight", lambda n: n.add_link("a", "c", weight=math.nan)),
    ("add_link inf weight", lambda n: n.add_link("a", "c", weight=math.inf)),
    ("add_link negative weight", lambda n: n.add_link("a", "c", weight=-1.0)),
    ("add_link text weight", lambda n: n.add_link("a", "c", weight="heavy")),
    ("add_link bad date", lambda n: n.add_link("a", "c", start="2013-02-30")),
    ("add_link end before start", lambda n: n.add_link("a", "c", start="2014", end="2013")),
    ("add_link empty type", lambda n: n.add_link("a", "c", type="")),
    ("add_link reserved attribute", lambda n: n.add_link("a", "c", attributes={"weight": 3})),
    ("add_link bad attribute", lambda n: n.add_link("a", "c", x={"a": 1})),
    ("set_attribute unknown", lambda n: n.set_attribute("zz", "k", 1)),
    ("set_attribute reserved", lambda n: n.set_attribute("a", "id", "x")),
    ("set_attribute bad value", lambda n: n.set_attribute("a", "k", [1])),
    ("set_attribute name not str", lambda n: n.set_attribute("a", "name", 3)),
    ("set_name unknown", lambda n: n.set_name("zz", "x")),
    ("add_alias in use", lambda n: n.add_alias("b", "A1")),
    ("add_alias empty", lambda n: n.add_alias("b", "  ")),
    ("add_alias unknown", lambda n: n.add_alias("zz", "q")),
    ("remove_structure unknown", lambda n: n.remove_structure("zz")),
    ("remove_link none", lambda n: n.remove_link("a", "c")),
    ("remove_link wrong type", lambda n: n.remove_link("a", "b", type="t2")),
    ("remove_link unknown", lambda n: n.remove_link("a", "zz")),
    ("set_link_attribute out of range", lambda n: n.set_link_attribute(99, "k", 1)),
    ("set_link_attribute negative index", lambda n: n.set_link_attribute(-1, "k", 1)),
    ("set_link_attribute reserved", lambda n: n.set_link_attribute(0, "source", 1)),
    ("set_link_attribute bad value", lambda n: n.set_link_attribute(0, "k", None)),
]


@pytest.mark.parametrize("name,mutate", FAILING_MUTATIONS, ids=[m[0] for m in FAILING_MUTATIONS])
def test_failed_mutation_leaves_network_unchanged(name, mutate):
    net = _sample()
    before = (typed_records(net.structures()), typed_records(net.links()), net.link_types())
    with pytest.raises((TypeError, ValueError, KeyError)):
        mutate(net)
    assert (typed_records(net.structures()), typed_records(net.links()), net.link_types()) == before
    # and the network still works
    assert net.simple_view().number_of_edges == 2


# ---- every public callable with hostile arguments -----------------------------------------------

def run_hostile(tmp_path: Path, runner: Path = HERE / "hostile_runner.py") -> tuple[int, list[str], dict[str, int]]:
    """Runs hostile_runner.py until it completes; a call that kills the process is
    recorded and the runner restarts after it. Returns (calls, failures, outcome counts)."""
    failures: list[str] = []
    counts: dict[str, int] = {}
    start, total = 0, None
    while total is None:
        proc = subprocess.run([sys.executable, str(runner), str(tmp_path), str(start)],
                              capture_output=True, text=True, timeout=600)
        last_started, last_call = None, ""
        for line in proc.stdout.splitlines():
            d = json.loads(line)
            if "start" in d:
                last_started, last_call = d["start"], d["call"]
            elif "end" in d:
                outcome = d["outcome"]
                kind = outcome.split(":")[0]
                counts[kind] = counts.get(kind, 0) + 1
                if outcome.startswith("BAD") or outcome == "CHANGED":
                    failures.append(f"{last_call}: {outcome}")
                last_started = None
            elif "done" in d:
                total = d["done"]
        if total is None:
            if last_started is None:  # died outside a call: nothing to skip, give up
                failures.append(f"runner died outside a call (exit {proc.returncode}): {proc.stderr[-2000:]}")
                break
            failures.append(f"{last_call}: PROCESS DIED (exit {proc.returncode}) {proc.stderr[-500:]}")
            counts["DIED"] = counts.get("DIED", 0) + 1
            start = last_started + 1
    return total or 0, failures, counts


def test_every_public_callable_survives_hostile_arguments(tmp_path):
    total, failures, counts = run_hostile(tmp_path)
    print(f"hostile calls: {total}; outcomes: {counts}")
    assert not failures, f"{len(failures)} of {total} hostile calls failed:\n" + "\n".join(failures[:60])
    # The generator really reaches the API: thousands of calls, both successes and refusals.
    assert total > 2000
    assert counts.get("ok", 0) > 100 and counts.get("raised TypeError", 0) > 100
    assert counts.get("raised InputError", 0) + counts.get("raised NotFoundError", 0) > 100


def test_hostile_runner_detects_a_crash(tmp_path):
    """The detector itself can fail: a runner whose call segfaults is reported."""
    fake = tmp_path / "crashing_runner.py"
    fake.write_text(
        "import json, sys, ctypes\n"
        "start = int(sys.argv[2])\n"
        "for k in range(start, 3):\n"
        "    print(json.dumps({'start': k, 'call': f'call{k}'}), flush=True)\n"
        "    if k == 1: ctypes.string_at(0)\n"
        "    print(json.dumps({'end': k, 'outcome': 'ok'}), flush=True)\n"
        "print(json.dumps({'done': 3}), flush=True)\n"
    )
    total, failures, counts = run_hostile(tmp_path, fake)
    assert total == 3 and counts == {"ok": 2, "DIED": 1}
    assert len(failures) == 1 and failures[0].startswith("call1: PROCESS DIED")


def test_regressions_found_by_the_hostile_runner():
    """Each of these raised the wrong exception type before (RuntimeError, AttributeError,
    OSError): now TypeError, ValueError or KeyError with a message naming the argument."""
    net = _sample()
    with pytest.raises(ValueError, match="structure id: text that is not valid Unicode"):
        net.add_structure("\udcff")  # was RuntimeError "Unable to cast Python instance"
    with pytest.raises(ValueError, match="attribute 'k'.*not valid Unicode"):
        net.set_attribute("a", "k", "x\udcff")
    assert "\udcff" not in net  # was RuntimeError
    with pytest.raises(TypeError, match="expected a networkx graph, got NoneType"):
        cm.from_networkx(None)  # was AttributeError
    with pytest.raises(TypeError, match="expected a networkx graph, got Network"):
        cm.from_networkx(net)
    with pytest.raises(TypeError, match="dataset name must be a str"):
        cm.dataset_path(np.array(["karate"]))  # was AttributeError
    with pytest.raises(KeyError, match="unknown dataset"):
        cm.load_dataset("x" * 100_000)  # was OSError: File name too long
    with pytest.raises(KeyError, match="unknown dataset"):
        cm.dataset_path("../datasets/karate")  # never a path outside the datasets folder
    assert cm.dataset_path("karate").name == "karate"
    # phase 2: layout(seed=inf) and layout(iterations=inf) raised OverflowError from int()
    with pytest.raises(TypeError, match="seed must be an integer"):
        cm.layout(net, seed=math.inf)
    with pytest.raises(TypeError, match="iterations must be an integer"):
        cm.layout(net, iterations=math.inf)
    assert cm.layout(net, seed=np.int64(2)) == cm.layout(net, seed=2)


# ---- the Inventory: bad import files, nothing changed ------------------------------------------

INV_S = "id,name,aliases,legal_family\na,Alpha,ALPHA,association\nb,Beta,,scop\nc,Gamma,,\n"
INV_T = "code,label,directed\njp,Joint project,false\nsub,Subcontracting,true\n"
DH = "declarer,partner,type,intensity,direction,start,end\n"
RH = "structure,status\n"

# (case id, which file, content, expected line, expected column (1-based, 0 = record), message fragment).
# Lines and columns are read off the text by hand: the header is line 1.
INVENTORY_CASES = [
    ("Latin-1 declarations", "declarations", DH.encode() + b"a,b,jp,1,,,\nb,caf\xe9,jp,1,,,\n", 3, 2,
     "invalid UTF-8"),
    ("Latin-1 structures", "structures", b"id,name\nd,Caf\xe9\n", 2, 2, "invalid UTF-8"),
    ("BOM twice", "declarations", b"\xef\xbb\xbf\xef\xbb\xbf" + DH.encode() + b"a,b,jp,1,,,\n", 1, 0,
     "declarer"),
    ("ragged row: too few", "declarations", DH + "a,b,jp,1\n", 2, 5, "missing 'direction'"),
    ("ragged row: too many", "declarations", DH + "a,b,jp,1,,,,extra\n", 2, 8, "8 fields but the header has 7"),
    ("unclosed quote", "declarations", DH + 'a,"b,jp,1,,,\n', 2, 2, "never closed"),
    ("missing type column", "declarations", "declarer,partner\na,b\n", 1, 0, "type"),
    ("unknown link type", "declarations", DH + "a,b,jp,1,,,\na,c,cooking,1,,,\n", 3, 3, "unknown link type 'cooking'"),
    ("unknown declarer", "declarations", DH + "zz,b,jp,1,,,\n", 2, 1, "unknown declarer 'zz'"),
    ("empty declarer", "declarations", DH + ",b,jp,1,,,\n", 2, 1, "declarer"),
    ("NaN intensity", "declarations", DH + "a,b,jp,nan,,,\n", 2, 4, "intensity must be"),
    ("infinite intensity", "declarations", DH + "a,b,jp,inf,,,\n", 2, 4, "intensity must be"),
    ("negative intensity", "declarations", DH + "a,b,jp,-1,,,\n", 2, 4, "intensity must be"),
    ("text intensity", "declarations", DH + "a,b,jp,strong,,,\n", 2, 4, "not a number"),
    ("bad date", "declarations", DH + "a,b,jp,1,,2013-13-01,\n", 2, 6, "not an ISO date"),
    ("not a leap day", "declarations", DH + "a,b,jp,1,,2013-02-29,\n", 2, 6, "not an ISO date"),
    ("end before start", "declarations", DH + "a,b,jp,1,,2014-01-01,2013-01-01\n", 2, 7, "before start"),
    ("bad direction", "declarations", DH + "a,b,sub,1,sideways,,\n", 2, 5, "out, in or both"),
    ("duplicate declaration", "declarations", DH + "a,b,jp,1,,,\nc,a,jp,1,,,\nALPHA,b,jp,2,,,\n", 4, 0,
     "duplicate declaration"),
    ("self declaration", "declarations", DH + "a,ALPHA,jp,1,,,\n", 2, 2, "declarer itself"),
    ("unknown responding structure", "responses", RH + "a,complete\nnobody,complete\n", 3, 1, "nobody"),
    ("bad response status", "responses", RH + "a,maybe\n", 2, 2, "maybe"),
    ("duplicate response", "responses", RH + "a,complete\nALPHA,refused\n", 3, 1, "duplicate response"),
    ("empty declarations file", "declarations", b"", 1, 0, "empty file"),
    ("link type bad directed", "link_types", "code,directed\nnew,perhaps\n", 2, 2, "perhaps"),
    ("structures duplicate id", "structures", "id,name\nd,D\nd,E\n", 3, 1, "duplicate"),
]


@pytest.mark.parametrize("case", INVENTORY_CASES, ids=[c[0] for c in INVENTORY_CASES])
def test_bad_inventory_import_names_file_line_column_and_changes_nothing(tmp_path, write, case):
    import sqlite3

    name, which, text, line, column, fragment = case
    db = tmp_path / "inv.db"
    inv = cm.Inventory(db)
    inv.import_csv(structures=write("s.csv", INV_S), link_types=write("t.csv", INV_T))
    inv.import_csv(declarations=write("d0.csv", DH + "a,b,jp,2,,,\n"), responses=write("r0.csv", RH + "a,complete\n"),
                   wave="w0")

    def dump():
        con = sqlite3.connect(db)
        try:
            return list(con.iterdump())
        finally:
            con.close()

    before = dump()
    bad = write(f"{which}.csv", text)
    kwargs = {which: bad}
    if which in ("declarations", "responses"):
        kwargs["wave"] = "w1"
    with pytest.raises(cm.CsvError) as info:
        inv.import_csv(**kwargs)
    e = info.value
    assert isinstance(e, ValueError)
    assert Path(e.file) == bad and (e.line, e.column) == (line, column), (name, str(e))
    assert fragment in str(e), str(e)
    assert bad.name in str(e) and f"line {line}" in str(e)
    assert dump() == before
    assert inv.waves() == ["w0"]
    inv.close()


def test_inventory_accepts_a_bom_and_crlf(tmp_path, write):
    inv = cm.Inventory(tmp_path / "inv.db")
    inv.import_csv(structures=write("s.csv", "\ufeff" + INV_S.replace("\n", "\r\n")), link_types=write("t.csv", INV_T))
    inv.import_csv(declarations=write("d.csv", "\ufeff" + DH + "a,b,jp,1,,,\r\n"), wave="w")
    assert [(l["source"], l["target"]) for l in inv.links("w")] == [("a", "b")]
    inv.close()


# ---- a group attribute missing on some structures ------------------------------------------------

def _partly_grouped() -> cm.Network:
    net = cm.Network()
    for i, g in enumerate(["x", "x", "y", None, "y", None]):
        if g is None:
            net.add_structure(f"s{i}")
        else:
            net.add_structure(f"s{i}", team=g)
    for a, b in [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (0, 2), (1, 4)]:
        net.add_link(f"s{a}", f"s{b}")
    return net


GROUP_CALLS = [
    ("brokerage", lambda n: cm.brokerage(n, "team")),
    ("ei_index", lambda n: cm.ei_index(n, "team", permutations=10)),
    ("mixing_matrix", lambda n: cm.mixing_matrix(n, "team")),
    ("partition_by", lambda n: cm.partition_by(n, "team")),
    ("predict_links across", lambda n: cm.predict_links(n, across="team")),
]


@pytest.mark.parametrize("name,call", GROUP_CALLS, ids=[c[0] for c in GROUP_CALLS])
def test_group_attribute_missing_on_some_structures_names_them(name, call):
    net = _partly_grouped()
    before = (typed_records(net.structures()), typed_records(net.links()))
    with pytest.raises(ValueError) as info:
        call(net)
    msg = str(info.value)
    # s3 and s5 have no 'team' (the first ones missing are named) and the attribute is named
    assert "team" in msg and "s3" in msg, msg
    assert (typed_records(net.structures()), typed_records(net.links())) == before


def test_arguments_out_of_range_are_named_before_use():
    """Issue 22, point 2: sizes, widths, counts and seeds out of range are a ValueError
    naming the argument, before any memory is sized by them; numpy integer scalars are
    accepted wherever Python ints are."""
    net = cm.load_dataset("karate")
    # width=1e64 used to write unwritten stack bytes into the SVG viewBox
    for kw in ({"width": 1e64}, {"width": float("nan")}, {"height": 1e9}, {"width": 10}):
        with pytest.raises(ValueError, match="width|height"):
            cm.draw(net, None, **kw)
    svg = cm.draw(net, None, width=100000, height=300)
    assert 'viewBox="0 0 100000 300"' in svg
    # 10^9 permutations would keep 8 GB of values
    with pytest.raises(ValueError, match="permutations must be at most 10,000,000"):
        cm.ei_index(net, {s: i % 2 for i, s in enumerate(net.structure_ids())}, permutations=10**9)
    # numpy integers are ints; numpy and Python bools are not
    assert cm.louvain(net, seed=np.int64(5)).modularity == cm.louvain(net, seed=5).modularity
    assert cm.louvain(net, restarts=np.int32(2)).modularity == cm.louvain(net, restarts=2).modularity
    assert len(cm.predict_links(net, top=np.uint8(3))) == 3
    for bad in (True, np.bool_(True), 1.5, "3"):
        with pytest.raises(TypeError, match="seed must be an integer"):
            cm.louvain(net, seed=bad)
    with pytest.raises(ValueError, match="seed must be >= 0"):
        cm.louvain(net, seed=np.int64(-1))
    with pytest.raises(ValueError, match="seed must fit in 64 bits"):
        cm.louvain(net, seed=2**70)
    with pytest.raises(ValueError, match="restarts must be >= 1"):
        cm.louvain(net, restarts=0)
    # a NUL byte in a path is refused, never cut short
    for call in (lambda: cm.draw(net, "map\0.svg"), lambda: cm.write_gexf(net, "x\0.gexf"),
                 lambda: cm.write_json(net, "x\0.json"), lambda: cm.Inventory("inv\0.db"),
                 lambda: cm.read_csv("structures\0.csv"),
                 lambda: net.write_csv(structures="s\0.csv")):
        with pytest.raises(ValueError, match="NUL"):
            call()
