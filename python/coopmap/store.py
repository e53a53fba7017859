"""The cooperation inventory: :class:`Inventory` (SQLite) on top of the compiled core.

The compiled ``coopmap._core.Inventory`` does the work; this subclass adds
:meth:`Inventory.response_rate` and :meth:`Inventory.confirmation_rate` (floats that
also carry the counts) and :meth:`Inventory.import_folder` (a dataset folder, every
wave).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import _core
from ._folder import ConfirmationRate, confirmation_rate
from .errors import InputError as _core_error

__all__ = ["Inventory", "ResponseRate", "ConfirmationRate", "folder_inventory", "folder_network"]


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


def folder_waves(folder: Path) -> list[str]:
    """The waves of a dataset folder: the ``<wave>`` of every ``declarations-<wave>.csv``,
    sorted."""
    return sorted(p.name[len("declarations-") : -len(".csv")] for p in folder.glob("declarations-*.csv"))


class Inventory(_core.Inventory):
    __doc__ = _core.Inventory.__doc__

    def import_folder(self, folder: str | os.PathLike[str]) -> list[_core.ImportReport]:
        """Imports a dataset folder (the layout of the bundled datasets): first
        ``structures.csv`` with ``link_types.csv`` and ``affiliations.csv`` when present,
        then each wave in order, ``declarations-<wave>.csv`` with ``responses-<wave>.csv``
        (or ``responses.csv`` when the folder has no file of that wave). Each call is one
        transaction, as :meth:`import_csv`: a bad file raises :class:`CsvError` naming its
        line and column and leaves the waves imported before it. Returns the import
        reports, in that order (their ``unresolved_partners`` list the partner names no
        id or alias matched).

        Example: ``inv = cm.Inventory("t.db"); inv.import_folder(cm.dataset_path("territory-demo"))``."""
        d = Path(folder)
        if not (d / "structures.csv").is_file():
            raise _core_error(f"{d}: no structures.csv (a dataset folder holds it and declarations-<wave>.csv)")
        link_types, affiliations = d / "link_types.csv", d / "affiliations.csv"
        reports = [
            self.import_csv(
                structures=d / "structures.csv",
                link_types=link_types if link_types.is_file() else None,
                affiliations=affiliations if affiliations.is_file() else None,
            )
        ]
        for wave in folder_waves(d):
            responses = d / f"responses-{wave}.csv"
            if not responses.is_file():
                responses = d / "responses.csv"
            extra = {"responses": responses} if responses.is_file() else {}
            reports.append(self.import_csv(declarations=d / f"declarations-{wave}.csv", wave=wave, **extra))
        return reports

    def collect(
        self,
        wave: str,
        files: Sequence[str | os.PathLike[str]],
        *,
        responses: str | os.PathLike[str] | None = None,
    ) -> _core.ImportReport:
        """Imports the answers files of a wave's questionnaire (:func:`coopmap.survey`)
        in one transaction and returns the same :class:`ImportReport` as
        :meth:`import_csv`: each file's declarations (source ``survey``) and its
        respondent's response status (``complete`` or ``partial``), with ``responses``
        (a responses CSV, ``structure,status``) for the structures that refused or were
        unreached, so that the views and the confirmation rate count them.

        Every file is checked before anything is written, and any fault raises
        :class:`InputError` naming the file and the field (the line of a CSV file), with
        the database exactly as before: larger than 4 MiB or not UTF-8, not the answers
        format, a checksum that does not match (the file was edited or damaged), another
        wave, a respondent or a listed partner not in the inventory, an unknown link type,
        a direction that does not fit its type, the same declaration twice, two files for
        one respondent, a respondent whose status the ``responses`` file contradicts, or
        declarations already stored for the respondent in this wave that the file no
        longer holds (collect adds and updates, it never deletes). Free-text partners
        are resolved through the ids and aliases; those that match none are listed in
        ``report.unresolved_partners`` with their file and declaration number.

        Collecting the same files again changes nothing (``report.added == 0``).
        Complexity: O(declarations + links of the wave).

        Example: ``report = inv.collect("2015", ["answers/genies.json"], responses="refusals.csv")``."""
        from ._survey import collect

        return collect(self, wave, files, responses)

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


@contextmanager
def folder_inventory(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary Inventory file holding a dataset folder (:meth:`Inventory.import_folder`),
    removed on exit; yields its path."""
    with tempfile.TemporaryDirectory(prefix="coopmap-") as tmp:
        path = Path(tmp) / "inventory.db"
        with Inventory(str(path)) as inv:
            inv.import_folder(folder)
        yield path


def folder_network(folder: str | os.PathLike[str], wave: str | None = None, view: str = "union") -> _core.Network:
    """The network of one wave (default: the latest) of a dataset folder that holds
    declarations, derived through a temporary Inventory as :meth:`Inventory.network`
    derives it."""
    waves = folder_waves(Path(folder))
    if not waves:
        raise _core_error(f"{folder}: no declarations-<wave>.csv")
    with folder_inventory(folder) as path, Inventory(str(path), readonly=True) as inv:
        net: _core.Network = inv.network(wave or waves[-1], view)
    return net
