"""What changed between two waves of an Inventory (``coopmap report DB --wave 2014
--compare 2013``): the report section, the change map (``map-change.svg`` and
``map-change.html``: new, ended and kept links in three styles on one layout of both
waves, so that every structure keeps its place), ``change.csv`` (partners gained and
lost per structure), ``change_links.csv`` (every link with its change) and
``status_changes.csv`` (links whose status changed). The tables on the page show their
first 25 rows and say where the rest is.

The link sets and the Jaccard stability are :meth:`Inventory.compare`'s; the indicators
of both waves are computed the same way on each wave's network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._files import write_table, write_text
from ..i18n import Translator
from ._cards import status_text
from ._load import Source, esc, partner_sets
from ._page import figure, table
from ._sections import map_canvas, map_labels, names_list

#: The three kinds of links of the change map: colour (Paul Tol's grey, green, red) and
#: line style.
KINDS = ("kept", "new", "ended")
COLORS = {"kept": "#A0A0A0", "new": "#117733", "ended": "#CC3311"}
STYLES = {"kept": "solid", "new": "solid", "ended": "dashed"}
#: Rows of the status-change and per-structure tables on the page (the CSV files hold all).
ROWS_MAX = 25


def _more(t: Translator, count: int, csv_name: str) -> list[str]:
    """The note that a table shows its first ROWS_MAX rows of ``count`` (the file has all)."""
    if count <= ROWS_MAX:
        return []
    text = t("change.first_rows", shown=t.number(ROWS_MAX), count=t.number(count), file=csv_name)
    return [f'<p class="note">{esc(text)}</p>']


@dataclass
class Change:
    """Two waves of one view: the earlier wave's network, the comparison, and the union
    network (every structure of both waves; links typed kept / new / ended) with its
    layout."""

    since: str
    wave: str
    before: Any
    diff: Any
    union: Any
    positions: dict[str, Any]
    response_before: float | None
    response_after: float | None


def load_change(
    source: Path, *, wave: str, since: str, view: str, seed: int, t: Translator, after: Any, layout: bool = True
) -> Change:
    """Reads the earlier wave ``since`` and the comparison from the Inventory file;
    ``layout``: lay out the union network for the change map (False: no map)."""
    import coopmap as cm

    from ..store import Inventory

    with Inventory(str(source), readonly=True) as inv:
        if since not in inv.waves():
            raise cm.NotFoundError(
                f"--compare: no wave '{since}' in {source.name} (waves: {', '.join(inv.waves())})", since
            )
        before = inv.network(wave=since, view=view)
        diff = inv.compare(since, wave, view=view)
        response_before = float(inv.response_rate(since))
        response_after = float(inv.response_rate(wave))
    union = union_network(before, after, diff, t)
    positions = cm.layout(union, seed=seed) if layout else {}
    return Change(since, wave, before, diff, union, positions, response_before, response_after)


def union_network(before: Any, after: Any, diff: Any, t: Translator) -> Any:
    """Every structure of both waves (the later wave's record when it is in both) and one
    undirected link per compared link, typed ``kept``, ``new`` or ``ended``."""
    import coopmap as cm

    u = cm.Network(directed=False)
    for kind in KINDS:
        u.set_link_type(kind, directed=False)
    seen = set()
    for net in (after, before):
        for r in net.structures():
            if r["id"] in seen:
                continue
            seen.add(r["id"])
            # the survey status is per wave: the map of both waves shows none
            attributes = {
                k: v for k, v in r.items() if k not in ("id", "name", "aliases", "response") and v is not None
            }
            u.add_structure(r["id"], name=r["name"], aliases=r.get("aliases") or None, attributes=attributes)
    for kind, links in (("kept", diff.kept), ("new", diff.new), ("ended", diff.lost)):
        for link in links:
            u.add_link(link["source"], link["target"], type=kind)
    for key in ("illustrative",):
        if after.graph_attribute(key) is not None:
            u.set_graph_attribute(key, after.graph_attribute(key))
    return u


def _indicators(net: Any, response: float | None, group: str) -> dict[str, float]:
    import coopmap as cm

    n, m = len(net), net.number_of_links()
    comps = cm.components(net)
    partners = [len(p) for p in partner_sets(net).values()]
    values = {
        "ind.structures": float(n),
        "ind.links": float(m),
        "ind.density": cm.density(net),
        "ind.components": float(len(comps)),
        "ind.largest": float(len(comps[0]) if comps else 0),
        "ind.isolates": float(len(cm.isolates(net))),
        "change.mean_partners": sum(partners) / n if n else math.nan,
        "change.fragmentation": cm.fragmentation(net).fragmentation if n > 1 else math.nan,
        "change.ei": cm.ei_index(net, group, missing="–").network if m else math.nan,
    }
    if response is not None:
        values["ind.response"] = response
    return values


def section(src: Source, c: Change, out: Path, *, group: str, lang: str, seed: int, draw: Any) -> list[str]:
    """The "what changed" section, its map and tables."""
    t = src.t
    d = c.diff
    kinds = {"kept": len(d.kept), "new": len(d.new), "ended": len(d.lost)}
    labels = {
        "kept": t("change.kind.kept"),
        "new": t("change.kind.new", wave=c.since),
        "ended": t("change.kind.ended", wave=c.since),
    }
    options: dict[str, Any] = dict(
        positions=c.positions,
        color=group if group in c.union.attribute_names() else None,
        color_title=t.column(group),
        size="degree",
        edge_color="type",
        type_labels=labels,
        type_colors=COLORS,
        type_styles=STYLES,
        labels=map_labels(len(c.union)),
        **map_canvas(len(c.union)),
        title=t("change.map_title", before=c.since, after=c.wave),
        wave=f"{c.since} → {c.wave}",
        subtitle=src.subtitle,
        seed=seed,
        lang=lang,
    )
    summary = t(
        "change.summary",
        before=c.since,
        after=c.wave,
        new=t.number(kinds["new"]),
        ended=t.number(kinds["ended"]),
        kept=t.number(kinds["kept"]),
        jaccard=t.number(d.jaccard, 2),
    )
    parts = [f"<h2>{esc(t('h.change', wave=c.since))}</h2>", f"<p>{esc(summary)}</p>"]
    if c.positions:
        svg = draw(c.union, "svg", **options)
        write_text(out / "map-change.svg", svg)
        write_text(out / "map-change.html", draw(c.union, "html", **options))
        link = f'<a href="map-change.html">{esc(t("map.interactive"))}</a>'
        parts += [f'<p class="note">{esc(t("change.map_caption"))} {link}</p>', figure(svg)]
    else:  # a network drawn as clusters: the links are in change_links.csv
        parts.append(f'<p class="note">{esc(t("change.no_map"))}</p>')
    names: dict[str, str] = {r["id"]: str(r["name"]) for r in c.before.structures()} | src.names  # both waves

    def any_name(i: str) -> str:
        return esc(names.get(i, i))

    def by_name(i: str) -> str:
        return names.get(i, i).casefold()

    joined = sorted(d.joined, key=by_name)
    left = sorted(d.left, key=by_name)

    for key, ids in (("change.joined", joined), ("change.left", left)):
        listed = names_list(src, ids, render=any_name) or esc(t("none"))
        parts.append(f"<p>{esc(t(key, wave=c.since))} {listed}</p>")
    # indicators side by side
    before = _indicators(c.before, c.response_before, group)
    after = _indicators(src.net, c.response_after, group)
    rows = []
    for key, b in before.items():
        a = after.get(key, math.nan)
        percent = key == "ind.response"
        digits = 0 if key in ("ind.structures", "ind.links", "ind.components", "ind.largest", "ind.isolates") else 3

        def fmt(x: float, percent: bool = percent, digits: int = digits) -> str:
            return t.percent(x) if percent else t.number(x, digits)

        delta = a - b
        if abs(delta) < 0.5 * 10**-digits:  # no "-0.000": a change too small to show is none
            delta = 0.0
        change_text = ("+" if delta > 0 else "") + fmt(delta) if not math.isnan(delta) else t.number(math.nan)
        rows.append([esc(t(key)), fmt(b), fmt(a), change_text])
    parts += [
        f"<h3>{esc(t('h.change_indicators'))}</h3>",
        table([esc(t("col.indicator")), esc(c.since), esc(c.wave), esc(t("col.change"))], rows, "kv"),
    ]
    # status changes (the first ROWS_MAX here, every one in status_changes.csv)
    write_table(out / "status_changes.csv", [dict(r) for r in d.status_changed])
    if d.status_changed:
        srows = [
            [
                any_name(r["source"]),
                any_name(r["target"]),
                esc(t.link_type(r["type"])),
                esc(status_text(t, r["before"]) or "–"),
                esc(status_text(t, r["after"]) or "–"),
            ]
            for r in d.status_changed[:ROWS_MAX]
        ]
        parts += [
            f"<h3>{esc(t('h.change_status'))}</h3>",
            f'<p class="note">{esc(t("change.status_explain"))}</p>',
            *_more(t, len(d.status_changed), "status_changes.csv"),
            table(
                [
                    esc(t("col.structure")),
                    esc(t("col.partner_of")),
                    esc(t("col.link_type")),
                    esc(c.since),
                    esc(c.wave),
                ],
                srows,
            ),
        ]
    # partners gained and lost, structure by structure
    after_partners, before_partners = partner_sets(src.net), partner_sets(c.before)
    ids = sorted(set(after_partners) | set(before_partners))
    per = []
    for i in ids:
        now = after_partners.get(i, set())
        was = before_partners.get(i, set())
        gained, lost = sorted(now - was), sorted(was - now)
        per.append((i, was, now, gained, lost))
    write_table(
        out / "change.csv",
        [
            {
                "id": i,
                "partners_before": len(was),
                "partners_after": len(now),
                "gained": "|".join(gained),
                "lost": "|".join(lost),
            }
            for i, was, now, gained, lost in per
        ],
    )
    write_table(
        out / "change_links.csv",
        [
            {"source": r["source"], "target": r["target"], "type": r["type"], "change": kind}
            for kind, links in (("kept", d.kept), ("new", d.new), ("ended", d.lost))
            for r in links
        ],
    )
    changed = [p for p in per if p[3] or p[4]]
    changed.sort(key=lambda p: (-(len(p[3]) + len(p[4])), by_name(p[0])))
    prow = [
        [
            any_name(i),
            t.number(len(was)),
            t.number(len(now)),
            ", ".join(any_name(x) for x in gained),
            ", ".join(any_name(x) for x in lost),
        ]
        for i, was, now, gained, lost in changed[:ROWS_MAX]
    ]
    parts += [f"<h3>{esc(t('h.change_structures'))}</h3>", *_more(t, len(changed), "change.csv")]
    if prow:
        parts.append(
            table(
                [
                    esc(t("col.structure")),
                    esc(t("col.partners_in", wave=c.since)),
                    esc(t("col.partners_in", wave=c.wave)),
                    esc(t("col.gained")),
                    esc(t("col.lost")),
                ],
                prow,
            )
        )
    else:
        parts.append(f"<p>{esc(t('change.no_partner_change'))}</p>")
    return parts
