"""The SVG map, written from the model that coopmap computes (``_core._map_model``):
every coordinate, radius and colour comes from the model; this module writes the
elements, the legend and the texts of the chosen language."""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence

import numpy as np

from .._core import MapModel
from ._text import fixed, short_number, snapped, truncate, xml, xml_each

_DASH = {1: "7 5", 2: "2 4"}  # EdgeStyle.dashed, EdgeStyle.dotted

_STYLE = (
    "<style>.label{font-size:15px;fill:#111;stroke:#fff;stroke-width:4px;stroke-linejoin:round;paint-order:stroke;}"
    ".legend{font-size:16px;fill:#222}.legend-h{font-size:17px;font-weight:bold;fill:#111}"
    ".node{stroke-width:1}.node.hollow{fill:#fff;stroke-width:3}.edge{fill:none;stroke-opacity:0.75}"
    ".bridges .edge.within{stroke-opacity:0.13;marker-end:none}.bridges .edge.cross{stroke-opacity:1}</style>\n"
)

_MARKER = (
    '<marker id="arrow%d" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
    'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="%s"/></marker>'
)


class Page:
    """What a map writes besides the model: the texts of the header and legend."""

    def __init__(
        self,
        *,
        texts: Mapping[str, str],
        title: str,
        subtitle: str,
        wave: str,
        view: str,
        color_labels: Sequence[str],
        color_title: str,
        size_title: str,
        edge_color: str,
        bridges: bool = False,
        groups: bool = False,
    ) -> None:
        self.t = texts
        self.groups = groups  # each node is a group of structures, each link a linked pair
        self.title = title
        self.subtitle = subtitle
        self.wave = wave
        self.view = view
        self.color_labels = color_labels
        self.color_title = color_title
        self.size_title = size_title
        self.edge_color = edge_color
        self.bridges = bridges


def info_line(m: MapModel, p: Page) -> str:
    """Wave, view, counts and response rate, joined with middle dots."""
    t = p.t
    parts = []
    if p.wave:
        parts.append(t["wave"] + " " + p.wave)
    if p.view:
        parts.append(t["view"] + t["colon"] + p.view)
    parts.append(f"{m.structures} {t['groups' if p.groups else 'structures']}")
    parts.append(f"{m.links} {t['linked_pairs' if p.groups else 'links']}")
    n = m.structures
    if m.respondents_known == n and n > 0:
        resp = n - m.hollow
        parts.append(t["response_rate"] + " " + fixed(100.0 * resp / n, 0) + t["percent"] + f" ({resp}/{n})")
    return " \u00b7 ".join(parts)


_EDGE = (
    '<path class="edge%s" data-s="%d" data-t="%d" data-k="%d" data-source="%s" data-target="%s" data-type="%s"%s '
    'd="M%.1f %.1f%s%.1f %.1f" stroke="%s" stroke-width="%.2f"%s%s/>\n'
)
_DASH_ATTR = {0: ""}
_DASH_ATTR.update({k: f' stroke-dasharray="{v}"' for k, v in _DASH.items()})


def _edges(m: MapModel, ids: Sequence[str], grouped: bool) -> str:
    """The edge paths; ``grouped``: the nodes have colour groups, so that every edge says
    whether it joins two groups (class ``cross`` or ``within``, ``data-cross``)."""
    markers = [""] + [f' marker-end="url(#arrow{k})"' for k in range(len(m.arrow_colors))]
    marker = list(map(markers.__getitem__, (m.edge_marker + 1).tolist()))
    dash = list(map(_DASH_ATTR.__getitem__, m.edge_style.tolist()))
    # "L" for a straight edge, "Q<control point> " for a curved one
    curved = np.flatnonzero(m.edge_curved)
    middle = ["L"] * len(marker)
    for k, cx, cy in zip(curved.tolist(), snapped(m.edge_cx[curved]), snapped(m.edge_cy[curved])):
        middle[k] = f"Q{cx:.1f} {cy:.1f} "
    source, target = m.edge_source.tolist(), m.edge_target.tolist()
    xml_ids = xml_each(ids)
    codes = xml_each([k.code for k in m.link_types])
    cross = m.edge_cross.tolist()
    klass = [(" cross" if c else " within") for c in cross] if grouped else [""] * len(cross)
    data_cross = [(' data-cross="1"' if c else ' data-cross="0"') for c in cross] if grouped else [""] * len(cross)
    rows = zip(
        klass,
        source,
        target,
        m.edge_type.tolist(),
        map(xml_ids.__getitem__, source),
        map(xml_ids.__getitem__, target),
        map(codes.__getitem__, m.edge_type.tolist()),
        data_cross,
        snapped(m.edge_x1),
        snapped(m.edge_y1),
        middle,
        snapped(m.edge_x2),
        snapped(m.edge_y2),
        m.edge_color,
        m.edge_width.tolist(),
        dash,
        marker,
    )
    return "".join(map(_EDGE.__mod__, rows))


