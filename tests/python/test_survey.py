"""The roster questionnaire (cm.survey) driven in headless Chromium through Selenium and
chromedriver (Debian's chromium and chromium-driver, installed by scripts/setup.sh),
and the answers files read back by Inventory.collect.

Expected values are derived by hand in the comments from the answers the test gives in
the browser and the definitions of DESIGN.md (confirmed: both sides declared the link;
unconfirmed: the partner answered without naming it; reconstructed: union minus the
links the partner contradicted).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

import coopmap as cm
from conftest import SHOTS, chromium, venv_python

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium comes with requirements-dev.txt")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

HOSTILE = "</script><script>alert(1)</script>"

STRUCTURES = f"""id,name,aliases,short_name,legal_family,commune
genies,Les Génies du lieu,Génies,GDL,association,Ramonville
cabestan,Cabestan,,,cooperative,Labège
atelier,Atelier Bois,Menuiserie Atelier,,company,Odars
ferme,Ferme du Sicoval,La Ferme,,association,Belberaud
evil,"{HOSTILE}",,,company,Escalquens
"""
LINK_TYPES = """code,label,label_fr,label_en,directed,description,out_en,in_en,out_fr,in_fr
joint_project,Joint project,Projet commun,Joint project,false,A project run together.,,,,
subcontracting,Subcontracting,Sous-traitance,Subcontracting,true,One structure subcontracts work to the other.,\
We subcontract work to them,They subcontract work to us,Nous leur sous-traitons des travaux,Ils nous sous-traitent des travaux
"""


def chromedriver() -> str:
    path = shutil.which("chromedriver")
    if not path:
        pytest.fail("chromedriver is not installed (scripts/setup.sh installs Debian's 'chromium-driver')")
    return path


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    (tmp_path / "structures.csv").write_text(STRUCTURES, encoding="utf-8")
    (tmp_path / "link_types.csv").write_text(LINK_TYPES, encoding="utf-8")
    db = tmp_path / "territory.db"
    with cm.Inventory(str(db)) as inv:
        inv.import_csv(structures=tmp_path / "structures.csv", link_types=tmp_path / "link_types.csv")
    return db


class Browser:
    """One headless Chromium session (its own profile, so its own localStorage)."""

    def __init__(self, downloads: Path, *, width: int = 1280, height: int = 900) -> None:
        from selenium.webdriver.chrome.service import Service

        downloads.mkdir(parents=True, exist_ok=True)
        self.downloads = downloads
        opts = webdriver.ChromeOptions()
        opts.binary_location = chromium()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=en-US"):
            opts.add_argument(arg)
        opts.add_argument(f"--window-size={width},{height}")
        opts.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.d = webdriver.Chrome(service=Service(chromedriver()), options=opts)
        self.d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})

    def open(self, page: Path) -> None:
        self.d.get(page.resolve().as_uri())
        self.wait(lambda: self.d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")

    def wait(self, cond: Any, timeout: float = 10.0) -> Any:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = cond()
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError("timed out waiting in the questionnaire")

    def css(self, selector: str, within: Any = None) -> Any:
        return (within or self.d).find_element(By.CSS_SELECTOR, selector)

    def all(self, selector: str, within: Any = None) -> list[Any]:
        return (within or self.d).find_elements(By.CSS_SELECTOR, selector)

    def type_into(self, selector: str, text: str) -> None:
        box = self.css(selector)
        box.clear()
        box.send_keys(text)

    def next(self) -> None:
        self.all(".buttons button:not(.secondary)")[-1].click()

    def heading(self) -> str:
        return str(self.css("section h2").text)

    def unlabelled(self) -> list[str]:
        """Controls of the current page without a label (a <label for>, or aria-label)."""
        return list(
            self.d.execute_script(
                "return Array.from(document.querySelectorAll('input, select, button')).filter(function (e) {"
                " if (e.tagName === 'BUTTON') return !(e.textContent.trim() || e.getAttribute('aria-label'));"
                " return !((e.labels && e.labels.length) || e.getAttribute('aria-label')); })"
                ".map(function (e) { return e.outerHTML.slice(0, 80); });"
            )
        )

    def errors(self) -> list[str]:
        return [e["message"] for e in self.d.get_log("browser") if e["level"] == "SEVERE"]

    def saved(self, name: str) -> Path:
        path = self.downloads / name
        self.wait(lambda: path.is_file() and not list(self.downloads.glob("*.crdownload")) and path.stat().st_size)
        return path

    def shot(self, name: str) -> None:
        """The whole page (beyond the viewport) into build/screenshots, to be looked at."""
        size = self.d.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 6000), "scale": 1}
        data = self.d.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip})
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / name).write_bytes(base64.b64decode(data["data"]))

    def quit(self) -> None:
        self.d.quit()


@pytest.fixture
def browser(tmp_path: Path) -> Any:
    opened: list[Browser] = []

    def make(**kw: Any) -> Browser:
        b = Browser(tmp_path / f"downloads{len(opened)}", **kw)
        opened.append(b)
        return b

    yield make
    for b in opened:
        b.quit()


def pick_partner(b: Browser, query: str, sid: str) -> None:
    b.type_into("#partner-search", query)
    box = b.css(f'#partner-results input[data-id="{sid}"]')
    assert not box.is_selected()
    b.css(f'label[for="{box.get_attribute("id")}"]').click()  # the label toggles the box, as a user clicks it
    assert box.is_selected()


def add_other(b: Browser, text: str, *, enter: bool = False) -> None:
    b.type_into("#other-name", text)
    if enter:
        b.css("#other-name").send_keys(Keys.ENTER)
    else:
        b.css("#other-add").click()


def qualify(
    b: Browser, partner: str, kind: str, *, direction: str | None = None, intensity: str = "", start: str = ""
) -> None:
    fs = b.css(f'fieldset[data-partner="{partner}"]')
    box = b.css(f'input[data-type="{kind}"]', fs)
    box.click()
    row = box.find_element(By.XPATH, "ancestor::div[@class='type']")
    if direction is not None:
        radio = b.css(f'fieldset[data-field="direction"] input[value="{direction}"]', row)
        b.css(f'label[for="{radio.get_attribute("id")}"]', row).click()
        assert radio.is_selected()
    if intensity:
        Select(b.css('select[data-field="intensity"]', row)).select_by_value(intensity)
    if start:
        # A date input's typed format follows the browser's locale; the value is set as the
        # date picker sets it (ISO) and the change event fired as it fires it.
        b.d.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
            b.css('input[data-field="start"]', row),
            start,
        )


def summary_rows(b: Browser) -> list[list[str]]:
    return [[td.text for td in b.all("td", tr)] for tr in b.all("#summary tbody tr")]


# The texts a respondent reads, per language (the catalogues' words and the vocabulary's
# phrases written in LINK_TYPES above).
WORDS = {
    "en": {"next": "Next", "out": "We subcontract work to them", "in": "They subcontract work to us", "joint": "Joint project"},
    "fr": {
        "next": "Suivant",
        "out": "Nous leur sous-traitons des travaux",
        "in": "Ils nous sous-traitent des travaux",
        "joint": "Projet commun",
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_two_respondents_answer_in_the_browser_and_collect_imports_what_they_said(
    lang: str, inventory: Path, tmp_path: Path, browser: Any
) -> None:
    out = tmp_path / "survey"
    written = cm.survey(str(inventory), out, wave="2015", lang=lang, per_structure=True, contact="ptce@example.org")
    assert written[0] == out / "questionnaire.html"
    assert sorted(p.name for p in written[1:]) == ["atelier.html", "cabestan.html", "evil.html", "ferme.html", "genies.html"]
    page = (out / "questionnaire.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    assert "src=" not in page and "href=" not in page and "@import" not in page  # self-contained, no resource

    # ---- respondent 1: Les Génies du lieu, on the common page, saves JSON ----------------
    b = browser()
    b.open(out / "questionnaire.html")
    assert b.unlabelled() == []
    b.type_into("#who-search", "gdl")  # the acronym, in lower case
    picks = b.all("#who-results button.pick")
    assert [p.get_attribute("data-id") for p in picks] == ["genies"]
    picks[0].click()
    assert b.wait(lambda: b.all("#partner-search"))
    assert b.all("#partner-results input")  # the roster, without the respondent
    assert not b.all('#partner-results input[data-id="genies"]')
    pick_partner(b, "cabe", "cabestan")
    pick_partner(b, "menuiserie", "atelier")  # found through its alias
    add_other(b, "La Ferme")  # typed, but an alias of ferme: the page takes ferme from the roster
    add_other(b, "Garage Martin", enter=True)  # free text nobody knows: reported as unresolved
    chosen = [e.text for e in b.all("#chosen .chosen-list .name")]
    assert chosen == ["Cabestan", "Atelier Bois", "Ferme du Sicoval", "Garage Martin"]
    assert b.unlabelled() == []
    b.next()
    assert b.wait(lambda: b.all("fieldset.partner"))
    # the directed type offers the direction in plain words, in the page's language
    fs = b.css('fieldset[data-partner="atelier"]')
    b.css('input[data-type="subcontracting"]', fs).click()
    options = [e.text for e in b.all('fieldset[data-field="direction"] label', fs)]
    assert options[:2] == [WORDS[lang]["out"], WORDS[lang]["in"]]
    b.css('input[data-type="subcontracting"]', fs).click()  # unticked again: qualify() ticks it
    b.next()  # nothing qualified yet: refused, focus on the first partner's first type
    assert b.heading() in ("Links", "Liens") or b.all("fieldset.partner")
    assert b.css("#status").text  # says which partner needs a type
    qualify(b, "cabestan", "joint_project", intensity="3", start="2014-09-01")
    qualify(b, "atelier", "subcontracting", direction="out", intensity="2")
    qualify(b, "ferme", "joint_project")
    qualify(b, "Garage Martin", "joint_project", intensity="1")
    assert b.unlabelled() == []
    b.next()
    assert b.wait(lambda: b.all("#summary"))
    rows = summary_rows(b)
    assert [r[0] for r in rows] == ["Cabestan", "Atelier Bois", "Ferme du Sicoval", "Garage Martin"]
    assert rows[1][2] == WORDS[lang]["out"] and rows[0][1] == WORDS[lang]["joint"]
    assert rows[0][4] == "2014-09-01" and rows[2][3] == "–"
    b.shot(f"survey-summary-{lang}.png")
    b.css("#save-json").click()
    first = b.saved("answers-2015-genies.json")
    assert b.errors() == []

    # ---- respondent 2: Cabestan, on its own page, partial list, saves CSV ---------------
    b2 = browser()
    b2.open(out / "structures" / "cabestan.html")
    assert b2.all("#partner-search")  # the respondent is fixed: straight to the partners
    assert "Cabestan" in b2.css("#respondent").text
    pick_partner(b2, "génies", "genies")  # by alias, accents typed
    b2.next()
    assert b2.wait(lambda: b2.all("fieldset.partner"))
    qualify(b2, "genies", "joint_project", intensity="3")
    qualify(b2, "genies", "subcontracting", direction="in")  # they (Génies) subcontract to us
    b2.next()
    assert b2.wait(lambda: b2.all("#summary"))
    assert [r[2] for r in summary_rows(b2)] == [
        {"en": "Two-way", "fr": "Réciproque"}[lang],
        WORDS[lang]["in"],
    ]
    b2.css("label[for='status-partial']").click()
    b2.css("#save-csv").click()
    second = b2.saved("answers-2015-cabestan.csv")
    assert b2.errors() == []

    # ---- the files as saved ------------------------------------------------------------
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["respondent"] == "genies" and doc["wave"] == "2015" and doc["status"] == "complete"
    assert [(d["partner"], d["listed"], d["type"], d["direction"], d["intensity"], d["start"]) for d in doc["declarations"]] == [
        ("cabestan", True, "joint_project", "", 3, "2014-09-01"),
        ("atelier", True, "subcontracting", "out", 2, ""),
        ("ferme", True, "joint_project", "", None, ""),
        ("Garage Martin", False, "joint_project", "", 1, ""),
    ]
    # the checksum, recomputed from the format's definition (not from coopmap's code)
    canon = json.dumps(
        [
            doc["format"],
            doc["wave"],
            doc["respondent"],
            doc["status"],
            doc["saved"],
            [
                [d["partner"], "1" if d["listed"] else "0", d["type"], d["direction"],
                 "" if d["intensity"] is None else str(d["intensity"]), d["start"], d["comment"]]
                for d in doc["declarations"]
            ],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert doc["checksum"] == "sha256:" + hashlib.sha256(canon.encode("utf-8")).hexdigest()
    csv_answers = cm.read_answers(second)
    assert csv_answers.respondent == "cabestan" and csv_answers.status == "partial"
    assert [(d.partner, d.type, d.direction) for d in csv_answers.declarations] == [
        ("genies", "joint_project", ""),
        ("genies", "subcontracting", "in"),
    ]

    # ---- collect, with the refusal and the unreached --------------------------------------
    responses = tmp_path / "responses.csv"
    responses.write_text("structure,status\natelier,refused\nferme,unreached\n", encoding="utf-8")
    with cm.Inventory(str(inventory)) as inv:
        report = inv.collect("2015", [first, second], responses=responses)
        assert report.wave == "2015"
        # 2 files: 4 + 2 declarations, one of them (Garage Martin) unresolved
        assert [(u["partner"], u["declarer"], u["file"], u["line"]) for u in report.unresolved_partners] == [
            ("Garage Martin", "genies", str(first), 4)
        ]
        links = {(r["source"], r["target"], r["type"]): r for r in inv.links("2015", "union")}
        # Hand derivation of the union view:
        #  genies–cabestan joint_project: declared by both sides            -> confirmed
        #  genies->atelier subcontracting: genies "out"; atelier refused      -> partner did not respond
        #  genies–ferme joint_project: "La Ferme" typed = ferme's alias; unreached -> partner did not respond
        #  genies->cabestan subcontracting: cabestan "in"; genies answered (complete) without it -> unconfirmed
        #  "Garage Martin": unresolved, no link
        def key(a: str, b_: str, kind: str) -> tuple[str, str, str]:
            return (a, b_, kind) if (a, b_, kind) in links else (b_, a, kind)

        assert len(links) == 4
        assert links[key("genies", "cabestan", "joint_project")]["status"] == "confirmed"
        assert links[key("genies", "cabestan", "joint_project")]["weight"] == 3.0  # both said 3
        assert links[key("genies", "cabestan", "joint_project")]["start"] == "2014-09-01"
        assert links[("genies", "atelier", "subcontracting")]["status"] == "partner_did_not_respond"
        assert links[("genies", "atelier", "subcontracting")]["weight"] == 2.0
        assert links[key("genies", "ferme", "joint_project")]["status"] == "partner_did_not_respond"
        assert links[("genies", "cabestan", "subcontracting")]["status"] == "unconfirmed"
        assert links[("genies", "cabestan", "subcontracting")]["declared_by"] == ["cabestan"]
        # confirmed view: the one link both sides declared
        assert [(r["type"], sorted((r["source"], r["target"]))) for r in inv.links("2015", "confirmed")] == [
            ("joint_project", ["cabestan", "genies"])
        ]
        # reconstructed: union minus the link genies contradicted (the subcontracting cabestan declared)
        rec = {(r["source"], r["target"], r["type"]) for r in inv.links("2015", "reconstructed")}
        assert rec == set(links) - {("genies", "cabestan", "subcontracting")}
        # statuses: genies complete, cabestan partial, atelier refused, ferme unreached; evil not surveyed
        counts = inv.response_counts("2015")
        assert (counts.complete, counts.partial, counts.refused, counts.unreached) == (1, 1, 1, 1)
        assert inv.response_rate("2015") == pytest.approx(2 / 4)
        # confirmation rate: confirmed / (confirmed + unconfirmed) among links whose partner answered = 1/2
        assert inv.confirmation_rate("2015") == pytest.approx(1 / 2)
        # idempotent: the same files again change nothing
        again = inv.collect("2015", [first, second], responses=responses)
        assert again.added == 0 and again.updated == 0
        assert {(r["source"], r["target"], r["type"]): r for r in inv.links("2015", "union")} == links


def test_answers_are_kept_in_the_browser_and_restored_after_a_reload(inventory: Path, tmp_path: Path, browser: Any) -> None:
    out = tmp_path / "survey"
    cm.survey(inventory, out, wave="2015", per_structure=True)
    b = browser()
    b.open(out / "structures" / "genies.html")
    pick_partner(b, "cabestan", "cabestan")
    add_other(b, "Garage Martin")
    b.next()
    assert b.wait(lambda: b.all("fieldset.partner"))
    qualify(b, "cabestan", "joint_project", intensity="4")
    b.d.refresh()  # the respondent closes the page and comes back
    b.wait(lambda: b.css("body").get_attribute("data-ready") == "1")
    assert b.wait(lambda: b.all("fieldset.partner"))  # back on the same step (times out otherwise)
    fs = b.css('fieldset[data-partner="cabestan"]')
    assert b.css('input[data-type="joint_project"]', fs).is_selected()
    assert Select(b.css('select[data-field="intensity"]', fs)).first_selected_option.get_attribute("value") == "4"
    assert b.css('fieldset[data-partner="Garage Martin"]')
    note = b.css("p.note")
    assert "Start again" in note.text
    # "Start again" after confirming: nothing is left
    note.find_element(By.TAG_NAME, "button").click()
    b.d.switch_to.alert.accept()
    assert b.wait(lambda: b.all("#partner-search"))
    assert b.all("#chosen .chosen-list li") == []
    b.d.refresh()
    b.wait(lambda: b.css("body").get_attribute("data-ready") == "1")
    assert b.all("p.note") == [] and b.all("#chosen .chosen-list li") == []


def test_the_questionnaire_works_with_the_keyboard_alone(inventory: Path, tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    out = tmp_path / "survey"
    cm.survey(inventory, out, wave="2015")
    b = browser()
    b.open(out / "questionnaire.html")
    keys = ActionChains(b.d)

    def press(*k: str) -> None:
        for key in k:
            keys.send_keys(key).perform()

    def tab_to(test: Any, limit: int = 80) -> Any:
        for _ in range(limit):
            press(Keys.TAB)
            active = b.d.switch_to.active_element
            if test(active):
                return active
        raise AssertionError("not reachable with Tab")

    tab_to(lambda e: e.get_attribute("id") == "who-search")
    keys.send_keys("cabestan").perform()
    tab_to(lambda e: e.get_attribute("data-id") == "cabestan")
    press(Keys.ENTER)
    assert b.wait(lambda: b.all("#partner-search"))
    tab_to(lambda e: e.get_attribute("id") == "partner-search")
    keys.send_keys("ferme").perform()
    tab_to(lambda e: e.get_attribute("data-id") == "ferme")
    press(Keys.SPACE)
    tab_to(lambda e: e.tag_name == "button" and e.text == "Next")
    press(Keys.ENTER)
    assert b.wait(lambda: b.all("fieldset.partner"))
    tab_to(lambda e: e.get_attribute("data-type") == "joint_project")
    press(Keys.SPACE)
    sel = tab_to(lambda e: e.get_attribute("data-field") == "intensity")
    press(Keys.ARROW_DOWN, Keys.ARROW_DOWN)  # "1 – occasional", then "2 – regular"
    assert sel.get_attribute("value") == "2"
    tab_to(lambda e: e.tag_name == "button" and e.text == "Next")
    press(Keys.ENTER)
    assert b.wait(lambda: b.all("#summary"))
    tab_to(lambda e: e.get_attribute("id") == "save-json")
    press(Keys.ENTER)
    doc = json.loads(b.saved("answers-2015-cabestan.json").read_text(encoding="utf-8"))
    assert [(d["partner"], d["type"], d["intensity"]) for d in doc["declarations"]] == [("ferme", "joint_project", 2)]
    assert b.errors() == []


def test_a_hostile_name_stays_text(inventory: Path, tmp_path: Path, browser: Any) -> None:
    out = tmp_path / "survey"
    cm.survey(inventory, out, wave="2015", per_structure=True)
    page = (out / "questionnaire.html").read_text(encoding="utf-8")
    assert page.count("<script") == 2 and page.count("</script>") == 2  # the data block and the program
    assert HOSTILE not in page
    b = browser()
    b.open(out / "questionnaire.html")
    b.type_into("#who-search", "alert")
    names = [e.text for e in b.all("#who-results .name")]
    assert names == [HOSTILE]
    with pytest.raises(NoAlertPresentException):
        b.d.switch_to.alert.text  # noqa: B018
    b.open(out / "structures" / "evil.html")
    assert HOSTILE in b.css("#respondent").text
    with pytest.raises(NoAlertPresentException):
        b.d.switch_to.alert.text  # noqa: B018
    assert b.errors() == []


def test_the_javascript_sha256_matches_hashlib(inventory: Path, tmp_path: Path, browser: Any) -> None:
    out = tmp_path / "survey"
    cm.survey(inventory, out, wave="2015")
    b = browser()
    b.open(out / "questionnaire.html")
    # lengths around the padding boundaries (55, 56, 63, 64 bytes), multi-byte UTF-8, astral characters
    texts = ["", "abc", "a" * 55, "a" * 56, "a" * 63, "a" * 64, "a" * 1000, "é" * 30, "Génies 🌱 coopération", "\u2028\x00\n"]
    got = b.d.execute_script("return arguments[0].map(function (t) { return window.coopmapSha256(t); });", texts)
    assert got == [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    # FIPS 180-2 appendix B.1: SHA-256("abc")
    assert got[1] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize("width,scale,name", [(640, 2, "zoom200"), (360, 3, "phone")])
def test_readable_at_200_percent_zoom_and_on_a_phone(
    width: int, scale: int, name: str, inventory: Path, tmp_path: Path, browser: Any
) -> None:
    out = tmp_path / "survey"
    cm.survey(inventory, out, wave="2015", lang="fr", per_structure=True)
    b = browser()
    # 200 % zoom of a 1280 px window = a 640 CSS px viewport at device scale 2
    b.d.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 800, "deviceScaleFactor": scale, "mobile": width < 400},
    )
    b.open(out / "structures" / "genies.html")
    pick_partner(b, "cabestan", "cabestan")
    pick_partner(b, "atelier", "atelier")
    b.next()
    assert b.wait(lambda: b.all("fieldset.partner"))
    qualify(b, "atelier", "subcontracting", direction="in", intensity="2")
    qualify(b, "cabestan", "joint_project", intensity="3", start="2014-09-01")

    def overflow() -> int:
        return int(b.d.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))

    assert overflow() <= 0, "the page scrolls sideways"
    b.shot(f"survey-links-{name}.png")
    b.next()
    assert b.wait(lambda: b.all("#summary"))
    assert overflow() <= 0, "the summary scrolls sideways"
    b.shot(f"survey-summary-{name}.png")


# ---- collect: bad answers files -------------------------------------------------------------


def answers_file(path: Path, *, respondent: str = "genies", wave: str = "2015", status: str = "complete",
                 declarations: list[dict[str, Any]] | None = None, tamper: bool = False) -> Path:
    """An answers file as the questionnaire writes it, its checksum computed from the
    format's definition (module documentation of coopmap._survey._answers)."""
    decls = declarations if declarations is not None else [
        {"partner": "cabestan", "listed": True, "type": "joint_project", "direction": "", "intensity": 3, "start": "", "comment": ""}
    ]
    saved = "2015-03-02T10:14:00.000Z"
    canon = json.dumps(
        ["coopmap-answers/1", wave, respondent, status, saved,
         [[d["partner"], "1" if d["listed"] else "0", d["type"], d["direction"],
           "" if d["intensity"] is None else str(d["intensity"]), d["start"], d["comment"]] for d in decls]],
        ensure_ascii=False, separators=(",", ":"),
    )
    doc = {"format": "coopmap-answers/1", "wave": wave, "respondent": respondent, "status": status, "saved": saved,
           "declarations": decls, "checksum": "sha256:" + hashlib.sha256(canon.encode("utf-8")).hexdigest()}
    if tamper:
        doc["declarations"][0]["intensity"] = 4
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def snapshot(db: Path) -> Any:
    with cm.Inventory(str(db), readonly=True) as inv:
        return inv.counts(), inv.waves(), [inv.links(w) for w in inv.waves()]


