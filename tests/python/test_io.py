"""Reading and writing CSV (include/coopmap/io.hpp, src/csv/io.cpp, src/csv/reader.cpp).

Every fixture is a file written by the test; the expected values are read off the CSV
text in the test (or, for RFC 4180 quoting, off Python's csv module on the same text).
"""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

import coopmap as cm
from conftest import DATASETS, typed_records


def read(write, structures: str | bytes, links: str | bytes | None = None, **kw) -> cm.Network:
    s = write("structures.csv", structures)
    l = None if links is None else write("links.csv", links)
    return cm.read_csv(s, l, **kw)


ABC = "id,name\na,Alpha\nb,Beta\nc,Gamma\n"


# ---- good input ----------------------------------------------------------------------------


def test_minimal_files(write):
    net = read(write, ABC, "source,target\na,b\nb,c\n")
    assert net.structure_ids() == ["a", "b", "c"]
    assert net.structure("b") == {"name": "Beta"}
    assert net.directed is False
    assert net.links() == [
        {"source": "a", "target": "b", "type": "cooperation", "weight": 1.0, "start": None, "end": None,
         "status": None},
        {"source": "b", "target": "c", "type": "cooperation", "weight": 1.0, "start": None, "end": None,
         "status": None},
    ]


def test_structures_only_and_path_arguments(write):
    p = write("s.csv", ABC)
    for arg in (p, str(p)):
        net = cm.read_csv(arg)
        assert net.structure_ids() == ["a", "b", "c"] and net.number_of_links() == 0
    lp = write("l.csv", "source,target\na,c\n")
    net = cm.read_csv(structures=Path(p), links=Path(lp))
    assert net.has_link("c", "a")


def test_rfc4180_quoting_matches_python_csv(write):
    text = (
        'id,name,note\n'
        'a,"Dupont, Durand et Cie","He said ""coopérer"", then left"\n'
        'b,"Line one\nline two",plain\n'
        'c,"""Quoted""",","\n'
        'd,"",x\n'
    )
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    net = read(write, text)
    assert net.structure_ids() == [r["id"] for r in rows]
    assert net.structure("a")["name"] == "Dupont, Durand et Cie" == rows[0]["name"]
    assert net.structure("a")["note"] == 'He said "coopérer", then left' == rows[0]["note"]
    assert net.structure("b")["name"] == "Line one\nline two" == rows[1]["name"]
    assert net.structure("c")["name"] == '"Quoted"' == rows[2]["name"]
    assert net.structure("c")["note"] == "," == rows[2]["note"]
    # an empty name means "no name": the display name is the id
    assert net.structure("d")["name"] == "d"


def test_crlf_file_with_line_break_inside_quotes_matches_python_csv(write):
    text = 'id,name\r\na,"Line one\r\nline two"\r\nb,B\r\n'
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    net = read(write, text)
    assert net.structure_ids() == ["a", "b"]
    assert net.structure("a")["name"] == rows[0]["name"] == "Line one\r\nline two"
    assert net.structure("b")["name"] == "B"


def test_bom_then_semicolon_header_is_detected(write):
    bom = b"\xef\xbb\xbf"
    net = read(write, bom + "id;name;score\na;Alpha, SA;2,5\nb;B;1\n".encode(),
               bom + b"source;target;weight\na;b;1,5\n")
    assert net.structure("a") == {"name": "Alpha, SA", "score": 2.5}
    assert net.links()[0]["weight"] == 1.5


def test_quoted_fields_in_links(write):
    net = read(write, ABC, 'source,target,type,note\n"a","b","joint, project","a ""big""\none"\n')
    rec = net.links()[0]
    assert (rec["source"], rec["target"], rec["type"]) == ("a", "b", "joint, project")
    assert rec["note"] == 'a "big"\none'


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_utf8_with_and_without_bom(write, bom):
    s = bom + "id,name\nies,IéS – Économie\n".encode()
    l = bom + "source,target\nies,ies2\n".encode()
    s += "ies2,Œuvre\n".encode()
    net = cm.read_csv(write("s.csv", s), write("l.csv", l))
    assert net.structure_ids() == ["ies", "ies2"]  # the BOM is not part of the first column name
    assert net.structure("ies")["name"] == "IéS – Économie"
    assert net.number_of_links() == 1


