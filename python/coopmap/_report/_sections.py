"""The report's sections, one function each: each computes its measures once, writes
its CSV tables and returns its HTML blocks (one string per line of the page)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._files import file_stem, write_table, write_text
from ._load import Source, esc
from ._page import figure, table

#: The group label of structures without the group attribute.
NONE = "–"
#: The Gould–Fernandez roles, in the order of the broker table.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


@dataclass
class Settings:
    """The report's arguments that the sections read."""

    lang: str
    group: str
    formal_groups: Sequence[str] | None
    seed: int
    top: int
    scenarios: bool = True
    #: betweenness from this many sampled pivots (None: exact)
    pivots: int | None = None
    #: maps with one node per structure (False: one node per cluster, per group)
    node_maps: bool = True


#: Up to this many structures the report's betweenness is exact (Brandes 2001, O(n m):
#: about 2.5 s on 2 cores at 10,000 structures and 25,000 links); above, it is estimated
#: from BETWEENNESS_PIVOTS sampled sources (Brandes & Pich 2007, O(k m)) and the method
#: section states the error bound (:func:`betweenness_bound`).
BETWEENNESS_EXACT_MAX = 10_000
BETWEENNESS_PIVOTS = 512
#: Up to this many structures the maps draw one node per structure; above, a picture of
#: every structure is a blot, so the maps draw one node per cluster (the bridge map one
#: node per group), with at most MAP_PAIRS_MAX lines, and the page says so.
MAP_NODES_MAX = 5_000
MAP_PAIRS_MAX = 2_000
#: Names listed in one sentence or table cell (the CSV files list them all).
NAMES_MAX = 50
#: Rows of the cluster table (the largest clusters; clusters.csv has every structure), and
#: members named per cluster when it has more than NAMES_MAX: those with most partners.
CLUSTER_ROWS_MAX = 50
CLUSTER_NAMES_MAX = 12


def digits_for(values: Sequence[float], least: int = 3) -> int:
    """Decimals that show the largest of ``values`` with 3 significant digits (at least
    ``least``): normalised betweenness in a network of 10^5 structures is about 10^-3."""
    top = max((abs(v) for v in values if not math.isnan(v)), default=0.0)
    return least if top == 0 else max(least, 2 - math.floor(math.log10(top)))


def betweenness_bound(n: int, k: int, delta: float = 0.05) -> float:
    """The half-width ε such that, with probability at least 1 − δ, every structure's
    sampled normalised betweenness is within ε of its exact value.

    With k pivot sources s_i, the estimate of structure v is the mean of
    X_i = n δ_{s_i}(v) / ((n − 1)(n − 2)), where the dependency δ_s(v) lies in [0, n − 2],
    so X_i ∈ [0, R] with R = n / (n − 1), and E[X_i] is the exact value (Brandes & Pich
    2007). Hoeffding's inequality (which also holds for sampling without replacement,
    Hoeffding 1963 §6) gives P(|mean − exact| ≥ ε) ≤ 2 exp(−2 k ε² / R²); a union bound
    over the n structures sets 2 n exp(−2 k ε² / R²) = δ, i.e.
    ε = R √(ln(2 n / δ) / (2 k)).
    """
    return n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * k))


def names_list(
    src: Source,
    ids: Sequence[Any],
    file: str | None = None,
    render: Callable[[Any], str] | None = None,
    limit: int | None = None,
) -> str:
    """The escaped names of ``ids`` (or ``render(item)``, escaped HTML) joined by commas:
    the first ``limit`` (default NAMES_MAX), then how many more (and the file that lists
    them all)."""
    t = src.t
    limit = NAMES_MAX if limit is None else limit
    shown = ", ".join(map(render or src.name, ids[:limit]))
    if len(ids) <= limit:
        return shown
    more = len(ids) - limit
    text = t("list.more_in", count=t.number(more), file=file) if file else t("list.more", count=t.number(more))
    return f"{shown} {esc(text)}"


def _filled(net: Any, attribute: str, fill: str) -> dict[str, Any]:
    """{id: attribute value} with ``fill`` where the attribute is missing."""
    return {r["id"]: r.get(attribute, fill) for r in net.structures()}


