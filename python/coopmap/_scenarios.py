"""Scenarios in the user's words: :func:`weave` wraps the compiled search and gives each
suggested link its reason, in the language of the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import _core
from ._display import Table
from .i18n import Translator

__all__ = ["WovenLink", "weave"]


@dataclass(frozen=True)
class WovenLink:
    """A link suggested by :func:`weave`: ``source`` and ``target`` (ids, in structure
    order), ``gain`` (cohesion: the decrease of DF; cross_group: pairs of structures of
    different groups newly within two steps), ``distance`` before the link (None:
    unreachable), ``shared`` partners (ids), their ``adamic_adar`` score,
    ``cross_group`` (the two are in different groups) and ``why``, one sentence."""

    source: str
    target: str
    gain: float
    distance: int | None
    shared: list[str] = field(default_factory=list)
    adamic_adar: float = 0.0
    cross_group: bool = False
    why: str = ""


def _why(
    net: _core.Network, t: Translator, link: dict[str, Any], objective: str, group: str | None, missing: Any
) -> str:
    def name(sid: str) -> str:
        return str(net.structure(sid)["name"])

    shared = link["shared"]
    names = ", ".join(name(s) for s in shared[:5]) + (", …" if len(shared) > 5 else "")
    shared_text = (
        ""
        if not shared
        else t("weave.shared_one", names=names)
        if len(shared) == 1
        else t("weave.shared", count=t.number(len(shared)), names=names)
    )
    source, target = name(link["source"]), name(link["target"])
    if objective == "cross_group":

        def group_of(sid: str) -> str:
            return str(net.structure(sid).get(group or "", missing))

        return t(
            "weave.why.cross",
            source=source,
            target=target,
            source_group=group_of(link["source"]),
            target_group=group_of(link["target"]),
            shared=shared_text,
            gain=t.number(int(link["gain"])),
        )
    gain = t.number(link["gain"], 3)
    if link["distance"] is None:
        return t("weave.why.joins", source=source, target=target, shared=shared_text, gain=gain)
    return t(
        "weave.why.closer",
        source=source,
        target=target,
        distance=t.number(link["distance"]),
        shared=shared_text,
        gain=gain,
    )


def weave(
    net: _core.Network,
    k: int = 5,
    objective: str = "cohesion",
    group: str | None = None,
    *,
    missing: Any = None,
    lang: str = "en",
) -> Table[WovenLink]:
    """The ``k`` absent links that would most join the network, chosen one at a time.

    Objectives (on the undirected view):

    - ``"cohesion"``: each link is the one that most decreases the distance-weighted
      fragmentation DF (:func:`fragmentation`) given the links chosen before it: links
      that join parts that cannot reach each other, or distant structures, come first;
    - ``"cross_group"``: each link is the one that brings most pairs of structures of
      different groups of ``group`` (e.g. ESS and classic businesses) within two steps
      of each other: the link itself and the two-step paths through it.

    Ties go to the pair with the larger Adamic–Adar score (shared partners of low
    degree), then to structure order. The search stops early when no absent link gains
    anything. Each suggestion carries its ``gain``, its ``distance`` before, the
    ``shared`` partners and ``why``, one sentence in ``lang`` (``"en"`` or ``"fr"``).
    ``missing``: the group of the structures lacking the attribute (else ValueError
    naming them).

    Complexity: O(n (n + m)) for the distances, then per link O(n^4) at worst for
    cohesion (pairs whose distance the link shortens, for every candidate) and
    O(n^2 d) for cross_group; at most 20,000 structures (a 4 n^2-byte distance matrix).

    Example: ``w = cm.weave(net, k=5, objective="cross_group", group="legal_family")``,
    ``w[0].source, w[0].target, w[0].gain, w[0].shared, w[0].why``.
    """
    t = Translator(lang)
    links, _before, _after = _core._weave(net, k, objective, group, missing)
    return Table(
        [
            WovenLink(
                source=link["source"],
                target=link["target"],
                gain=link["gain"],
                distance=link["distance"],
                shared=list(link["shared"]),
                adamic_adar=link["adamic_adar"],
                cross_group=link["cross_group"],
                why=_why(net, t, link, objective, group, missing),
            )
            for link in links
        ],
        "weave",
    )