def decl(partner: str, kind: str = "joint_project", direction: str = "", listed: bool = True, **kw: Any) -> dict[str, Any]:
    return {"partner": partner, "listed": listed, "type": kind, "direction": direction,
            "intensity": kw.get("intensity"), "start": kw.get("start", ""), "comment": kw.get("comment", "")}


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda p: [answers_file(p / "a.json", wave="2014")], r"a\.json: field 'wave': '2014' is not the wave"),
        (lambda p: [answers_file(p / "a.json", respondent="genie")], r"a\.json: field 'respondent'.*'genie'.*genies"),
        (lambda p: [answers_file(p / "a.json", tamper=True)], r"a\.json: field 'checksum': does not match"),
        (
            lambda p: [answers_file(p / "a.json", declarations=[decl("cabestan", "joint_projet")])],
            r"a\.json: field 'declarations\[0\]'\.type: link type 'joint_projet'.*joint_project",
        ),
        (
            lambda p: [answers_file(p / "a.json"), answers_file(p / "b.json", declarations=[])],
            r"b\.json: field 'respondent': 'genies' already answered in .*a\.json",
        ),
        (
            lambda p: [answers_file(p / "a.json", declarations=[decl("atelier", "subcontracting")])],
            r"a\.json: field 'declarations\[0\]'\.direction: '' is not out, in or both",
        ),
        (
            lambda p: [answers_file(p / "a.json", declarations=[decl("cabestan", direction="out")])],
            r"a\.json: field 'declarations\[0\]'\.direction: 'out' for the two-way type",
        ),
        (
            lambda p: [answers_file(p / "a.json", declarations=[decl("cabestan"), decl("cabestan", intensity=2)])],
            r"a\.json: field 'declarations\[1\]': the same partner, type and direction",
        ),
        (
            lambda p: [answers_file(p / "a.json", status="done")],
            r"a\.json: field 'status': 'done' is not complete or partial",
        ),
        (lambda p: [p / "missing.json"], r"missing\.json: cannot read"),
    ],
)
def test_collect_refuses_a_bad_answers_file_and_imports_nothing(
    make: Any, message: str, inventory: Path, tmp_path: Path
) -> None:
    # a first, good collect: the refusal must leave it exactly as it is
    with cm.Inventory(str(inventory)) as inv:
        inv.collect("2015", [answers_file(tmp_path / "ok.json", respondent="ferme", declarations=[decl("atelier")])])
    before = snapshot(inventory)
    files = make(tmp_path)
    with cm.Inventory(str(inventory)) as inv, pytest.raises(cm.InputError, match=message):
        inv.collect("2015", files)
    assert snapshot(inventory) == before


