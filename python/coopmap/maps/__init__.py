"""Seminar maps and exports: :func:`layout`, :func:`draw` (SVG or interactive HTML) and the
writers :func:`write_gexf`, :func:`write_graphml`, :func:`write_json`, :func:`write_dot`,
:func:`write_pajek`.

The layouts, the map model (positions, radii, colours, edges, legends, label placement)
and the file formats are compiled (``coopmap/layout.hpp``, ``map.hpp``, ``export.hpp``);
this package resolves the user-facing arguments (what to colour and size by), writes the
SVG (``_svg``) and HTML (``_html``, with ``map.css`` and ``map.js``) of a map and takes
every interface text from the language catalogues (``coopmap/locales``).
"""

from __future__ import annotations

import math
import operator
import os
from collections.abc import Iterable, Mapping
from typing import Any, Union

from .. import _core, _words
from ._html import html_page
from ._svg import Page, svg_element

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["layout", "draw", "write_gexf", "write_graphml", "write_json", "write_dot", "write_pajek"]

LAYOUT_METHODS = ("fruchterman_reingold", "kamada_kawai", "forceatlas2", "geographic")


def layout(
    net: _core.Network,
    method: str = "forceatlas2",
    seed: int = 0,
    *,
    iterations: int | None = None,
    weighted: bool = False,
    padding: float = 1.5,
    linlog: bool = False,
    gravity: float = 1.0,
    strong_gravity: bool = False,
    scaling: float = 2.0,
    dissuade_hubs: bool = False,
    edge_weight_influence: float = 1.0,
    jitter_tolerance: float = 1.0,
    barnes_hut: bool | None = None,
    theta: float = 1.2,
    multilevel: bool | None = None,
    threads: int = 0,
    latitude: str = "latitude",
    longitude: str = "longitude",
    projection: str = "equirectangular",
) -> dict[str, tuple[float, float]]:
    """Positions of the structures for a map: a dict ``{id: (x, y)}`` (y grows upwards).

    Parameters
    ----------
    method
        ``"forceatlas2"`` (default), ``"fruchterman_reingold"``, ``"kamada_kawai"``
        or ``"geographic"``.
    seed
        the same seed gives the same positions on every platform (own seeded
        mt19937_64 sampling; no global random state).
    iterations
        force-directed iterations (default: FR 100, FA2 300; KK runs to its
        energy tolerance).
    weighted
        ForceAtlas2 multiplies attraction by ``weight ** edge_weight_influence``
        (link weights summed per pair); FR and KK ignore weights.
    padding
        gap between packed components, in median edge lengths.
    linlog, gravity, strong_gravity, scaling, dissuade_hubs, jitter_tolerance, theta
        ForceAtlas2 settings, named as in Gephi. ``barnes_hut`` None: on for components
        above 300 structures.
    multilevel
        Fruchterman–Reingold and ForceAtlas2 on a hierarchy of coarsened graphs
        (None: for components above 1,000 structures; True or False to force it).
    threads
        threads for the force passes of components of 4,096 structures or more
        (0: all cores); the positions are the same on any number of threads.
    latitude, longitude, projection
        geographic layout: attribute names (degrees) and
        ``"equirectangular"`` (x = lon cos(phi0), y = lat, phi0 the mean latitude) or
        ``"mercator"`` (x = lon, y = (180/pi) ln tan(pi/4 + lat/2)).

    Notes
    -----
    Force-directed methods run on the undirected simple view, lay out each connected
    component separately, scale it to a median edge length of 1 and pack the components
    side by side in rows (largest first), so disconnected parts and isolates stay close.

    * Fruchterman & Reingold (1991): Boost.Graph's implementation for components up to
      1,000 structures (every pair repels); above, multilevel (Walshaw 2000) with
      Barnes–Hut repulsion (Hu 2005), O(iterations (n log n + m)).
    * Kamada & Kawai (1989), Boost.Graph implementation, O(n_c^2) memory per component
      (components above 3000 structures raise ValueError).
    * ForceAtlas2 (Jacomy et al. 2014, PLoS ONE 9(6): e98679): degree+1 masses,
      repulsion k_r m_i m_j / d, attraction d (LinLog log(1 + d)), gravity, Gephi's
      adaptive speed; Barnes–Hut quadtree, O(iterations (n log n + m)); multilevel
      above 1,000 structures (the coarsest level runs ``iterations``, each finer one
      a twentieth of them, at least 15).
    * geographic: located structures at their projected coordinates exactly; the others
      near the barycentre of their located partners (2% of the extent away), or on a
      ring around the map when they have none. ValueError when no structure is located
      or a coordinate is not a number or out of range.

    Example
    -------
    >>> pos = cm.layout(cm.load_dataset("karate"), method="forceatlas2", seed=0)
    >>> len(pos)
    34
    """
    if method not in LAYOUT_METHODS:
        raise _core_input_error(f"method: unknown layout '{method}' (expected {', '.join(LAYOUT_METHODS)})")
    seed = _integer("seed", seed)
    if iterations is not None:
        iterations = _integer("iterations", iterations)
    if iterations is not None and iterations < 1:
        raise _core_input_error("iterations must be >= 1")
    if seed < 0:
        raise _core_input_error("seed must be >= 0")
    return _core._layout(
        net,
        method,
        seed,
        0 if iterations is None else iterations,
        bool(weighted),
        float(padding),
        bool(linlog),
        float(gravity),
        bool(strong_gravity),
        float(scaling),
        bool(dissuade_hubs),
        float(edge_weight_influence),
        float(jitter_tolerance),
        -1 if barnes_hut is None else int(bool(barnes_hut)),
        float(theta),
        -1 if multilevel is None else int(bool(multilevel)),
        _integer("threads", threads),
        latitude,
        longitude,
        projection,
    )