# Presentation attributes, not a class rule: a CSS stroke would win over the ring colour
# (a non-respondent keeps its group colour as a ring).
_NODE = (
    '<circle class="node%s" data-i="%d" data-id="%s" cx="%.1f" cy="%.1f" r="%.1f" %s="%s"%s>'
    "<title>%s</title></circle>\n"
)
_FILLED = ("", "fill", ' stroke="#333"')
_HOLLOW = (" hollow", "stroke", "")


def _nodes(m: MapModel, ids: Sequence[str], names: Sequence[str]) -> str:
    """The node circles, small ones last (on top)."""
    order = m.draw_order
    pick = operator.itemgetter(*order.tolist()) if len(order) > 1 else lambda seq: tuple(seq[k] for k in order)
    kind = [_HOLLOW if h else _FILLED for h in m.node_hollow[order].tolist()]
    rows = zip(
        [k[0] for k in kind],
        order.tolist(),
        pick(xml_each(ids)),
        snapped(m.node_x[order]),
        snapped(m.node_y[order]),
        snapped(m.node_radius[order]),
        [k[1] for k in kind],
        pick(m.node_color),
        [k[2] for k in kind],
        pick(xml_each(names)),
    )
    return "".join(map(_NODE.__mod__, rows))


def _legend_texts(m: MapModel, p: Page) -> dict[str, list[str]]:
    """The texts of the legend rows, by kind and entry."""
    t = p.t
    colors = []
    for it in m.color_legend:
        if it.key == "group":
            label = p.color_labels[it.group]
        elif it.key == "other":
            label = f"{t['other']} ({it.groups} {t['groups']})"
        else:
            label = t["no_value"]
        colors.append(f"{label} ({it.count})")
    # a measure with fractions reads in words: most, median, least (with the rounded value)
    values = [short_number(e.value).replace(".", t["decimal_point"]) for e in m.size_legend]
    if any(e.value != round(e.value) for e in m.size_legend) and len(values) > 1:
        words = ["size_most"] + ["size_median"] * (len(values) - 2) + ["size_least"]
        values = [t[w].format(value=v) for w, v in zip(words, values)]
    sizes = values
    return {
        "color_heading": [p.color_title or t["colour"]],
        "color": colors,
        "size_heading": [t["size"] + t["colon"] + (p.size_title or t["measure"])],
        "size": sizes,
        "edge_heading": [t["link_status"] if p.edge_color == "status" else t["links"]],
        "edge": [t["no_status"] if e.key == "no_status" else e.label for e in m.edge_legend],
        "dashed": [t["unconfirmed"]],
        "dotted": [t["partner_did_not_respond"]],
        "cross": [t["cross_links"]],
        "within": [t["within_links"]],
        "hollow": [f"{t['did_not_respond']} ({m.hollow})"],
    }


