"""Conversions between coopmap.Network and python-igraph graphs (igraph is imported
lazily: ``pip install coopmap[igraph]``)."""

from __future__ import annotations

from typing import Any

from . import _core
from .errors import InputError

_LINK_FIELDS = ("type", "weight", "start", "end", "status")


def _igraph() -> Any:
    try:
        import igraph
    except ImportError:
        raise ImportError(
            "coopmap: this needs python-igraph, which is not installed: pip install 'coopmap[igraph]' "
            "(or pip install igraph)"
        ) from None
    return igraph


def to_igraph(net: _core.Network) -> Any:
    """See :meth:`coopmap.Network.to_igraph`."""
    igraph = _igraph()
    links = net.links()
    if net.mixed:  # as to_networkx: an undirected link becomes two arcs
        two_way = {r["code"] for r in net.link_type_records() if not r["directed"]}
        links = [
            x
            for lk in links
            for x in ([lk, {**lk, "source": lk["target"], "target": lk["source"]}] if lk["type"] in two_way else [lk])
        ]
    records = net.structures()
    index = {r["id"]: i for i, r in enumerate(records)}
    g = igraph.Graph(n=len(records), directed=net.directed)
    g.vs["name"] = [r["id"] for r in records]  # igraph's vertex names are the ids
    g.vs["label"] = [r["name"] for r in records]  # the display name (igraph's plots draw "label")
    for key in sorted({k for r in records for k in r} - {"id", "name", "label"}):
        g.vs[key] = [r.get(key) for r in records]
    g.add_edges([(index[lk["source"]], index[lk["target"]]) for lk in links])
    keys = list(_LINK_FIELDS) + sorted({k for lk in links for k in lk} - set(_LINK_FIELDS) - {"source", "target"})
    for key in keys:
        values = [lk.get(key) for lk in links]
        if any(v is not None for v in values):  # no column of Nones (start, end, status unset)
            g.es[key] = values
    for key, value in net.graph_attributes().items():
        g[key] = value
    if net.mixed:
        g["mixed"] = True
    return g


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def from_igraph(g: Any, *, directed: bool | None = None) -> _core.Network:
    """Builds a :class:`coopmap.Network` from a python-igraph ``Graph``.

    Vertex ids: the vertex attribute ``name`` (igraph's convention for vertex names;
    ``str(name)``), else the vertex index as text. ``label`` gives the display name and
    ``aliases`` (a list of str) the aliases; other vertex attributes become typed
    structure attributes (str, int, float, bool; ``None`` is skipped, as igraph fills
    attributes missing on some vertices with ``None``). Edge attributes ``type`` (default
    ``"cooperation"``), ``weight`` (default 1), ``start``, ``end`` and ``status`` fill the
    link fields, the others become link attributes; graph attributes with a scalar value
    become graph attributes. ``directed`` defaults to ``g.is_directed()``. Parallel edges
    are kept (multiplex links).

    Raises TypeError when ``g`` is not an igraph Graph; ValueError for self-loops,
    non-positive weights, non-scalar attribute values and names that collide once
    converted to str. O(n + m).

    Example: ``net = cm.from_igraph(igraph.Graph.Famous("Zachary"))``.
    """
    if not all(hasattr(g, a) for a in ("vs", "es", "is_directed", "vcount", "attributes")):
        raise TypeError(f"from_igraph: expected an igraph Graph, got {type(g).__name__}")
    net = _core.Network(directed=g.is_directed() if directed is None else bool(directed))
    vertex_keys = g.vs.attributes()
    names = g.vs["name"] if "name" in vertex_keys else list(range(g.vcount()))
    ids = [n if isinstance(n, str) else str(n) for n in names]
    seen: dict[str, int] = {}
    for i, sid in enumerate(ids):
        if sid in seen:
            raise InputError(f"from_igraph: vertices {seen[sid]} and {i} have the same name {sid!r}")
        seen[sid] = i
    for v in g.vs:
        attrs = {k: val for k, val in v.attributes().items() if k != "name" and val is not None}
        label = attrs.pop("label", None)
        aliases = attrs.pop("aliases", None)
        net.add_structure(ids[v.index], name=None if label is None else str(label), aliases=aliases, attributes=attrs)
    for e in g.es:
        data = {k: val for k, val in e.attributes().items() if val is not None}
        ltype = data.pop("type", "cooperation")
        weight = data.pop("weight", 1.0)
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            raise InputError(
                f"from_igraph: edge {ids[e.source]!r} - {ids[e.target]!r}: weight {weight!r} is not a number"
            ) from None
        fields = {k: data.pop(k, None) for k in ("start", "end", "status")}
        net.add_link(ids[e.source], ids[e.target], type=str(ltype), weight=weight, **fields, attributes=data)
    for key in g.attributes():
        if key != "mixed" and _scalar(g[key]):
            net.set_graph_attribute(key, g[key])
    return net