def test_collect_bounds_what_it_reads(inventory: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"{" + b" " * (cm._survey.MAX_ANSWERS_BYTES + 1) + b"}")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"format": "coopmap-answers/1",\n "wave": }', encoding="utf-8")
    not_utf8 = tmp_path / "latin.json"
    not_utf8.write_bytes('{"wave": "é"}'.encode("latin-1"))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    before = snapshot(inventory)
    with cm.Inventory(str(inventory)) as inv:
        for path, message in [
            (big, r"big\.json: larger than 4 MiB"),
            (bad_json, r"bad\.json, line 2: not JSON"),
            (not_utf8, r"latin\.json: not UTF-8"),
            (deep, r"deep\.json: (JSON nested too deeply|expected a JSON object)"),
        ]:
            with pytest.raises(cm.InputError, match=message):
                inv.collect("2015", [path])
        with pytest.raises(cm.InputError, match=r"given twice"):
            inv.collect("2015", [answers_file(tmp_path / "a.json"), tmp_path / "a.json"])
    assert snapshot(inventory) == before


def test_collect_reads_the_csv_answers_and_names_the_line(inventory: Path, tmp_path: Path) -> None:
    cols = "format,wave,declarer,status,saved,partner,listed,type,direction,intensity,start,comment,checksum"
    saved = "2015-03-02T10:14:00.000Z"
    rows = [["cabestan", "1", "joint_project", "", "2", "", "a, b"], ["atelier", "1", "subcontracting", "in", "", "2013", ""]]
    canon = json.dumps(["coopmap-answers/1", "2015", "genies", "partial", saved, rows], separators=(",", ":"))
    digest = "sha256:" + hashlib.sha256(canon.encode()).hexdigest()
    lines = [cols] + [
        ",".join(["coopmap-answers/1", "2015", "genies", "partial", saved, *r[:6], f'"{r[6]}"' if r[6] else "", digest])
        for r in rows
    ]
    good = tmp_path / "genies.csv"
    good.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    with cm.Inventory(str(inventory)) as inv:
        inv.collect("2015", [good])
        got = {(r["source"], r["target"], r["type"]): (r["weight"], r["start"]) for r in inv.links("2015")}
        # atelier "in": atelier subcontracts to genies; no intensity -> weight 1
        assert got == {("genies", "cabestan", "joint_project"): (2.0, None), ("atelier", "genies", "subcontracting"): (1.0, "2013")}
        assert inv.response_counts("2015").partial == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("\r\n".join(lines[:2] + [lines[2].replace("genies", "cabestan", 1)]) + "\r\n", encoding="utf-8")
    with cm.Inventory(str(inventory)) as inv, pytest.raises(cm.InputError, match=r"bad\.csv, line 3, column 3 \(declarer\): differs"):
        inv.collect("2015", [bad])