def _integer(name: str, value: Any) -> int:
    """An integer argument (int, numpy integer; not bool, float or inf): TypeError otherwise."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not bool")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer, not {type(value).__name__} ({value!r})") from None


def _core_input_error(message: str) -> Exception:
    from ..errors import InputError

    return InputError(message)


def _not_found(message: str, key: str) -> Exception:
    from ..errors import NotFoundError

    return NotFoundError(message, key)


# ---- argument resolution ------------------------------------------------------------------


def _cluster_text(label: Any) -> str:
    """A partition's own label as the legend shows it: cluster numbers (ints, 0 = the
    largest cluster of a coopmap Partition) count from 1, as in the report's tables."""
    if isinstance(label, int) and not isinstance(label, bool):
        return f"cluster {label + 1}"
    return group_label(label)


def _resolve_color(
    net: _core.Network, color: Any, seed: int, lang: str = "en"
) -> tuple[list[int], list[str], str] | None:
    """color -> (group per structure, -1 for none; group labels; legend title)."""
    if color is None:
        return None
    ids = net.structure_ids()
    title = "group"
    labels_of: dict[str, Any]
    if isinstance(color, str) and color == "cluster":
        part = _core.louvain(net, seed=seed)
        labels_of = {i: _cluster_text(g) for i, g in zip(ids, _core._partition_labels(net, part))}
        title = "cluster"
    elif isinstance(color, str):
        records = net.structures()
        if not any(color in r for r in records):
            raise _words.unknown(
                "color",
                color,
                ["cluster", *net.attribute_names()],
                "neither 'cluster' nor an attribute of some structure",
            )
        labels_of = {r["id"]: r[color] for r in records if color in r and r[color] is not None}
        title = color
    elif isinstance(color, Mapping):
        unknown = [k for k in color if k not in net]
        if unknown:
            raise _not_found(f"color: unknown structure '{unknown[0]}'", unknown[0])
        labels_of = {net.resolve(k): v for k, v in color.items()}
    elif hasattr(color, "membership"):
        labels_of = {i: _cluster_text(g) for i, g in zip(ids, _core._partition_labels(net, color))}
        title = "cluster"
    else:
        raise _core_input_error("color: expected None, 'cluster', an attribute name or a Mapping {id: label}")
    keys: dict[str, int] = {}
    labels: list[str] = []
    groups: list[int] = []
    for i in ids:
        if i not in labels_of:
            groups.append(-1)
            continue
        text = group_label(labels_of[i], lang)
        if text not in keys:
            keys[text] = len(labels)
            labels.append(text)
        groups.append(keys[text])
    return groups, labels, title


