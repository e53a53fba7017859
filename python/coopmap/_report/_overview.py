"""The maps of a network too large for one node per structure (above
``_sections.MAP_NODES_MAX``): one node per cluster (the bridge map: one node per group)
and one line per connected pair of them, its width the number of links between them.

A picture of 10^5 dots says nothing in a seminar room; the clusters, their sizes and the
ties between them do, and they take a layout of a few hundred nodes instead of one of
every structure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._files import file_stem, write_text
from . import _sections as sec
from ._load import Source, esc
from ._sections import NONE, Maps, Settings, _filled, draw_text, map_canvas, map_labels, svg_figure


@dataclass
class Blocks:
    """A grouping of the structures: ``block[i]`` is the block of the i-th structure
    (``net.structure_ids()`` order), blocks numbered 0 … count − 1 with their ids, names
    and sizes."""

    block: np.ndarray
    ids: list[str]
    names: list[str]
    sizes: list[int]


@dataclass
class Quotient:
    """The network of the blocks and how many connected pairs of blocks there were (the
    drawn ones: the MAP_PAIRS_MAX most linked, and each block's most linked)."""

    net: Any
    pairs: int


def quotient(net: Any, blocks: Blocks, *, type_code: str | None = None, illustrative: Any = None) -> Quotient:
    """One structure per block and one undirected link per connected pair of different
    blocks, weighted by the number of links between them (parallel links each count,
    a two-way link twice; links inside a block are left out); the MAP_PAIRS_MAX most linked
    pairs are kept (ties: the lower block numbers first), and each block's most linked
    pair. ``type_code``: the links of
    that type alone, and the quotient's links carry it. O(n + m log m)."""
    import coopmap as cm

    view = (net if type_code is None else net.filter_links(type=type_code)).simple_view(
        aggregate="count", undirected=True
    )
    indptr = np.asarray(view.indptr, dtype=np.int64)
    target = np.asarray(view.indices, dtype=np.int64)
    source = np.repeat(np.arange(view.n, dtype=np.int64), np.diff(indptr))
    once = source < target  # an undirected view stores each edge in both rows
    a, b = blocks.block[source[once]], blocks.block[target[once]]
    weight = np.asarray(view.weights)[once]
    cross = a != b
    lo, hi = np.minimum(a[cross], b[cross]), np.maximum(a[cross], b[cross])
    keys, inverse = np.unique(lo * len(blocks.ids) + hi, return_inverse=True)
    sums = np.bincount(inverse, weights=weight[cross], minlength=len(keys))
    order = np.lexsort((keys, -sums))  # the most linked pairs first (ties: lower blocks first)
    first, second = np.divmod(keys[order], len(blocks.ids))
    # each block's most linked pair too (its earliest in that order), so that no linked
    # block is drawn apart
    rank = np.arange(len(order))
    earliest = np.full(len(blocks.ids), len(order))
    np.minimum.at(earliest, first, rank)
    np.minimum.at(earliest, second, rank)
    own = earliest[earliest < len(order)]
    kept = order[np.union1d(rank[: sec.MAP_PAIRS_MAX], own)]
    q = cm.Network(directed=False)
    code = type_code or "cooperation"
    q.set_link_type(code, directed=False)
    for bid, name in zip(blocks.ids, blocks.names):
        q.add_structure(bid, name=name)
    for key, w in zip(keys[kept].tolist(), sums[kept].tolist()):
        i, j = divmod(key, len(blocks.ids))
        q.add_link(blocks.ids[i], blocks.ids[j], type=code, weight=w)
    q.set_graph_attribute("map_nodes", "groups")  # the information line counts groups and linked pairs
    if illustrative is not None:
        q.set_graph_attribute("illustrative", illustrative)
    return Quotient(q, len(keys))


def _blocks(labels: Sequence[Any], order: Sequence[Any], ids: Sequence[str], names: Sequence[str]) -> Blocks:
    """Blocks from a label per structure, numbered in ``order`` (every label once)."""
    number = {x: k for k, x in enumerate(order)}
    block = np.fromiter((number[x] for x in labels), dtype=np.int64, count=len(labels))
    sizes = np.bincount(block, minlength=len(order)).tolist()
    return Blocks(block, list(ids), list(names), sizes)


def _dominant(blocks: Blocks, groups: Sequence[str]) -> list[str]:
    """The most common group of each block (ties: the group first in sorted order)."""
    order = sorted(set(groups))
    number = {g: k for k, g in enumerate(order)}
    g = np.fromiter((number[x] for x in groups), dtype=np.int64, count=len(groups))
    counts = np.bincount(blocks.block * len(order) + g, minlength=len(blocks.ids) * len(order))
    return [order[k] for k in counts.reshape(len(blocks.ids), len(order)).argmax(axis=1).tolist()]


def maps(src: Source, out: Path, s: Settings, part: Any, type_counts: Counter[str]) -> Maps:
    """``map.svg`` / ``map.html``: one node per cluster (area: its structures; colour:
    its most common group), ``bridges.svg``: one node per group, ``map-<type>.svg``: the
    cluster map of each link type's links; every caption says what a node is."""
    import coopmap as cm

    net, t = src.net, src.t
    sids = net.structure_ids()
    illustrative = net.graph_attribute("illustrative")
    group_of = _filled(net, s.group, NONE)
    groups = [str(group_of[x]) for x in sids]
    cluster = part.membership
    clusters = _blocks(
        [cluster[x] for x in sids],
        range(len(part.communities)),
        [f"c{k + 1}" for k in range(len(part.communities))],
        [t("map.cluster_node", k=t.number(k + 1), count=t.number(len(c))) for k, c in enumerate(part.communities)],
    )
    dominant = dict(zip(clusters.ids, _dominant(clusters, groups)))
    common: dict[str, Any] = dict(seed=s.seed, lang=s.lang, subtitle=src.subtitle, edge_color="type")
    whole = quotient(net, clusters, illustrative=illustrative)
    positions = cm.layout(whole.net, method="forceatlas2", seed=s.seed, weighted=True)
    style: dict[str, Any] = dict(
        positions=positions,
        color=dominant,
        color_title=t("map.dominant", group=t.column(s.group)),
        size=dict(zip(clusters.ids, clusters.sizes)),
        size_title=t("map.members"),
        type_labels={"cooperation": t("map.links_between")},
    )

    def svg(path: Path, q: Quotient, **options: Any) -> str:
        return svg_figure(path, q.net, **options, **common)

    whole_options = dict(style, labels=map_labels(len(clusters.ids)), title=t("map.whole_clusters"))
    whole_options.update(map_canvas(len(clusters.ids)))
    whole_figure = svg(out / "map.svg", whole, **whole_options)
    write_text(out / "map.html", draw_text(whole.net, "html", **whole_options, **common))

    members = Counter(groups)
    order = sorted(members, key=lambda g: (-members[g], g))  # the largest groups get the distinct colours
    by_group = _blocks(groups, order, [f"g{k + 1}" for k in range(len(order))], order)
    between = quotient(net, by_group, illustrative=illustrative)
    bridges_figure = svg(
        out / "bridges.svg",
        between,
        color=dict(zip(by_group.ids, order)),
        color_title=t.column(s.group),
        size=dict(zip(by_group.ids, by_group.sizes)),
        size_title=t("map.members"),
        labels=len(order),
        type_labels={"cooperation": t("map.links_between")},
        title=t("map.bridges", group=t.column(s.group)),
    )
    taken = {"change"}  # map-change.svg is the change map
    type_figures = []
    for code in sorted(type_counts):
        q = quotient(net, clusters, type_code=code, illustrative=illustrative)
        options = dict(style, labels=8, title=t.link_type(code), type_labels={code: t.link_type(code)})
        type_figures.append(svg(out / f"map-{file_stem(code, taken)}.svg", q, **options))

    def caption(key: str, q: Quotient) -> list[str]:
        text = t(key, group=t.column(s.group))
        if len(net) > sec.MAP_NODES_MAX:  # the default's reason
            text = t("map.too_many", n=t.number(len(net)), max=t.number(sec.MAP_NODES_MAX)) + " " + text
        if q.pairs > sec.MAP_PAIRS_MAX:
            text += " " + t("map.pairs_capped", shown=t.number(sec.MAP_PAIRS_MAX), count=t.number(q.pairs))
        return [f'<p class="note">{esc(text)}</p>']

    names = net.attribute_names()
    geo = [f'<p class="note">{esc(t("map.geo_capped"))}</p>'] if "latitude" in names and "longitude" in names else []
    return Maps(
        geo=geo,
        whole=[
            f"<h2>{esc(t('h.map'))}</h2>",
            *caption("map.clusters_caption", whole),
            f'<p class="note"><a href="map.html">{esc(t("map.interactive"))}</a></p>',
            whole_figure,
        ],
        bridges=[f"<h2>{esc(t('h.bridges_map'))}</h2>", *caption("map.groups_caption", between), bridges_figure],
        types=[
            f"<h2>{esc(t('h.type_maps'))}</h2>",
            f'<p class="note">{esc(t("map.types_clusters"))}</p>',
            '<div class="grid">' + "".join(type_figures) + "</div>",
        ],
    )