def test_accented_names_and_apostrophes_preserved(write):
    names = ["Économie Éditions", "Coopérative d'activité", "Ça & Façade", "Œuvre de cœur", "L’Atelier (’)",
             "Crème brûlée à Noël", "Ärger Ñandú"]
    text = "id,name,aliases\n" + "".join(f"s{i},{n},{n.upper()}\n" for i, n in enumerate(names))
    net = read(write, text, "source,target\nÉCONOMIE ÉDITIONS,ŒUVRE DE CŒUR\n")
    assert [net.structure(f"s{i}")["name"] for i in range(len(names))] == names
    assert net.structure("s3")["aliases"] == ["ŒUVRE DE CŒUR"]
    assert (net.links()[0]["source"], net.links()[0]["target"]) == ("s0", "s3")


def test_semicolon_separator_and_decimal_comma(write):
    net = read(
        write,
        "id;name;score;budget\na;Alpha, SA;2,5;1000\nb;Beta;3;2,25\n",
        "source;target;weight;share\na;b;2,5;0,1\n",
    )
    assert net.structure("a")["name"] == "Alpha, SA"  # a comma is plain text with ';'
    # score: 2,5 and 3 -> a float column (2.5, 3.0); budget: 1000 and 2,25 -> float column
    assert net.structure("a")["score"] == 2.5 and net.structure("b")["score"] == 3.0
    assert type(net.structure("b")["score"]) is float
    assert net.structure("a")["budget"] == 1000.0 and type(net.structure("a")["budget"]) is float
    assert net.structure("b")["budget"] == 2.25
    assert net.links()[0]["weight"] == 2.5
    assert net.links()[0]["share"] == 0.1


def test_explicit_delimiter_and_tab(write):
    net = read(write, "id;name\na;A\nb;B\n", "source;target\na;b\n", delimiter=";")
    assert net.structure_ids() == ["a", "b"] and net.number_of_links() == 1
    net = read(write, "id\tname\ta,b\na\tA, the first\t1\nb\tB\t2\n", "source\ttarget\nb\ta\n")
    assert net.structure("a") == {"name": "A, the first", "a,b": 1}
    assert net.has_link("a", "b")


