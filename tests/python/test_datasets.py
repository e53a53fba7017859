"""The bundled datasets and the command line (python/coopmap/__init__.py, __main__.py)."""
from __future__ import annotations

import csv
import re
import subprocess

import pytest

import coopmap as cm
from conftest import DATASETS, REPO, venv_python

PTCE = "ptce-sicoval-2013"

# The seminar report (Compte rendu du séminaire de coopération GENIES, 5 March 2013), as
# the report spells the names, with the tenancy of the future shared premises.
REPORT_TENANCY = {
    "permanent": ["IES", "ADEPES", "UREI MP", "MAISON DE L'INITIATIVE", "COOP'ACTION", "ADHAf",
                  "Midi Pyrénées COOP DEV", "UNA", "COORACE"],
    "part-time": ["BGE", "ALTER HABITAT MT"],
    "future-permanent": ["Les FRANCAS"],
    "occasional": ["ARCEC", "DIRE", "ETYMON", "NOVETAT", "CPCA", "PARCOURS CONFIANCE", "INITIATIVE et PEDAGOGIE"],
}
REPORT_OTHERS = ["GENIES", "Sicoval", "Région Midi-Pyrénées", "Mairie de Ramonville", "MES", "Labo de l'ESS",
                 "MIDACT", "TV ESS"]


def find(net: cm.Network, label: str) -> str:
    """The id of the structure the report calls `label`: by id or alias, else by display name."""
    if label in net:
        return net.resolve(label)
    hits = [r["id"] for r in net.structures() if r["name"] == label]
    assert len(hits) == 1, f"no structure named {label!r}"
    return hits[0]


@pytest.fixture(scope="module")
def ptce() -> cm.Network:
    return cm.load_dataset(PTCE)


def test_datasets_listed():
    assert set(cm.datasets()) >= {"ptce-sicoval-2013", "karate", "florentine"}
    assert cm.datasets() == sorted(cm.datasets())
    for name in ("ptce-sicoval-2013", "karate", "florentine"):
        p = cm.dataset_path(name)
        assert (p / "structures.csv").is_file() and (p / "links.csv").is_file()


def test_unknown_dataset_raises_keyerror():
    with pytest.raises(KeyError):
        cm.dataset_path("no-such-dataset")
    with pytest.raises(cm.NotFoundError):
        cm.load_dataset("no-such-dataset")


def test_bundled_copy_matches_the_repository():
    # load_dataset reads the installed copy: it must hold the same data as datasets/
    for name in ("ptce-sicoval-2013", "karate", "florentine"):
        for f in ("structures.csv", "links.csv"):
            assert (cm.dataset_path(name) / f).read_bytes() == (DATASETS / name / f).read_bytes(), (name, f)


def _rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_ptce_counts_match_the_files(ptce):
    structures = _rows(DATASETS / PTCE / "structures.csv")
    links = _rows(DATASETS / PTCE / "links.csv")
    assert ptce.structure_ids() == [r["id"] for r in structures]
    assert ptce.number_of_links() == len(links)
    # 9 + 2 + 1 + 7 tenants and 8 other participants are named; the file may hold more
    assert len(ptce) >= 27


@pytest.mark.parametrize("tenancy,labels", list(REPORT_TENANCY.items()))
def test_ptce_tenants_have_the_report_status(ptce, tenancy, labels):
    ids = [find(ptce, label) for label in labels]
    assert len(set(ids)) == len(labels)  # distinct structures
    for label, sid in zip(labels, ids):
        assert ptce.structure(sid).get("tenancy") == tenancy, label
    # and nobody else has this status: the report's counts are 9, 2, 1 and 7
    assert sorted(r["id"] for r in ptce.structures() if r.get("tenancy") == tenancy) == sorted(ids)


def test_ptce_other_participants_present(ptce):
    ids = [find(ptce, label) for label in REPORT_OTHERS]
    assert len(set(ids)) == len(REPORT_OTHERS)
    tenants = {find(ptce, l) for labels in REPORT_TENANCY.values() for l in labels}
    assert not tenants & set(ids)


def test_ptce_links_are_flagged_illustrative(ptce):
    links = ptce.links()
    assert links
    assert all(l.get("illustrative") is True for l in links)
    # every link type is one of the vocabulary of link_types.csv
    assert set(ptce.link_types()) <= {r["code"] for r in _rows(DATASETS / PTCE / "link_types.csv")}


def test_karate_and_florentine_load():
    k = cm.load_dataset("karate")
    assert len(k) == 34 and k.number_of_links() == 78  # Zachary: 34 members, 78 ties
    f = cm.load_dataset("florentine")
    assert len(f) == 16 and f.number_of_links() == 20  # Padgett: 16 families (Pucci isolated), 20 marriages
    assert cm.load_dataset("karate", directed=True).directed


# ---- the command line ---------------------------------------------------------------------


