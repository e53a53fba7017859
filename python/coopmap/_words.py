"""Errors for a misspelt word: the word and the known ones, closest first (the same
ordering as the C++ library's messages, from ``_core._known_words``)."""
from __future__ import annotations

from typing import Iterable

from . import _core
from .errors import InputError


def unknown(what: str, word: object, known: Iterable[str], problem: str = "unknown") -> InputError:
    """``InputError("<what> '<word>': <problem> (known: closest, ...)")``, to raise."""
    text = str(word)
    return InputError(f"{what} '{text[:80]}': {problem}{_core._known_words(text[:200], sorted(set(known)))}")


def structure_attributes(net: _core.Network) -> list[str]:
    """Names of the attributes some structure has, sorted."""
    return sorted({k for r in net.structures() for k in r if k not in ("id", "name", "aliases")})


def require_attribute(net: _core.Network, name: str, what: str) -> None:
    """Raises InputError when no structure has attribute ``name`` ("name" always exists)."""
    if name == "name" or len(net) == 0:
        return
    known = structure_attributes(net)
    if name not in known:
        raise unknown(what, name, known, "no structure has this attribute")
