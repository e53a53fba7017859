"""The broker table: Gould–Fernandez roles, their z-scores, betweenness, constraint and
the cut-point flag, one record per structure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._display import Table

__all__ = ["brokers"]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total")


def brokers(
    net: Any,
    group: str = "legal_family",
    *,
    missing: str | None = None,
    normalized: bool = True,
    constraint: Mapping[str, float] | None = None,
    k: int | None = None,
    seed: int = 0,
) -> Table[dict[str, Any]]:
    """The broker table of a network: one record per structure, most central first.

    Each record has ``id``, ``name``, ``group`` (the structure's value of the ``group``
    attribute), the Gould–Fernandez role counts ``coordinator``, ``itinerant``,
    ``representative``, ``gatekeeper``, ``liaison``, ``total`` (:func:`coopmap.brokerage`,
    as R sna), their z-scores ``z_coordinator`` … ``z_total`` (NaN where sna gives NaN),
    ``betweenness`` (:func:`coopmap.betweenness`, unweighted shortest paths, normalised by
    default like networkx: a share in [0, 1] comparable across networks, whereas
    :func:`coopmap.betweenness` returns raw counts by default, as igraph and R sna),
    ``constraint`` (:func:`coopmap.constraint`, Burt 1992, link weights as tie strength;
    NaN for isolates) and ``cut_point`` (True for an articulation
    point of the undirected view: its departure splits the network).

    Rows are sorted by betweenness (descending), then total brokerage (descending), then
    id. ``missing``: the group given to structures without the attribute (default: they
    raise ValueError naming them). ``constraint``: Burt's constraint per structure already
    computed with the default weights (e.g. ``{r["id"]: r["constraint"] for r in
    cm.structural_holes(net)}``), so that it is not computed twice; every structure must
    have a value. ``k``, ``seed``: betweenness estimated from ``k`` sampled pivot sources
    (:func:`coopmap.betweenness` with ``k`` and ``seed``; the pivots are
    :func:`coopmap.betweenness_pivots`), O(k m) instead of O(n m); None: exact.
    ``pandas.DataFrame(cm.brokers(net))`` loads the table.

    Complexity: that of betweenness, O(n m) (O(k m) with ``k``), plus brokerage
    O(Σ indeg·outdeg).
    """
    import coopmap as cm

    if not isinstance(net, cm.Network):
        raise TypeError(f"brokers() takes a coopmap.Network, got {type(net).__name__}")
    if not isinstance(group, str):
        raise TypeError(f"group must be an attribute name (str), got {type(group).__name__}")
    if missing is not None and not isinstance(missing, str):
        raise TypeError(f"missing must be a str label, got {type(missing).__name__}")
    records = net.structures()
    b = cm.brokerage(net, group, missing=missing)  # names a misspelt group or the structures lacking it
    groups = {r["id"]: r.get(group, missing) for r in records}
    btw = cm.betweenness(net, normalized=normalized, k=k, seed=seed)
    cons: Mapping[str, float]
    if constraint is None:
        cons = cm.constraint(net)
    else:
        lacking = [r["id"] for r in records if r["id"] not in constraint]
        if lacking:
            raise cm.InputError(f"constraint: no value for {len(lacking)} structure(s), e.g. {lacking[0]!r}")
        cons = constraint
    cut = set(cm.articulation_points(net))
    counts, z = b.counts, b.z  # each attribute read converts the whole table: once, not per row
    table = []
    for r in records:
        sid = r["id"]
        row: dict[str, Any] = {"id": sid, "name": r["name"], "group": groups[sid]}
        row.update({role: counts[sid][role] for role in ROLES})
        row.update({f"z_{role}": z[sid][role] for role in ROLES})
        row.update(betweenness=btw[sid], constraint=cons[sid], cut_point=sid in cut)
        table.append(row)
    table.sort(key=lambda x: (-x["betweenness"], -x["total"], x["id"]))
    return Table(table, "brokers")
