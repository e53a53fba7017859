"""Conversions between coopmap.Network and networkx graphs (networkx is imported lazily)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import _core
from .errors import InputError

_LINK_FIELDS = ("type", "weight", "start", "end", "status")


def _pair(net: _core.Network, s: str, t: str) -> tuple[str, ...]:
    return (s, t) if net.directed or s <= t else (t, s)


def to_networkx(net: _core.Network) -> Any:
    """See :meth:`coopmap.Network.to_networkx`."""
    import networkx as nx

    links = net.links()
    if net.mixed:  # as networkx's to_directed: an undirected link becomes two arcs
        two_way = {r["code"] for r in net.link_type_records() if not r["directed"]}
        links = [
            x
            for lk in links
            for x in ([lk, {**lk, "source": lk["target"], "target": lk["source"]}] if lk["type"] in two_way else [lk])
        ]
    counts = Counter(_pair(net, lk["source"], lk["target"]) for lk in links)
    multi = any(c > 1 for c in counts.values())
    if net.directed:
        G = nx.MultiDiGraph() if multi else nx.DiGraph()
        if net.mixed:
            G.graph["mixed"] = True
    else:
        G = nx.MultiGraph() if multi else nx.Graph()
    G.graph.update(net.graph_attributes())
    for rec in net.structures():
        node = rec.pop("id")
        G.add_node(node, **rec)
    used: dict[tuple[str, ...], set[str]] = {}
    for lk in links:
        s, t = lk.pop("source"), lk.pop("target")
        data = {k: v for k, v in lk.items() if v is not None}
        if multi:
            keys = used.setdefault(_pair(net, s, t), set())
            key, i = lk["type"], 1
            while key in keys:
                i += 1
                key = f"{lk['type']}#{i}"
            keys.add(key)
            G.add_edge(s, t, key=key, **data)
        else:
            G.add_edge(s, t, **data)
    return G


def from_networkx(G: Any, *, directed: bool | None = None) -> _core.Network:
    """Builds a :class:`coopmap.Network` from a networkx graph.

    Node keys become structure ids (``str(node)`` for non-string keys); the node
    attributes ``name`` and ``aliases`` fill the display name and aliases, other
    attributes become typed attributes (str, int, float, bool; ``None`` is skipped).
    Edge attributes ``type`` (default: the multigraph key when it is a str without a
    ``#n`` suffix, else ``"cooperation"``), ``weight`` (default 1), ``start``, ``end`` and
    ``status`` fill the link fields; the others become link attributes. ``directed``
    defaults to ``G.is_directed()``. Raises TypeError when ``G`` is not a networkx graph,
    ValueError for self-loops, non-positive weights, attribute values that are not
    scalars, and node keys that collide once converted to str. O(n + m).
    """
    if not all(hasattr(G, a) for a in ("is_directed", "is_multigraph", "nodes", "edges")):
        raise TypeError(f"from_networkx: expected a networkx graph, got {type(G).__name__}")
    is_directed = G.is_directed() if directed is None else bool(directed)
    net = _core.Network(directed=is_directed)
    ids: dict[Any, str] = {}
    used: set[str] = set()
    for node, attrs in G.nodes(data=True):
        sid = node if isinstance(node, str) else str(node)
        if sid in used:
            raise InputError(f"from_networkx: node {node!r} gives the id {sid!r} twice")
        used.add(sid)
        ids[node] = sid
        attrs = dict(attrs)
        name = attrs.pop("name", None)
        aliases = attrs.pop("aliases", None)
        net.add_structure(sid, name=None if name is None else str(name), aliases=aliases, attributes=attrs)
    if G.is_multigraph():
        edges = ((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, key, data in edges:
        data = dict(data)
        ltype = data.pop("type", None)
        if ltype is None:
            ltype = key if isinstance(key, str) and "#" not in key else "cooperation"
        weight = data.pop("weight", 1.0)
        fields = {k: data.pop(k, None) for k in ("start", "end", "status")}
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            raise InputError(f"from_networkx: edge {u!r} - {v!r}: weight {weight!r} is not a number") from None
        net.add_link(ids[u], ids[v], type=str(ltype), weight=weight, **fields, attributes=data)
    return net
