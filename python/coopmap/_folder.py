"""A network folder as the report and ``load_dataset`` read it: ``structures.csv``,
``links.csv``, and optionally ``link_types.csv`` (direction and labels of each type),
``responses.csv`` (the survey status of each structure) and ``dataset.json`` (metadata,
e.g. ``{"illustrative": true}``). The same validated readers serve both."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import _core
from .errors import InputError

__all__ = ["read_folder", "read_responses", "confirmation_rate", "ConfirmationRate", "RESPONSE_STATUSES", "ANSWERED"]

#: The survey statuses of a structure, as in an Inventory's responses.
RESPONSE_STATUSES = ("complete", "partial", "refused", "unreached")
#: The statuses of a structure that answered the survey.
ANSWERED = ("complete", "partial")


def read_responses(path: str | os.PathLike[str], net: _core.Network) -> dict[str, str]:
    """Reads a responses file (``structure``, ``status``: one of complete, partial,
    refused, unreached; no other column) into ``{id: status}``, ids resolved through the
    network's aliases, by the same rules as ``Inventory.import_csv(responses=...)``.
    Raises :class:`CsvError` naming the file, line and column for a missing or unknown
    column, an unknown structure, a bad status, a structure given twice, or text that is
    not UTF-8."""
    return _core._read_responses(net, path)


def read_folder(folder: str | os.PathLike[str], *, directed: bool = False) -> tuple[_core.Network, dict[str, Any]]:
    """The network of a folder and its metadata. A folder without ``links.csv`` but with
    survey waves (``declarations-<wave>.csv``) gives the union view of its latest wave,
    derived by an Inventory (:func:`coopmap.store.folder_network`). Link types come from ``link_types.csv``
    when present (so a folder of two-way and directed types reads as a mixed network, as
    the Inventory of the same links); each structure named in ``responses.csv`` gets the
    attribute ``response`` (its status), which maps draw hollow unless complete or
    partial. Metadata: the object of ``dataset.json`` ({} when absent)."""
    from . import read_csv

    folder = Path(folder)
    links = folder / "links.csv"
    types = folder / "link_types.csv"
    if not links.is_file() and any(folder.glob("declarations-*.csv")):
        from .store import folder_network  # survey waves only: the latest wave's links

        net = folder_network(folder)
    else:
        net = read_csv(
            folder / "structures.csv",
            links if links.is_file() else None,
            directed=directed,
            link_types=types if types.is_file() else None,
        )
        responses = folder / "responses.csv"
        if responses.is_file():
            for sid, status in read_responses(responses, net).items():
                net.set_attribute(sid, "response", status)
    meta = read_folder_meta(folder)
    for key, value in meta.items():  # the network carries them (maps read `illustrative`)
        net.set_graph_attribute(key, value)
    return net, meta


def read_folder_meta(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """The object of the folder's ``dataset.json`` ({} when absent), values as a network's
    graph attributes hold them: None dropped, lists and objects as JSON text."""
    meta_path = Path(folder) / "dataset.json"
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"{meta_path}: not a JSON object ({e})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{meta_path}: expected a JSON object")
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if value is None:
            continue
        simple = isinstance(value, (str, int, float, bool))
        out[key] = value if simple else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return out


class ConfirmationRate(float):
    """The confirmation rate: a float, confirmed / (confirmed + unconfirmed) among the
    links whose two ends answered the survey (NaN when there is none), carrying the counts
    ``confirmed``, ``unconfirmed``, ``excluded`` (links with a status left out because an
    end did not answer: every ``partner_did_not_respond`` link, and any link touching a
    structure that refused or was unreached) and ``single_declaration_share`` (the share
    of the links with a status that rest on one declaration because the partner did not
    answer: ``partner_did_not_respond`` / links with a status)."""

    confirmed: int
    unconfirmed: int
    excluded: int
    partner_did_not_respond: int
    single_declaration_share: float

    def __new__(cls, confirmed: int, unconfirmed: int, excluded: int, no_response: int) -> ConfirmationRate:
        both = confirmed + unconfirmed
        obj = super().__new__(cls, confirmed / both if both else float("nan"))
        obj.confirmed, obj.unconfirmed, obj.excluded = confirmed, unconfirmed, excluded
        obj.partner_did_not_respond = no_response
        total = both + excluded
        obj.single_declaration_share = no_response / total if total else float("nan")
        return obj

    @property
    def rate(self) -> float:
        return float(self)

    def __repr__(self) -> str:
        return (
            f"ConfirmationRate({float(self)!r}, confirmed={self.confirmed}, unconfirmed={self.unconfirmed}, "
            f"excluded={self.excluded})"
        )


def confirmation_rate(net: _core.Network) -> ConfirmationRate:
    """The confirmation rate of a network's links (the ratio among pairs where both ends
    answered). A link counts when it has a status and both ends answered (attribute
    ``response`` complete or partial; a structure without that attribute counts as having
    answered); ``partner_did_not_respond`` links are always excluded. Links without a
    status, or another status than the three an Inventory derives, are ignored. O(n + m)."""
    if not isinstance(net, _core.Network):
        raise TypeError(f"confirmation_rate() takes a coopmap.Network, got {type(net).__name__}")
    answered = {r["id"]: r.get("response", "complete") in ANSWERED for r in net.structures()}
    confirmed = unconfirmed = excluded = no_response = 0
    for link in net.links():
        status = link["status"]
        if status not in ("confirmed", "unconfirmed", "partner_did_not_respond"):
            continue  # no status, or one the survey derivation does not give
        if status == "partner_did_not_respond":
            no_response += 1
            excluded += 1
        elif not (answered[link["source"]] and answered[link["target"]]):
            excluded += 1
        elif status == "confirmed":
            confirmed += 1
        else:
            unconfirmed += 1
    return ConfirmationRate(confirmed, unconfirmed, excluded, no_response)
