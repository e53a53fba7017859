"""Languages of the seminar outputs: one catalogue per language, number and date formats.

Every text that a report or a map shows lives in ``coopmap/locales/<lang>.json`` (one
flat catalogue per language, the same keys in each). Data labels (structure names,
link type codes, attribute values) are never translated; a link-types file may carry
``label_fr`` / ``label_en`` columns, which :meth:`Translator.link_type` uses.

>>> t = Translator("fr")
>>> t.number(1234.5, 1), t.date("2013-03-12")
('1\u202f234,5', '12 mars 2013')
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "fr")

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """The catalogue of a language (``"en"`` or ``"fr"``). Raises ValueError otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (available: {', '.join(LANGUAGES)})")
    path = Path(__file__).resolve().parent / "locales" / f"{lang}.json"
    with open(path, encoding="utf-8") as f:
        words: dict[str, str] = json.load(f)
    return words


class Translator:
    """Texts, numbers and dates in one language."""

    def __init__(self, lang: str = "en", link_type_labels: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.lang = lang
        self._texts = catalog(lang)
        self._link_types = link_type_labels or {}

    @classmethod
    def for_network(cls, lang: str, net: object) -> Translator:
        """A translator whose link-type labels are those the network's types carry
        (``net.link_type_records()``: ``label``, ``label_fr``, ``label_en``...)."""
        records = net.link_type_records()  # type: ignore[attr-defined]
        return cls(lang, {r["code"]: {k: str(v) for k, v in r.items()} for r in records})

    def __call__(self, key: str, **values: object) -> str:
        """The text of ``key``, with ``{name}`` fields filled from ``values``. A missing
        key raises KeyError (the catalogue test guarantees every key exists in both)."""
        text = self._texts[key]
        return text.format(**values) if values else text

    def number(self, x: float | int | None, digits: int = 2) -> str:
        """A number for display: grouping of thousands, ``digits`` decimals (integers get
        none); French uses a decimal comma and a narrow no-break space between groups.
        NaN and None show as an en dash."""
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return "–"
        if isinstance(x, float) and math.isinf(x):
            return "∞" if x > 0 else "−∞"
        text = f"{x:,d}" if isinstance(x, int) and not isinstance(x, bool) else f"{x:,.{digits}f}"
        if self.lang == "fr":
            text = text.replace(",", "\u202f").replace(".", ",")
        return text.replace("-", "−")

    def percent(self, fraction: float | None, digits: int = 0) -> str:
        """A fraction as a percentage (French: ``75 %`` with a no-break space)."""
        if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
            return "–"
        value = self.number(100.0 * fraction, digits)
        return f"{value}\u00a0%" if self.lang == "fr" else f"{value}%"

    def date(self, iso: str | None) -> str:
        """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as words: ``12 mars 2013`` /
        ``12 March 2013``; ``1er`` for the first of the month in French."""
        if not iso:
            return "–"
        parts = iso.split("-")
        year = parts[0]
        if len(parts) == 1:
            return year
        month = _MONTHS[self.lang][int(parts[1]) - 1]
        if len(parts) == 2:
            return f"{month} {year}"
        day = int(parts[2])
        if self.lang == "fr":
            return f"{'1er' if day == 1 else day} {month} {year}"
        return f"{day} {month} {year}"

    def link_type(self, code: str) -> str:
        """The label of a link type in this language (``label_<lang>``, else ``label``
        for English, else the code itself)."""
        labels = self._link_types.get(code, {})
        return labels.get(f"label_{self.lang}") or (labels.get("label") if self.lang == "en" else None) or code

    def column(self, name: str) -> str:
        """The label of a structure attribute (column) in this language: the catalogue's
        ``column.<name>`` (legal_family, ess, sector...), else the name itself."""
        return self._texts.get(f"column.{name}", name)