# Per-structure measures of coopmap that size= accepts by name.
_SIZE_MEASURES = (
    "betweenness",
    "closeness",
    "harmonic_centrality",
    "pagerank",
    "eigenvector_centrality",
    "strength",
    "core_number",
    "constraint",
    "effective_size",
    "efficiency",
    "hierarchy",
)


def link_type_labels(net: _core.Network, lang: str = "en") -> dict[str, str]:
    """Display labels of the network's link types in a language, as the report's
    :meth:`Translator.link_type` gives them (``label_<lang>``, else ``label`` in English,
    else the code)."""
    from ..i18n import Translator

    t = Translator.for_network(lang, net)
    return {r["code"]: t.link_type(r["code"]) for r in net.link_type_records()}


def group_label(v: Any, lang: str = "en") -> str:
    """A group label: yes / no (in ``lang``) for a boolean, an integral float without
    its ``.0``, a value the catalogue names (``value.<text>``, e.g. the legal families)
    in ``lang``, else the value as text."""
    from ..i18n import catalog

    if isinstance(v, bool):
        return catalog(lang)["yes" if v else "no"]
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return catalog(lang).get(f"value.{v}", str(v))  # e.g. local-authority -> local authority


def _resolve_size(net: _core.Network, size: Any) -> tuple[list[float], str] | None:
    """size -> (value per structure, NaN when missing; legend title)."""
    if size is None:
        return None
    ids = net.structure_ids()
    if isinstance(size, str):
        if size == "degree":
            values: Mapping[str, Any] = _core._degree(net)
        else:
            records = net.structures()
            if any(size in r for r in records):
                values = {r["id"]: r[size] for r in records if size in r}
                bad = [k for k, v in values.items() if isinstance(v, (str, bool))]
                if bad:
                    raise _core_input_error(f"size: attribute '{size}' of structure '{bad[0]}' is not a number")
            else:
                import coopmap

                fn = getattr(coopmap, size, None) if size in _SIZE_MEASURES else None
                if not callable(fn):
                    numeric = [
                        k
                        for k in net.attribute_names()
                        if any(isinstance(r.get(k), (int, float)) and not isinstance(r.get(k), bool) for r in records)
                    ]
                    raise _words.unknown(
                        "size",
                        size,
                        ["degree", *_SIZE_MEASURES, *numeric],
                        "neither a per-structure measure nor a numeric attribute",
                    )
                values = fn(net)
                if not isinstance(values, Mapping):
                    values = dict(values)
        return [_number(values.get(i)) for i in ids], size
    if isinstance(size, Mapping):
        unknown = [k for k in size if k not in net]
        if unknown:
            raise _not_found(f"size: unknown structure '{unknown[0]}'", unknown[0])
        resolved = {net.resolve(k): v for k, v in size.items()}
        return [_number(resolved.get(i)) for i in ids], "measure"
    raise _core_input_error("size: expected None, 'degree', a measure or attribute name, or a Mapping {id: number}")


def _number(v: Any) -> float:
    if v is None:
        return math.nan
    try:
        return float(v)
    except (TypeError, ValueError):
        raise _core_input_error(f"size: value {v!r} is not a number") from None


def _resolve_positions(
    net: _core.Network, positions: Mapping[str, Any] | None, method: str, seed: int
) -> Mapping[str, Any]:
    if positions is None:
        return layout(net, method=method, seed=seed)
    return {net.resolve(k): v for k, v in positions.items()}


