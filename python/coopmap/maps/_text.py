"""Text and number formatting of the map writers, byte for byte as coopmap's C++
exports format them (``coopmap/detail/escape.hpp``): XML and JSON escaping, fixed-point
coordinates without ``-0.0``, the legend's short numbers, shortest round-trip JSON
numbers."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

# XML 1.0 text and attributes: & < > " ' as entities, tab/LF/CR as character references,
# the other C0 controls (forbidden in XML 1.0) dropped.
_XML: dict[int, str | None] = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#39;",
    9: "&#9;",
    10: "&#10;",
    13: "&#13;",
}
_XML.update({c: None for c in range(32) if c not in (9, 10, 13)})

# JSON string contents, safe inside an HTML <script> element: < > & U+2028 U+2029 escaped.
_JSON = {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    10: "\\n",
    13: "\\r",
    9: "\\t",
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
_JSON.update({c: f"\\u{c:04x}" for c in range(32) if c not in (9, 10, 13)})


def xml(s: str) -> str:
    """s escaped for XML text and attribute values."""
    return s.translate(_XML)


def json_string(s: str) -> str:
    """s as a JSON string literal (with the quotes)."""
    return '"' + s.translate(_JSON) + '"'


_XML_KEEP_NUL = {k: v for k, v in _XML.items() if k != 0}
_JSON_KEEP_NUL = {k: v for k, v in _JSON.items() if k != 0}


def _each(items: Sequence[str], table: Mapping[int, str | None], one: Callable[[str], str]) -> list[str]:
    """Every item translated with one call: the items joined with NUL, which data texts
    never hold (the input rules refuse it), then split; item by item otherwise."""
    joined = "\0".join(items)
    if joined.count("\0") != len(items) - 1:
        return [one(s) for s in items]
    return joined.translate(table).split("\0") if items else []


def xml_each(items: Sequence[str]) -> list[str]:
    """[xml(s) for s in items], faster."""
    return _each(items, _XML_KEEP_NUL, xml)


def json_each(items: Sequence[str]) -> list[str]:
    """The contents of [json_string(s) for s in items], without the quotes."""
    return _each(items, _JSON_KEEP_NUL, lambda s: json_string(s)[1:-1])


def truncate(s: str, n: int) -> str:
    """The first n characters of s, with an ellipsis when cut."""
    return s if len(s) <= n else s[:n] + "\u2026"


def snapped(values: Any, decimals: int = 1) -> list[float]:
    """Values as floats whose ``%.<decimals>f`` text never reads "-0.0": values that
    round to zero from below become 0 (as C++ ``fixed`` writes them)."""
    a = np.asarray(values, dtype=np.float64)
    half = 0.5 * 10.0**-decimals
    out: list[float] = np.where((a > -half) & (a <= 0), 0.0, a).tolist()
    return out


def fixed(x: float, decimals: int = 1) -> str:
    """One number in fixed notation, as C++ ``fixed``: no "-0", non-finite as 0."""
    if not math.isfinite(x):
        x = 0.0
    s = f"{x:.{decimals}f}"
    return s[1:] if s in ("-0.0", "-0") else s


def short_number(x: float) -> str:
    """A short human-readable number for a legend: two significant digits, never an
    exponent (a seminar legend reads 0.00048, not 4.75e-04): integers as they are, values
    below 0.0001 as "< 0.0001", from a million on in whole numbers."""
    if math.isnan(x):
        return "–"  # as the report shows an undefined value (never reached by a legend: values > 0)
    a = abs(x)
    if x == round(x) or a >= 100:
        return f"{x:.0f}"
    if a < 1e-4:
        return "< 0.0001" if x > 0 else "> -0.0001"
    decimals = max(0, 1 - math.floor(math.log10(a)))  # two significant digits
    text = f"{x:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def json_number(x: float) -> str:
    """A double as JSON, as C++ ``std::to_chars`` writes it: the shortest round-trip
    digits in fixed or scientific notation, whichever is shorter (fixed on a tie); NaN
    and infinities as null."""
    if not math.isfinite(x):
        return "null"
    if x == 0:
        return "-0" if math.copysign(1.0, x) < 0 else "0"
    if -1e5 < x < 1e5 and x.is_integer():  # fixed is never longer below 1e5
        return str(int(x))
    sign = "-" if x < 0 else ""
    mantissa, _, exp = repr(abs(float(x))).partition("e")  # repr: the shortest round-trip digits
    whole, _, frac = mantissa.partition(".")
    if frac == "0":
        frac = ""
    written = (whole + frac).lstrip("0")
    # value = 0.<digits> * 10**point
    point = len(whole) + int(exp or 0) - (len(whole + frac) - len(written))
    digits = written.rstrip("0")
    if point <= 0:
        fixed_text = "0." + "0" * -point + digits
    elif point >= len(digits):
        fixed_text = str(int(abs(x)))  # an integer: its exact digits, as std::to_chars writes them
    else:
        fixed_text = digits[:point] + "." + digits[point:]
    e = point - 1
    sci = digits[0] + ("." + digits[1:] if len(digits) > 1 else "") + ("e-" if e < 0 else "e+") + f"{abs(e):02d}"
    return sign + (fixed_text if len(fixed_text) <= len(sci) else sci)


def json_value(v: Any) -> str:
    """An attribute value (bool, int, float, str) as JSON."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return json_number(v)
    return json_string(str(v))