def header(src: Source) -> list[str]:
    """Title, subtitle (view, response rate), the illustrative-data notice, the intro."""
    t = src.t
    return [
        f"<h1>{esc(t('report.title'))}</h1>",
        f'<p class="sub">{esc(src.subtitle)}</p>',
        f'<p class="illustrative">{esc(t("report.illustrative"))}</p>' if src.illustrative else "",
        f'<p class="note">{esc(t("report.intro"))}</p>',
    ]


def indicators(src: Source) -> tuple[list[str], Counter[str]]:
    """The indicator table (size, density, components, isolates, non-respondents,
    confirmation, dates, reciprocity, response rate) and the links per type; also
    returns the link count of each type (the per-type maps read it)."""
    import coopmap as cm

    net, t = src.net, src.t
    n, m = len(net), net.number_of_links()
    pairs = net.simple_view(undirected=True).number_of_edges
    density = cm.density(net)  # of the directed view when some link is an arc
    comps = cm.components(net)
    # structures without a link: the non-respondents among them are named as such
    isolates = [s for s in cm.isolates(net) if s not in src.responses or s in src.answered]
    silent = sorted(s for s in net.structure_ids() if s in src.responses and s not in src.answered)
    records = net.links()
    rows = [(t("ind.structures"), t.number(n)), (t("ind.links"), t.number(m))]
    if net.mixed:
        rows.append((t("ind.arcs"), t.number(net.number_of_arcs())))
    rows += [
        (t("ind.pairs"), t.number(pairs)),
        (t("ind.types"), t.number(len(net.link_types()))),
        (t("ind.density"), t.number(density, 3)),
        (t("ind.components"), t.number(len(comps))),
        (t("ind.largest"), t.number(len(comps[0]) if comps else 0)),
        (t("ind.isolates"), names_list(src, isolates) or t.number(0)),
    ]
    if silent:
        rows.append((t("ind.non_respondents"), names_list(src, silent)))
    c = src.confirmation
    if c.confirmed + c.unconfirmed + c.excluded:
        rows.append(
            (
                t("ind.confirmation"),
                t.percent(c)
                + esc(t("ind.confirmation_counts", confirmed=c.confirmed, pairs=c.confirmed + c.unconfirmed)),
            )
        )
        rows.append((t("ind.single"), t.percent(c.single_declaration_share)))
    starts = sorted(r["start"] for r in records if r["start"])
    if starts:
        rows.append((t("ind.dates"), esc(t("ind.dates_range", first=t.date(starts[0]), last=t.date(starts[-1])))))
    if net.directed:
        rec = cm.reciprocity(net)  # of the arcs alone in a mixed network
        rows.append((t("ind.reciprocity_mixed" if net.mixed else "ind.reciprocity"), t.number(rec.edgewise, 3)))
    if src.response_rate is not None:
        rows.append((t("ind.response"), t.percent(src.response_rate)))
    type_counts = Counter(r["type"] for r in records)
    type_rows = [
        (esc(t.link_type(k)), t.number(v), t.percent(v / m if m else math.nan))
        for k, v in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return [
        f"<h2>{esc(t('h.indicators'))}</h2>",
        table([esc(t("col.indicator")), esc(t("col.value"))], [(esc(k), v) for k, v in rows], "kv"),
        table([esc(t("col.link_type")), esc(t("col.links")), esc(t("col.share"))], type_rows),
    ], type_counts


def clusters(src: Source, out: Path, s: Settings) -> tuple[list[str], Any]:
    """Louvain clusters (``clusters.csv``) and their agreement with the formal groups
    (modularity of each grouping, NMI and ARI with the clusters); also returns the
    partition."""
    import coopmap as cm

    net, t = src.net, src.t
    part = cm.louvain(net, seed=s.seed)
    rows, records = [], []
    partners: dict[str, float] = {}
    for k, members in enumerate(part.communities):
        if k < CLUSTER_ROWS_MAX:
            if len(members) > NAMES_MAX:  # a large cluster: its members with most partners
                partners = partners or cm.degree(net)
                shown = sorted(members, key=lambda x: (-partners[x], x))
                cell = names_list(src, shown, "clusters.csv", limit=CLUSTER_NAMES_MAX)
            else:
                cell = names_list(src, members)
            rows.append((t.number(k + 1), t.number(len(members)), cell))
        records += [{"cluster": k + 1, "id": x, "name": src.names[x]} for x in members]
    write_table(out / "clusters.csv", records)
    formal_rows = []
    for attr in s.formal_groups or ("tenancy", "legal_family"):
        if not any(attr in r for r in net.structures()):
            continue
        membership = _filled(net, attr, NONE)
        cmp = cm.compare_partitions(part.membership, membership)
        formal_rows.append(
            (
                esc(attr),
                t.number(len(set(membership.values()))),
                t.number(cm.modularity(net, membership), 3),
                t.number(cmp.nmi, 3),
                t.number(cmp.ari, 3),
            )
        )
    summary = t("clusters.summary", count=t.number(len(part.communities)), q=t.number(part.modularity, 3), seed=s.seed)
    count = len(part.communities)
    notes = []
    if count > CLUSTER_ROWS_MAX:
        notes.append(t("clusters.first_rows", shown=t.number(CLUSTER_ROWS_MAX), count=t.number(count)))
    if partners:
        notes.append(t("clusters.most_linked", max=t.number(NAMES_MAX), shown=t.number(CLUSTER_NAMES_MAX)))
    first = [f'<p class="note">{esc(x)}</p>' for x in notes]
    return [
        f"<h2>{esc(t('h.clusters'))}</h2>",
        f"<p>{esc(summary)}</p>",
        *first,
        table([esc(t("col.cluster")), esc(t("col.size")), esc(t("col.members"))], rows),
        f"<p>{esc(t('clusters.formal'))}</p>",
        table([esc(t("col.attribute")), esc(t("col.groups")), esc(t("col.modularity")), "NMI", "ARI"], formal_rows),
    ], part


@dataclass
class Brokers:
    """The broker section and what later sections reuse from it."""

    parts: list[str]
    betweenness: dict[str, float]
    cut_points: set[str]
    holes: list[dict[str, Any]]  # Burt's four measures, computed once for both sections
    cross_group: dict[str, int]  # Gould–Fernandez roles across groups (all but coordinator)


def brokers(src: Source, out: Path, s: Settings) -> Brokers:
    """The broker table (``brokers.csv``): Gould–Fernandez roles, betweenness, constraint,
    cut points; Burt's measures (``structural_holes.csv``) are computed here once and
    handed to the gaps section."""
    import coopmap as cm

    t, name = src.t, src.name
    holes = list(cm.structural_holes(src.net))
    write_table(out / "structural_holes.csv", holes)
    records = cm.brokers(
        src.net,
        s.group,
        missing=NONE,
        constraint={r["id"]: r["constraint"] for r in holes},
        k=s.pivots,
        seed=s.seed,
    )
    write_table(out / "brokers.csv", records)
    shown = records[: s.top]
    digits = digits_for([r["betweenness"] for r in shown])
    rows = [
        (
            name(r["id"]),
            esc(r["group"]),
            *(t.number(r[role]) for role in ROLES),
            t.number(r["total"]),
            t.number(r["z_total"], 2),
            t.number(r["betweenness"], digits),
            t.number(r["constraint"], 3),
            t("yes") if r["cut_point"] else "",
        )
        for r in shown
    ]
    parts = [
        f"<h2>{esc(t('h.brokers'))}</h2>",
        f'<p class="note">{esc(t("brokers.explain", group=t.column(s.group)))}</p>',
        *([f'<p class="note">{esc(t("brokers.sampled", pivots=t.number(s.pivots)))}</p>'] if s.pivots else []),
        table(
            [
                esc(t("col.structure")),
                esc(t("col.group")),
                *(esc(t(f"role.{r}")) for r in ROLES),
                esc(t("col.total")),
                "z",
                esc(t("measure.betweenness")),
                esc(t("measure.constraint")),
                esc(t("col.cut_point")),
            ],
            rows,
            "brokers",
        ),
    ]
    return Brokers(
        parts,
        {r["id"]: r["betweenness"] for r in records},
        {r["id"] for r in records if r["cut_point"]},
        holes,
        {r["id"]: r["total"] - r["coordinator"] for r in records},
    )


def _mixing_cells(src: Source, s: Settings) -> tuple[list[str], list[list[str]]]:
    """The mixing matrix as a heat table: empty off-diagonal cells marked as gaps."""
    import coopmap as cm

    t = src.t
    mix = cm.mixing_matrix(src.net, s.group, missing=NONE)
    labels = [str(x) for x in mix.labels]
    mx = [list(row) for row in mix.matrix]
    peak = max((v for row in mx for v in row), default=0) or 1
    rows = []
    for i, row in enumerate(mx):
        cells = [f"<b>{esc(labels[i])}</b>"]
        for j, v in enumerate(row):
            if v == 0 and i != j:
                cells.append(f'<span class="gap" title="{esc(t("gaps.empty_cell"))}">{esc(t("gaps.gap"))}</span>')
            else:
                alpha = 0.15 + 0.85 * v / peak
                shown = t.number(int(v)) if float(v).is_integer() else t.number(v, 2)
                cells.append(f'<span class="heat" style="background:rgba(0,114,178,{alpha:.2f})">{shown}</span>')
        rows.append(cells)
    return [""] + [esc(x) for x in labels], rows


def gaps(src: Source, out: Path, s: Settings, b: Brokers) -> list[str]:
    """Structural holes, cut points and bridges, the mixing matrix, the E-I index and
    the suggested cross-group cooperations (``suggestions.csv``)."""
    import coopmap as cm

    net, t, name = src.net, src.t, src.name

    def size_key(r: dict[str, Any]) -> tuple[float, str]:
        return -(r["effective_size"] if not math.isnan(r["effective_size"]) else -1), r["id"]

    hole_rows = [
        (
            name(r["id"]),
            t.number(r["degree"]),
            t.number(r["effective_size"], 2),
            t.number(r["efficiency"], 3),
            t.number(r["constraint"], 3),
            t.number(r["hierarchy"], 3),
        )
        for r in sorted(b.holes, key=size_key)[: s.top]
    ]
    bridges = list(cm.bridges(net))
    write_table(
        out / "bridges.csv",
        [{"source": u, "target": v, "source_name": src.names[u], "target_name": src.names[v]} for u, v in bridges],
    )
    mix_head, mix_rows = _mixing_cells(src, s)
    ei = cm.ei_index(net, s.group, permutations=1000, seed=s.seed, missing=NONE)
    ei_rows = [(esc(g), t.number(v, 3)) for g, v in sorted(ei.groups.items(), key=lambda kv: str(kv[0]))]
    suggestions = list(cm.predict_links(net, method="adamic_adar", top=s.top, across=s.group, missing=NONE))
    write_table(
        out / "suggestions.csv",
        [{"source": x.source, "target": x.target, "score": x.score, "shared": list(x.shared)} for x in suggestions],
    )
    sugg_rows = [
        (name(x.source), name(x.target), t.number(x.score, 3), ", ".join(name(y) for y in x.shared))
        for x in suggestions
    ]
    ei_summary = t(
        "ei.summary", ei=t.number(ei.network, 3), rescaled=t.number(ei.rescaled, 3), p=t.number(ei.p_value, 3)
    )
    return [
        f"<h2>{esc(t('h.gaps'))}</h2>",
        f"<h3>{esc(t('h.holes'))}</h3>",
        f'<p class="note">{esc(t("holes.explain"))}</p>',
        table(
            [
                esc(t("col.structure")),
                esc(t("col.degree")),
                esc(t("measure.effective_size")),
                esc(t("measure.efficiency")),
                esc(t("measure.constraint")),
                esc(t("measure.hierarchy")),
            ],
            hole_rows,
        ),
        f"<h3>{esc(t('h.cut'))}</h3>",
        f"<p>{esc(t('cut.points'))} {names_list(src, sorted(b.cut_points), 'brokers.csv') or esc(t('none'))}</p>",
        f"<p>{esc(t('cut.bridges'))} "
        + (names_list(src, bridges, "bridges.csv", lambda e: f"{name(e[0])} – {name(e[1])}") or esc(t("none")))
        + "</p>",
        f"<h3>{esc(t('h.mixing', group=t.column(s.group)))}</h3>",
        f'<p class="note">{esc(t("mixing.explain"))}</p>',
        table(mix_head, mix_rows, "mix"),
        f"<p>{esc(ei_summary)}</p>",
        table([esc(t("col.group")), esc(t("measure.ei"))], ei_rows),
        f"<h3>{esc(t('h.suggestions'))}</h3>",
        f'<p class="note">{esc(t("suggestions.explain", group=t.column(s.group)))}</p>',
        table([esc(t("col.structure")), esc(t("col.partner")), esc(t("col.score")), esc(t("col.shared"))], sugg_rows),
    ]


@dataclass
class Maps:
    """The map blocks of the page: the whole map, the bridges map, the per-type maps."""

    whole: list[str]
    bridges: list[str]
    types: list[str]
    geo: list[str]


def layout(src: Source, s: Settings) -> dict[str, Any]:
    """One ForceAtlas2 layout shared by every map (a structure stays in place)."""
    import coopmap as cm

    return cm.layout(src.net, method="forceatlas2", seed=s.seed)


#: Up to this many structures (a PTCE), the report's maps label every structure (a label
#: with no room next to its node gets a leader line; one with no room at all is left
#: out); above, the 20 largest.
LABEL_ALL_MAX = 200


def map_labels(n: int) -> int:
    """How many structures the report's maps label."""
    return n if n <= LABEL_ALL_MAX else 20


def map_canvas(n: int) -> dict[str, int]:
    """The canvas of the report's large maps: 1600 x 1000 px up to 60 structures, then
    growing with sqrt(n / 60) up to twice that, so that labels (15 px text) find room
    around the nodes; the SVG scales to the page and the interactive map zooms."""
    scale = min(2.0, max(1.0, math.sqrt(n / 60)))
    return {"width": round(1600 * scale), "height": round(1000 * scale)}


def isolates_caption(src: Source) -> list[str]:
    """The caption naming the structures without any link, which the layout places
    beside the network."""
    import coopmap as cm

    alone: list[str] = list(cm.isolates(src.net))
    if not alone:
        return []

    def by_name(i: str) -> str:
        return str(src.names.get(i, i)).casefold()

    names = names_list(src, sorted(alone, key=by_name))
    return [f'<p class="note">{esc(src.t("map.isolates", count=src.t.number(len(alone))))} {names}</p>']


def draw_text(network: Any, fmt: str, **options: Any) -> str:
    """``cm.draw`` returning the text of the map (``fmt`` "svg" or "html")."""
    import coopmap as cm

    text = cm.draw(network, None, format=fmt, **options)
    assert text is not None  # path=None: the text is returned
    return text


def svg_figure(path: Path, network: Any, **options: Any) -> str:
    """Draws ``network`` as SVG (``cm.draw`` options) into ``path`` and returns the
    page's figure of it."""
    text = draw_text(network, "svg", **options)
    write_text(path, text)
    return figure(text)


def maps(
    src: Source, out: Path, s: Settings, positions: dict[str, Any], part: Any, b: Brokers, type_counts: Counter[str]
) -> Maps:
    """``map.svg`` / ``map.html`` (clusters, size by betweenness), ``bridges.svg`` (the
    groups of ``group``, the bridge view) and one ``map-<type code>.svg`` per link type. An illustrative
    dataset's maps say so and non-respondents are hollow: draw reads the network's
    ``illustrative`` attribute and each structure's ``response``."""

    net, t = src.net, src.t
    common: dict[str, Any] = dict(positions=positions, seed=s.seed, lang=s.lang, subtitle=src.subtitle)
    cluster_of = {sid: str(k + 1) for k, members in enumerate(part.communities) for sid in members}

    def draw(network: Any, fmt: str, **options: Any) -> str:
        return draw_text(network, fmt, **options, **common)

    def svg(path: Path, network: Any, **options: Any) -> str:
        return svg_figure(path, network, **options, **common)

    whole: dict[str, Any] = dict(
        color=cluster_of,
        color_title=t("map.cluster"),
        size=b.betweenness,
        size_title=t("measure.betweenness"),
        edge_color="type",
        labels=map_labels(len(net)),
        **map_canvas(len(net)),
        title=t("map.whole"),
    )
    whole_figure = svg(out / "map.svg", net, **whole)
    write_text(out / "map.html", draw(net, "html", **whole))
    groups = _filled(net, s.group, NONE)
    bridges_figure = svg(
        out / "bridges.svg",
        net,
        view="bridges",
        group=groups,
        color_title=t.column(s.group),
        size=b.betweenness,
        size_title=t("measure.betweenness"),
        edge_color="type",
        title=t("map.bridges", group=t.column(s.group)),
    )
    taken = {"change"}  # map-change.svg is the change map
    type_figures = [
        svg(
            out / f"map-{file_stem(code, taken)}.svg",
            net.filter_links(type=code),
            color=groups,
            color_title=t.column(s.group),
            size="degree",
            edge_color="type",
            labels=8,
            title=t.link_type(code),
        )
        for k, code in enumerate(sorted(type_counts))
    ]
    geo: list[str] = []
    names = net.attribute_names()
    if "latitude" in names and "longitude" in names:
        # the structures at their place; links as arcs (no network access: no map tiles)
        geo_options = {**whole, **common, "positions": None, "layout": "geographic", "title": t("map.geo")}
        geo_svg = draw_text(net, "svg", **geo_options)
        write_text(out / "map-geo.svg", geo_svg)
        write_text(out / "map-geo.html", draw_text(net, "html", **geo_options))
        geo = [
            f"<h2>{esc(t('h.geo_map'))}</h2>",
            f'<p class="note">{esc(t("map.geo_caption"))} <a href="map-geo.html">{esc(t("map.interactive"))}</a></p>',
            figure(geo_svg),
        ]
    return Maps(
        geo=geo,
        whole=[
            f"<h2>{esc(t('h.map'))}</h2>",
            f'<p class="note">{esc(t("map.caption"))} <a href="map.html">{esc(t("map.interactive"))}</a></p>',
            whole_figure,
            *isolates_caption(src),
        ],
        bridges=[f"<h2>{esc(t('h.bridges_map'))}</h2>", bridges_figure],
        types=[f"<h2>{esc(t('h.type_maps'))}</h2>", '<div class="grid">' + "".join(type_figures) + "</div>"],
    )


#: Largest network whose report has the "What if" section by default: each departure is
#: measured by DF (O(n^2 (n + m)) in all), and the key-player search breaks F's ties by
#: DF (one all-pairs search per tied candidate) up to about 400 structures.
SCENARIOS_MAX = 150


def scenarios(src: Source, s: Settings, b: Brokers) -> list[str]:
    """What if: the key players whose joint departure fragments the network most, what
    each departure costs (with the cross-group brokerage of the broker table), and the
    cooperations that would most join the groups."""
    import coopmap as cm

    net, t, name = src.net, src.t, src.name
    n = len(net)
    if n < 3:
        return []
    parts = [f"<h2>{esc(t('h.scenarios'))}</h2>", f'<p class="note">{esc(t("scenarios.caveat"))}</p>']
    k = min(3, n - 2)
    kp = cm.key_players(net, k=k, objective="fragmentation", seed=s.seed, restarts=3)
    players = ", ".join(name(x) for x in kp.players)
    text = t(
        "scenarios.key_players",
        count=t.number(k),
        names="\x00",
        before=t.number(kp.baseline, 3),
        after=t.number(kp.score, 3),
    )
    parts.append("<p>" + esc(text).replace("\x00", players) + "</p>")
    distance = n <= SCENARIOS_MAX
    departures = cm.vulnerability(net, distance=distance)
    departures.sort(key=lambda r: (-r["increase"], -(r["distance_increase"] if distance else 0), r["id"]))
    shown = [r for r in departures if r["increase"] > 0 or r["cut_off"] or (distance and r["distance_increase"] > 0)]
    shown = shown[: min(s.top, 10)]
    if shown:
        heads = [esc(t("col.structure")), esc(t("col.f_after")), esc(t("col.increase"))]
        heads += [esc(t("col.df_increase"))] if distance else []
        heads += [esc(t("col.cut_off")), esc(t("col.cross_brokerage"))]
        rows = []
        for r in shown:
            row = [name(r["id"]), t.number(r["fragmentation"], 3), t.number(r["increase"], 3)]
            row += [t.number(r["distance_increase"], 3)] if distance else []
            row += [", ".join(name(x) for x in r["cut_off"]) or "", t.number(b.cross_group[r["id"]])]
            rows.append(row)
        parts += [
            f"<p>{esc(t('scenarios.departures', count=t.number(len(shown)), group=t.column(s.group)))}</p>",
            table(heads, rows),
        ]
    woven = cm.weave(net, k=5, objective="cross_group", group=s.group, missing=NONE, lang=s.lang)
    parts.append(f"<p>{esc(t('scenarios.weave', group=t.column(s.group)))}</p>")
    if woven:
        heads = [esc(t("col.structure")), esc(t("col.partner")), esc(t("col.gain")), esc(t("col.reason"))]
        rows = [[name(w.source), name(w.target), t.number(int(w.gain)), esc(w.why)] for w in woven]
        parts.append(table(heads, rows))
    else:
        parts.append(f"<p>{esc(t('scenarios.none'))}</p>")
    return parts


#: Largest network whose report writes a card per structure by default.
CARDS_MAX = 1000


def cards(src: Source, out: Path, s: Settings, part: Any, change: Any = None) -> list[str]:
    """``out/cards/``: a card per structure (the report's clusters and groups; with a
    change between waves, what changed for it), and the report's link to their index."""
    from ._cards import Cards

    earlier = {} if change is None else {"previous": change.before, "since": change.since}
    Cards(src.net, lang=s.lang, group=s.group, seed=s.seed, partition=part, wave=src.wave, **earlier).write(
        out / "cards"
    )
    t = src.t
    return [f'<p class="cards"><a href="cards/index.html">{esc(t("report.cards"))}</a></p>']


def no_cards(src: Source) -> list[str]:
    """The report's note that the cards were left out (a network above CARDS_MAX)."""
    t = src.t
    return [f'<p class="note">{esc(t("report.no_cards", max=t.number(CARDS_MAX)))}</p>']


def method(src: Source, s: Settings) -> list[str]:
    """How the report was computed: view, seed and each method in one sentence (and, for
    a large network, the sampled betweenness with its error bound and the cluster maps)."""
    t = src.t
    n = len(src.net)
    sampled: tuple[str, ...] = ("method.betweenness_sampled",) if s.pivots else ()
    if s.pivots and n > BETWEENNESS_EXACT_MAX:  # the default, and why
        sampled += ("method.betweenness_why",)
    maps: tuple[str, ...] = ("method.layout",) if s.node_maps else ("method.cluster_maps",)
    if not s.node_maps and n > MAP_NODES_MAX:
        maps += ("method.cluster_maps_why",)
    keys = (
        "method.view",
        "method.seed",
        "method.clusters",
        "method.brokerage",
        "method.holes",
        *sampled,
        "method.ei",
        "method.suggestions",
        *maps,
        *(("method.scenarios",) if s.scenarios else ()),
    )
    values = dict(seed=s.seed, view=src.view_text, group=t.column(s.group))
    if s.pivots:
        values.update(pivots=t.number(s.pivots), n=t.number(n), bound=t.number(betweenness_bound(n, s.pivots), 3))
    values.update(max=t.number(BETWEENNESS_EXACT_MAX), map_max=t.number(MAP_NODES_MAX))
    return [
        f"<h2>{esc(t('h.method'))}</h2>",
        "<ul>" + "".join(f"<li>{esc(t(k, **values))}</li>" for k in keys) + "</ul>",
    ]
