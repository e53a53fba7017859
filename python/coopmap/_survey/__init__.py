"""The survey of a wave: an offline roster questionnaire written from the Inventory
(:func:`survey`), and the answers it saves read back into the Inventory
(:meth:`coopmap.Inventory.collect`).

The questionnaire is one self-contained HTML file (its CSS, script and data inline, no
external resource): it works from a USB stick or a phone, offline. The data (roster,
link types, texts) sits in a ``<script type="application/json">`` block whose ``<``,
``>`` and ``&`` are escaped, and the script only ever writes it with ``textContent``:
a structure named ``</script><script>alert(1)</script>`` stays text.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from .. import _core
from .._files import file_stem
from ..errors import InputError
from ..i18n import LANGUAGES, Translator, catalog
from ..maps import group_label
from ._answers import FORMAT, MAX_ANSWERS_BYTES, Answers, collect, read_answers

__all__ = ["survey", "collect", "read_answers", "Answers", "FORMAT", "MAX_ANSWERS_BYTES", "INTENSITY_SCALE"]

#: The labelled intensity scale the questionnaire offers (the value stored as intensity).
INTENSITY_SCALE = (1, 2, 3, 4)


@cache
def _asset(name: str) -> str:
    return (Path(__file__).resolve().parent / name).read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and the two JavaScript
    line separators escaped, so no text of the data can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _texts(lang: str) -> dict[str, str]:
    words = catalog(lang)
    return {k[len("survey.") :]: v for k, v in words.items() if k.startswith("survey.")}


def _roster_data(roster: _core.Network, t: Translator) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    people = []
    for s in roster.structures():
        name = s.get("name") or s["id"]
        label = str(s.get("short_name") or s.get("acronym") or "")
        extra = [group_label(s["legal_family"], t.lang)] if s.get("legal_family") is not None else []
        if s.get("commune"):
            extra.append(str(s["commune"]))
        # id, name, short name or acronym (when it differs), aliases, a line that tells namesakes apart
        people.append([s["id"], name, label if label != name else "", list(s.get("aliases", [])), " · ".join(extra)])
    types = []
    for r in roster.link_type_records():
        code = r["code"]
        desc = r.get(f"description_{t.lang}") or (r.get("description") if t.lang == "en" else None)
        types.append(
            {
                "code": code,
                "label": t.link_type(code),
                "directed": bool(r["directed"]),
                "out": r.get(f"out_{t.lang}") or "",
                "in": r.get(f"in_{t.lang}") or "",
                "description": desc or "",
            }
        )
    return people, types


def _page(data: dict[str, Any], lang: str, title: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_asset('questionnaire.css')}</style>\n</head>\n"
        f'<body>\n<main id="survey" tabindex="-1">\n<h1>{html.escape(title)}</h1>\n'
        f"<noscript><p>{html.escape(data['texts']['noscript'])}</p></noscript>\n</main>\n"
        f'<script type="application/json" id="survey-data">{_script_json(data)}</script>\n'
        f"<script>\n{_asset('questionnaire.js')}</script>\n</body>\n</html>\n"
    )


def survey(
    inv: Any,
    out: str | os.PathLike[str],
    *,
    wave: str,
    lang: str = "en",
    per_structure: bool = False,
    title: str | None = None,
    contact: str | None = None,
) -> list[Path]:
    """Writes the roster questionnaire of a wave into the folder ``out``:
    ``questionnaire.html`` (the respondent picks who they are from the roster) and, with
    ``per_structure=True``, ``structures/<id>.html`` for each structure of the Inventory
    (the respondent fixed). Returns the paths written, the common file first.

    ``inv``: an :class:`coopmap.Inventory` or the path of its file (opened read-only).
    ``wave``: the wave the answers belong to (a new one or an existing one: the answers
    files carry it and :meth:`coopmap.Inventory.collect` checks it). ``lang``: ``"en"`` or ``"fr"`` (every
    word of the page; link types use their ``label_<lang>``, and a directed type its
    ``out_<lang>`` / ``in_<lang>`` phrases when the vocabulary has them). ``title``:
    the page's heading (default: the catalogue's, with the wave). ``contact``: a line
    saying where to send the answers file (an e-mail address, a name).

    The page (one self-contained HTML file, no external resource, works offline) asks:
    who is answering; the partners, picked from the roster with a search by name,
    acronym, alias or id (at most 50 matches shown at a time, so large rosters stay
    fast), or typed when not on the roster; for each partner the link types, the
    direction of a directed type in plain words, the intensity on a labelled scale
    (1 occasional, 2 regular, 3 close, 4 essential) and the start date; then a summary
    with "the list is complete / partial" and the buttons that save the answers file
    (JSON, or CSV) with its checksum. Partial answers are kept in the browser's local
    storage, so a respondent can close the page and come back. Every control has a
    label and works with the keyboard alone.

    Example: ``cm.survey(inv, "survey/", wave="2015", lang="fr", per_structure=True)``.
    Complexity: O(n) per page, O(n^2) bytes with ``per_structure`` (each page holds the
    roster)."""
    from ..store import Inventory

    if not isinstance(wave, str) or not wave.strip():
        raise InputError("survey: the wave must be a non-empty str")
    if lang not in LANGUAGES:
        raise InputError(f"survey: unsupported language {lang!r} (available: {', '.join(LANGUAGES)})")
    if title is not None and not isinstance(title, str):
        raise TypeError("survey: title must be a str")
    if contact is not None and not isinstance(contact, str):
        raise TypeError("survey: contact must be a str")
    if isinstance(inv, (str, os.PathLike)):
        with Inventory(os.fspath(inv), readonly=True) as opened:
            roster = opened.roster()
    elif isinstance(inv, _core.Inventory):
        roster = inv.roster()
    else:
        raise TypeError(f"survey: expected an Inventory or the path of its file, got {type(inv).__name__}")
    if len(roster) == 0:
        raise InputError("survey: the inventory has no structure (import structures.csv first)")
    t = Translator.for_network(lang, roster)
    people, types = _roster_data(roster, t)
    if not types:
        raise InputError("survey: the inventory has no link type (import a link-types file first)")
    texts = _texts(lang)
    heading = title if title is not None else texts["title"].format(wave=wave)
    digest = hashlib.sha256(json.dumps([wave, people, types]).encode("utf-8")).hexdigest()[:16]
    base: dict[str, Any] = {
        "format": FORMAT,
        "wave": wave,
        "lang": lang,
        "respondent": None,
        "contact": contact or "",
        "structures": people,
        "types": types,
        "intensity": [[v, texts[f"intensity_{v}"]] for v in INTENSITY_SCALE],
        "texts": texts,
        "key": f"coopmap-survey/{digest}",
    }
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = [folder / "questionnaire.html"]
        written[0].write_text(_page(base, lang, heading), encoding="utf-8")
        if per_structure:
            (folder / "structures").mkdir(exist_ok=True)
            taken: set[str] = set()
            for row in people:
                path = folder / "structures" / f"{file_stem(row[0], taken)}.html"
                path.write_text(_page(dict(base, respondent=row[0]), lang, f"{heading} – {row[1]}"), encoding="utf-8")
                written.append(path)
    except OSError as e:
        raise InputError(f"survey: cannot write into {folder} ({e.strerror or e})") from None
    return written