def test_collect_with_refusals_contradictions_and_stored_declarations(inventory: Path, tmp_path: Path) -> None:
    # free text as an answers file holds it when the alias came after the questionnaire was written:
    # "La Ferme" resolves through ferme's alias (as import_csv resolves: the exact text), "Ferme" through nothing
    a = answers_file(tmp_path / "genies.json", declarations=[decl("cabestan"), decl("Ferme", listed=False),
                                                             decl("La Ferme", listed=False)])
    contradiction = tmp_path / "responses.csv"
    contradiction.write_text("structure,status\ngenies,refused\n", encoding="utf-8")
    with cm.Inventory(str(inventory)) as inv:
        with pytest.raises(cm.InputError, match=r"responses\.csv: structure 'genies' is refused there, but answered in"):
            inv.collect("2015", [a], responses=contradiction)
        assert inv.waves() == []
        unknown = tmp_path / "unknown.csv"
        unknown.write_text("structure,status\ncabestn,refused\n", encoding="utf-8")
        with pytest.raises(cm.InputError, match=r"unknown\.csv, line 2.*'cabestn'.*\(known: cabestan, "):
            inv.collect("2015", [a], responses=unknown)
        with pytest.raises(cm.InputError, match=r"unknown\.csv, line 2.*'cabestn'.*\(known: cabestan, "):
            inv.import_csv(wave="2015", responses=unknown)  # the same words from the Inventory's importer
        refusals = tmp_path / "refusals.csv"
        refusals.write_text("structure,status\ncabestan,refused\natelier,unreached\n", encoding="utf-8")
        report = inv.collect("2015", [a], responses=refusals)
        # "Ferme" is no id nor alias of the roster (the alias is "La Ferme"): reported, with its file
        assert [(u["partner"], u["file"], u["line"]) for u in report.unresolved_partners] == [("Ferme", str(a), 2)]
        c = inv.response_counts("2015")
        assert (c.complete, c.partial, c.refused, c.unreached) == (1, 0, 1, 1)
        # a second file for genies that drops a stored declaration is refused: collect never deletes
        fewer = answers_file(tmp_path / "genies2.json", declarations=[decl("atelier")])
        before = snapshot(inventory)
        with pytest.raises(cm.InputError, match=r"genies2\.json: field 'declarations': 'genies' already declared .*cabestan"):
            inv.collect("2015", [fewer])
        # a later file of genies that keeps what is stored and adds a partner is accepted
        more = answers_file(tmp_path / "genies3.json", declarations=[decl("cabestan", intensity=2), decl("atelier"),
                                                                    decl("La Ferme", listed=False)])
        assert snapshot(inventory) == before
        report = inv.collect("2015", [more])
        assert report.added == 1 and report.updated == 1
        assert sorted((r["source"], r["target"]) for r in inv.links("2015")) == [
            ("genies", "atelier"), ("genies", "cabestan"), ("genies", "ferme")]


