"""Answers files of the questionnaire: their format, checksum and validation, and
:meth:`coopmap.Inventory.collect`, which imports them into an Inventory in one transaction.

An answers file is what one respondent saved from the questionnaire, JSON or CSV:

JSON (``answers-<wave>-<id>.json``)::

    {"format": "coopmap-answers/1", "wave": "2015", "respondent": "genies",
     "status": "complete", "saved": "2015-03-02T10:14:00.000Z",
     "declarations": [{"partner": "cabestan", "listed": true, "type": "joint_project",
                       "direction": "", "intensity": 3, "start": "2014-09-01",
                       "comment": ""}, ...],
     "checksum": "sha256:<64 hex digits>"}

CSV: the declarations format (``declarer``, ``partner``, ``type``, ``direction``,
``intensity``, ``start``, ``comment``) with the columns ``format``, ``wave``,
``status``, ``saved``, ``listed`` and ``checksum`` repeated on every row; a respondent
without partners writes one row with empty ``partner`` and ``type``.

``status`` is ``complete`` (the respondent said the list is complete) or ``partial``.
``listed`` tells a partner picked from the roster (``partner`` is its id) from one
typed as free text (resolved through the Inventory's ids and aliases when collected,
reported when unresolved). ``direction`` is empty for a two-way type, ``out`` (from the
respondent to the partner), ``in`` or ``both`` for a directed one.

The checksum is the SHA-256 of ``canonical_text``, the JSON text (no spaces, UTF-8)
of ``[format, wave, respondent, status, saved, [[partner, listed, type, direction,
intensity, start, comment], ...]]`` with ``listed`` as ``"1"``/``"0"`` and the
intensity as its shortest decimal text (``""`` when absent). The questionnaire computes
it in the browser; :meth:`coopmap.Inventory.collect` recomputes it, so a file edited by hand (or damaged)
is refused. It detects accidents and edits, not forgery: anyone can recompute it.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import _core
from .._words import unknown
from ..errors import CsvError, InputError

__all__ = ["FORMAT", "MAX_ANSWERS_BYTES", "Answers", "canonical_text", "checksum", "collect", "read_answers"]

FORMAT = "coopmap-answers/1"
#: Largest answers file collect reads (bytes): 4 MiB, some 20,000 declarations.
MAX_ANSWERS_BYTES = 4 * 1024 * 1024
#: Most declarations in one answers file.
MAX_DECLARATIONS = 20_000
_MAX_TEXT = 2000  # characters in one field

_DIRECTIONS = ("out", "in", "both")
_STATUSES = ("complete", "partial")
_CSV_COLUMNS = (
    "format",
    "wave",
    "declarer",
    "status",
    "saved",
    "partner",
    "listed",
    "type",
    "direction",
    "intensity",
    "start",
    "comment",
    "checksum",
)
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass
class Declaration:
    """One answer: a link of ``type`` with ``partner``."""

    partner: str
    listed: bool
    type: str
    direction: str = ""
    intensity: float | None = None
    start: str = ""
    comment: str = ""
    where: str = ""  # "declarations[3]" (JSON) or "line 4" (CSV), for messages
    line: int = 0  # the declaration's line in a CSV file, its position (1-based) in a JSON list


@dataclass
class Answers:
    """The validated content of one answers file."""

    path: str
    wave: str
    respondent: str
    status: str
    saved: str
    declarations: list[Declaration] = field(default_factory=list)
    checksum: str = ""


def _number_text(x: float | None) -> str:
    """The shortest decimal text of a number, as JavaScript's ``String(x)`` writes it for
    the values a questionnaire gives (integers, short decimals)."""
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) < 1e21:
        return str(int(x))
    return repr(float(x))


def canonical_text(a: Answers) -> str:
    """The text the checksum covers (see the module documentation)."""
    rows = [
        [d.partner, "1" if d.listed else "0", d.type, d.direction, _number_text(d.intensity), d.start, d.comment]
        for d in a.declarations
    ]
    return json.dumps(
        [FORMAT, a.wave, a.respondent, a.status, a.saved, rows], ensure_ascii=False, separators=(",", ":")
    )


def checksum(a: Answers) -> str:
    """``"sha256:"`` and the hex SHA-256 of ``canonical_text`` in UTF-8."""
    try:
        data = canonical_text(a).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{a.path}: the answers hold text that is not valid Unicode") from None
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _text(path: str, where: str, value: Any, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{path}: {where}: expected text, got {type(value).__name__}")
    if required and not value.strip():
        raise InputError(f"{path}: {where}: empty")
    if len(value) > _MAX_TEXT:
        raise InputError(f"{path}: {where}: longer than {_MAX_TEXT} characters")
    return value


def _declaration(path: str, where: str, line: int, raw: Mapping[str, Any]) -> Declaration:
    partner = _text(path, f"{where}.partner", raw.get("partner")).strip()
    listed = raw.get("listed")
    if not isinstance(listed, bool):
        raise InputError(f"{path}: {where}.listed: expected true or false, got {listed!r}")
    kind = _text(path, f"{where}.type", raw.get("type")).strip()
    direction = _text(path, f"{where}.direction", raw.get("direction", ""), required=False)
    intensity = raw.get("intensity")
    if intensity is not None and (
        isinstance(intensity, bool)
        or not isinstance(intensity, (int, float))
        or not math.isfinite(intensity)
        or intensity <= 0
    ):
        raise InputError(f"{path}: {where}.intensity: {intensity!r} is not a number > 0")
    start = _text(path, f"{where}.start", raw.get("start", ""), required=False)
    if start:
        valid = _ISO_DATE.fullmatch(start) is not None
        if valid and len(start) == 10:
            try:
                datetime.date.fromisoformat(start)
            except ValueError:
                valid = False
        if not valid:
            raise InputError(f"{path}: {where}.start: '{start[:40]}' is not an ISO date (YYYY-MM-DD)")
    comment = _text(path, f"{where}.comment", raw.get("comment", ""), required=False)
    return Declaration(partner, listed, kind, direction, intensity, start, comment, where, line)


def _from_json(path: str, text: str) -> Answers:
    def no_constant(name: str) -> None:
        raise InputError(f"{path}: {name} is not a number")

    try:
        doc = json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}, line {e.lineno}: not JSON ({e.msg})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None
    if not isinstance(doc, dict):
        raise InputError(f"{path}: expected a JSON object (an answers file of the questionnaire)")
    extra = sorted(set(doc) - {"format", "wave", "respondent", "status", "saved", "declarations", "checksum"})
    if extra:
        raise InputError(f"{path}: field '{extra[0][:40]}': not a field of an answers file")
    if doc.get("format") != FORMAT:
        raise InputError(f"{path}: field 'format': {str(doc.get('format'))[:40]!r} is not {FORMAT!r}")
    decls = doc.get("declarations")
    if not isinstance(decls, list):
        raise InputError(f"{path}: field 'declarations': expected a list")
    if len(decls) > MAX_DECLARATIONS:
        raise InputError(f"{path}: field 'declarations': more than {MAX_DECLARATIONS} declarations")
    a = Answers(
        path,
        _text(path, "field 'wave'", doc.get("wave")),
        _text(path, "field 'respondent'", doc.get("respondent")),
        _text(path, "field 'status'", doc.get("status")),
        _text(path, "field 'saved'", doc.get("saved", ""), required=False),
        checksum=_text(path, "field 'checksum'", doc.get("checksum")),
    )
    for i, raw in enumerate(decls):
        where = f"field 'declarations[{i}]'"
        if not isinstance(raw, dict):
            raise InputError(f"{path}: {where}: expected an object")
        extra = sorted(set(raw) - {"partner", "listed", "type", "direction", "intensity", "start", "comment"})
        if extra:
            raise InputError(f"{path}: {where}.{extra[0][:40]}: not a field of a declaration")
        a.declarations.append(_declaration(path, where, i + 1, raw))
    return a


def _from_csv(path: str, text: str) -> Answers:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as e:
        raise InputError(f"{path}, line {reader.line_num}: not CSV ({e})") from None
    if not rows:
        raise InputError(f"{path}: empty file")
    header = rows[0]
    for k, name in enumerate(header):
        if name not in _CSV_COLUMNS:
            raise CsvError(
                f"{path}, line 1, column {k + 1} ({name[:40]}): not a column of an answers file"
                f"{_core._known_words(name[:200], sorted(_CSV_COLUMNS))}",
                path,
                1,
                k + 1,
                name,
            )
    missing = [c for c in _CSV_COLUMNS if c not in header]
    if missing:
        raise CsvError(f"{path}, line 1: missing column '{missing[0]}'", path, 1, 0, missing[0])
    if len(rows) < 2:
        raise InputError(f"{path}: no answer row (a respondent without partners writes one row)")
    if len(rows) - 1 > MAX_DECLARATIONS:
        raise InputError(f"{path}: more than {MAX_DECLARATIONS} rows")
    col = {name: header.index(name) for name in _CSV_COLUMNS}
    records = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise CsvError(f"{path}, line {line}: {len(row)} fields, the header has {len(header)}", path, line)
        records.append((line, {name: row[col[name]] for name in _CSV_COLUMNS}))
    first = records[0][1]
    for line, r in records:
        for name in ("format", "wave", "declarer", "status", "saved", "checksum"):
            if r[name] != first[name]:
                raise CsvError(
                    f"{path}, line {line}, column {col[name] + 1} ({name}): differs from line 2",
                    path,
                    line,
                    col[name] + 1,
                    name,
                )
    if first["format"] != FORMAT:
        raise InputError(f"{path}: column 'format': {first['format'][:40]!r} is not {FORMAT!r}")
    a = Answers(
        path,
        _text(path, "column 'wave'", first["wave"]),
        _text(path, "column 'declarer'", first["declarer"]),
        _text(path, "column 'status'", first["status"]),
        first["saved"],
        checksum=first["checksum"],
    )
    if len(records) == 1 and not records[0][1]["partner"] and not records[0][1]["type"]:
        return a  # no partner
    for line, r in records:
        if r["listed"] not in ("1", "0"):
            raise CsvError(f"{path}, line {line}, column listed: expected 1 or 0", path, line, 0, "listed")
        intensity: float | None = None
        if r["intensity"]:
            try:
                intensity = float(r["intensity"])
            except ValueError:
                raise CsvError(
                    f"{path}, line {line}, column intensity: '{r['intensity'][:40]}' is not a number > 0",
                    path,
                    line,
                    0,
                    "intensity",
                ) from None
        raw = dict(r, listed=r["listed"] == "1", intensity=intensity)
        a.declarations.append(_declaration(path, f"line {line}, column", line, raw))
    return a


def read_answers(path: str | os.PathLike[str]) -> Answers:
    """Reads one answers file (JSON, or CSV when its name ends in ``.csv``) as data only:
    at most ``MAX_ANSWERS_BYTES`` (4 MiB) bytes and ``MAX_DECLARATIONS`` (20,000) declarations,
    UTF-8, every field of the format checked and the checksum recomputed. Raises
    :class:`InputError` naming the file and the field (the line of a CSV file). Checks
    against an Inventory (wave, respondent, link types) are :meth:`coopmap.Inventory.collect`'s."""
    p = os.fspath(path)
    if not isinstance(p, str):
        raise TypeError("an answers file path must be a str or os.PathLike[str]")
    try:
        with open(p, "rb") as f:
            data = f.read(MAX_ANSWERS_BYTES + 1)
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror or e})") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise InputError(f"{p}: larger than {MAX_ANSWERS_BYTES // (1024 * 1024)} MiB: not an answers file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{p}: not UTF-8 text (byte {e.start})") from None
    a = _from_csv(p, text) if p.lower().endswith(".csv") else _from_json(p, text)
    if a.status not in _STATUSES:
        raise InputError(f"{p}: field 'status': '{a.status[:40]}' is not complete or partial")
    if a.checksum != checksum(a):
        raise InputError(
            f"{p}: field 'checksum': does not match the answers (the file was edited or damaged after it was saved)"
        )
    return a


def _implied_links(respondent: str, decls: Iterable[tuple[str, str, str]], directed: Mapping[str, bool]) -> set[Any]:
    """The links (as derive makes them) that declarations by ``respondent`` give."""
    out: set[Any] = set()
    for partner, kind, direction in decls:
        if not directed[kind]:
            out.add((frozenset((respondent, partner)), kind))
            continue
        if direction in ("out", "both", ""):
            out.add(((respondent, partner), kind))
        if direction in ("in", "both"):
            out.add(((partner, respondent), kind))
    return out


def _check(answers: Sequence[Answers], wave: str, roster: _core.Network, types: Mapping[str, bool]) -> None:
    ids = set(roster.structure_ids())
    seen: dict[str, str] = {}
    for a in answers:
        if a.wave != wave:
            raise InputError(f"{a.path}: field 'wave': '{a.wave[:40]}' is not the wave being collected ('{wave}')")
        if a.respondent not in ids:
            raise unknown(f"{a.path}: field 'respondent': structure", a.respondent, ids, "not in the inventory")
        if a.respondent in seen:
            raise InputError(
                f"{a.path}: field 'respondent': '{a.respondent}' already answered in {seen[a.respondent]} "
                "(one answers file per respondent: keep the right one)"
            )
        seen[a.respondent] = a.path
        keys: dict[tuple[str, str, str], str] = {}
        for d in a.declarations:
            if d.type not in types:
                raise unknown(f"{a.path}: {d.where}.type: link type", d.type, types)
            if types[d.type]:
                if d.direction not in _DIRECTIONS:
                    raise InputError(
                        f"{a.path}: {d.where}.direction: '{d.direction[:20]}' is not out, in or both "
                        f"(the type '{d.type}' is directed)"
                    )
            elif d.direction:
                raise InputError(
                    f"{a.path}: {d.where}.direction: '{d.direction[:20]}' for the two-way type '{d.type}' "
                    "(leave it empty)"
                )
            if d.listed and d.partner not in ids:
                raise unknown(f"{a.path}: {d.where}.partner: structure", d.partner, ids, "not in the inventory")
            if d.listed and d.partner == a.respondent:
                raise InputError(f"{a.path}: {d.where}.partner: the respondent itself")
            key = (d.partner.casefold(), d.type, d.direction)
            if key in keys:
                raise InputError(f"{a.path}: {d.where}: the same partner, type and direction as {keys[key]}")
            keys[key] = d.where


def _conflicts(
    inv: Any, wave: str, answers: Sequence[Answers], roster: _core.Network, types: Mapping[str, bool]
) -> None:
    """Refuses an answers file that would leave stored declarations of its respondent in
    the wave standing (collect adds and updates declarations, it never deletes them)."""
    if wave not in inv.waves():
        return
    names: dict[str, str] = {}
    for s in roster.structures():
        names[s["id"]] = s["id"]
        for alias in s.get("aliases", []):
            names.setdefault(alias, s["id"])
    by_respondent = {a.respondent: a for a in answers}
    stored: dict[str, set[Any]] = {}
    for link in inv.links(wave, "union"):
        src, dst = link["source"], link["target"]
        key = ((src, dst), link["type"]) if link["directed"] else (frozenset((src, dst)), link["type"])
        for who in link["declared_by"]:
            if who in by_respondent:
                stored.setdefault(who, set()).add(key)
    for who, links in stored.items():
        a = by_respondent[who]
        given = _implied_links(
            who, ((names.get(d.partner, d.partner), d.type, d.direction) for d in a.declarations), types
        )
        left = links - given
        if left:
            shown = []
            for ends, kind in sorted(left, key=lambda k: (sorted(k[0]), k[1]))[:5]:
                pair = sorted(ends) if isinstance(ends, frozenset) else list(ends)
                other = pair[1] if pair[0] == who else pair[0]
                shown.append(f"{other} ({kind})")
            raise InputError(
                f"{a.path}: field 'declarations': '{who}' already declared in wave '{wave}' links this file does "
                f"not hold: {', '.join(shown)}{' ...' if len(left) > 5 else ''}; collect adds and updates "
                "declarations but never deletes them: collect such a correction into a new wave, or into a "
                "fresh Inventory"
            )


def _write_csv(path: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def collect(
    inv: Any, wave: str, files: Sequence[str | os.PathLike[str]], responses: str | os.PathLike[str] | None = None
) -> _core.ImportReport:
    """Validates answers files and imports them into ``inv`` in one transaction (see
    :meth:`coopmap.Inventory.collect`)."""
    if not isinstance(wave, str) or not wave:
        raise InputError("collect: the wave must be a non-empty str")
    if isinstance(files, (str, os.PathLike)):
        files = [files]
    if not isinstance(files, Sequence) or not all(isinstance(f, (str, os.PathLike)) for f in files):
        raise TypeError("collect: files must be a list of paths (str or os.PathLike)")
    resolved = [os.path.realpath(f) for f in files]
    for i, r in enumerate(resolved):
        if r in resolved[:i]:
            raise InputError(f"{os.fspath(files[i])}: given twice")
    roster = inv.roster()
    types = {t["code"]: bool(t["directed"]) for t in inv.link_types()}
    answers = [read_answers(f) for f in files]
    _check(answers, wave, roster, types)
    statuses = {a.respondent: (a.status, a.path) for a in answers}
    extra: dict[str, str] = {}
    if responses is not None:
        extra = _core._read_responses(roster, os.fspath(responses))
        for sid, status in extra.items():
            if sid in statuses and status != statuses[sid][0]:
                raise InputError(
                    f"{os.fspath(responses)}: structure '{sid}' is {status} there, but answered in {statuses[sid][1]}"
                )
    _conflicts(inv, wave, answers, roster, types)
    origins: list[tuple[str, int]] = []
    with tempfile.TemporaryDirectory(prefix="coopmap-collect-") as tmp:
        decl_path, resp_path = os.path.join(tmp, "declarations.csv"), os.path.join(tmp, "responses.csv")
        rows = []
        for a in answers:
            for d in a.declarations:
                rows.append(
                    [
                        a.respondent,
                        d.partner,
                        d.type,
                        d.direction,
                        _number_text(d.intensity),
                        d.start,
                        "survey",
                        d.comment,
                    ]
                )
                origins.append((a.path, d.line))
        _write_csv(
            decl_path, ("declarer", "partner", "type", "direction", "intensity", "start", "source", "comment"), rows
        )
        merged = dict(extra)
        merged.update({sid: status for sid, (status, _p) in statuses.items()})
        _write_csv(resp_path, ("structure", "status"), sorted(merged.items()))
        try:
            report: _core.ImportReport = inv.import_csv(declarations=decl_path, responses=resp_path, wave=wave)
        except CsvError as e:
            if e.file == decl_path and 2 <= e.line < len(origins) + 2:
                where, line = origins[e.line - 2]
                detail = str(e).split("): ", 1)[-1] if "): " in str(e) else str(e)
                raise CsvError(
                    f"{where}, declaration {line} ({e.column_name}): {detail}", where, line, 0, e.column_name
                ) from None
            raise
    report._relocate(origins)
    return report
