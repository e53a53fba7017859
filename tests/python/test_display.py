"""Notebook display and to_pandas (python/coopmap/_display.py): every table-like result
loads into pandas as its records and shows an escaped HTML table; a Network shows its
interactive map, one node element per structure."""
from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest

import coopmap as cm
from coopmap import _display


class Balanced(HTMLParser):
    """Counts table rows and checks that every opened element closes."""

    VOID = {"br", "meta", "img", "input", "hr"}

    def __init__(self, text: str) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.rows = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)
        self.rows += tag == "tr"

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def results() -> list[tuple[str, object, list[dict]]]:
    """(name, result, its records) for every table-like result."""
    karate = cm.load_dataset("karate")
    karate.add_structure("<b>x</b>", club="Officer")  # a hostile id must stay text
    karate.add_link("<b>x</b>", "n0")
    part = cm.louvain(karate, seed=0)
    what = cm.what_if(karate, remove=["n0"])
    kp = cm.key_players(karate, k=2, seed=0)
    frag = cm.fragmentation(karate)
    comp = cm.compare_partitions(part, cm.partition_by(karate, "club"))
    out = [
        ("Partition", part, part.records()),
        ("Brokerage", cm.brokerage(karate, "club"), cm.brokerage(karate, "club").records()),
        ("MixingMatrix", cm.mixing_matrix(karate, "club"), cm.mixing_matrix(karate, "club").records()),
        ("EIIndex", cm.ei_index(karate, "club"), cm.ei_index(karate, "club").records()),
        ("ClusterGaps", cm.cluster_gaps(karate, part), cm.cluster_gaps(karate, part).records()),
        ("WhatIf", what, list(what.indicators)),
        ("KeyPlayers", kp, [{"player": p, "objective": kp.objective, "score": kp.score, "baseline": kp.baseline}
                            for p in kp.players]),
        ("Fragmentation", frag, [{"fragmentation": frag.fragmentation, "distance_fragmentation":
                                  frag.distance_fragmentation, "structures": frag.structures,
                                  "components": frag.components}]),
        ("PartitionComparison", comp, [{"nmi": comp.nmi, "ari": comp.ari, "vi": comp.vi, "n": comp.n}]),
    ]
    return out


@pytest.mark.parametrize("name,result,records", results(), ids=[r[0] for r in results()])
def test_table_results_load_into_pandas_and_show_as_html(name, result, records):
    df = result.to_pandas()
    pd.testing.assert_frame_equal(df, pd.DataFrame(records))
    page = result._repr_html_()
    parsed = Balanced(page)
    assert parsed.rows == 1 + min(len(records), _display.HTML_ROWS)  # the head and the rows shown
    assert "<b>x</b>" not in page  # data texts escaped
    assert html.escape(repr(result)) in page
    if len(records) > _display.HTML_ROWS:
        assert f"{_display.HTML_ROWS} of {len(records)} rows" in page


def test_wave_comparison_and_import_report(tmp_path):
    d = cm.dataset_path("ptce-sicoval-2013")
    with cm.Inventory(tmp_path / "t.db") as inv:
        reports = inv.import_folder(d)
        diff = inv.compare("2013", "2014")
    pd.testing.assert_frame_equal(diff.to_pandas(), pd.DataFrame(diff.records()))
    assert Balanced(diff._repr_html_()).rows == 1 + _display.HTML_ROWS
    pd.testing.assert_frame_equal(reports[0].to_pandas(), pd.DataFrame(reports[0].records()))


def test_network_shows_its_interactive_map(monkeypatch):
    net = cm.load_dataset("ptce-sicoval-2013")
    page = net._repr_html_()
    m = re.search(r'<iframe class="coopmap-map" srcdoc="([^"]*)"', page)
    assert m and html.escape(repr(net)) in page
    inner = html.unescape(m.group(1))
    assert inner.startswith("<!DOCTYPE html>") and len(re.findall(r'<circle class="node', inner)) == len(net)
    assert 'src="http' not in inner and "https://" not in inner.split("<svg", 1)[0]  # nothing fetched
    monkeypatch.setattr(_display, "NOTEBOOK_MAP_MAX", 10)  # a bigger network: the summary alone
    assert "<iframe" not in net._repr_html_()
    assert "<iframe" not in cm.Network()._repr_html_()


def test_to_pandas_without_pandas_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        cm.fragmentation(cm.load_dataset("karate")).to_pandas()


def table_results() -> list[tuple[str, object, list[dict]]]:
    """(name, Table, its records written out from the Table's own rows) for the functions
    that return a list of records."""
    karate = cm.load_dataset("karate")
    karate.add_structure("<b>x</b>", club="Officer")
    karate.add_link("<b>x</b>", "n0")
    sug = cm.predict_links(karate, top=5, across="club")
    woven = cm.weave(karate, k=2)
    return [
        ("structural_holes", cm.structural_holes(karate), list(cm.structural_holes(karate))),
        ("vulnerability", cm.vulnerability(karate, "club"), list(cm.vulnerability(karate, "club"))),
        ("predict_links", sug, [{"source": s.source, "target": s.target, "score": s.score, "shared": s.shared}
                                for s in sug]),
        ("brokers", cm.brokers(karate, "club"), list(cm.brokers(karate, "club"))),
        ("weave", woven, [{"source": w.source, "target": w.target, "gain": w.gain, "distance": w.distance,
                           "shared": w.shared, "adamic_adar": w.adamic_adar, "cross_group": w.cross_group,
                           "why": w.why} for w in woven]),
    ]


@pytest.mark.parametrize("name,table,records", table_results(), ids=[r[0] for r in table_results()])
def test_lists_of_records_are_tables(name, table, records):
    assert isinstance(table, cm.Table) and isinstance(table, list)
    assert len(table) == len(records)
    pd.testing.assert_frame_equal(table.to_pandas(), pd.DataFrame(records))
    page = table._repr_html_()
    assert Balanced(page).rows == 1 + min(len(records), _display.HTML_ROWS)
    assert "<b>x</b>" not in page
    assert f"{len(records)} records" in page
