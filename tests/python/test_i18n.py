"""Languages: the catalogues, number and date formats, and the French report."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import coopmap as cm
from coopmap.i18n import LANGUAGES, Translator, catalog

LOCALES = Path(cm.__file__).resolve().parent / "locales"


def test_every_key_exists_in_every_language():
    keys = {lang: set(json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8"))) for lang in LANGUAGES}
    assert keys["en"] == keys["fr"], keys["en"] ^ keys["fr"]
    assert len(keys["en"]) > 50


def test_placeholders_match_between_languages():
    en, fr = catalog("en"), catalog("fr")
    for key in en:
        assert set(re.findall(r"\{(\w+)\}", en[key])) == set(re.findall(r"\{(\w+)\}", fr[key])), key


def test_french_texts_are_not_english():
    # A French text equal to its English one is allowed only for words spelled the same
    # in both languages (listed here by hand).
    same_in_both = {"Structure", "Structures", "structures", "Total", "Score", "union", "association", "commune",
                    "SCOP", "SCIC"}
    en, fr = catalog("en"), catalog("fr")
    for key in en:
        if en[key] == fr[key]:
            assert en[key] in same_in_both, key


def test_unknown_language():
    with pytest.raises(ValueError, match="unsupported language"):
        Translator("de")


@pytest.mark.parametrize(
    "lang,value,digits,expected",
    [
        # French: decimal comma, narrow no-break space (U+202F) between thousands
        ("fr", 1234.5, 1, "1\u202f234,5"),
        ("en", 1234.5, 1, "1,234.5"),
        ("fr", 0.125, 3, "0,125"),
        ("fr", 1234567, 2, "1\u202f234\u202f567"),  # an int gets no decimals
        ("en", -0.5, 2, "−0.50"),  # typographic minus
        ("fr", float("nan"), 2, "–"),
    ],
)
def test_numbers(lang, value, digits, expected):
    assert Translator(lang).number(value, digits) == expected


def test_percent():
    assert Translator("fr").percent(0.75) == "75\u00a0%"
    assert Translator("en").percent(0.75) == "75%"


@pytest.mark.parametrize(
    "lang,iso,expected",
    [
        ("fr", "2013-03-12", "12 mars 2013"),
        ("fr", "2013-03-01", "1er mars 2013"),
        ("fr", "2013-08", "août 2013"),
        ("en", "2013-03-12", "12 March 2013"),
        ("en", "2013", "2013"),
    ],
)
def test_dates(lang, iso, expected):
    assert Translator(lang).date(iso) == expected


def test_link_type_labels_fall_back_to_the_code():
    labels = {"shared_premises": {"label": "Shared premises", "label_fr": "Locaux partagés", "label_en": ""}}
    assert Translator("fr", labels).link_type("shared_premises") == "Locaux partagés"
    assert Translator("en", labels).link_type("shared_premises") == "Shared premises"
    assert Translator("fr", labels).link_type("unknown_type") == "unknown_type"


ACCENTED = "Économie solidaire – crèche, garçon, œuvre, l’ESS d'Occitanie"


def test_accented_names_survive_every_output(tmp_path):
    import networkx as nx

    net = cm.Network()
    net.add_structure("a", name=ACCENTED, legal_family="association")
    net.add_structure("b", name="Bâtiment Coop’Action", legal_family="scop")
    net.add_link("a", "b", type="savoir-faire", weight=2.0)
    # SVG and HTML maps (UTF-8 text, no entity mangling of non-ASCII letters)
    for ext in ("svg", "html"):
        path = tmp_path / f"map.{ext}"
        cm.draw(net, path, lang="fr", seed=0)
        text = path.read_text(encoding="utf-8")
        assert "Économie solidaire" in text and "œuvre" in text and "Coop’Action" in text
    # GEXF, GraphML and JSON read back by networkx with the same names
    cm.write_gexf(net, tmp_path / "n.gexf")
    cm.write_graphml(net, tmp_path / "n.graphml")
    cm.write_json(net, tmp_path / "n.json")
    names = {
        "gexf": nx.read_gexf(tmp_path / "n.gexf"),
        "graphml": nx.read_graphml(tmp_path / "n.graphml"),
        "json": nx.node_link_graph(json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))),
    }
    for fmt, G in names.items():
        found = {str(d.get("name", d.get("label", ""))) for _, d in G.nodes(data=True)}
        assert ACCENTED in found, (fmt, found)


def test_french_report_shows_french_dates(tmp_path):
    src = tmp_path / "data"
    src.mkdir()
    (src / "structures.csv").write_text("id,name,legal_family\na,A,association\nb,B,scop\nc,C,scop\n", encoding="utf-8")
    (src / "links.csv").write_text("source,target,start\na,b,2013-03-12\nb,c,2011-01-01\n", encoding="utf-8")
    page = cm.report(src, tmp_path / "out", lang="fr", progress=False).read_text(encoding="utf-8")
    # the earliest and latest start dates, in words: "1er janvier 2011" and "12 mars 2013"
    assert "entre 1er janvier 2011 et 12 mars 2013" in page
