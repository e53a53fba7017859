"""The cooperation inventory: :class:`Inventory` (SQLite) on top of the compiled core.

The compiled ``coopmap._core.Inventory`` does the work; this subclass only adds
:meth:`Inventory.response_rate`, which returns the rate as a float that also carries
the counts.
"""

from __future__ import annotations

from . import _core
from ._folder import ConfirmationRate, confirmation_rate

__all__ = ["Inventory", "ResponseRate", "ConfirmationRate"]


def _import_report_text(self) -> str:  # type: ignore[no-untyped-def]
    """What the import did, table by table, and the partners it could not resolve, with
    the file and line of each declaration (the text the command line prints)."""
    r: _core.ImportReport = self
    lines = [
        f"import{f' (wave {r.wave})' if r.wave else ''}: {r.added} added, {r.updated} updated, {r.unchanged} unchanged"
    ]
    lines += [
        f"  {c['table']}: {c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged" for c in r.counts
    ]
    if r.resolved_partners:
        lines.append(f"  previously unresolved partners now resolved: {r.resolved_partners}")
    lines.append(f"  unresolved partners: {len(r.unresolved_partners)}")
    lines += [
        f"    {u['file']}, line {u['line']}: '{u['partner']}' (declared by {u['declarer']}, type {u['type']})"
        for u in r.unresolved_partners
    ]
    return "\n".join(lines) + "\n"


_core.ImportReport.__str__ = _import_report_text  # type: ignore[method-assign]


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

    def __new__(cls, counts: _core.ResponseCounts) -> ResponseRate:
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
        return (
            f"ResponseRate({float(self)!r}, wave={self.wave!r}, answered={self.complete + self.partial}, "
            f"surveyed={self.surveyed})"
        )


class Inventory(_core.Inventory):
    __doc__ = _core.Inventory.__doc__

    def response_rate(self, wave: str) -> ResponseRate:
        """The response rate of a wave, (complete + partial) / surveyed, as a float that
        also carries the counts (:class:`ResponseRate`); NaN when no structure has a
        response row. Raises KeyError for an unknown wave. O(responses of the wave)."""
        return ResponseRate(self.response_counts(wave))

    def confirmation_rate(self, wave: str) -> ConfirmationRate:
        """The confirmation rate of a wave: confirmed / (confirmed +
        unconfirmed) among the links whose two ends answered (complete or partial), as a
        float carrying ``confirmed``, ``unconfirmed``, ``excluded`` (links left out
        because an end did not answer, ``partner_did_not_respond`` ones included) and
        ``single_declaration_share`` (:class:`ConfirmationRate`). Always on the union view
        (the confirmed view would be 100 % by construction). NaN when no link has both
        ends answering. Raises KeyError for an unknown wave. O(n + d log d).

        Example: ``c = inv.confirmation_rate("2013"); float(c), c.confirmed, c.excluded``."""
        return confirmation_rate(self.network(wave, "union"))
