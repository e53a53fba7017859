"""Loading the report's source: a network folder (through the validated readers of
:mod:`coopmap._folder`) or one wave and view of an Inventory."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._folder import ANSWERED, ConfirmationRate, read_folder
from ..errors import InputError
from ..i18n import Translator


def esc(x: object) -> str:
    """HTML-escaped text (quotes too)."""
    return html.escape(str(x), quote=True)


def partner_sets(net: Any) -> dict[str, set[str]]:
    """{id: the ids of its partners, whatever the direction and type} for every
    structure, in one pass over the links (``net.neighbors`` per structure would be
    O(n m))."""
    out: dict[str, set[str]] = {i: set() for i in net.structure_ids()}
    for link in net.links():
        out[link["source"]].add(link["target"])
        out[link["target"]].add(link["source"])
    return out


@dataclass
class Source:
    """What every section reads: the network, the words of its language, and what the
    survey says about it."""

    net: Any
    t: Translator
    view_text: str
    confirmation: ConfirmationRate
    response_rate: float | None
    names: dict[str, str]
    responses: dict[str, str]  # {id: survey status}, for the structures that have one
    answered: set[str] = field(default_factory=set)
    illustrative: bool = False
    wave: str | None = None  # the Inventory wave shown, None for a folder

    def name(self, sid: str) -> str:
        """The escaped display name of a structure (its id when it has none)."""
        return esc(self.names.get(sid, sid))

    @property
    def subtitle(self) -> str:
        t = self.t
        rate = self.response_rate
        return self.view_text + (f" · {t('ind.response')} {t.percent(rate)}" if rate is not None else "")


def load(
    source: Path,
    *,
    t: Translator,
    lang: str,
    group: str,
    formal_groups: Sequence[str] | None,
    wave: str | None,
    view: str,
    directed: bool,
) -> Source:
    """The network of ``source`` (a folder, or an Inventory database with ``wave``) and
    what the report needs to know about it. ``group`` and ``formal_groups`` must name
    attributes some structure has (a ValueError naming the known ones otherwise)."""
    import coopmap as cm

    response_rate: float | None = None
    if source.is_dir():
        net, _meta = read_folder(source, directed=directed)
        view_text = t("view.file", folder=source.name)
        confirmation = cm.confirmation_rate(net)
    else:
        if wave is None:
            raise InputError(f"{source}: an Inventory database needs --wave")
        from ..store import Inventory

        with Inventory(str(source), readonly=True) as inv:
            net = inv.network(wave=wave, view=view)
            response_rate = float(inv.response_rate(wave))
            confirmation = inv.confirmation_rate(wave)  # on the union view, whatever view is shown
        view_text = t("view.inventory", wave=wave, view=t(f"view.{view}"))
    cm._core._require_attribute(net, group, "group")
    for attr in formal_groups or ():
        cm._core._require_attribute(net, attr, "formal_groups")
    records = net.structures()
    responses = {r["id"]: r["response"] for r in records if "response" in r}
    answered = {sid for sid, st in responses.items() if st in ANSWERED}
    if responses and response_rate is None:
        response_rate = len(answered) / len(responses)
    return Source(
        net=net,
        t=Translator.for_network(lang, net),
        view_text=view_text,
        confirmation=confirmation,
        response_rate=response_rate,
        names={r["id"]: r["name"] for r in records},
        responses=responses,
        answered=answered,
        illustrative=net.graph_attribute("illustrative") is True,  # from dataset.json (read_folder)
        wave=wave,
    )