def test_cli_summary(tmp_path):
    folder = DATASETS / PTCE
    r = subprocess.run([venv_python(), "-m", "coopmap", "summary", str(folder)], cwd=REPO, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    n_rows = len(_rows(folder / "structures.csv"))
    m = re.search(r"structures:\s*(\d+)", r.stdout)
    assert m, r.stdout
    assert int(m.group(1)) == n_rows
    m = re.search(r"links:\s*(\d+)", r.stdout)
    assert m and int(m.group(1)) == len(_rows(folder / "links.csv"))
    assert "illustrative" in r.stdout
    # initiative_pedagogie has no link and was unreached: a non-respondent, not an isolate
    silent = [x["structure"] for x in _rows(folder / "responses.csv") if x["status"] in ("refused", "unreached")]
    assert "initiative_pedagogie" in silent
    assert re.search(r"isolates:\s*0\b", r.stdout), r.stdout
    assert f"non-respondents: {len(silent)} (" in r.stdout and "initiative_pedagogie" in r.stdout


def test_cli_bad_folder(tmp_path):
    r = subprocess.run([venv_python(), "-m", "coopmap", "summary", str(tmp_path / "missing")], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "structures.csv" in r.stderr and "error" in r.stderr.lower()
    assert r.stdout == ""


def test_cli_bad_file_reports_location(tmp_path):
    (tmp_path / "structures.csv").write_text("id,name\na,A\nb,B\n", encoding="utf-8")
    (tmp_path / "links.csv").write_text("source,target,weight\na,b,-1\n", encoding="utf-8")
    r = subprocess.run([venv_python(), "-m", "coopmap", "summary", str(tmp_path)], cwd=REPO, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode != 0
    assert "links.csv" in r.stderr and "line 2" in r.stderr and "weight" in r.stderr


# ---- territory-demo: a synthetic territory surveyed twice ----
DEMO = "territory-demo"


def test_territory_demo_is_reproduced_byte_for_byte(tmp_path):
    # the seeded generator, run in a copy of the folder, writes the same files
    import shutil

    copy = tmp_path / DEMO
    copy.mkdir()
    shutil.copy(DATASETS / DEMO / "generate.py", copy / "generate.py")
    (tmp_path / PTCE).mkdir()  # the link types come from the PTCE dataset
    shutil.copy(DATASETS / PTCE / "link_types.csv", tmp_path / PTCE / "link_types.csv")
    subprocess.run([venv_python(), str(copy / "generate.py")], check=True, capture_output=True)
    for f in sorted((DATASETS / DEMO).iterdir()):
        if f.suffix in (".csv", ".json"):
            assert (copy / f.name).read_bytes() == f.read_bytes(), f.name
    # the installed copy holds the same data
    for f in ("structures.csv", "declarations-2023.csv", "declarations-2024.csv", "responses-2024.csv"):
        assert (cm.dataset_path(DEMO) / f).read_bytes() == (DATASETS / DEMO / f).read_bytes(), f


def test_territory_demo_as_the_issue_describes_it():
    rows = _rows(DATASETS / DEMO / "structures.csv")
    assert 140 <= len(rows) <= 160
    families = {r["legal_family"] for r in rows}
    assert {"association", "scop", "scic", "mutuelle", "foundation", "business", "public-body"} <= families
    assert {r["ess"] for r in rows} == {"true", "false"}
    for r in rows:  # every structure located in the Lauragais box
        assert 43.3 < float(r["latitude"]) < 43.6 and 1.35 < float(r["longitude"]) < 1.78, r["id"]
    types = _rows(DATASETS / DEMO / "link_types.csv")
    assert len(types) == 13
    with _temporary_inventory() as inv:
        reports = inv.import_folder(cm.dataset_path(DEMO))
        assert inv.waves() == ["2023", "2024"]
        # free-text partners outside the inventory stay unresolved, and are reported
        assert all(len(r.unresolved_partners) > 0 for r in reports[1:])
        for wave in ("2023", "2024"):
            counts = inv.response_counts(wave)
            assert counts.refused > 0 and counts.unreached > 0 and counts.complete > 0
        diff = inv.compare("2023", "2024")
        assert diff.new and diff.lost and diff.kept and diff.joined and diff.left
        # some links cross the ESS / classic divide in both waves
        for wave in ("2023", "2024"):
            net = inv.network(wave)
            ess = {r["id"]: r.get("ess") for r in net.structures()}
            assert any(ess[l["source"]] != ess[l["target"]] for l in net.links())
    net = cm.load_dataset(DEMO)  # the latest wave
    assert net.graph_attribute("illustrative") is True and net.number_of_links() > 300


class _temporary_inventory:
    def __enter__(self):
        import tempfile

        self._dir = tempfile.TemporaryDirectory()
        self.inv = cm.Inventory(f"{self._dir.name}/t.db")
        return self.inv

    def __exit__(self, *exc):
        self.inv.close()
        self._dir.cleanup()


def test_import_folder_equals_the_files_one_by_one(tmp_path):
    d = cm.dataset_path(PTCE)
    with cm.Inventory(tmp_path / "a.db") as a, cm.Inventory(tmp_path / "b.db") as b:
        a.import_folder(d)
        b.import_csv(structures=d / "structures.csv", link_types=d / "link_types.csv", affiliations=d / "affiliations.csv")
        b.import_csv(declarations=d / "declarations-2013.csv", wave="2013", responses=d / "responses.csv")
        b.import_csv(declarations=d / "declarations-2014.csv", wave="2014", responses=d / "responses-2014.csv")
        assert a.waves() == b.waves() == ["2013", "2014"]
        for wave in ("2013", "2014"):
            assert a.links(wave) == b.links(wave)
            assert a.response_counts(wave).complete == b.response_counts(wave).complete
    with pytest.raises(ValueError, match="structures.csv"):
        cm.Inventory(tmp_path / "c.db").import_folder(tmp_path)