def _legend(m: MapModel, p: Page) -> list[str]:
    """The legend panel: the rows the model placed, with the texts of the language."""
    texts = _legend_texts(m, p)
    s = [
        f'<g class="legend-box">\n<rect x="{fixed(m.legend_box_x)}" y="14" width="324" '
        f'height="{fixed(m.legend_box_height)}" fill="#f7f7f7" stroke="#dddddd" rx="6"/>\n'
    ]
    for row in m.legend:
        kind = row.kind
        text = texts[kind][row.entry]
        x, y = fixed(row.x), fixed(row.y)
        if kind.endswith("_heading"):
            s.append(f'<text class="legend-h" x="{x}" y="{y}">{xml(truncate(text, 28))}</text>\n')
            continue
        if kind == "color":
            s.append(f'<circle cx="{x}" cy="{y}" r="8" fill="{m.color_legend[row.entry].color}" stroke="#333"/>\n')
        elif kind == "size":
            s.append(
                f'<circle cx="{x}" cy="{y}" r="{fixed(m.size_legend[row.entry].radius)}" fill="#cccccc" '
                'stroke="#333"/>\n'
            )
        elif kind == "edge":
            entry = m.edge_legend[row.entry]
            dash = f' stroke-dasharray="{_DASH[entry.style]}"' if entry.style else ""
            s.append(
                f'<line x1="{x}" y1="{y}" x2="{fixed(row.x2)}" y2="{y}" '
                f'stroke="{entry.color}" stroke-width="4"{dash}/>\n'
            )
        elif kind in ("cross", "within"):
            s.append(
                f'<line x1="{x}" y1="{y}" x2="{fixed(row.x2)}" y2="{y}" stroke="#333" stroke-width="4" '
                f'stroke-opacity="{"1" if kind == "cross" else "0.13"}"/>\n'
            )
        elif kind in ("dashed", "dotted"):
            s.append(
                f'<line x1="{x}" y1="{y}" x2="{fixed(row.x2)}" y2="{y}" stroke="#555" stroke-width="3" '
                f'stroke-dasharray="{_DASH[1 if kind == "dashed" else 2]}"/>\n'
            )
        else:  # hollow
            s.append(f'<circle cx="{x}" cy="{y}" r="8" fill="#fff" stroke="#555" stroke-width="3"/>\n')
        s.append(
            f'<text class="legend" x="{fixed(row.text_x)}" y="{fixed(row.text_y)}">{xml(truncate(text, 27))}</text>\n'
        )
    s.append("</g>\n</svg>\n")
    return s


def svg_element(m: MapModel, p: Page, ids: Sequence[str], names: Sequence[str]) -> str:
    """The <svg> element of the map (without the XML declaration)."""
    W, H = fixed(m.width, 0), fixed(m.height, 0)
    t = p.t
    s = [
        '<svg xmlns="http://www.w3.org/2000/svg"'
        + (' class="bridges"' if p.bridges else "")
        + f' viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
        'font-family="DejaVu Sans, Verdana, Arial, sans-serif" role="img">\n',
        f"<title>{xml(p.title or t['untitled'])}</title>\n",
        _STYLE,
        f'<rect class="background" x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>\n',
    ]
    if m.directed:
        s.append("<defs>" + "".join(_MARKER % (k, c) for k, c in enumerate(m.arrow_colors)) + "</defs>\n")
    s.append('<g id="viewport">\n<g class="edges">\n')
    s.append(_edges(m, ids, len(m.color_legend) > 0))
    s.append('</g>\n<g class="nodes">\n')
    s.append(_nodes(m, ids, names))
    s.append('</g>\n<g class="labels">\n')
    for label in m.labels:
        if label.leader:
            s.append(
                f'<line class="leader" data-i="{label.node}" x1="{fixed(label.lx1)}" y1="{fixed(label.ly1)}" '
                f'x2="{fixed(label.lx2)}" y2="{fixed(label.ly2)}" stroke="#555" stroke-width="1"/>\n'
            )
    for label in m.labels:
        s.append(
            f'<text class="label" data-i="{label.node}" x="{fixed(label.x)}" y="{fixed(label.y)}" '
            f'text-anchor="{label.anchor}">{xml(label.text)}</text>\n'
        )
    s.append("</g>\n</g>\n")
    # title block
    s.append('<g class="header">\n')
    if p.title:
        s.append(f'<text x="30" y="44" font-size="30" font-weight="bold" fill="#111">{xml(p.title)}</text>\n')
    if p.subtitle:
        s.append(f'<text x="30" y="74" font-size="20" fill="#222">{xml(p.subtitle)}</text>\n')
    s.append(
        f'<text class="info" x="30" y="{"74" if not p.subtitle else "102"}" font-size="17" fill="#444">'
        f"{xml(info_line(m, p))}</text>\n</g>\n"
    )
    s += _legend(m, p)
    return "".join(s)
