"""
Compiled core of coopmap (C++ on Boost.Graph). Use the coopmap package, which re-exports it.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import os
import typing
__all__: list[str] = ['Network', 'SimpleGraph']
class SimpleGraph:
    """
    A compact CSR snapshot of a network: the simple weighted view that algorithms run on.
    
    Vertex ``i`` is the i-th structure of the network (``net.structure_ids()[i]``). Row ``u``
    holds the neighbours ``indices[indptr[u]:indptr[u+1]]`` (sorted) and the aggregated
    weights ``weights[indptr[u]:indptr[u+1]]``. Undirected graphs store each edge in both
    rows; directed graphs store out-neighbours, and ``in_indptr``/``in_indices``/``in_weights``
    the in-neighbours. No parallel edges and no self-loops. ``scipy.sparse.csr_array((weights,
    indices, indptr))`` gives the weighted adjacency matrix.
    """
    def __repr__(self) -> str:
        ...
    @property
    def directed(self) -> bool:
        ...
    @property
    def in_indices(self) -> numpy.typing.NDArray[numpy.uint32]:
        ...
    @property
    def in_indptr(self) -> numpy.typing.NDArray[numpy.uint64]:
        ...
    @property
    def in_weights(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def indices(self) -> numpy.typing.NDArray[numpy.uint32]:
        ...
    @property
    def indptr(self) -> numpy.typing.NDArray[numpy.uint64]:
        ...
    @property
    def n(self) -> int:
        """
        Number of vertices.
        """
    @property
    def number_of_edges(self) -> int:
        """
        Edges (undirected) or arcs (directed).
        """
    @property
    def weights(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
class Network:
    """
    A cooperation network: structures (organisations) and the links between them.
    
    Structures have a stable string id, a display ``name`` (the id when none is given),
    ``aliases`` (name variants, usable wherever an id is expected) and typed attributes
    (str, int, float, bool). Links join two distinct structures and have a ``type`` (default
    ``"cooperation"``), a ``weight`` (finite, > 0; default 1), optional ISO ``start``/``end``
    dates, an optional ``status`` (e.g. ``"confirmed"``, ``"unconfirmed"``) and typed
    attributes. Several links may join the same pair (multiplex networks). The whole
    network is directed or undirected. Structures keep their insertion order.
    
    Example::
    
        net = coopmap.Network()
        net.add_structure("ies", name="IES", legal_family="association", tenancy="permanent")
        net.add_structure("bge", name="BGE", tenancy="part-time")
        net.add_link("ies", "bge", type="shared_premises", weight=2.0)
    """
    def __contains__(self, arg0: typing.Any) -> bool:
        """
        True when the key is a structure id or alias.
        """
    def __copy__(self) -> Network:
        ...
    def __deepcopy__(self, memo: typing.Any) -> Network:
        ...
    def __init__(self, directed: bool = False) -> None:
        """
        Creates an empty network (undirected by default).
        """
    def __iter__(self) -> collections.abc.Iterator:
        """
        Iterates over structure ids in insertion order.
        """
    def __len__(self) -> int:
        """
        Number of structures.
        """
    def __repr__(self) -> str:
        ...
    def add_alias(self, id: str, alias: str) -> None:
        """
        Adds a name variant. Raises ValueError when another structure uses it.
        """
    def add_link(self, source: typing.Any, target: typing.Any, *, type: typing.Any = 'cooperation', weight: typing.SupportsFloat | typing.SupportsIndex = 1.0, start: typing.Any = None, end: typing.Any = None, status: typing.Any = None, attributes: typing.Any = None, **kwargs) -> int:
        """
        Adds a link and returns its index.
        
        ``source``/``target`` are structure ids or aliases and must exist: an unknown one raises
        KeyError (never a silent creation: a typo in survey data must surface). ``type`` is the
        link type code; ``weight`` a finite number > 0 (ValueError otherwise); ``start``/``end``
        ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); ``status`` e.g. "confirmed"; ``attributes`` a
        dict of attributes (for names such as ``"source"``); other keywords are typed attributes. A self-loop raises ValueError. Several links may join one pair.
        """
    def add_structure(self, id: typing.Any, *, name: typing.Any = None, aliases: typing.Any = None, attributes: typing.Any = None, **kwargs) -> None:
        """
        Adds a structure.
        
        Parameters: ``id`` (non-empty str, unique among ids and aliases); ``name`` (display
        name, defaults to the id); ``aliases`` (list of name variants, trimmed of surrounding
        spaces, without ``|``); ``attributes`` (a dict, for names that are not valid keywords or
        clash with a parameter, such as ``"id"``); any other keyword is a typed attribute
        (str, int, float, bool; None is skipped).
        
        Raises ValueError for an empty or duplicate id, or an alias already in use.
        """
    def copy(self) -> Network:
        """
        A deep copy.
        """
    def filter_links(self, *, type: typing.Any = None, status: typing.Any = None, active_on: typing.Any = None, **kwargs) -> Network:
        """
        A new network with every structure and only the links that match: ``type`` (a code or a
        list of codes), ``status`` (one or a list), ``active_on`` (ISO date within the link's
        start/end, open bounds when missing), and attribute equalities as keywords (1 == 1.0).
        """
    def filter_structures(self, ids: typing.Any = None, **kwargs) -> Network:
        """
        A new network with the structures that match (``ids``: a list of ids or aliases; keywords:
        attribute equalities such as ``legal_family="association"``) and the links among them.
        Raises KeyError for an unknown id.
        """
    def has_link(self, source: str, target: str, type: typing.Any = None) -> bool:
        """
        True when a link (of this type, if given) joins the two structures (source -> target if directed).
        """
    def is_directed(self) -> bool:
        """
        True for a directed network (as networkx's is_directed).
        """
    def link_types(self) -> list[str]:
        """
        Link type codes in use, in order of first appearance.
        """
    def links(self) -> list:
        """
        All links as records (``source``, ``target``, ``type``, ``weight``, ``start``, ``end``, ``status`` and attributes), in insertion order: ``pandas.DataFrame(net.links())``.
        """
    def neighbors(self, id: str) -> list[str]:
        """
        Ids of the partners of a structure (successors when directed), each once. O(m).
        """
    def number_of_links(self) -> int:
        """
        Number of links (parallel links of a multiplex pair count separately).
        """
    def number_of_structures(self) -> int:
        """
        Number of structures.
        """
    def remove_link(self, source: str, target: str, type: typing.Any = None) -> int:
        """
        Removes the links between two structures (of one type if given); returns how many. Raises KeyError when there is none.
        """
    def remove_structure(self, id: str) -> int:
        """
        Removes a structure and its links; returns the number of links removed. O(n + m).
        """
    def resolve(self, key: str) -> str:
        """
        The id of the structure with this id or alias. Raises KeyError when none.
        """
    def set_attribute(self, id: str, name: str, value: typing.Any) -> None:
        """
        Sets a structure attribute (``name`` sets the display name); None removes the attribute.
        """
    def set_link_attribute(self, index: typing.SupportsInt | typing.SupportsIndex, name: str, value: typing.Any) -> None:
        """
        Sets an attribute of the link with this index.
        """
    def set_name(self, id: str, name: str) -> None:
        """
        Sets the display name.
        """
    def simple_view(self, aggregate: str = 'sum', undirected: bool = False) -> SimpleGraph:
        """
        The simple weighted view as a CSR snapshot (:class:`SimpleGraph`).
        
        Parallel links of a pair merge into one edge whose weight is their ``sum`` (default),
        ``max``, ``min``, ``count``, or 1 (``binary``). ``undirected=True`` drops direction (a->b and
        b->a merge). Complexity O(n + m log d_max).
        """
    def structure(self, id: str) -> dict:
        """
        The structure's attributes as a dict, with ``name`` (and ``aliases`` when it has any). Accepts an id or an alias. Raises KeyError for an unknown structure.
        """
    def structure_ids(self) -> list[str]:
        """
        The structure ids, in insertion order.
        """
    def structures(self) -> list:
        """
        All structures as a list of records (dicts with ``id``, ``name``, ...): ``pandas.DataFrame(net.structures())``.
        """
    def to_networkx(self) -> typing.Any:
        """
        The network as a networkx graph: Graph/DiGraph, or MultiGraph/MultiDiGraph when some
        pair has several links. Nodes carry the structure attributes (``name``, ``aliases``,
        ...); edges carry ``type``, ``weight``, ``start``/``end``/``status`` when set, and link
        attributes. Multigraph edge keys are the link type (a repeated type gets ``type#2``...).
        """
    def write_csv(self, *, structures: os.PathLike | str | bytes | None = None, links: os.PathLike | str | bytes | None = None, delimiter: str = ',') -> None:
        """
        Writes the network as CSV in the format :func:`coopmap.read_csv` reads. The round trip
        is lossless (ids, names, aliases, attribute values and types, link types, weights,
        dates, statuses). Each file is written beside the target and renamed over it.
        """
    @property
    def directed(self) -> bool:
        """
        True for a directed network.
        """
def _degree(net: Network) -> dict:
    """
    Internal: number of distinct partners of each structure (undirected simple view).
    """
def _export(net: Network, format: str, path: typing.Any, positions: typing.Any, colors: collections.abc.Sequence[str], sizes: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> typing.Any:
    """
    Internal: use coopmap.write_gexf, write_graphml, write_json, write_dot, write_pajek.
    """
def _group_colors(groups: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], k: typing.SupportsInt | typing.SupportsIndex) -> list[str]:
    """
    Internal: the map colour of each structure's group.
    """
def _layout(net: Network, method: str, seed: typing.SupportsInt | typing.SupportsIndex, iterations: typing.SupportsInt | typing.SupportsIndex, weighted: bool, padding: typing.SupportsFloat | typing.SupportsIndex, linlog: bool, gravity: typing.SupportsFloat | typing.SupportsIndex, strong_gravity: bool, scaling: typing.SupportsFloat | typing.SupportsIndex, dissuade_hubs: bool, edge_weight_influence: typing.SupportsFloat | typing.SupportsIndex, jitter_tolerance: typing.SupportsFloat | typing.SupportsIndex, barnes_hut: typing.SupportsInt | typing.SupportsIndex, theta: typing.SupportsFloat | typing.SupportsIndex, latitude: str, longitude: str, projection: str) -> dict:
    """
    Internal: use coopmap.layout.
    """
def _membership(net: Network, partition: typing.Any) -> list[int]:
    """
    Internal: a partition argument -> group per structure.
    """
def _read_csv(structures: os.PathLike | str | bytes, links: os.PathLike | str | bytes | None = None, directed: bool = False, delimiter: str = '') -> Network:
    ...
def _render_map(arg0: Network, arg1: typing.Any, arg2: str, arg3: typing.Any, arg4: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], arg5: collections.abc.Sequence[str], arg6: str, arg7: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], arg8: str, arg9: str, arg10: typing.SupportsInt | typing.SupportsIndex, arg11: typing.Any, arg12: str, arg13: str, arg14: str, arg15: str, arg16: typing.SupportsFloat | typing.SupportsIndex, arg17: typing.SupportsFloat | typing.SupportsIndex, arg18: collections.abc.Sequence[tuple[str, collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]]) -> typing.Any:
    """
    Internal: use coopmap.draw.
    """