@pytest.mark.parametrize("eol", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_line_ends(write, eol):
    net = read(write, eol.join(["id,name,n", "a,Alpha,1", "b,Beta,2", ""]),
               eol.join(["source,target,weight", "a,b,2", ""]))
    assert net.structure_ids() == ["a", "b"]
    assert net.structure("b") == {"name": "Beta", "n": 2}  # no stray '\r'
    assert net.links()[0]["weight"] == 2.0


def test_blank_lines_skipped_and_spaces_trimmed(write):
    net = read(write, "id,name\n\na,Alpha\n\n\n  b  ,  Beta Corp  \n\n", "\nsource,target\n\na, b\n\n")
    assert net.structure_ids() == ["a", "b"]
    assert net.structure("b")["name"] == "Beta Corp"
    assert net.number_of_links() == 1


def test_attribute_typing(write):
    text = (
        "id,count,ratio,flag,code,mixed,sparse,quoted_empty,neg\n"
        'a,1,2.0,true,01234,12,,"",-0.5\n'
        "b,-7,0.1,FALSE,00042,abc,5,x,3\n"
        "c,0,3,True,12345,3.5,,y,-2\n"
    )
    net = read(write, text)
    recs = {sid: net.structure(sid) for sid in "abc"}
    expect = {
        # all integers -> int
        "count": (int, [1, -7, 0]),
        # 2.0, 0.1 and 3 -> the column is float; 3 becomes 3.0
        "ratio": (float, [2.0, 0.1, 3.0]),
        # true/false in any case -> bool
        "flag": (bool, [True, False, True]),
        # leading zeros: identifiers, kept as text (12345 too, since the column is text)
        "code": (str, ["01234", "00042", "12345"]),
        # one non-number cell makes the whole column text
        "mixed": (str, ["12", "abc", "3.5"]),
        "neg": (float, [-0.5, 3.0, -2.0]),
    }
    for col, (t, values) in expect.items():
        got = [recs[sid][col] for sid in "abc"]
        assert got == values, col
        assert all(type(v) is t for v in got), col
    # an empty cell is "no attribute"; a quoted empty cell is the empty string
    assert "sparse" not in recs["a"] and "sparse" not in recs["c"]
    assert recs["b"]["sparse"] == 5 and type(recs["b"]["sparse"]) is int
    assert recs["a"]["quoted_empty"] == "" and recs["b"]["quoted_empty"] == "x"


def test_link_fields_defaults_and_attributes(write):
    links = (
        "source,target,type,weight,start,end,status,basis,level,illustrative\n"
        "a,b,shared_premises,2.5,2012-08-21,,confirmed,report,1,true\n"
        "b,c,,,2013-03,2013-12-31,,synthetic,2,false\n"
        "a,c,joint_project,0.1,2011,2012,unconfirmed,,,\n"
    )
    net = read(write, ABC, links)
    assert net.links() == [
        {"source": "a", "target": "b", "type": "shared_premises", "weight": 2.5, "start": "2012-08-21",
         "end": None, "status": "confirmed", "basis": "report", "level": 1, "illustrative": True},
        # empty type -> "cooperation", empty weight -> 1, empty status -> none
        {"source": "b", "target": "c", "type": "cooperation", "weight": 1.0, "start": "2013-03",
         "end": "2013-12-31", "status": None, "basis": "synthetic", "level": 2, "illustrative": False},
        {"source": "a", "target": "c", "type": "joint_project", "weight": 0.1, "start": "2011", "end": "2012",
         "status": "unconfirmed"},
    ]
    assert type(net.links()[0]["level"]) is int and type(net.links()[0]["illustrative"]) is bool
    assert net.link_types() == ["shared_premises", "cooperation", "joint_project"]


def test_aliases_used_as_link_ends(write):
    s = "id,name,aliases\nies,IéS,IES|Initiatives pour une Économie Solidaire\nbge,BGE,Boutique de Gestion\n"
    net = read(write, s, "source,target\nIES,Boutique de Gestion\nbge,Initiatives pour une Économie Solidaire\n")
    assert net.structure("ies")["aliases"] == ["IES", "Initiatives pour une Économie Solidaire"]
    assert net.structure("bge")["aliases"] == ["Boutique de Gestion"]
    assert [(l["source"], l["target"]) for l in net.links()] == [("ies", "bge"), ("bge", "ies")]


def test_directed_read(write):
    net = read(write, ABC, "source,target,weight\na,b,1\nb,a,2\nc,a,1\n", directed=True)
    assert net.directed is True
    assert net.has_link("a", "b") and net.has_link("b", "a") and net.has_link("c", "a")
    assert not net.has_link("a", "c")
    g = net.simple_view()
    assert g.number_of_edges == 3  # a->b, b->a and c->a stay three arcs
    und = read(write, ABC, "source,target,weight\na,b,1\nb,a,2\nc,a,1\n")
    assert und.simple_view().number_of_edges == 2  # a-b merges


def test_multi_line_records_do_not_shift_later_records(write):
    s = 'id,name,note\na,"A\nspans\nthree lines",x\nb,B,"two\nlines"\nc,C,y\n'
    net = read(write, s, 'source,target,note\na,b,"n1\nn2"\nb,c,ok\n')
    assert net.structure_ids() == ["a", "b", "c"]
    assert net.structure("a")["name"] == "A\nspans\nthree lines"
    assert [l["note"] for l in net.links()] == ["n1\nn2", "ok"]


# ---- bad input -----------------------------------------------------------------------------
# Each case: (structures text, links text or None, the faulty file, line, column, column name).
# The header is line 1; a record is reported at the physical line where it starts.

S = "structures.csv"
L = "links.csv"

BAD = {
    "missing-id-column": ("name,x\nA,1\n", None, S, 1, 0, ""),
    "missing-source-column": (ABC, "target,weight\nb,1\n", L, 1, 0, ""),
    "missing-target-column": (ABC, "source,weight\na,1\n", L, 1, 0, ""),
    "empty-id": ("id,name\na,A\n,B\n", None, S, 3, 1, "id"),
    "duplicate-id": ("id,name\na,A\nb,B\na,C\n", None, S, 4, 1, "id"),
    # the record 'a' spans lines 2-4, so 'b' starts on line 5 and the empty id on line 6
    "empty-id-after-multiline": ('id,name\na,"multi\nline\nname"\nb,B\n,C\n', None, S, 6, 1, "id"),
    "unknown-target": (ABC, "source,target\na,b\na,zzz\n", L, 3, 2, "target"),
    "unknown-source": (ABC, "source,target\nzzz,a\n", L, 2, 1, "source"),
    "empty-source": (ABC, "source,target\n,a\n", L, 2, 1, "source"),
    "non-numeric-weight": (ABC, "source,target,weight\na,b,heavy\n", L, 2, 3, "weight"),
    "weight-nan": (ABC, "source,target,weight\na,b,nan\n", L, 2, 3, "weight"),
    "weight-NaN": (ABC, "source,target,weight\na,b,NaN\n", L, 2, 3, "weight"),
    "weight-inf": (ABC, "source,target,weight\na,b,inf\n", L, 2, 3, "weight"),
    "weight-minus-inf": (ABC, "source,target,weight\na,b,-inf\n", L, 2, 3, "weight"),
    "weight-overflow": (ABC, "source,target,weight\na,b,1e999\n", L, 2, 3, "weight"),
    "weight-zero": (ABC, "source,target,weight\na,b,0\n", L, 2, 3, "weight"),
    "weight-negative": (ABC, "source,target,weight\na,b,1\nb,c,-1\n", L, 3, 3, "weight"),
    # a decimal comma is accepted with ';' only
    "weight-decimal-comma-with-comma-separator": (ABC, 'source,target,weight\na,b,"2,5"\n', L, 2, 3, "weight"),
    # the record starting on line 3 spans lines 3-4; its weight is at fault: line 3
    "weight-in-multiline-record": (ABC, 'source,target,note,weight\na,b,ok,1\nb,c,"x\ny",0\n', L, 3, 4, "weight"),
    "weight-after-multiline": (ABC, 'source,target,note,weight\na,b,"x\ny\nz",1\nb,c,ok,-2\n', L, 5, 4, "weight"),
    "invalid-utf8-structures": (b"id,name\na,A\nb,Caf\xe9\n", None, S, 3, 2, "name"),
    "invalid-utf8-links": (ABC, b"source,target,note\na,b,d\xe9j\xe0\n", L, 2, 3, "note"),
    "invalid-utf8-header": (b"id,nom_\xe9\n", None, S, 1, 2, ""),
    "too-many-fields": ("id,name\na,A\nb,B,extra\n", None, S, 3, 3, ""),
    "too-few-fields": ("id,name,x\na,A,1\nb,B\n", None, S, 3, 3, "x"),
    "too-few-fields-links": (ABC, "source,target,weight\na\n", L, 2, 2, "target"),
    "unterminated-quote": ('id,name\na,A\nb,"Beta\nc,C\n', None, S, 3, 2, "name"),
    "stray-quote-in-unquoted-field": ('id,name\na,Al"pha\n', None, S, 2, 2, "name"),
    "text-after-closing-quote": ('id,name\na,"Al"pha\n', None, S, 2, 2, "name"),
    "self-loop": (ABC, "source,target\na,b\nc,c\n", L, 3, 2, "target"),
    "bad-start-date": (ABC, "source,target,start\na,b,2013-02-30\n", L, 2, 3, "start"),
    "bad-end-date": (ABC, "source,target,start,end\na,b,2013,05/03/2013\n", L, 2, 4, "end"),
    "end-before-start": (ABC, "source,target,start,end\na,b,2013-03-05,2013-03-04\n", L, 2, 4, "end"),
    "empty-structures-file": ("", None, S, 1, 0, ""),
    "empty-links-file": (ABC, "", L, 1, 0, ""),
    "duplicate-column": ("id,name,id\na,A,b\n", None, S, 1, 3, "id"),
    "empty-column-name": ("id,,x\na,A,1\n", None, S, 1, 2, ""),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_input_raises_csv_error_with_location(write, case):
    structures, links, faulty, line, column, column_name = BAD[case]
    s = write(S, structures)
    l = None if links is None else write(L, links)
    with pytest.raises(cm.CsvError) as ei:
        cm.read_csv(s, l)
    e = ei.value
    assert isinstance(e, ValueError) and isinstance(e, cm.Error)
    path = str(s if faulty == S else l)
    msg = str(e)
    assert e.file == path
    assert (e.line, e.column, e.column_name) == (line, column, column_name)
    assert path in msg
    assert f"line {line}" in msg
    if column:
        assert f"column {column}" in msg
    if column_name:
        assert f"({column_name})" in msg


@pytest.mark.parametrize("text,missing", [("name,x\nA,1\n", "id")])
def test_missing_structures_column_is_named(write, text, missing):
    with pytest.raises(cm.CsvError, match=f"'{missing}'"):
        cm.read_csv(write(S, text))


@pytest.mark.parametrize("header,missing", [("target,weight", "source"), ("source,weight", "target")])
def test_missing_links_column_is_named(write, header, missing):
    with pytest.raises(cm.CsvError, match=f"'{missing}'"):
        cm.read_csv(write(S, ABC), write(L, header + "\na,1\n"))


def test_duplicate_id_message_mentions_first_line(write):
    # line 1 header; 'a' spans lines 2-3 (quoted line break); 'dup' on line 4; 'b' on
    # line 5; 'dup' again on line 6.
    text = 'id,name\na,"two\nlines"\ndup,First\nb,B\ndup,Second\n'
    with pytest.raises(cm.CsvError) as ei:
        cm.read_csv(write(S, text))
    assert ei.value.line == 6
    assert "line 4" in str(ei.value).split(":", 1)[1]  # in the message, after the location


def test_missing_file(tmp_path):
    missing = tmp_path / "nope" / "structures.csv"
    with pytest.raises(cm.CsvError) as ei:
        cm.read_csv(missing)
    assert ei.value.file == str(missing) and ei.value.line == 0
    assert str(missing) in str(ei.value)
    good = tmp_path / "s.csv"
    good.write_text(ABC, encoding="utf-8")
    with pytest.raises(cm.CsvError) as ei:
        cm.read_csv(good, tmp_path / "none.csv")
    assert ei.value.file == str(tmp_path / "none.csv") and ei.value.line == 0


def test_utf8_error_is_found_beyond_the_first_buffer(write):
    # about 2 MB of good rows, then Latin-1 'é' (0xE9): the reader reads in chunks
    rows = "".join(f"s{i},Structure numéro {i}\n" for i in range(60000))
    data = ("id,name\n" + rows).encode() + b"bad,Caf\xe9\n"
    with pytest.raises(cm.CsvError) as ei:
        cm.read_csv(write(S, data))
    assert (ei.value.line, ei.value.column, ei.value.column_name) == (60002, 2, "name")


# ---- round trip ----------------------------------------------------------------------------

TRICKY_STRUCTURES = (
    "id,name,aliases,code,ratio,score,flag,note,empty_str,big\n"
    'ies,"IéS – Initiatives pour une Économie Solidaire",IES|IéS|Initiatives,01234,2.0,3,true,'
    '"He said ""coopérer, c\'est tout""",,9007199254740993\n'
    "coop,Coop'Action,COOP'ACTION|Coop Action,00042,0.1,-2,false,\"multi\nline\nnote\",\"\",0\n"
    '"œuvre","Œuvre & Çà, L’Atelier",,12345,1234.5678,0,TRUE,"  spaced  ",x,-12\n'
    "plain,Plain,,,,,,,,\n"
)
TRICKY_LINKS = (
    "source,target,type,weight,start,end,status,basis,level,share,illustrative,note\n"
    "IES,coop,shared_premises,2.0,2012-08-21,,confirmed,report,1,0.5,true,\"a, b\"\n"
    "coop,œuvre,joint_project,0.1,2011,2013-12,unconfirmed,synthetic,2,0.25,false,\"line\nbreak\"\n"
    "ies,coop,shared_premises,1,,,,,,,,\n"
    'œuvre,Initiatives,"odd, type",3.5,2013-03-05,2013-03-05,confirmed,"q""uote",3,1.0,true,""\n'
)


def _round_trip(net: cm.Network, folder: Path) -> tuple[cm.Network, Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    s, l = folder / "structures.csv", folder / "links.csv"
    net.write_csv(structures=s, links=l)
    return cm.read_csv(s, l, directed=net.directed), s, l


def _assert_same(a: cm.Network, b: cm.Network):
    assert a.directed == b.directed
    assert a.structure_ids() == b.structure_ids()
    assert typed_records(a.structures()) == typed_records(b.structures())
    # links keep their order and orientation through CSV
    assert typed_records(a.links()) == typed_records(b.links())


def test_tricky_fixture_is_read_as_written(write):
    net = read(write, TRICKY_STRUCTURES, TRICKY_LINKS)
    ies = net.structure("ies")
    assert ies["name"] == "IéS – Initiatives pour une Économie Solidaire"
    assert ies["aliases"] == ["IES", "IéS", "Initiatives"]
    assert ies["note"] == "He said \"coopérer, c'est tout\""
    assert ies["code"] == "01234" and ies["ratio"] == 2.0 and type(ies["ratio"]) is float
    assert ies["big"] == 9007199254740993 and type(ies["big"]) is int  # 2**53 + 1: not a double
    assert "empty_str" not in ies
    coop = net.structure("coop")
    assert coop["note"] == "multi\nline\nnote" and coop["empty_str"] == "" and coop["flag"] is False
    assert net.structure("œuvre")["note"] == "  spaced  "  # quoted spaces are kept
    assert net.structure("œuvre")["name"] == "Œuvre & Çà, L’Atelier"
    assert net.structure("plain") == {"name": "Plain"}
    l = net.links()
    assert [(x["source"], x["target"]) for x in l] == [("ies", "coop"), ("coop", "œuvre"), ("ies", "coop"),
                                                      ("œuvre", "ies")]
    assert l[3]["type"] == "odd, type" and l[3]["basis"] == 'q"uote' and l[3]["note"] == ""
    assert l[1]["note"] == "line\nbreak" and l[1]["weight"] == 0.1
    assert type(l[0]["share"]) is float and l[3]["share"] == 1.0
    assert "basis" not in l[2] and l[2]["status"] is None


@pytest.mark.parametrize("directed", [False, True])
def test_round_trip_tricky_fixture(write, tmp_path, directed):
    net = read(write, TRICKY_STRUCTURES, TRICKY_LINKS, directed=directed)
    back, s1, l1 = _round_trip(net, tmp_path / "rt1")
    _assert_same(net, back)
    again, s2, l2 = _round_trip(back, tmp_path / "rt2")
    _assert_same(net, again)
    assert s1.read_bytes() == s2.read_bytes()
    assert l1.read_bytes() == l2.read_bytes()


@pytest.mark.parametrize("name", ["ptce-sicoval-2013", "karate", "florentine"])
def test_round_trip_datasets(tmp_path, name):
    folder = DATASETS / name
    net = cm.read_csv(folder / "structures.csv", folder / "links.csv")
    assert len(net) > 0 and net.number_of_links() > 0
    back, s1, l1 = _round_trip(net, tmp_path / "rt1")
    _assert_same(net, back)
    again, s2, l2 = _round_trip(back, tmp_path / "rt2")
    _assert_same(net, again)
    assert s1.read_bytes() == s2.read_bytes() and l1.read_bytes() == l2.read_bytes()


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_round_trip_other_delimiters(write, tmp_path, delimiter):
    net = read(write, TRICKY_STRUCTURES, TRICKY_LINKS)
    s, l = tmp_path / "s.csv", tmp_path / "l.csv"
    net.write_csv(structures=s, links=l, delimiter=delimiter)
    assert s.read_text(encoding="utf-8").splitlines()[0].startswith(f"id{delimiter}name")
    _assert_same(net, cm.read_csv(s, l))


def test_round_trip_empty_network_and_no_links(tmp_path):
    n = cm.Network()
    n.add_structure("solo", name="Solo", x=1)
    back, _, _ = _round_trip(n, tmp_path)
    _assert_same(n, back)


def test_write_only_one_file(tmp_path):
    n = cm.Network()
    n.add_structure("a")
    n.write_csv(structures=tmp_path / "s.csv")
    assert (tmp_path / "s.csv").is_file() and not (tmp_path / "links.csv").exists()
    assert cm.read_csv(tmp_path / "s.csv").structure_ids() == ["a"]


def test_write_overwrites_existing_file(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("garbage that is much longer than the new content " * 50)
    n = cm.Network()
    n.add_structure("a")
    n.write_csv(structures=p)
    assert cm.read_csv(p).structure_ids() == ["a"]
    assert [x.name for x in tmp_path.iterdir()] == ["s.csv"]  # no temporary file left


# Networks built through the API must also survive write_csv -> read_csv with their types:
# the contract of write_csv says "attribute values and types" are kept.
API_CASES = {
    "str-looking-like-int": [("a", "42"), ("b", "7")],
    "str-looking-like-float": [("a", "2.5"), ("b", "1.0")],
    "str-looking-like-bool": [("a", "true"), ("b", "False")],
    "int-and-str-in-one-column": [("a", 1), ("b", "one")],
    "float-nan-and-inf": [("a", math.inf), ("b", -math.inf)],
}


@pytest.mark.parametrize("case", list(API_CASES), ids=list(API_CASES))
def test_round_trip_api_built_attribute_types(tmp_path, case):
    n = cm.Network()
    for sid, value in API_CASES[case]:
        n.add_structure(sid, x=value)
    n.add_link("a", "b", x=API_CASES[case][0][1])
    back, _, _ = _round_trip(n, tmp_path)
    _assert_same(n, back)


def test_round_trip_mixed_type_columns_follow_the_documented_rule(tmp_path):
    # Types are per column (write_csv docs): ints and floats in one column read back as
    # floats with equal values; booleans mixed with numbers read back as text.
    n = cm.Network()
    n.add_structure("a", x=1, y=True)
    n.add_structure("b", x=2.5, y=0)
    back, _, _ = _round_trip(n, tmp_path)
    a, b = back.structure("a"), back.structure("b")
    assert (a["x"], b["x"]) == (1.0, 2.5) and type(a["x"]) is float
    assert (a["y"], b["y"]) == ("true", "0")


def test_round_trip_nan_attribute(tmp_path):
    n = cm.Network()
    n.add_structure("a", x=math.nan)
    n.add_structure("b", x=1.5)
    back, _, _ = _round_trip(n, tmp_path)
    got = back.structure("a")["x"]
    assert type(got) is float and math.isnan(got)


def test_round_trip_ids_names_types_with_spaces_and_separators(tmp_path):
    n = cm.Network()
    # leading/trailing spaces, separators, quotes and line breaks in ids, names, aliases, types
    n.add_structure(" padded id ", name="  Name, with \"quotes\"\nand a break ", aliases=["x;y", "a,b"])
    n.add_structure("b;c", name="\tTabbed", aliases=["É, ç"])
    n.add_link("x;y", "É, ç", type=" odd type ", status=" maybe ", note=" kept ")
    back, _, _ = _round_trip(n, tmp_path)
    _assert_same(n, back)


def test_round_trip_alias_with_surrounding_spaces(tmp_path):
    # aliases are trimmed on entry (as read_csv trims them around '|'), so the trimmed
    # alias is stored, resolves, and survives the round trip
    n = cm.Network()
    n.add_structure("a", aliases=[" spaced alias "])
    assert n.structure("a")["aliases"] == ["spaced alias"] and n.resolve("spaced alias") == "a"
    back, _, _ = _round_trip(n, tmp_path)
    assert back.structure("a")["aliases"] == ["spaced alias"]