def draw(
    net: _core.Network,
    path: PathLike | None,
    *,
    color: Any = None,
    size: Any = "degree",
    edge_color: str | None = "type",
    labels: int = 20,
    seed: int = 0,
    layout: str = "forceatlas2",
    positions: Mapping[str, Any] | None = None,
    respondents: Iterable[str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    wave: str | None = None,
    view: str | None = None,
    group: Any = None,
    ego: str | None = None,
    radius: int = 1,
    view_label: str | None = None,
    measures: Mapping[str, Mapping[str, float]] | None = None,
    width: int = 1600,
    height: int = 1000,
    format: str | None = None,
    lang: str = "en",
    color_title: str | None = None,
    size_title: str | None = None,
    type_labels: Mapping[str, str] | None = None,
    type_colors: Mapping[str, str] | None = None,
    type_styles: Mapping[str, str] | None = None,
    arcs: bool | None = None,
) -> str | None:
    """Draws a seminar map: a static SVG, or one self-contained interactive HTML file.

    The extension of ``path`` picks the format (``.svg``, ``.html``/``.htm``); with
    ``path=None`` the text is returned instead (``format="svg"`` or ``"html"``).

    Parameters
    ----------
    color
        node colour. None: one colour; ``"cluster"``: a Louvain partition
        (``coopmap.louvain``, seeded with ``seed``; ValueError when clustering is not
        available); an attribute name (structures without it are light grey, "no
        value"); a Mapping ``{id: label}``; or a partition object with ``.membership``.
        Colour-blind-safe palette (Okabe–Ito, then Paul Tol's light scheme); the largest
        groups get the distinct colours, groups beyond 14 are grey "other".
    size
        node area. ``"degree"`` (distinct partners), any per-structure measure
        function of coopmap by name (e.g. ``"betweenness"`` when available), a numeric
        attribute name, a Mapping ``{id: number}`` or None (equal sizes). Radius grows
        with the square root of the value; NaN or missing -> smallest.
    edge_color
        ``"type"`` (one colour per link type, Paul Tol's muted palette),
        ``"status"`` or None (grey). One edge is drawn per pair and link type; links of
        different types between a pair are curved apart. Dashed: every link of that edge
        has status ``"unconfirmed"``, dotted when every one is ``"partner_did_not_respond"``.
    labels
        label the N structures with the largest size, placed around their node
        without overlapping labels or nodes (a label with no free place is left out).
    seed, layout, positions
        positions come from ``positions`` ({id: (x, y)}, e.g. from
        :func:`layout`) or else from ``layout(net, method=layout, seed=seed)``.
    respondents
        ids of the structures that answered the survey; the others are drawn
        hollow. None: hollow when the attribute ``responded`` is false, or else when the
        attribute ``response`` (set by ``Inventory.network``) is neither ``complete`` nor
        ``partial``. The response rate
        is printed when every structure has a known answer.
    view
        None (the whole map) or ``"bridges"``, the bridge view: structures coloured
        by ``group``, links between two groups drawn strong and links within a group
        faint, and the brokers labelled: the structures whose Gould–Fernandez total
        brokerage z-score (:func:`brokerage` with ``group``) exceeds 1.96, then the cut
        points (:func:`articulation_points`), by decreasing z. The legend adds the two
        link styles. The interactive map has the same view as a checkbox whenever its
        structures have colour groups.
    group
        the groups of the bridge view: an attribute name or a Mapping ``{id:
        label}``; structures without a value form the group "no value" (in ``lang``).
    ego, radius
        draw only the structure ``ego`` (id, name or alias) and the structures
        within ``radius`` steps of it (links in either direction; radius >= 1), every
        one labelled, ``ego`` first; the title defaults to its name.
    title, subtitle, wave, view_label
        texts of the header; wave and view_label go to
        the information line with the counts and the response rate. A network whose graph
        attribute ``illustrative`` is True (a dataset whose ``dataset.json`` says so, e.g.
        the bundled PTCE data) gets "Illustrative data" (in ``lang``) at the head of the
        subtitle. A network whose graph attribute ``map_nodes`` is ``"groups"`` (a node per
        group of structures and a link per linked pair of groups, as the report's maps of
        a network above 5,000 structures) counts groups and linked pairs instead.
    measures
        extra ``{name: {id: value}}`` shown in the HTML tooltips (the size
        measure and the degree are always shown).
    width, height
        canvas size in px (the SVG has a viewBox and scales): width 400 to
        100,000, height 300 to 100,000 (ValueError otherwise).
    lang
        language of every text of the map that does not come from the data (legends,
        information line, search box, tooltips): ``"en"`` or ``"fr"`` (catalogues in
        ``coopmap/locales``); numbers of the size legend use the language's decimal mark.
    color_title, size_title
        legend headings (default: the attribute or measure name,
        translated when the catalogue knows it).
    type_labels
        display labels of link type codes, e.g. ``{"shared_premises": "Locaux
        partagés"}``; codes without a label show as themselves. None: the labels the
        network's link types carry (``label_<lang>``, else ``label``: see
        :meth:`Network.set_link_type`, ``read_csv(link_types=...)``, ``Inventory.network``).
    arcs
        draw every link as a gentle arc (bent by 8 % of its length); None: arcs for
        ``layout="geographic"``, straight lines otherwise.
    type_colors, type_styles
        with ``edge_color="type"``, the colour (``"#RRGGBB"``) and
        the line style (``"solid"``, ``"dashed"``, ``"dotted"``) of some link type codes,
        instead of the palette and of the styles the statuses give; the legend row of a
        type shows its style.

    Notes
    -----
    The HTML map needs no network access: pan (drag), zoom (wheel), hover for details,
    click a structure to highlight its partners, link-type checkboxes, search by name,
    id or alias. Every data text is escaped; names are rendered as text only. Every
    drawn link (SVG and HTML) carries ``data-source`` and ``data-target`` (the ids of
    its ends), ``data-type`` (its link type code) and, when the structures are coloured
    by group, ``data-cross`` (``1`` between two groups, else ``0``).

    Output is deterministic: the same network, arguments and seed give the same bytes.
    Complexity: the layout, plus O(n + m log m + labels * n).

    Example
    -------
    >>> net = cm.load_dataset("ptce-sicoval-2013")
    >>> cm.draw(net, "map.svg", color="legal_family", size="degree", labels=20, seed=0)
    """
    if format is None:
        if path is None:
            format = "svg"
        else:
            ext = os.path.splitext(os.fspath(path))[1].lower()
            if ext == ".svg":
                format = "svg"
            elif ext in (".html", ".htm"):
                format = "html"
            else:
                raise _core_input_error(f"path: '{os.fspath(path)}' must end in .svg or .html")
    if format not in ("svg", "html"):
        raise _core_input_error("format: expected 'svg' or 'html'")
    if labels < 0:
        raise _core_input_error("labels must be >= 0")
    if view not in (None, "bridges"):
        raise _words.unknown(
            "view", str(view), ["bridges"], "not a view of the map (the information line's text is view_label=)"
        )
    label_nodes: list[int] = []
    if ego is not None:
        ball = _ego_ball(net, ego, radius)
        if title is None:
            title = next(r["name"] for r in net.structures() if r["id"] == ball[0])
        inside = set(ball)

        def keep(mapping: Any) -> Any:  # per-structure Mappings of the whole network, cut to the ball
            if not isinstance(mapping, Mapping):
                return mapping
            return {k: v for k, v in mapping.items() if k in net and net.resolve(k) in inside}

        color, size, group = keep(color), keep(size), keep(group)
        measures = {name: keep(values) for name, values in measures.items()} if measures else measures
        if positions is not None:
            positions = {i: positions[i] for i in ball if i in positions}
        if respondents is not None:
            respondents = [r for r in respondents if net.resolve(r) in inside]
        net = net.filter_structures(ball)
        index = {sid: k for k, sid in enumerate(net.structure_ids())}
        label_nodes = [index[i] for i in ball]
    if view == "bridges":
        if group is None:
            raise _core_input_error("view='bridges' needs group= (an attribute name or a Mapping {id: label})")
        color = _group_labels(net, group, lang)
        if not label_nodes:
            label_nodes = _brokers(net, color)
        if color_title is None and isinstance(group, str):
            from ..i18n import catalog as words

            color_title = words(lang).get(f"column.{group}", group)
    pos = _resolve_positions(net, positions, layout, seed)
    col = _resolve_color(net, color, seed, lang)
    siz = _resolve_size(net, size)
    responded = None
    if respondents is not None:
        answered = {net.resolve(r) for r in respondents}
        responded = [i in answered for i in net.structure_ids()]
    # the HTML tooltips show the size measure, the degree and the extra measures
    ids = net.structure_ids()
    extra: list[tuple[str, list[float]]] = []
    if siz is not None and siz[1] != "degree":
        extra.append((siz[1], siz[0]))
    deg = _core._degree(net)
    extra.append(("degree", [deg[i] for i in ids]))
    for name, vals in (measures or {}).items():
        extra.append((str(name), [_number(vals.get(i)) for i in ids]))
    from ..i18n import catalog

    texts = {key[len("map.") :]: value for key, value in catalog(lang).items() if key.startswith("map.")}
    if net.graph_attribute("illustrative") is True:  # e.g. a bundled dataset: never shown as survey data
        notice = catalog(lang)["report.illustrative_short"]
        if notice not in (subtitle or ""):
            subtitle = f"{notice} · {subtitle}" if subtitle else notice

    def heading(name: str) -> str:  # a measure's or an attribute's name in the language
        words = catalog(lang)
        return words.get(f"measure.{name}", words.get(f"column.{name}", name)) if name else name

    edge_color = "" if edge_color is None else edge_color
    model = _core._map_model(
        net,
        positions=pos,
        color=col[0] if col else [],
        color_groups=len(col[1]) if col else 0,
        size=siz[0] if siz else [],
        edge_color=edge_color,
        labels=_integer("labels", labels),
        responded=responded,
        width=float(width),
        height=float(height),
        type_labels={
            str(k): str(v) for k, v in (link_type_labels(net, lang) if type_labels is None else type_labels).items()
        },
        label_nodes=label_nodes,
        bridges=view == "bridges" and col is not None,
        type_colors={str(k): str(v) for k, v in (type_colors or {}).items()},
        type_styles={str(k): _style_code(v) for k, v in (type_styles or {}).items()},
        arcs=bool(arcs) if arcs is not None else (layout == "geographic" and positions is None),
    )
    page = Page(
        texts=texts,
        title=title or "",
        subtitle=subtitle or "",
        wave=wave or "",
        view=view_label or "",
        bridges=view == "bridges",
        groups=net.graph_attribute("map_nodes") == "groups",
        color_labels=col[1] if col else [],
        color_title=color_title if color_title is not None else heading(col[2] if col else ""),
        size_title=size_title if size_title is not None else heading(siz[1] if siz else ""),
        edge_color=edge_color,
    )
    records = net.structures()
    if format == "svg":
        text = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg_element(
            model, page, [r["id"] for r in records], [r["name"] for r in records]
        )
    else:
        text = html_page(model, page, records, extra)
    if path is None:
        return text
    _core._write_text(os.fspath(path), text)
    return None


_STYLES = ("solid", "dashed", "dotted")


def _style_code(style: Any) -> int:
    if style not in _STYLES:
        raise _words.unknown("type_styles", str(style), list(_STYLES), "not a line style")
    return _STYLES.index(style)


def _ego_ball(net: _core.Network, ego: str, radius: int) -> list[str]:
    """``ego`` (resolved) and the structures within ``radius`` steps of it, breadth first
    (partners in link order)."""
    if isinstance(radius, bool) or not isinstance(radius, int) or radius < 1:
        raise _core_input_error(f"radius must be an integer >= 1, got {radius!r}")
    centre = net.resolve(ego)
    ball, seen, frontier = [centre], {centre}, [centre]
    for _ in range(radius):
        step = []
        for u in frontier:
            for w in net.neighbors(u):
                if w not in seen:
                    seen.add(w)
                    step.append(w)
        ball += step
        frontier = step
    return ball


def _group_labels(net: _core.Network, group: Any, lang: str) -> dict[str, Any]:
    """The bridge view's group of every structure: ``group`` is an attribute name or a
    Mapping {id: label}; structures without one are "no value" (in ``lang``)."""
    from ..i18n import catalog

    none = catalog(lang)["map.no_value"]
    if isinstance(group, str):
        if group not in net.attribute_names():
            raise _words.unknown("group", group, net.attribute_names(), "not an attribute of any structure")
        return {r["id"]: r[group] if r.get(group) is not None else none for r in net.structures()}
    if isinstance(group, Mapping):
        given = {net.resolve(k): v for k, v in group.items()}
        return {i: given.get(i, none) for i in net.structure_ids()}
    raise _core_input_error("group: expected an attribute name or a Mapping {id: label}")


def _brokers(net: _core.Network, groups: Mapping[str, Any]) -> list[int]:
    """Indices of the bridge view's brokers: Gould–Fernandez total z > 1.96 by decreasing
    z (ties: structure order), then the cut points in structure order."""
    ids = net.structure_ids()
    z: dict[str, float] = {}
    if net.number_of_links() > 0 and len(net) > 2:
        labels = {i: group_label(v) for i, v in groups.items()}
        z = {i: roles["total"] for i, roles in _core.brokerage(net, labels).z.items()}
    index = {sid: k for k, sid in enumerate(ids)}
    strong = sorted((i for i in ids if z.get(i, math.nan) > 1.96), key=lambda i: (-z[i], index[i]))
    cut = set(_core.articulation_points(net)) - set(strong)
    return [index[i] for i in strong] + [index[i] for i in ids if i in cut]


def _visual(net: _core.Network, color: Any, size: Any, seed: int = 0) -> tuple[list[str], list[float]]:
    colors: list[str] = []
    sizes: list[float] = []
    col = _resolve_color(net, color, seed)
    if col is not None:
        colors = _core._group_colors(col[0], len(col[1]))
    siz = _resolve_size(net, size)
    if siz is not None:
        sizes = siz[0]
    return colors, sizes


def write_gexf(
    net: _core.Network,
    path: PathLike,
    positions: Mapping[str, Any] | None = None,
    color: Any = None,
    size: Any = None,
) -> None:
    """Writes GEXF 1.3 for Gephi (and ``networkx.read_gexf``).

    Nodes: id, label = display name, declared typed attribute columns (aliases joined
    with ``|``; all bool -> boolean, all int -> long, all numbers -> double, else
    string). Edges: one per link (parallel links kept, ids = link index), label = link
    type, weight, and attributes type, status, start, end and the link attributes.
    ``positions`` ({id: (x, y)}, e.g. :func:`layout`) -> ``viz:position``; ``color``
    (as in :func:`draw`: ``"cluster"``, an attribute name or a Mapping) -> ``viz:color``
    with the map palette; ``size`` (as in :func:`draw`) -> ``viz:size`` = 10 + 40
    sqrt(v / max). Written atomically. O(n + m).

    Example
    -------
    >>> pos = cm.layout(net, seed=0)
    >>> cm.write_gexf(net, "inventory.gexf", positions=pos, color="legal_family", size="degree")
    """
    colors, sizes = _visual(net, color, size)
    _core._export(net, "gexf", path, positions, colors, sizes)


def write_graphml(net: _core.Network, path: PathLike) -> None:
    """Writes GraphML with typed keys (boolean, long, double, string): node name, aliases
    and attributes; edge type, weight, status, start, end and attributes; one edge per
    link. ``networkx.read_graphml`` reads it (a MultiGraph when a pair has several
    links). Written atomically. O(n + m)."""
    _core._export(net, "graphml", path, None, [], [])


def write_json(net: _core.Network, path: PathLike) -> None:
    """Writes JSON node-link data as ``networkx.node_link_data`` (key ``"edges"``,
    ``"multigraph": true``): nodes with id, name, aliases and attributes, edges with
    source, target, type, weight, status, start, end and attributes. NaN -> null.
    ``networkx.node_link_graph(json.load(f))`` reads it. Written atomically. O(n + m)."""
    _core._export(net, "json", path, None, [], [])


def write_dot(net: _core.Network, path: PathLike, *, positions: Mapping[str, Any] | None = None) -> None:
    """Writes Graphviz DOT (``graph`` or ``digraph``): every id, attribute name and value
    double-quoted with ``\\`` and ``"`` escaped; node label = display name plus aliases and
    attributes; one edge statement per link with type, weight, status, start, end and
    attributes; ``positions`` -> ``pos="x,y!"`` (72 points per unit, for ``neato -n``).
    Written atomically. O(n + m)."""
    _core._export(net, "dot", path, positions, [], [])


def write_pajek(net: _core.Network, path: PathLike, *, positions: Mapping[str, Any] | None = None) -> None:
    """Writes Pajek NET: ``*Vertices n`` with the structure ids as vertex labels
    (``positions`` rescaled into [0, 1]), then ``*Edges`` (or ``*Arcs``) with one line
    ``u v weight l "type"`` per link. Pajek NET has no attribute columns: names,
    attributes, statuses and dates are not kept (use GEXF, GraphML or JSON).
    ``networkx.read_pajek`` reads it. Written atomically. O(n + m)."""
    _core._export(net, "pajek", path, positions, [], [])
