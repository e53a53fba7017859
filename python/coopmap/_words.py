"""Errors for a misspelt word: the word and the known ones, closest first (the same
ordering as the C++ library's messages, from ``_core._known_words``)."""

from __future__ import annotations

from collections.abc import Iterable

from . import _core
from .errors import InputError


def unknown(what: str, word: object, known: Iterable[str], problem: str = "unknown") -> InputError:
    """``InputError("<what> '<word>': <problem> (known: closest, ...)")``, to raise."""
    text = str(word)
    return InputError(f"{what} '{text[:80]}': {problem}{_core._known_words(text[:200], sorted(set(known)))}")
