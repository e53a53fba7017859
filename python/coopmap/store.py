"""The cooperation inventory: :class:`Inventory` (SQLite) on top of the compiled core.

The compiled ``coopmap._core.Inventory`` does the work; this subclass only adds
:meth:`Inventory.response_rate`, which returns the rate as a float that also carries
the counts.
"""
from __future__ import annotations

from . import _core

__all__ = ["Inventory", "ResponseRate"]


class ResponseRate(float):
    """The response rate of a wave: a float, (complete + partial) / surveyed (NaN when no
    structure was surveyed), with the counts as attributes: ``wave``, ``surveyed``,
    ``complete``, ``partial``, ``refused``, ``unreached`` and ``rate`` (the same float).

    Example: ``r = inv.response_rate("2013"); r == 0.75; r.surveyed``.
    """

    wave: str
    surveyed: int
    complete: int
    partial: int
    refused: int
    unreached: int

    def __new__(cls, counts: _core.ResponseCounts) -> "ResponseRate":
        if not isinstance(counts, _core.ResponseCounts):
            raise TypeError(f"ResponseRate takes the ResponseCounts of a wave, got {type(counts).__name__}")
        obj = super().__new__(cls, counts.rate)
        obj.wave = counts.wave
        obj.surveyed = counts.surveyed
        obj.complete = counts.complete
        obj.partial = counts.partial
        obj.refused = counts.refused
        obj.unreached = counts.unreached
        return obj

    @property
    def rate(self) -> float:
        return float(self)

    def __repr__(self) -> str:
        return (f"ResponseRate({float(self)!r}, wave={self.wave!r}, answered={self.complete + self.partial}, "
                f"surveyed={self.surveyed})")


class Inventory(_core.Inventory):
    __doc__ = _core.Inventory.__doc__

    def response_rate(self, wave: str) -> ResponseRate:
        """The response rate of a wave, (complete + partial) / surveyed, as a float that
        also carries the counts (:class:`ResponseRate`); NaN when no structure has a
        response row. Raises KeyError for an unknown wave. O(responses of the wave)."""
        return ResponseRate(self.response_counts(wave))
