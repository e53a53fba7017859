"""The seminar report (coopmap report / cm.report): content, languages, escaping,
determinism, and a headless-Chromium check of report.html."""
from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import coopmap as cm
from coopmap.i18n import catalog

from conftest import body_attrs, chromium, console_errors, run, save_shot
from conftest import venv_python

PTCE = cm.dataset_path("ptce-sicoval-2013")


class _Text(HTMLParser):
    """Headings, table header cells and the text of a page (outside <svg> and <script>)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.ths: list[str] = []
        self.stack: list[str] = []
        self.svg_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svg_depth += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg_depth -= 1
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if not self.stack or self.svg_depth or not data.strip():
            return
        if self.stack[-1] in ("h1", "h2", "h3"):
            self.headings.append(data.strip())
        elif self.stack[-1] == "th":
            self.ths.append(data.strip())


def parse(path: Path) -> _Text:
    p = _Text()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = {}
    for lang in ("en", "fr"):
        d = tmp_path_factory.mktemp(f"report_{lang}")
        out[lang] = cm.report(PTCE, d, lang=lang, seed=0, progress=False)
    return out


def test_report_files_and_sections(reports):
    path = reports["en"]
    d = path.parent
    for name in ("report.html", "map.svg", "map.html", "bridges.svg", "brokers.csv", "structural_holes.csv",
                 "suggestions.csv", "clusters.csv"):
        assert (d / name).is_file(), name
    en = catalog("en")
    page = parse(path)
    for key in ("h.indicators", "h.map", "h.clusters", "h.brokers", "h.gaps", "h.holes", "h.cut", "h.suggestions",
                "h.method"):
        assert en[key] in page.headings, key
    # one small map per link type used in the data
    with open(PTCE / "links.csv", newline="", encoding="utf-8") as f:
        types = {row["type"] or "cooperation" for row in csv.DictReader(f)}
    # named by the type's code (every bundled code is file-name safe)
    assert {p.name for p in d.glob("map-*.svg")} == {f"map-{code}.svg" for code in types}


def test_report_tables_match_the_reference_measures(reports):
    # The broker table's betweenness equals networkx's normalised betweenness on the
    # digraph of the mixed network (a two-way cooperation is both arcs: networkx's
    # to_directed), and the cut-point flags equal networkx's articulation points of the
    # undirected view.
    import networkx as nx

    net = cm.load_dataset("ptce-sicoval-2013")
    assert net.mixed  # the bundled data holds two-way and directed link types
    D = nx.DiGraph(net.to_networkx())
    bc = nx.betweenness_centrality(D, normalized=True)
    cut = set(nx.articulation_points(D.to_undirected()))
    with open(reports["en"].parent / "brokers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["id"] for r in rows} == set(net.structure_ids())
    for r in rows:
        assert float(r["betweenness"]) == pytest.approx(bc[r["id"]], abs=1e-12)
        assert (r["cut_point"] == "True") == (r["id"] in cut)
    # sorted by betweenness, descending
    values = [float(r["betweenness"]) for r in rows]
    assert values == sorted(values, reverse=True)


def test_every_structure_is_drawn(reports):
    net = cm.load_dataset("ptce-sicoval-2013")
    svg = (reports["en"].parent / "map.svg").read_text(encoding="utf-8")
    assert len(re.findall(r'<circle class="node[ "]', svg)) == len(net)
    # hollow nodes are exactly the structures that did not answer (responses.csv)
    with open(PTCE / "responses.csv", newline="", encoding="utf-8") as f:
        silent = {r["structure"] for r in csv.DictReader(f) if r["status"] not in ("complete", "partial")}
    assert len(re.findall(r'<circle class="node hollow"', svg)) == len(silent)
    page = reports["en"].read_text(encoding="utf-8")
    assert len(re.findall(r'<circle class="node[ "]', page)) >= len(net)  # the whole map is inlined


def test_french_report_has_no_english_heading(reports):
    en, fr = catalog("en"), catalog("fr")
    page = parse(reports["fr"])
    english = {v for k, v in en.items() if v != fr[k]}
    for text in page.headings + page.ths:
        assert text not in english, text
    assert fr["report.title"] in page.headings
    raw = reports["fr"].read_text(encoding="utf-8")
    assert '<html lang="fr">' in raw
    # French number format: decimal comma in the modularity sentence (e.g. "Q = 0,248")
    assert re.search(r"Q = −?\d+,\d{3}", raw)
    # French role names
    for key in ("role.coordinator", "role.gatekeeper", "role.liaison"):
        assert fr[key] in page.ths
    # the maps are in French too
    svg = (reports["fr"].parent / "map.svg").read_text(encoding="utf-8")
    assert fr["map.structures"] in svg and "non confirmé" in svg and "did not respond" not in svg


def test_link_type_labels_follow_the_language(reports):
    with open(PTCE / "link_types.csv", newline="", encoding="utf-8") as f:
        labels = {r["code"]: r for r in csv.DictReader(f)}
    raw = reports["fr"].read_text(encoding="utf-8")
    assert html.escape(labels["shared_premises"]["label_fr"]) in raw
    raw_en = reports["en"].read_text(encoding="utf-8")
    assert html.escape(labels["shared_premises"]["label_en"] or labels["shared_premises"]["label"]) in raw_en


def test_report_is_deterministic(tmp_path):
    a = cm.report(PTCE, tmp_path / "a", seed=3, progress=False).read_bytes()
    b = cm.report(PTCE, tmp_path / "b", seed=3, progress=False).read_bytes()
    assert a == b


def test_hostile_names_are_escaped(tmp_path):
    src = tmp_path / "data"
    src.mkdir()
    evil = '<script>alert(1)</script> & "quotes" ]]> \u202eRTL'
    (src / "structures.csv").write_text(
        "id,name,legal_family\n"
        f'a,"{evil.replace(chr(34), chr(34) * 2)}",association\n'
        "b,B,scop\nc,C,association\nd,D,scop\n",
        encoding="utf-8",
    )
    (src / "links.csv").write_text("source,target,type\na,b,x\nb,c,x\nc,d,y\na,c,y\n", encoding="utf-8")
    path = cm.report(src, tmp_path / "out", progress=False)
    raw = path.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw
    assert html.escape(evil) in raw or html.escape(evil, quote=False) in raw
    page = parse(path)  # parses as HTML with no stray tags
    assert page.headings


def test_command_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "coopmap", "report", str(PTCE), "--out", str(tmp_path), "--lang", "fr",
                        "--quiet"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()) == tmp_path / "report.html"
    bad = subprocess.run([sys.executable, "-m", "coopmap", "report", str(tmp_path / "nowhere")],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "nowhere" in bad.stderr


def test_report_in_chromium(reports, tmp_path):
    path = reports["fr"]
    shot = tmp_path / "report.png"
    r = run(path.as_uri(), f"--screenshot={shot}", "--window-size=1400,4000", tmp=tmp_path)
    assert not console_errors(r.stderr), console_errors(r.stderr)
    save_shot(shot, "report_fr.png")
    dom = run(path.as_uri(), "--dump-dom", tmp=tmp_path)
    assert not console_errors(dom.stderr)
    net = cm.load_dataset("ptce-sicoval-2013")
    # the whole map inlined: one node element per structure in its first <svg>
    first_svg = dom.stdout[dom.stdout.index("<svg"):dom.stdout.index("</svg>")]
    assert len(re.findall(r'class="node[ "]', first_svg)) == len(net)


def test_report_from_an_inventory(tmp_path):
    db = tmp_path / "ptce.db"
    inv = cm.Inventory(str(db))
    inv.import_csv(structures=PTCE / "structures.csv", link_types=PTCE / "link_types.csv",
                   affiliations=PTCE / "affiliations.csv")
    inv.import_csv(declarations=PTCE / "declarations-2013.csv", wave="2013", responses=PTCE / "responses.csv")
    expected_rate = float(inv.response_rate("2013"))
    confirmed = inv.network("2013", view="confirmed")
    inv.close()
    path = cm.report(db, tmp_path / "out", wave="2013", view="confirmed", progress=False)
    raw = path.read_text(encoding="utf-8")
    en = catalog("en")
    assert en["view.inventory"].format(wave="2013", view=en["view.confirmed"]) in html.unescape(raw)
    # the response rate of the wave, as a percentage (responses.csv: 21 of 28 answered -> 75%)
    assert f"{round(100 * expected_rate)}%" in raw
    svg = (path.parent / "map.svg").read_text(encoding="utf-8")
    assert len(re.findall(r'<circle class="node[ "]', svg)) == len(confirmed)
    with pytest.raises(cm.InputError, match="wave"):
        cm.report(db, tmp_path / "out2", progress=False)


def test_inventory_report_and_folder_report_give_the_same_tables(tmp_path):
    """The bundled wave imported into an Inventory and the folder of the same links give
    the same broker, structural-hole and cluster tables, and the same counts: a two-way
    cooperation is one link on both paths (the union view reproduces links.csv:
    test_store.test_ptce_union_reproduces_links_csv)."""
    root = cm.dataset_path("ptce-sicoval-2013")
    inv = cm.Inventory(tmp_path / "ptce.db")
    inv.import_csv(structures=root / "structures.csv", link_types=root / "link_types.csv")
    inv.import_csv(declarations=root / "declarations-2013.csv", wave="2013", responses=root / "responses.csv")
    inv.close()
    folder = cm.report("ptce-sicoval-2013", tmp_path / "folder", progress=False)
    wave = cm.report(tmp_path / "ptce.db", tmp_path / "wave", wave="2013", view="union", progress=False)
    for table in ("brokers.csv", "structural_holes.csv", "clusters.csv", "suggestions.csv"):
        a = (folder.parent / table).read_text(encoding="utf-8")
        b = (wave.parent / table).read_text(encoding="utf-8")
        assert a == b, table
    net = cm.load_dataset("ptce-sicoval-2013")
    wave_net = cm.Inventory(tmp_path / "ptce.db", readonly=True).network("2013")
    assert wave_net.number_of_links() == net.number_of_links() == 85  # not 137 arcs
    assert wave_net.number_of_arcs() == net.number_of_arcs()
    assert sorted(wave_net.neighbors("genies")) == sorted(net.neighbors("genies"))
    # "Links 85" in both pages' indicator tables, and every indicator row the same
    for page in (folder, wave):
        text = page.read_text(encoding="utf-8")
        assert "<td>Links</td><td>85</td>" in text

    def indicators(page):
        table = page.read_text(encoding="utf-8").split("<table", 2)[1]
        return re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table)

    rows = indicators(folder)
    assert len(rows) >= 12 and rows == indicators(wave)


def test_report_refuses_a_misspelt_group(tmp_path):
    with pytest.raises(ValueError, match=r"group 'legal_famly'.*known: legal_family"):
        cm.report("ptce-sicoval-2013", tmp_path / "out", group="legal_famly", progress=False)


def test_illustrative_dataset_says_so_on_the_report_and_every_map(tmp_path):
    # datasets/ptce-sicoval-2013/dataset.json declares {"illustrative": true}
    for lang, words in (("en", "Illustrative data"), ("fr", "Données illustratives")):
        page = cm.report("ptce-sicoval-2013", tmp_path / lang, lang=lang, progress=False)
        head = page.read_text(encoding="utf-8").split("<h2>")[0]  # the first screen, before any section
        assert words in head
        for svg in page.parent.glob("*.svg"):
            assert words in svg.read_text(encoding="utf-8"), svg.name


def test_folder_responses_follow_the_inventory_rules(tmp_path):
    """A folder's responses.csv is read by the Inventory's rules: a bad status is an error
    naming the file, line and column, never a traceback or a silent default."""
    root = cm.dataset_path("ptce-sicoval-2013")
    folder = tmp_path / "data"
    folder.mkdir()
    for f in ("structures.csv", "links.csv", "link_types.csv"):
        (folder / f).write_bytes((root / f).read_bytes())
    (folder / "responses.csv").write_text("structure,status\nies,complete\nbge,answered\n", encoding="utf-8")
    with pytest.raises(cm.CsvError, match=r"responses.csv, line 3, column 2 \(status\): .*got 'answered'"):
        cm.report(folder, tmp_path / "out", progress=False)
    (folder / "responses.csv").write_bytes("structure,status\nies,complète\n".encode("latin-1"))
    with pytest.raises(cm.CsvError, match=r"responses.csv, line 2, column 2 \(status\): invalid UTF-8"):
        cm.report(folder, tmp_path / "out", progress=False)
    (folder / "responses.csv").write_text("structure,status\nIES,partial\n", encoding="utf-8")  # an alias
    net = cm._folder.read_folder(folder)[0]
    assert net.structure("ies")["response"] == "partial" and "response" not in net.structure("bge")


def test_maps_drawn_by_users_of_an_illustrative_dataset_say_so(tmp_path):
    # load_dataset reads dataset.json ({"illustrative": true}) into the graph attributes;
    # draw puts the notice at the head of the subtitle, in the map's language
    net = cm.load_dataset("ptce-sicoval-2013")
    assert net.graph_attribute("illustrative") is True and net.graph_attributes()["name"] == "PTCE Sicoval 2013"
    for lang, words in (("en", "Illustrative data"), ("fr", "Données illustratives")):
        assert words in cm.draw(net, None, lang=lang)
        assert words in cm.draw(net, None, lang=lang, subtitle="my seminar")
    # kept by filters and subnetworks, written to networkx's G.graph
    part = net.filter_structures(tenancy="permanent")
    assert part.graph_attribute("illustrative") is True
    assert net.to_networkx().graph["illustrative"] is True
    # a network of survey data says nothing
    net.set_graph_attribute("illustrative", None)
    assert net.graph_attribute("illustrative", "absent") == "absent"
    assert "Illustrative" not in cm.draw(net, None)
    with pytest.raises(ValueError):
        net.set_graph_attribute("", 1)
    with pytest.raises(ValueError, match="must be a str"):
        net.set_graph_attribute(3, 1)


# ---- the output folder: swapped in whole, never mixed, never another folder ------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the cards/ subfolder too), by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_report_replaces_its_folder_as_a_whole(tmp_path):
    out = tmp_path / "out"
    cm.report("ptce-sicoval-2013", out, progress=False)
    (out / "map-old_type.svg").write_text("<svg/>", encoding="utf-8")  # a file of an earlier run
    page = cm.report("ptce-sicoval-2013", out, lang="fr", progress=False)
    assert page == out / "report.html" and "Données illustratives" in page.read_text(encoding="utf-8")
    assert not (out / "map-old_type.svg").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folder left beside it


def test_report_refuses_to_replace_a_folder_that_is_not_a_report(tmp_path, monkeypatch):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(ValueError, match="holds files and no report.html"):
        cm.report("ptce-sicoval-2013", notes, progress=False)
    assert _snapshot(notes) == {"thesis.docx": b"precious"}
    monkeypatch.chdir(notes)
    with pytest.raises(ValueError, match="current folder"):
        cm.report("ptce-sicoval-2013", ".", progress=False)
    with pytest.raises(ValueError, match="NUL|null"):
        cm.report("ptce-sicoval-2013", tmp_path / "a\0b", progress=False)
    assert _snapshot(notes) == {"thesis.docx": b"precious"}


def test_report_killed_at_any_moment_leaves_the_old_or_the_new_folder(tmp_path):
    # The old folder is the English report, the new one the French report (both complete,
    # made first in folders of their own). A French run into the old folder is killed
    # (SIGKILL) after 12 delays spread over its run time: each time the folder is exactly
    # one of the two, never a mix.
    import random
    import shutil
    import signal
    import subprocess
    import time

    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    cm.report("ptce-sicoval-2013", old_dir, lang="en", progress=False)
    cm.report("ptce-sicoval-2013", new_dir, lang="fr", progress=False)
    old, new = _snapshot(old_dir), _snapshot(new_dir)
    assert old != new
    out = tmp_path / "seminar" / "out"
    code = ("import coopmap as cm, sys; cm.report('ptce-sicoval-2013', sys.argv[1], lang='fr', progress=False)")
    # The delays are spread over the measured time of one whole run in a child process
    # (start-up included), so some kills land before the swap and some after, on a fast
    # machine as on a slow one.
    scratch = tmp_path / "timed" / "out"
    start = time.monotonic()
    subprocess.run([venv_python(), "-c", code, str(scratch)], check=True)
    whole = time.monotonic() - start
    rng = random.Random(7)
    outcomes = set()
    for i in range(12):
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(old_dir, out)
        proc = subprocess.Popen([venv_python(), "-c", code, str(out)])
        time.sleep(whole * (i + rng.random()) / 11)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _snapshot(out)
        assert state in (old, new), sorted(state)
        outcomes.add("new" if state == new else "old")
    # the next run removes the temporary folders of the killed runs
    cm.report("ptce-sicoval-2013", out, lang="fr", progress=False)
    assert _snapshot(out) == new
    assert [p.name for p in out.parent.iterdir()] == ["out"]
    assert "old" in outcomes  # the first kills land during start-up, long before the swap


def test_report_tables_are_safe_to_open_in_a_spreadsheet(tmp_path):
    # OWASP CSV injection: a text cell starting with = + - @ is prefixed with an apostrophe
    # in the report's tables; write_csv keeps the data verbatim.
    src = tmp_path / "data"
    src.mkdir()
    (src / "structures.csv").write_text(
        'id,name,legal_family\na,"=HYPERLINK(""http://evil"",""x"")",association\nb,+Beta,scop\nc,-Gamma,scop\n'
        "d,@Delta,association\n", encoding="utf-8")
    (src / "links.csv").write_text("source,target,type\na,b,jp\nb,c,jp\nc,d,jp\n", encoding="utf-8")
    page = cm.report(src, tmp_path / "out", progress=False)
    import csv as _csv

    with open(page.parent / "brokers.csv", encoding="utf-8") as f:
        rows = list(_csv.DictReader(f))
    names = {r["id"]: r["name"] for r in rows}
    assert names == {"a": "'=HYPERLINK(\"http://evil\",\"x\")", "b": "'+Beta", "c": "'-Gamma", "d": "'@Delta"}
    for r in rows:  # numbers stay numbers (a negative z-score is not text)
        float(r["betweenness"])
    net = cm.read_csv(structures=src / "structures.csv", links=src / "links.csv")
    net.write_csv(structures=tmp_path / "back_s.csv", links=tmp_path / "back_l.csv")
    assert "=HYPERLINK" in (tmp_path / "back_s.csv").read_text(encoding="utf-8").splitlines()[1].split(",", 1)[1]


def test_report_what_if_section(tmp_path):
    # on by default at PTCE size: the key players of cm.key_players (same seed), the
    # costliest departure of cm.vulnerability, the first cooperation of cm.weave with its reason
    page = cm.report("ptce-sicoval-2013", tmp_path / "on", progress=False, seed=2).read_text(encoding="utf-8")
    net = cm.load_dataset("ptce-sicoval-2013")
    names = {r["id"]: r["name"] for r in net.structures()}
    assert "<h2>What if?</h2>" in page
    kp = cm.key_players(net, k=3, objective="fragmentation", seed=2, restarts=3)
    assert all(html.escape(names[p]) in page for p in kp.players)
    worst = max(cm.vulnerability(net, "legal_family", missing="–"), key=lambda r: (r["increase"], r["distance_increase"]))
    assert html.escape(names[worst["id"]]) in page
    first = cm.weave(net, k=1, objective="cross_group", group="legal_family", missing="–")[0]
    assert html.escape(first.why, quote=True) in page
    assert "Borgatti (2006)" in page  # the method says where the measures come from
    page = cm.report("ptce-sicoval-2013", tmp_path / "off", progress=False, scenarios=False).read_text(
        encoding="utf-8"
    )
    assert "What if?" not in page and "Borgatti" not in page


def test_report_writes_a_card_per_structure_and_links_them(tmp_path):
    net = cm.load_dataset("ptce-sicoval-2013")
    page = cm.report("ptce-sicoval-2013", tmp_path / "out", lang="fr", progress=False)
    text = page.read_text(encoding="utf-8")
    assert '<a href="cards/index.html">' in text
    cards = tmp_path / "out" / "cards"
    written = {p.name for p in cards.iterdir()}
    assert written == {f"{i}.html" for i in net.structure_ids()} | {"index.html", "print.html"}
    index = (cards / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{i}.html"' in index for i in net.structure_ids())
    # left out on request, and the report says so
    page = cm.report("ptce-sicoval-2013", tmp_path / "plain", lang="en", progress=False, cards=False)
    assert not (tmp_path / "plain" / "cards").exists()
    assert "structure cards are written for networks of up to 1,000 structures" in page.read_text(encoding="utf-8")