def test_the_command_line_surveys_and_collects(inventory: Path, tmp_path: Path) -> None:
    py = venv_python()
    out = tmp_path / "survey"
    r = subprocess.run([py, "-m", "coopmap", "survey", str(inventory), "--wave", "2015", "--out", str(out),
                        "--lang", "fr", "--per-structure"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (out / "questionnaire.html").is_file() and len(list((out / "structures").glob("*.html"))) == 5
    a = answers_file(tmp_path / "genies.json")
    b = answers_file(tmp_path / "cabestan.json", respondent="cabestan", status="partial", declarations=[decl("genies")])
    r = subprocess.run([py, "-m", "coopmap", "collect", str(inventory), "--wave", "2015", str(a), str(b)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "declarations: 2 added" in r.stdout and "response rate of wave 2015: 2/2" in r.stdout
    r = subprocess.run([py, "-m", "coopmap", "collect", str(inventory), "--wave", "2016", str(a)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "genies.json: field 'wave'" in r.stderr and "Traceback" not in r.stderr


def test_the_readme_cycle_survey_collect_report_on_the_territory(tmp_path: Path, browser: Any) -> None:
    """The README's sh block of "Collecting a wave", run as written in a stand-in for a
    clone's root, with two respondents answering in the browser where the block says
    the questionnaire is handed out."""
    import os
    import re

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Collecting a wave", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the README's survey section has no sh block"
    before, after = block.group(1).split("coopmap collect", 1)
    after = "coopmap collect" + after
    root = tmp_path / "clone"
    root.mkdir()
    (root / "datasets").symlink_to(REPO / "datasets", target_is_directory=True)
    env = dict(os.environ, PATH=f"{Path(venv_python()).parent}{os.pathsep}{os.environ['PATH']}")

    def sh(script: str) -> str:
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=root, env=env, capture_output=True,
                           text=True, timeout=600)
        assert r.returncode == 0, f"{script}\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}"
        return r.stdout

    sh(before)
    pages = root / "survey" / "structures"
    assert len(list(pages.glob("*.html"))) == 150
    # two respondents answer in French and save their files into answers/
    answers = root / "answers"
    answers.mkdir()
    b = browser()
    b.open(pages / "repair_cafe_ramonville.html")
    pick_partner(b, "jardins partagés", "les_jardins_partages_ramonville")
    b.next()
    assert b.wait(lambda: b.all("fieldset.partner"))
    qualify(b, "les_jardins_partages_ramonville", b.css('fieldset.partner input[data-type]').get_attribute("data-type"))
    b.next()
    assert b.wait(lambda: b.all("#summary"))
    b.css("#save-json").click()
    shutil.copy(b.saved("answers-2025-repair_cafe_ramonville.json"), answers)
    b2 = browser()
    b2.open(pages / "les_jardins_partages_ramonville.html")
    b2.next()  # no partner: an answer all the same (an isolate is data)
    assert b2.wait(lambda: b2.all("fieldset") or b2.all("section h2"))
    b2.next()
    assert b2.wait(lambda: b2.all("#save-json"))
    b2.css("label[for='status-partial']").click()
    b2.css("#save-json").click()
    shutil.copy(b2.saved("answers-2025-les_jardins_partages_ramonville.json"), answers)
    out = sh(after)
    assert "response rate of wave 2025: 2/3" in out  # two answers and the refusal
    with cm.Inventory(str(root / "territory.db"), readonly=True) as inv:
        c = inv.response_counts("2025")
        assert (c.complete, c.partial, c.refused) == (1, 1, 1)
        links = inv.links("2025")
        # one declaration, by the Repair café; the Jardins answered (partial) without naming it
        assert [(sorted((r["source"], r["target"])), r["status"]) for r in links] == [
            (["les_jardins_partages_ramonville", "repair_cafe_ramonville"], "unconfirmed")
        ]
    report = (root / "report-2025" / "report.html").read_text(encoding="utf-8")
    assert "2025" in report and "2024" in report


def test_a_typed_partner_that_is_on_the_roster_is_taken_from_it(inventory: Path, tmp_path: Path, browser: Any) -> None:
    out = tmp_path / "survey"
    cm.survey(inventory, out, wave="2015", per_structure=True)
    b = browser()
    b.open(out / "structures" / "genies.html")
    add_other(b, "  ferme du  SICOVAL ")  # the name, other case and spaces: the roster's ferme
    assert "Ferme du Sicoval is on the list" in b.css("#status").text
    add_other(b, "la ferme")  # its alias: the same structure, already chosen
    assert "already in your list" in b.css("#status").text
    add_other(b, "Ferme des Collines")  # on no list: free text
    assert [e.text for e in b.all("#chosen .chosen-list .name")] == ["Ferme du Sicoval", "Ferme des Collines"]
    assert [e.text for e in b.all("#chosen .badge")] == ["not on the list"]
    assert b.css('#partner-results input[data-id="ferme"]').is_selected()
