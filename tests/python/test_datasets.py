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
