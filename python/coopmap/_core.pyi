"""
Compiled core of coopmap (C++ on Boost.Graph). Use the coopmap package, which re-exports it.
"""
from __future__ import annotations
import collections.abc
import coopmap._display
import igraph
import networkx
import numpy
import numpy.typing
import os
import pandas
import typing
__all__: list[str] = ['Brokerage', 'ClusterGaps', 'EIIndex', 'Fragmentation', 'ImportReport', 'Inventory', 'KeyPlayers', 'MapColorEntry', 'MapEdgeEntry', 'MapLabel', 'MapLegendRow', 'MapLinkType', 'MapModel', 'MapSizeEntry', 'MixingMatrix', 'Network', 'Partition', 'PartitionComparison', 'Reciprocity', 'ResponseCounts', 'SimpleGraph', 'Suggestion', 'WaveComparison', 'WhatIf', 'articulation_points', 'assortativity', 'betweenness', 'betweenness_pivots', 'biconnected_components', 'bridges', 'brokerage', 'centralization', 'cliques', 'closeness', 'cluster_gaps', 'compare_partitions', 'components', 'constraint', 'core_number', 'degree', 'density', 'edge_betweenness', 'effective_size', 'efficiency', 'ei_index', 'eigenvector_centrality', 'fragmentation', 'harmonic_centrality', 'hierarchy', 'isolates', 'key_players', 'label_propagation', 'leiden', 'local_bridges', 'louvain', 'mixing_matrix', 'modularity', 'pagerank', 'partition_by', 'predict_links', 'reciprocity', 'strength', 'structural_holes', 'vulnerability', 'what_if']
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
        """
        True when rows hold out-neighbours of a directed graph.
        """
    @property
    def in_indices(self) -> numpy.typing.NDArray[numpy.uint32]:
        """
        In-neighbour vertex numbers, sorted within each row (same as indices when undirected).
        """
    @property
    def in_indptr(self) -> numpy.typing.NDArray[numpy.uint64]:
        """
        Row offsets of the in-neighbour rows (same as indptr when undirected).
        """
    @property
    def in_weights(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        Aggregated weights aligned with in_indices.
        """
    @property
    def indices(self) -> numpy.typing.NDArray[numpy.uint32]:
        """
        Neighbour (out-neighbour when directed) vertex numbers, sorted within each row (uint32).
        """
    @property
    def indptr(self) -> numpy.typing.NDArray[numpy.uint64]:
        """
        Row offsets (n + 1 entries, uint64): row u is indices[indptr[u]:indptr[u+1]].
        """
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
        """
        Aggregated edge weights, aligned with indices (float64).
        """
class Network:
    """
    A cooperation network: structures (organisations) and the links between them.
    
    Structures have a stable string id, a display ``name`` (the id when none is given),
    ``aliases`` (name variants, usable wherever an id is expected) and typed attributes
    (str, int, float, bool). Links join two distinct structures and have a ``type`` (default
    ``"cooperation"``), a ``weight`` (finite, > 0; default 1), optional ISO ``start``/``end``
    dates, an optional ``status`` (e.g. ``"confirmed"``, ``"unconfirmed"``) and typed
    attributes. Several links may join the same pair (multiplex networks). Each link type
    is directed or undirected (:meth:`set_link_type`; a type not declared takes the
    network's default, ``Network(directed=...)``): an undirected link is one cooperation
    seen from both ends, a directed one an arc, and a network may hold both (*mixed*, as an
    inventory whose shared premises are two-way and subcontracting is not). Structures keep
    their insertion order.
    
    Example::
    
        net = coopmap.Network()
        net.add_structure("ies", name="IES", legal_family="association", tenancy="permanent")
        net.add_structure("bge", name="BGE", tenancy="part-time")
        net.add_link("ies", "bge", type="shared_premises", weight=2.0)
    """
    def __contains__(self, id: typing.Any) -> bool:
        """
        True when the key is a structure id or alias.
        """
    def __copy__(self) -> Network:
        """
        A deep copy (structures and links are values).
        """
    def __deepcopy__(self, memo: typing.Any) -> Network:
        """
        A deep copy.
        """
    def __init__(self, directed: bool = False) -> None:
        """
        Creates an empty network; ``directed`` is the direction of link types not declared with set_link_type (undirected by default).
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
    def _repr_html_(self) -> str:
        """
        The network in a notebook: its summary line and, up to 2,000 structures, its interactive map (coopmap.draw's offline HTML map in an iframe).
        """
    def add_alias(self, id: str, alias: str) -> None:
        """
        Adds a name variant. Raises ValueError when another structure uses it.
        """
    def add_link(self, source: str, target: str, *, type: str = 'cooperation', weight: typing.SupportsFloat | typing.SupportsIndex = 1.0, start: str | None = None, end: str | None = None, status: str | None = None, attributes: collections.abc.Mapping[str, bool | int | float | str] | None = None, **kwargs) -> int:
        """
        Adds a link and returns its index.
        
        ``source``/``target`` are structure ids or aliases and must exist: an unknown one raises
        KeyError (never a silent creation: a typo in survey data must surface). ``type`` is the
        link type code; ``weight`` a finite number > 0 (ValueError otherwise); ``start``/``end``
        ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); ``status`` e.g. "confirmed"; ``attributes`` a
        dict of attributes (for names such as ``"source"``); other keywords are typed attributes. A self-loop raises ValueError. Several links may join one pair.
        """
    def add_structure(self, id: str, *, name: str | None = None, aliases: collections.abc.Iterable[str] | None = None, attributes: collections.abc.Mapping[str, bool | int | float | str] | None = None, **kwargs) -> None:
        """
        Adds a structure.
        
        Parameters: ``id`` (non-empty str, unique among ids and aliases); ``name`` (display
        name, defaults to the id); ``aliases`` (list of name variants, trimmed of surrounding
        spaces, without ``|``); ``attributes`` (a dict, for names that are not valid keywords or
        clash with a parameter, such as ``"id"``); any other keyword is a typed attribute
        (str, int, float, bool; None is skipped).
        
        Raises ValueError for an empty or duplicate id, or an alias already in use.
        """
    def attribute_names(self) -> list[str]:
        """
        Names of the attributes some structure has, sorted.
        """
    def copy(self) -> Network:
        """
        A deep copy.
        """
    def filter_links(self, *, type: str | collections.abc.Iterable[str] | None = None, status: str | None = None, active_on: str | None = None, **kwargs) -> Network:
        """
        A new network with every structure and only the links that match: ``type`` (a code or a
        list of codes), ``status`` (one or a list), ``active_on`` (ISO date within the link's
        start/end, open bounds when missing), and attribute equalities as keywords (1 == 1.0).
        """
    def filter_structures(self, ids: collections.abc.Iterable[str] | None = None, **kwargs) -> Network:
        """
        A new network with the structures that match (``ids``: a list of ids or aliases; keywords:
        attribute equalities such as ``legal_family="association"``) and the links among them.
        Raises KeyError for an unknown id.
        """
    def graph_attribute(self, name: str, default: object = None) -> object:
        """
        The value of a graph attribute, ``default`` when absent.
        """
    def graph_attributes(self) -> dict[str, typing.Any]:
        """
        The graph attributes as a dict (a copy; change them with :meth:`set_graph_attribute`).
        """
    def has_link(self, source: str, target: str, type: str | None = None) -> bool:
        """
        True when a link (of this type, if given) joins the two structures: either way for an undirected link, source -> target for an arc.
        """
    def is_directed(self) -> bool:
        """
        True for a directed or mixed network (as networkx's is_directed).
        """
    def link_attribute_names(self) -> list[str]:
        """
        Names of the attributes some link has, sorted.
        """
    def link_type(self, code: str) -> dict[str, typing.Any]:
        """
        The record of a link type (``code``, ``directed`` and its attributes). KeyError naming the known types when the code is unknown.
        """
    def link_type_records(self) -> list[dict[str, typing.Any]]:
        """
        Every known link type (declared or used) as a record: ``code``, ``directed`` and its attributes (``pandas.DataFrame(net.link_type_records())``).
        """
    def link_types(self) -> list[str]:
        """
        Link type codes in use, in order of first appearance.
        """
    def links(self) -> list[dict[str, typing.Any]]:
        """
        All links as records (``source``, ``target``, ``type``, ``weight``, ``start``, ``end``, ``status`` and attributes), in insertion order: ``pandas.DataFrame(net.links())``.
        """
    def neighbors(self, id: str) -> list[str]:
        """
        Ids of every partner of a structure, whatever the direction of the links, each once, in link order. O(m).
        """
    def number_of_arcs(self) -> int:
        """
        Number of directed links (arcs).
        """
    def number_of_links(self) -> int:
        """
        Number of links (parallel links of a multiplex pair count separately).
        """
    def number_of_structures(self) -> int:
        """
        Number of structures.
        """
    def predecessors(self, id: str) -> list[str]:
        """
        Ids of the structures that have a link to this one: arcs it is the target of, and its undirected partners. Each once. O(m).
        """
    def remove_link(self, source: str, target: str, type: str | None = None) -> int:
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
    def set_attribute(self, id: str, name: str, value: bool | int | float | str | None) -> None:
        """
        Sets a structure attribute (``name`` sets the display name); None removes the attribute.
        """
    def set_graph_attribute(self, name: str, value: bool | int | float | str | None) -> None:
        """
        Sets an attribute of the network itself (networkx ``G.graph[name] = value``): dataset metadata such as ``illustrative``, ``source``, ``wave``. ``None`` removes it. Values: str, int, float, bool. Kept by filters and subnetworks, written by ``to_networkx`` into ``G.graph``; maps of a network with ``illustrative=True`` say so in their subtitle (``read_folder`` and ``load_dataset`` set it from the folder's ``dataset.json``).
        """
    def set_link_attribute(self, index: typing.SupportsInt | typing.SupportsIndex, name: str, value: bool | int | float | str | None) -> None:
        """
        Sets an attribute of the link with this index.
        """
    def set_link_type(self, code: str, *, directed: bool | None = None, **kwargs) -> None:
        """
        Declares a link type, or updates one: ``directed`` (None keeps the current direction,
        the network's default for a new type) and descriptive attributes as keywords
        (``label="Shared premises"``, ``label_fr="Locaux partagés"``, ``family="mutualisation"``...;
        merged into those it has). The labels are what maps and reports show for the type, in
        their language (``label_<lang>``, else ``label``, else the code). Changing the direction
        of a type in use turns its links into arcs (source -> target) or into undirected links.
        """
    def set_name(self, id: str, name: str) -> None:
        """
        Sets the display name.
        """
    def simple_view(self, aggregate: str = 'sum', undirected: bool = False, arcs_only: bool = False) -> SimpleGraph:
        """
        The simple weighted view as a CSR snapshot (:class:`SimpleGraph`).
        
        Parallel links of a pair merge into one edge whose weight is their ``sum`` (default),
        ``max``, ``min``, ``count``, or 1 (``binary``). ``undirected=True`` drops direction (a->b and
        b->a merge). A directed or mixed network's view carries each two-way link as two arcs;
        ``arcs_only=True`` keeps the directed links alone. Complexity O(n + m log d_max).
        """
    def structure(self, id: str) -> dict[str, typing.Any]:
        """
        The structure's attributes as a dict, with ``name`` (and ``aliases`` when it has any). Accepts an id or an alias. Raises KeyError for an unknown structure.
        """
    def structure_ids(self) -> list[str]:
        """
        The structure ids, in insertion order.
        """
    def structures(self) -> list[dict[str, typing.Any]]:
        """
        All structures as a list of records (dicts with ``id``, ``name``, ...): ``pandas.DataFrame(net.structures())``.
        """
    def successors(self, id: str) -> list[str]:
        """
        Ids of the structures this one has a link to: arcs it is the source of, and its undirected partners (an undirected link goes both ways). Each once. O(m).
        """
    def to_igraph(self) -> igraph.Graph:
        """
        The network as a python-igraph ``Graph``: vertex ``i`` is the i-th structure, with the
        attribute ``name`` = its id (igraph's vertex names: ``g.vs.find(name="genies")``),
        ``label`` = its display name, and the structure attributes (``None`` where a structure
        has none); one edge per link (parallel
        links stay parallel edges) with ``type``, ``weight``, ``start``, ``end``, ``status`` and
        the link attributes; the graph attributes. Directed or not as the network; a mixed
        network gives a directed graph in which each undirected link is two arcs, with
        ``g["mixed"] = True`` (as :meth:`to_networkx`). :func:`coopmap.from_igraph` reads it back.
        Needs python-igraph (``pip install coopmap[igraph]``). O(n + m).
        
        Example: ``cm.load_dataset("karate").to_igraph().betweenness()``.
        """
    def to_networkx(self) -> networkx.Graph:
        """
        The network as a networkx graph: Graph/DiGraph, or MultiGraph/MultiDiGraph when some
        pair has several links. A mixed network gives a directed graph in which each undirected
        link is two arcs (as networkx's ``to_directed``), with ``G.graph["mixed"] = True``. Nodes carry the structure attributes (``name``, ``aliases``,
        ...); edges carry ``type``, ``weight``, ``start``/``end``/``status`` when set, and link
        attributes. Multigraph edge keys are the link type (a repeated type gets ``type#2``...).
        :func:`coopmap.from_networkx` reads it back. Needs networkx (``pip install coopmap[networkx]``).
        """
    def write_csv(self, *, structures: str | os.PathLike[str] | None = None, links: str | os.PathLike[str] | None = None, delimiter: str = ',', link_types: str | os.PathLike[str] | None = None) -> None:
        """
        Writes the network as CSV in the format :func:`coopmap.read_csv` reads. The round trip
        is lossless (ids, names, aliases, attribute values and types, link types, weights,
        dates, statuses); ``link_types`` also writes every link type (code, directed, labels),
        which a mixed network needs to read back mixed. Each file is written to a unique
        temporary file beside the target and renamed over it. Data are written verbatim: a
        cell starting with ``=`` or ``+`` stays as it is (the report's tables, meant for
        spreadsheets, neutralise such cells; this file is data for coopmap and other tools).
        """
    @property
    def default_directed(self) -> bool:
        """
        The direction of link types not declared (the constructor's ``directed``).
        """
    @property
    def directed(self) -> bool:
        """
        True when some link is directed (a directed or mixed network); with no link, the constructor's default.
        """
    @property
    def mixed(self) -> bool:
        """
        True when undirected and directed links are held together.
        """
class Brokerage:
    """
    Gould–Fernandez brokerage roles of every structure, as R sna 2.7 ``brokerage(g, cl)``.
    
    Every mapping of roles has the keys ``coordinator`` (sna ``w_I``), ``itinerant``
    (``w_O``), ``representative`` (``b_IO``), ``gatekeeper`` (``b_OI``), ``liaison``
    (``b_O``) and ``total`` (``t``).
    
    Attributes: ``counts`` (sna ``raw.nli``; int), ``expected`` (``exp.nli``), ``sd``
    (``sd.nli``), ``z`` (``z.nli``) — each a Mapping {structure id: {role: value}};
    ``network`` — {role: {"raw", "expected", "sd", "z"}} (sna ``raw.gli``, ``exp.gli``,
    ``sd.gli``, ``z.gli``); ``groups`` — {structure id: group label}; ``group_sizes`` —
    {group label: size}; ``density``. ``records()`` gives one record per structure for
    ``pandas.DataFrame``.
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def records(self) -> list[dict[str, typing.Any]]:
        """
        One record per structure: id, group, then for each role its count (``coordinator``),
        ``coordinator_expected``, ``coordinator_sd`` and ``coordinator_z`` (likewise for the
        other roles and ``total``). ``pandas.DataFrame(b.records())`` loads it.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """
        {id: {role: number of brokered ordered pairs}} (sna raw.nli).
        """
    @property
    def density(self) -> float:
        """
        Arc density m / (N(N-1)), an undirected tie counting as two arcs (NaN for N < 2).
        """
    @property
    def expected(self) -> dict[str, dict[str, float]]:
        """
        {id: {role: expected count}} under the density/group-size null model (sna exp.nli).
        """
    @property
    def group_sizes(self) -> dict[typing.Any, int]:
        """
        {group label: number of structures} (sna n).
        """
    @property
    def groups(self) -> dict[str, typing.Any]:
        """
        {id: group label}.
        """
    @property
    def network(self) -> dict[str, dict[str, typing.Any]]:
        """
        {role: {'raw', 'expected', 'sd', 'z'}} for the whole network (sna raw.gli, exp.gli, sd.gli, z.gli).
        """
    @property
    def sd(self) -> dict[str, dict[str, float]]:
        """
        {id: {role: standard deviation}} (sna sd.nli; NaN where sna's variance is negative).
        """
    @property
    def z(self) -> dict[str, dict[str, float]]:
        """
        {id: {role: (count - expected) / sd}} (sna z.nli; NaN for 0/0, inf for x/0).
        """
class Partition:
    """
    A partition of the structures into clusters (result of :func:`louvain`, :func:`leiden`,
    :func:`label_propagation`, :func:`partition_by`).
    
    ``membership``: Mapping {structure id: cluster}; clusters are ints numbered 0.. by
    decreasing size (ties: the cluster holding the earliest structure first), or the
    attribute values for :func:`partition_by`. ``communities``: lists of ids, largest first
    (``communities[c]`` is cluster ``c``). ``modularity``: Q of this partition on the same
    weighted undirected view at ``resolution`` (at resolution 1 for the CPM objective; NaN
    without links). ``quality``: the optimised objective (Q, or the CPM quality).
    
    Example::
    
        p = coopmap.louvain(net, seed=0)
        p.membership["ies"], p.communities[0], p.modularity
        pandas.DataFrame(p.records())
    """
    def __getitem__(self, k: typing.SupportsInt | typing.SupportsIndex) -> list[str]:
        """
        The ids of cluster k.
        """
    def __iter__(self) -> collections.abc.Iterator:
        """
        Iterates over the clusters (lists of ids), largest first, like igraph's VertexClustering.
        """
    def __len__(self) -> int:
        """
        Number of clusters.
        """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def records(self) -> list[dict[str, typing.Any]]:
        """
        One record per structure: ``{"id", "cluster"}`` (``pandas.DataFrame(p.records())``).
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def algorithm(self) -> str:
        """
        louvain, leiden, label_propagation or attribute.
        """
    @property
    def communities(self) -> list[list[str]]:
        """
        The clusters as lists of structure ids (structure order), largest first.
        """
    @property
    def iterations(self) -> int:
        """
        Passes of the whole algorithm (Louvain/Leiden).
        """
    @property
    def levels(self) -> int:
        """
        Levels of the last multilevel pass (Louvain/Leiden), sweeps (label propagation).
        """
    @property
    def membership(self) -> dict[str, typing.Any]:
        """
        Mapping {structure id: cluster label}.
        """
    @property
    def modularity(self) -> float:
        """
        Modularity Q of the partition (NaN when the view has no link).
        """
    @property
    def objective(self) -> str:
        """
        "modularity" or "cpm".
        """
    @property
    def quality(self) -> float:
        """
        Value of the optimised objective (Q; CPM quality for objective='cpm').
        """
    @property
    def resolution(self) -> float:
        """
        Resolution gamma.
        """
    @property
    def seed(self) -> int:
        """
        The seed used.
        """
    @property
    def sizes(self) -> list[int]:
        """
        Cluster sizes, largest first.
        """
class PartitionComparison:
    """
    Agreement of two partitions (:func:`compare_partitions`): ``nmi`` (normalised mutual
    information, arithmetic normalisation = scikit-learn's ``normalized_mutual_info_score``),
    ``ari`` (adjusted Rand index = ``adjusted_rand_score``), ``vi`` (variation of
    information, natural log), ``n`` (number of structures).
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def ari(self) -> float:
        """
        Adjusted Rand index (1 = identical, ~0 = chance).
        """
    @property
    def n(self) -> int:
        """
        Number of structures compared.
        """
    @property
    def nmi(self) -> float:
        """
        Normalised mutual information in [0, 1].
        """
    @property
    def vi(self) -> float:
        """
        Variation of information H(a) + H(b) - 2 MI (nats).
        """
class Suggestion:
    """
    A suggested cooperation between two structures that are not linked (see
    :func:`predict_links`): ``source`` < ``target`` in string order, ``score``, and
    ``shared``: the common partners that explain it (sorted ids).
    """
    def __repr__(self) -> str:
        ...
    def as_dict(self) -> dict[str, typing.Any]:
        """
        A record: {source, target, score, shared}.
        """
    @property
    def score(self) -> float:
        """
        Score of the method.
        """
    @property
    def shared(self) -> list[str]:
        """
        Common partners (sorted ids).
        """
    @property
    def source(self) -> str:
        """
        Id of the first structure (string order).
        """
    @property
    def target(self) -> str:
        """
        Id of the second structure.
        """
class MixingMatrix:
    """
    Ties between the groups of an attribute (see :func:`mixing_matrix`). ``labels``: group
    labels (first appearance in structure order); ``matrix``: k x k numpy array, symmetric,
    [a, b] = ties between a and b, [a, a] = ties within a (each tie once); ``sizes``;
    ``gaps``: group pairs (label, label) with no tie.
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def records(self) -> list[dict[str, typing.Any]]:
        """
        One record per unordered group pair (a <= b): group_a, group_b, ties.
        """
    def to_dict(self) -> dict[typing.Any, dict[typing.Any, float]]:
        """
        Nested dict {label: {label: ties}} (networkx attribute_mixing_dict layout).
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def gaps(self) -> list[tuple[typing.Any, typing.Any]]:
        """
        Group pairs (a, b), a before b in label order, with no tie between them.
        """
    @property
    def labels(self) -> list[typing.Any]:
        ...
    @property
    def matrix(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def sizes(self) -> dict[typing.Any, int]:
        """
        Structures per group: dict label -> count.
        """
class EIIndex:
    """
    Krackhardt & Stern's E-I index (see :func:`ei_index`): ``network``, ``groups`` (dict
    label -> E-I), ``structures`` (dict id -> E-I), ``rescaled``, ``expected``,
    permutation test (``p_value``, ``p_greater``, ``p_less``, ``permutation_mean``,
    ``permutation_sd``) and the counts behind them.
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def records(self) -> list[dict[str, typing.Any]]:
        """
        One record per group: group, size, ei.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def expected(self) -> float:
        """
        E-I of the complete graph (expected E-I when ties fall at random).
        """
    @property
    def external(self) -> float:
        """
        EL: ties between groups.
        """
    @property
    def groups(self) -> dict[typing.Any, float]:
        """
        Per group label: (EL_g − IL_g)/(EL_g + IL_g), EL_g ties leaving g, IL_g ties inside; NaN without ties.
        """
    @property
    def internal(self) -> float:
        """
        IL: ties within groups.
        """
    @property
    def labels(self) -> list[typing.Any]:
        ...
    @property
    def max_external(self) -> float:
        """
        Possible ties between groups: Σ_{a<b} n_a n_b.
        """
    @property
    def max_internal(self) -> float:
        """
        Possible ties within groups: Σ_a n_a (n_a − 1)/2.
        """
    @property
    def maximum(self) -> float:
        """
        Largest reachable E-I.
        """
    @property
    def minimum(self) -> float:
        """
        Smallest E-I reachable with EL + IL ties and these group sizes.
        """
    @property
    def network(self) -> float:
        """
        (EL − IL)/(EL + IL); NaN without ties.
        """
    @property
    def p_greater(self) -> float:
        """
        Share of permutations with E-I >= observed.
        """
    @property
    def p_less(self) -> float:
        """
        Share of permutations with E-I <= observed.
        """
    @property
    def p_value(self) -> float:
        """
        Two-sided: share of permutations at least as far from their mean as the observed E-I.
        """
    @property
    def permutation_mean(self) -> float:
        ...
    @property
    def permutation_sd(self) -> float:
        ...
    @property
    def permutations(self) -> int:
        ...
    @property
    def rescaled(self) -> float:
        """
        E-I rescaled to [−1, 1] between minimum and maximum; NaN when they coincide.
        """
    @property
    def sizes(self) -> dict[typing.Any, int]:
        """
        Structures per group.
        """
    @property
    def structures(self) -> dict[str, float]:
        """
        Per structure id: partners outside minus inside its group, over all partners; NaN for isolates.
        """
class ClusterGaps:
    """
    Ties and densities between clusters (see :func:`cluster_gaps`). Clusters keep the
    partition's own labels (``labels``): a Mapping's values (ascending when all are ints,
    else by first appearance in structure order), a community's position in the list, a
    Partition's cluster numbers. Rows and columns of ``ties`` and ``density`` follow
    ``labels``; ``members``, ``sizes``, ``gaps`` and ``records()`` are keyed by label.
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def records(self) -> list[dict[str, typing.Any]]:
        """
        One record per unordered cluster pair (a before or equal to b in ``labels``): cluster_a, cluster_b (labels), ties, density.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def density(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        k x k (rows/columns in ``labels`` order): ties / possible ties (n_a n_b between, n_a (n_a − 1)/2 within; NaN if n_a < 2).
        """
    @property
    def gaps(self) -> list[tuple[typing.Any, typing.Any]]:
        """
        Cluster label pairs (a, b), a before b in ``labels``, with no tie between them.
        """
    @property
    def k(self) -> int:
        """
        Number of clusters.
        """
    @property
    def labels(self) -> list[typing.Any]:
        """
        Cluster labels, in the order of the matrices' rows and columns.
        """
    @property
    def members(self) -> dict[typing.Any, list[str]]:
        """
        Dict label -> ids of the cluster, in structure order.
        """
    @property
    def sizes(self) -> dict[typing.Any, int]:
        """
        Dict label -> number of structures.
        """
    @property
    def ties(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        k x k (rows/columns in ``labels`` order): ties between clusters; diagonal = ties within (each tie once).
        """
class Reciprocity:
    """
    Reciprocity of a directed network (see :func:`reciprocity`).
    """
    def __repr__(self) -> str:
        ...
    @property
    def arcs(self) -> int:
        ...
    @property
    def asymmetric_pairs(self) -> int:
        ...
    @property
    def edgewise(self) -> float:
        """
        Reciprocated arcs / arcs (networkx ``reciprocity``, igraph default mode).
        """
    @property
    def mutual_pairs(self) -> int:
        ...
    @property
    def ratio(self) -> float:
        """
        Mutual pairs / connected pairs (igraph ``reciprocity(mode="ratio")``).
        """
    @property
    def reciprocated_arcs(self) -> int:
        ...
    @property
    def structures(self) -> dict[str, float]:
        """
        Per structure: 2 |pred ∩ succ| / (|pred| + |succ|) (networkx ``reciprocity(G, nodes)``); NaN for isolates.
        """
    @property
    def unreciprocated(self) -> list[tuple[str, str]]:
        """
        Arcs (u, v) without a link v -> u.
        """
class MapColorEntry:
    """
    An entry of a map's colour legend.
    """
    @property
    def color(self) -> str:
        ...
    @property
    def count(self) -> int:
        """
        Number of structures.
        """
    @property
    def group(self) -> int:
        """
        The group index (key "group"), else -1.
        """
    @property
    def groups(self) -> int:
        """
        Number of groups of the "other" entry.
        """
    @property
    def key(self) -> str:
        """
        "group", "other" (the groups beyond the palette) or "no_value".
        """
class MapSizeEntry:
    """
    An entry of a map's size legend.
    """
    @property
    def radius(self) -> float:
        ...
    @property
    def value(self) -> float:
        ...
class MapEdgeEntry:
    """
    An entry of a map's edge colour legend.
    """
    @property
    def color(self) -> str:
        ...
    @property
    def key(self) -> str:
        """
        "type", "status" or "no_status".
        """
    @property
    def label(self) -> str:
        """
        Display label of the type, or the status.
        """
    @property
    def style(self) -> int:
        """
        Line style of a type's row: 0 solid, 1 dashed, 2 dotted.
        """
class MapLinkType:
    """
    A link type of a mapped network.
    """
    @property
    def code(self) -> str:
        ...
    @property
    def color(self) -> str:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def used(self) -> bool:
        """
        True when an edge of the map has this type.
        """
class MapLabel:
    """
    A placed label of a map.
    """
    @property
    def anchor(self) -> str:
        """
        "start", "middle" or "end".
        """
    @property
    def leader(self) -> bool:
        """
        Placed away from its node: a leader line joins them.
        """
    @property
    def lx1(self) -> float:
        """
        Leader line: start on the node's rim.
        """
    @property
    def lx2(self) -> float:
        """
        Leader line: end on the label's box.
        """
    @property
    def ly1(self) -> float:
        ...
    @property
    def ly2(self) -> float:
        ...
    @property
    def node(self) -> int:
        ...
    @property
    def text(self) -> str:
        ...
    @property
    def x(self) -> float:
        ...
    @property
    def y(self) -> float:
        """
        The text baseline.
        """
class MapLegendRow:
    """
    A row of a map's legend panel (coopmap/map.hpp).
    """
    @property
    def entry(self) -> int:
        """
        Index into color_legend, size_legend or edge_legend.
        """
    @property
    def kind(self) -> str:
        """
        "color_heading", "color", "size_heading", "size", "edge_heading", "edge", "dashed", "dotted", "cross", "within" or "hollow".
        """
    @property
    def text_x(self) -> float:
        ...
    @property
    def text_y(self) -> float:
        ...
    @property
    def x(self) -> float:
        """
        The sample: circle centre or line start.
        """
    @property
    def x2(self) -> float:
        """
        End of a line sample.
        """
    @property
    def y(self) -> float:
        ...
class MapModel:
    """
    A map computed (coopmap/map.hpp): screen geometry in px, colours, legends and labels. Per-node and per-edge fields are numpy arrays (colours lists of str).
    """
    @property
    def any_dashed(self) -> bool:
        ...
    @property
    def any_dotted(self) -> bool:
        ...
    @property
    def arrow_colors(self) -> list[str]:
        ...
    @property
    def color_legend(self) -> list[MapColorEntry]:
        ...
    @property
    def directed(self) -> bool:
        """
        A directed or mixed network: arcs have arrowheads.
        """
    @property
    def draw_order(self) -> numpy.typing.NDArray[numpy.uint32]:
        """
        Node indices by decreasing radius (small nodes drawn last, on top).
        """
    @property
    def edge_arrow(self) -> numpy.typing.NDArray[numpy.bool]:
        ...
    @property
    def edge_bend(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def edge_color(self) -> list[str]:
        ...
    @property
    def edge_cross(self) -> numpy.typing.NDArray[numpy.bool]:
        """
        True when the edge's ends are in two different colour groups.
        """
    @property
    def edge_curved(self) -> numpy.typing.NDArray[numpy.bool]:
        ...
    @property
    def edge_cx(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def edge_cy(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def edge_legend(self) -> list[MapEdgeEntry]:
        ...
    @property
    def edge_marker(self) -> numpy.typing.NDArray[numpy.int32]:
        """
        Index of the edge's arrowhead in arrow_colors, -1: none.
        """
    @property
    def edge_source(self) -> numpy.typing.NDArray[numpy.uint32]:
        ...
    @property
    def edge_style(self) -> numpy.typing.NDArray[numpy.uint8]:
        """
        0 solid, 1 dashed (unconfirmed), 2 dotted (partner did not respond).
        """
    @property
    def edge_target(self) -> numpy.typing.NDArray[numpy.uint32]:
        ...
    @property
    def edge_type(self) -> numpy.typing.NDArray[numpy.uint32]:
        ...
    @property
    def edge_width(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def edge_x1(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def edge_x2(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def edge_y1(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def edge_y2(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def height(self) -> float:
        ...
    @property
    def hollow(self) -> int:
        """
        Number of structures that did not respond.
        """
    @property
    def labels(self) -> list[MapLabel]:
        ...
    @property
    def legend(self) -> list[MapLegendRow]:
        """
        The rows of the legend panel, top to bottom.
        """
    @property
    def legend_box_height(self) -> float:
        ...
    @property
    def legend_box_x(self) -> float:
        ...
    @property
    def link_types(self) -> list[MapLinkType]:
        ...
    @property
    def links(self) -> int:
        ...
    @property
    def map_x0(self) -> float:
        ...
    @property
    def map_x1(self) -> float:
        ...
    @property
    def map_y0(self) -> float:
        ...
    @property
    def map_y1(self) -> float:
        ...
    @property
    def node_color(self) -> list[str]:
        ...
    @property
    def node_group(self) -> numpy.typing.NDArray[numpy.int64]:
        ...
    @property
    def node_hollow(self) -> numpy.typing.NDArray[numpy.bool]:
        ...
    @property
    def node_radius(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def node_x(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def node_y(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def respondents_known(self) -> int:
        """
        Number of structures with a known answer.
        """
    @property
    def rmax(self) -> float:
        ...
    @property
    def rmin(self) -> float:
        ...
    @property
    def size_legend(self) -> list[MapSizeEntry]:
        ...
    @property
    def structures(self) -> int:
        ...
    @property
    def vmax(self) -> float:
        ...
    @property
    def width(self) -> float:
        ...
class Fragmentation:
    """
    Borgatti's fragmentation of a network: ``fragmentation`` (F), ``distance_fragmentation``
    (DF), ``structures`` (n, the structures counted) and ``components``.
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def components(self) -> int:
        """
        Connected components of what is left.
        """
    @property
    def distance_fragmentation(self) -> float:
        """
        DF = 1 - Σ_{i≠j} (1 / d_ij) / (n (n - 1)), 1/∞ = 0.
        """
    @property
    def fragmentation(self) -> float:
        """
        F = 1 - Σ_k s_k (s_k - 1) / (n (n - 1)): the share of pairs that cannot reach each other.
        """
    @property
    def structures(self) -> int:
        """
        n: the structures left.
        """
class KeyPlayers:
    """
    The set of key players found by :func:`key_players`: ``players`` (ids, in structure
    order), ``score`` (its objective value), ``baseline`` (the whole network's value for
    the fragmentation objectives; the value of the k structures of highest degree for the
    reach objectives), ``objective``, ``k``, ``m`` and ``evaluations`` (objective values
    computed by the search).
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def baseline(self) -> float:
        ...
    @property
    def evaluations(self) -> int:
        ...
    @property
    def k(self) -> int:
        ...
    @property
    def m(self) -> int:
        ...
    @property
    def objective(self) -> str:
        ...
    @property
    def players(self) -> list[str]:
        ...
    @property
    def score(self) -> float:
        ...
class WhatIf:
    """
    The result of :func:`what_if`: ``indicators`` (records ``indicator``, ``before``,
    ``after``, ``change``; ``pandas.DataFrame(s.indicators)``), ``brokers`` (records ``id``,
    ``before``, ``after``, ``change`` of the Gould–Fernandez total-brokerage z-score, largest
    change first) and ``after`` (the network after the change).
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def after(self) -> Network:
        ...
    @property
    def brokers(self) -> list[dict[str, typing.Any]]:
        ...
    @property
    def indicators(self) -> list[dict[str, typing.Any]]:
        ...
class ImportReport:
    """
    What an :meth:`Inventory.import_csv` call did.
    
    ``added``, ``updated``, ``unchanged``: totals over the rows of the imported files
    (structures, link types, affiliations, responses, declarations; a structure that gains
    an alias is updated); ``counts``: per table, including the records the files imply
    (aliases, groups, waves), as records ``{"table", "added", "updated", "unchanged"}``;
    ``unresolved_partners``: the declared partner names that matched no structure id or
    alias, as records ``{"file", "line", "declarer", "partner", "type"}`` (they are stored
    as text, never dropped nor invented); ``resolved_partners``: how many stored
    declarations with an unresolved partner this import's new ids or aliases resolved.
    ``str(report)`` is the text the command line prints.
    """
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        """
        What the import did, table by table, and the partners it could not resolve, with
            the file and line of each declaration (the text the command line prints).
        """
    def _relocate(self, origins: collections.abc.Sequence[tuple[str, typing.SupportsInt | typing.SupportsIndex]]) -> None:
        """
        Names the file and line each unresolved partner came from: origins[k] = (file, line) of the declaration on line k + 2 of the imported file (the files collect merged into one).
        """
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def records(self) -> list[dict[str, typing.Any]]:
        """
        The per-table counts as records (``pandas.DataFrame(report.records())``).
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def added(self) -> int:
        ...
    @property
    def counts(self) -> list[dict[str, typing.Any]]:
        ...
    @property
    def resolved_partners(self) -> int:
        ...
    @property
    def unchanged(self) -> int:
        ...
    @property
    def unresolved_partners(self) -> list[dict[str, typing.Any]]:
        ...
    @property
    def updated(self) -> int:
        ...
    @property
    def wave(self) -> str:
        ...
class ResponseCounts:
    """
    Response counts of a wave: ``surveyed`` (structures with a response row), ``complete``,
    ``partial``, ``refused``, ``unreached`` and ``rate`` = (complete + partial) / surveyed
    (NaN when nobody was surveyed). ``float(r)`` is the rate. :meth:`Inventory.response_rate`
    returns the same as a float (:class:`coopmap.ResponseRate`).
    """
    def __float__(self) -> float:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def complete(self) -> int:
        ...
    @property
    def partial(self) -> int:
        ...
    @property
    def rate(self) -> float:
        ...
    @property
    def refused(self) -> int:
        ...
    @property
    def surveyed(self) -> int:
        ...
    @property
    def unreached(self) -> int:
        ...
    @property
    def wave(self) -> str:
        ...
class WaveComparison:
    """
    Two waves compared in one view (see :meth:`Inventory.compare`).
    
    ``new``, ``lost``, ``kept``: links (records ``{"source", "target", "type"}``) present in
    the second wave only (N01), the first only (N10), both (N11); a link is a (pair, type)
    for undirected types, an arc (source -> target, type) for directed ones.
    A link declared in both waves is never new or lost: when its status changed (e.g.
    ``unconfirmed`` -> ``confirmed`` because the partner answered the later survey) it is in
    ``status_changed`` (records ``{"source", "target", "type", "before", "after"}``, the two
    statuses), and in ``kept`` too when the view keeps both statuses.
    ``jaccard`` = N11 / |union of the two views' link sets| (a link that entered or left the
    view by a status change counts in the union only), NaN when neither view has a link.
    ``non_respondents_before``/``non_respondents_after``: structures whose response row says
    refused or unreached in that wave, reported as non-respondents rather than isolated.
    ``joined``/``left``: structures taking part (response row or resolved declaration) in the
    second wave only / the first only. ``degree_before``, ``degree_after``,
    ``degree_change``: per structure id (every structure taking part in either wave), the
    number of distinct partners in the view (directions and types ignored) and its change.
    ``records()``: the per-structure table.
    """
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        """
        The result as an HTML table under its repr (notebooks): its first 20 records, escaped.
        """
    def records(self) -> list[dict[str, typing.Any]]:
        """
        Per-structure records: id, degree_before, degree_after, change, in_before, in_after.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        The records as a pandas.DataFrame, one row per record (pandas is optional: an ImportError says what to install when it is missing).
        """
    @property
    def after(self) -> str:
        ...
    @property
    def before(self) -> str:
        ...
    @property
    def degree_after(self) -> dict[str, int]:
        ...
    @property
    def degree_before(self) -> dict[str, int]:
        ...
    @property
    def degree_change(self) -> dict[str, int]:
        ...
    @property
    def jaccard(self) -> float:
        ...
    @property
    def joined(self) -> list[str]:
        ...
    @property
    def kept(self) -> list[dict[str, typing.Any]]:
        ...
    @property
    def left(self) -> list[str]:
        ...
    @property
    def lost(self) -> list[dict[str, typing.Any]]:
        ...
    @property
    def new(self) -> list[dict[str, typing.Any]]:
        ...
    @property
    def non_respondents_after(self) -> list[str]:
        ...
    @property
    def non_respondents_before(self) -> list[str]:
        ...
    @property
    def status_changed(self) -> list[dict[str, typing.Any]]:
        ...
    @property
    def view(self) -> str:
        ...
class Inventory:
    """
    The cooperation inventory in one SQLite file: structures, aliases, identifiers (SIREN,
    RNA), groups and affiliations, link types, survey waves, responses and the raw
    declarations ("A says it has a link of type T with partner B"), from which the links of
    each wave are derived.
    
    ``Inventory(path)`` creates the file or opens it (``readonly=True``: never writes).
    Raises :class:`coopmap.StorageError` for a file that is not a coopmap database (not
    SQLite, or SQLite with other tables), a newer schema version, or an I/O failure.
    
    Derivation (recomputed from the raw declarations on every query, never stored): a
    declaration by A about B of an undirected type gives the link {A, B}; of a directed type
    with ``direction`` ``out`` (default) A -> B, ``in`` B -> A, ``both`` both arcs. A link is
    ``confirmed`` when both ends declared it (for directed types: the same arc),
    ``unconfirmed`` when the silent end answered the wave (complete or partial response),
    ``partner_did_not_respond`` otherwise. Views: ``"union"`` (all), ``"confirmed"``,
    ``"reconstructed"`` (confirmed + partner_did_not_respond).
    
    Storage: WAL journal, foreign keys on, ``PRAGMA user_version`` schema version with
    forward migrations, ``synchronous=NORMAL`` (a crashed or killed process never leaves a
    partial import; a power cut may lose the last committed import). Other processes can
    read while one imports. Every statement is parameterised.
    
    Example::
    
        inv = coopmap.Inventory("ptce.db")
        inv.import_csv(structures="structures.csv", link_types="link_types.csv")
        report = inv.import_csv(declarations="wave2013.csv", wave="2013", responses="responses2013.csv")
        net = inv.network("2013", view="confirmed")
    """
    schema_version: typing.ClassVar[int] = 2
    def __enter__(self) -> typing.Any:
        ...
    def __exit__(self, exc_type: typing.Any, exc_value: typing.Any, traceback: typing.Any) -> None:
        ...
    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def affiliation_network(self, *, groups: collections.abc.Iterable[str] | None = None, roles: collections.abc.Iterable[str] | None = None, active_on: str | None = None) -> Network:
        """
        The bipartite structure x group :class:`Network` (undirected): structures with at least
        one kept affiliation (attributes ``kind="structure"``, ``bipartite=0``, as networkx's
        bipartite convention), then the groups (``kind="group"``, ``bipartite=1``; id = group
        code, or ``"group:" + code`` when a structure uses that id or alias), one link per
        affiliation (type ``"affiliation"``, attribute ``role``, the affiliation's dates).
        
        ``groups``/``roles``: keep only these group codes / roles; ``active_on``: an ISO date,
        keep affiliations with start <= date <= end (missing bounds open).
        """
    def affiliation_projection(self, *, weighted: bool = False, groups: collections.abc.Iterable[str] | None = None, roles: collections.abc.Iterable[str] | None = None, active_on: str | None = None) -> Network:
        """
        The one-mode projection of :meth:`affiliation_network` on the structures: a link (type
        ``"shared_group"``) between two structures sharing at least one group, weight 1
        (``weighted=False``, as ``networkx.bipartite.projected_graph``) or the number of shared
        groups (``weighted=True``, as ``networkx.bipartite.weighted_projected_graph``),
        attribute ``groups`` (the shared group codes joined by ``|``). Structures without a
        shared group stay as isolates. Complexity: O(sum over groups of size^2).
        """
    def close(self) -> None:
        """
        Closes the database connection (idempotent); later calls raise StorageError.
        """
    def compare(self, before: str, after: str, view: str = 'union') -> WaveComparison:
        """
        Compares two waves in one view and returns a :class:`WaveComparison`: new, lost and
        kept links, links whose status changed (never counted as new or lost), Jaccard
        stability of the two views' link sets (NaN when both are empty), structures that joined
        or left, the non-respondents of each wave, per-structure degree change. Raises KeyError for an
        unknown wave. Complexity: O(d log d) for d declarations in the two waves.
        
        Example: ``diff = inv.compare("2013", "2014", view="union"); diff.jaccard``.
        """
    def counts(self) -> dict[str, int]:
        """
        Rows per table: structures, aliases, groups, affiliations, link_types, waves, responses, declarations.
        """
    def import_csv(self, *, structures: str | os.PathLike[str] | None = None, link_types: str | os.PathLike[str] | None = None, affiliations: str | os.PathLike[str] | None = None, declarations: str | os.PathLike[str] | None = None, wave: str | None = None, responses: str | os.PathLike[str] | None = None) -> ImportReport:
        """
        Imports CSV files in one transaction and returns an :class:`ImportReport`.
        
        Files (any may be omitted; ``wave`` is required with ``declarations`` or ``responses``),
        imported in this order:
        
        * ``structures``: ``id`` (required), ``name``, ``aliases`` (separated by ``|``), ``siren``,
          ``rna``, ``legal_family``, any other column a typed attribute (``read_csv`` rules);
        * ``link_types``: ``code`` (required), ``directed`` (true/false; an absent column or
          empty cell means undirected), ``label``, ``family``; other columns are kept as text
          attributes of the type;
        * ``affiliations``: ``structure`` (id or alias), ``group``, ``role``, ``start``, ``end``;
        * ``responses``: ``structure``, ``status`` (complete, partial, refused, unreached);
        * ``declarations``: ``declarer`` (id or alias), ``partner`` (id, alias or free text),
          ``type`` (a declared link type code), optional ``intensity`` (number > 0),
          ``direction`` (``out``, ``in``, ``both``, relative to the declarer; directed types only,
          default ``out``), ``frequency``, ``start``, ``end`` (ISO dates), ``source``, ``comment``.
        
        Upserts: a record with the key of a stored one is updated when a field differs, else
        counted unchanged, so importing the same files twice changes nothing. Keys: structure
        id, alias, link type code, affiliation (structure, group, role, start), response
        (wave, structure), declaration (wave, declarer, partner, type, direction).
        
        Any bad row (unknown link type, unknown declarer, bad intensity, bad date, duplicate
        declaration, unknown column...) raises :class:`coopmap.CsvError` naming the file, line
        and column, and the database is exactly as before. A partner name that is no id or
        alias is stored as text and listed in ``report.unresolved_partners``.
        
        Complexity: one streaming pass per file, O(rows) prepared statements in one
        transaction (about a million declarations per second).
        """
    def link_types(self) -> list[dict[str, typing.Any]]:
        """
        The link-type vocabulary as records (code, label, family, directed).
        """
    def links(self, wave: str, view: str = 'union') -> list[dict[str, typing.Any]]:
        """
        The derived links of a wave in a view as records (source, target, type, directed, weight, start, end, status, declared_by (list of ids), declarations (number merged)). Undirected links list the end imported first as source.
        """
    def network(self, wave: str, view: str = 'union') -> Network:
        """
        The :class:`Network` of a wave in a view (``"union"``, ``"confirmed"``, ``"reconstructed"``).
        
        Structures: those taking part in the wave (a response row, or a declaration as declarer
        or resolved partner), in inventory order, with name, aliases, attributes, ``siren``,
        ``rna``, ``legal_family`` when set and ``response`` (the wave's response status; absent
        when the structure has no response row: draw it hollow).
        Links: one per derived link, with ``type``, ``weight`` (mean declared intensity, 1 when
        none), ``start`` (earliest), ``end`` (latest; None when a declaration has none),
        ``status`` (``"confirmed"``, ``"unconfirmed"``, ``"partner_did_not_respond"``: maps draw
        the second dashed and the third dotted) and the attribute ``declared_by`` (ids joined by
        ``|``).
        
        Link types: the whole vocabulary is declared in the network with its direction and
        labels (:meth:`Network.link_type`), so a two-way cooperation (an undirected type) is one
        link and a directed one an arc: the network is mixed when it holds both, and gives the
        same numbers as the folder of the same links read with its link types file.
        Raises KeyError for an unknown wave. Complexity: O(n + d log d) for d declarations.
        """
    def response_counts(self, wave: str) -> ResponseCounts:
        """
        The :class:`ResponseCounts` of a wave. KeyError for an unknown wave. (:meth:`response_rate` gives the rate as a float with the same counts.)
        """
    def roster(self) -> Network:
        """
        Every structure of the inventory as a :class:`Network` without links, whatever the
        waves: the roster a questionnaire lists (:func:`coopmap.survey`) and answers are checked
        against (:meth:`collect`). Structures in inventory order with name, aliases, attributes,
        ``siren``, ``rna`` and ``legal_family`` when set; the whole link-type vocabulary is
        declared (:meth:`Network.link_type`). O(structures + aliases + attributes).
        
        Example: ``[s["id"] for s in inv.roster().structures()]``.
        """
    def waves(self) -> list[str]:
        """
        Wave codes in creation order.
        """
    @property
    def path(self) -> str:
        ...
def _degree(net: Network) -> dict[str, float]:
    """
    Internal: number of distinct partners of each structure (undirected simple view).
    """
def _export(net: Network, format: str, path: str | os.PathLike[str], positions: collections.abc.Mapping[str, tuple[float, float]] | None, colors: collections.abc.Sequence[str], sizes: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> typing.Any:
    """
    Internal: use coopmap.write_gexf, write_graphml, write_json, write_dot, write_pajek.
    """
def _group_colors(groups: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], k: typing.SupportsInt | typing.SupportsIndex) -> list[str]:
    """
    Internal: the map colour of each structure's group.
    """
def _known_words(word: str, known: collections.abc.Sequence[str]) -> str:
    """
    ' (known: w1, w2, ...)' listing the known words closest to `word` first (the tail of a typo message).
    """
def _layout(net: Network, method: str, seed: typing.SupportsInt | typing.SupportsIndex, iterations: typing.SupportsInt | typing.SupportsIndex, weighted: bool, padding: typing.SupportsFloat | typing.SupportsIndex, linlog: bool, gravity: typing.SupportsFloat | typing.SupportsIndex, strong_gravity: bool, scaling: typing.SupportsFloat | typing.SupportsIndex, dissuade_hubs: bool, edge_weight_influence: typing.SupportsFloat | typing.SupportsIndex, jitter_tolerance: typing.SupportsFloat | typing.SupportsIndex, barnes_hut: typing.SupportsInt | typing.SupportsIndex, theta: typing.SupportsFloat | typing.SupportsIndex, multilevel: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex, latitude: str, longitude: str, projection: str) -> dict[str, tuple[float, float]]:
    """
    Internal: use coopmap.layout.
    """
def _map_labels(net: Network) -> list[str]:
    """
    Internal: the label of every structure on a map (short_name, acronym or the name shortened on a word boundary), in structure order.
    """
def _map_model(net: Network, *, positions: collections.abc.Mapping[str, tuple[float, float]], color: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], color_groups: typing.SupportsInt | typing.SupportsIndex, size: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], edge_color: str, labels: typing.SupportsInt | typing.SupportsIndex, responded: typing.Any, width: typing.SupportsFloat | typing.SupportsIndex, height: typing.SupportsFloat | typing.SupportsIndex, type_labels: collections.abc.Mapping[str, str], label_nodes: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex] = [], bridges: bool = False, type_colors: collections.abc.Mapping[str, str] = {}, type_styles: collections.abc.Mapping[str, typing.SupportsInt | typing.SupportsIndex] = {}, arcs: bool = False) -> MapModel:
    """
    Internal: the map model; use coopmap.draw.
    """
def _partition_labels(net: Network, partition: Partition | collections.abc.Mapping[str, typing.Hashable] | collections.abc.Sequence[collections.abc.Iterable[str]]) -> list[typing.Any]:
    """
    Internal: a partition argument -> its own label per structure.
    """
def _read_csv(structures: str | os.PathLike[str] | None, links: str | os.PathLike[str] | None = None, directed: bool = False, delimiter: str = '', link_types: str | os.PathLike[str] | None = None) -> Network:
    ...
def _read_responses(net: Network, path: str | os.PathLike[str]) -> dict[str, str]:
    """
    {id: status} of a responses file, by the Inventory's rules (coopmap.CsvError naming file, line, column).
    """
def _register_python(**kwargs) -> None:
    """
    Called once by coopmap/__init__.py: hands over the package's exception classes (Error, InputError, CsvError, NotFoundError, StorageError) and the helpers the bindings call (to_networkx, to_igraph, to_pandas, repr_html, network_html).
    """
def _require_attribute(net: Network, name: str, what: str) -> None:
    """
    ValueError naming `name` and the known attribute names, closest first, when no structure has it.
    """
def _weave(net: Network, k: int, objective: str, group: str | Partition | collections.abc.Mapping[str, typing.Hashable] | None, missing: bool | int | float | str | None) -> tuple[list[dict[str, typing.Any]], float, float]:
    """
    Internal: use coopmap.weave (the links as records, the objective before and after).
    """
def _write_text(path: str | os.PathLike[str], text: str) -> None:
    """
    Internal: writes a text file atomically (temporary file, then rename).
    """
def articulation_points(net: Network) -> list[str]:
    """
    Cut points: structures whose removal disconnects their component (ids, in structure
    order). Computed on the undirected simple view (direction and weights ignored) with
    Boost.Graph's biconnected components (Hopcroft & Tarjan 1973); the same set as
    networkx's ``articulation_points``. Isolates and the empty network give none. O(n + m).
    """
def assortativity(net: Network, attribute: str, *, missing: bool | int | float | str | None = None) -> float:
    """
    Nominal assortativity coefficient (Newman 2003) of a structure attribute, on the
    undirected simple view: r = (Σ_a e_aa − Σ_a a_a²) / (1 − Σ_a a_a²), e the mixing
    matrix with every tie in both orientations normalised to 1, a its row sums. Equals
    networkx's ``attribute_assortativity_coefficient``. 1: ties only within groups; 0:
    as random; negative: ties preferably across. NaN without ties or when every tie-end is
    in one group. Weights ignored. ``missing``: group label of the structures lacking the
    attribute (default: ValueError). O(n k + m).
    Reference: Newman (2003), "Mixing patterns in networks", Phys. Rev. E 67, 026126.
    """
def betweenness(net: Network, normalized: bool = False, weight: str | None = None, *, distance: str = 'weight', endpoints: bool = False, k: typing.SupportsInt | typing.SupportsIndex | None = None, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict[str, float]:
    """
    Betweenness centrality (Brandes 2001), equal to ``networkx.betweenness_centrality``.
    
    b(v) = Σ σ_st(v) / σ_st over pairs s ≠ v ≠ t (unordered for undirected networks,
    ordered for directed ones), σ_st the number of shortest s-t paths, σ_st(v) those
    through v.
    
    Parameters
    ----------
    net : Network
    normalized : bool, default False
        Raw values (UCINET/igraph/R sna habit) or networkx's normalisation: divided by
        (n-1)(n-2) (n(n-1) with endpoints) — networkx's ``normalized=True``. The broker
        table :func:`brokers` normalises by default (a share comparable across networks).
    weight : "weight" or None
        ``"weight"``: link weights are lengths (networkx's ``weight="weight"``; parallel
        links: the shortest). None: every link has length 1.
    distance : "weight" or "inverse"
        ``"inverse"``: the length of a link is 1 / weight (weight read as an intensity;
        parallel links summed first); implies the link weights even when ``weight`` is None.
    endpoints : bool
        Count the ends of each path too (networkx's ``endpoints``).
    k : int or None
        Sample k pivot sources (uniform, seeded; our own sampling, not networkx's) and
        inflate like networkx (n/k; (n-1)/(k-1) for the pivots when endpoints is False).
        None or k = n: exact.
    seed : int
        Seed of the pivot sample (the same seed gives the same pivots on every platform).
    threads : int
        Worker threads (0 = all cores); the GIL is released. Results equal the
        single-threaded ones up to rounding (tested to 1e-9).
    
    Returns
    -------
    dict {structure id: float}
    
    Edge cases: isolates 0; n ≤ 2 not rescaled. Complexity O(k m) unweighted,
    O(k (m + n) log n) weighted (k = n when exact), divided over the threads.
    
    Reference: U. Brandes, "A faster algorithm for betweenness centrality", Journal of
    Mathematical Sociology 25 (2001) 163-177.
    
    Example
    -------
    >>> b = coopmap.betweenness(net)                      # raw, unweighted
    >>> b = coopmap.betweenness(net, normalized=True, weight="weight")
    >>> b = coopmap.betweenness(net, k=500, seed=0)       # sampled pivots
    """
def betweenness_pivots(net: Network, k: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex = 0) -> list[str]:
    """
    The pivot sources that :func:`betweenness` and :func:`edge_betweenness` use with ``k``
    and ``seed``: k distinct structure ids drawn uniformly without replacement by coopmap's
    platform-independent generator (all ids, in order, when k = n). For reproducibility
    reports and for checking an estimate against another implementation.
    """
def biconnected_components(net: Network) -> list[list[str]]:
    """
    Biconnected components (maximal sets of structures that stay connected after removing
    any one of them) as lists of ids (structure order); a bridge forms a component of two,
    isolates belong to none. Undirected simple view; the same sets as networkx's
    ``biconnected_components``. O(n + m).
    """
def bridges(net: Network) -> list[tuple[str, str]]:
    """
    Bridges: ties whose removal disconnects their component, as (u, v) id pairs (u before v
    in structure order). Undirected simple view; the same set as networkx's ``bridges``.
    O(n + m).
    """
def brokerage(net: Network, group: str | Partition | collections.abc.Mapping[str, typing.Hashable], *, missing: bool | int | float | str | None = None) -> Brokerage:
    """
    Gould–Fernandez brokerage roles, exactly as R sna 2.7 ``brokerage(g, cl)``.
    
    For every ordered two-path a → v → b with a ≠ b and no tie a → b, the structure v
    brokers the pair (a, b), in a role given by the groups of a, v and b:
    
    - coordinator (sna ``w_I``): a, v and b in one group;
    - itinerant (``w_O``): a and b in one group, v in another;
    - representative (``b_IO``): v in a's group, b elsewhere;
    - gatekeeper (``b_OI``): v in b's group, a elsewhere;
    - liaison (``b_O``): three different groups; total (``t``): the sum.
    
    Parameters
    ----------
    net : Network
        Directed, undirected or mixed; an undirected link counts as two arcs (as R sna reads
        a symmetric matrix), a directed one as one arc; weights are ignored and multiplex
        links count once.
    group : str or partition
        The name of a structure attribute (e.g. ``"legal_family"``), or a partition: a
        Mapping {id: label}, a list of communities or a result with ``.membership``. Groups
        of any size, singletons included. An attribute no structure has raises ValueError
        naming it and the known attributes, closest first.
    missing : str, int, float, bool or None
        With an attribute name: the group label of the structures lacking it (as
        ``partition_by``, ``mixing_matrix``, ``ei_index``...); None (the default): such
        structures raise ValueError naming them.
    
    Returns
    -------
    Brokerage
        ``counts``, ``expected``, ``sd``, ``z`` per structure and ``network`` totals.
        Expected values and standard deviations are those of Gould & Fernandez (1989) under
        a random digraph with the observed density d = m / (N(N-1)) and group sizes: per
        triple, P = d²(1-d); variances add the covariances of triples sharing an arc (sna's
        closed forms, reproduced term by term). As in sna: NaN z when expected and sd are 0
        (0/0), inf when the count is positive, NaN sd when sna's variance formula is
        negative; a single structure gives NaN everywhere but the counts.
    
    Complexity: O(Σ_v indeg(v)·outdeg(v)) for the counts, O(k³) for k groups.
    
    Reference: R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach
    to brokerage in transaction networks", Sociological Methodology 19 (1989) 89-126;
    C. T. Butts, sna 2.7, ``brokerage``.
    
    Example
    -------
    >>> b = coopmap.brokerage(net, "legal_family")
    >>> b.counts["ies"]["gatekeeper"], b.z["ies"]["total"]
    >>> pandas.DataFrame(b.records())
    """
def centralization(net: Network, measure: str, *, mode: str = 'all', normalized: bool = True) -> float:
    """
    Freeman centralisation: Σ_i (c_max - c_i) divided by its theoretical maximum, reached
    by a star with the same number of structures (igraph's maxima, no loops):
    
    - ``"degree"``: undirected (n-1)(n-2); directed, mode ``"all"`` 2(n-1)(n-2), ``"in"``
      or ``"out"`` (n-1)²;
    - ``"betweenness"`` (raw values): undirected (n-1)²(n-2)/2, directed (n-1)²(n-2);
    - ``"closeness"`` (:func:`closeness`): undirected (n-1)(n-2)/(2n-3); directed n-1.
    
    ``normalized=False`` returns Σ (c_max - c_i). NaN when the maximum is 0 (n < 3) or the
    network is empty. Weights are ignored. Reference: L. C. Freeman, Social Networks 1
    (1979) 215-239. Example: ``coopmap.centralization(net, "betweenness")``.
    """
def cliques(net: Network, min_size: typing.SupportsInt | typing.SupportsIndex = 3) -> list[list[str]]:
    """
    Maximal cliques with at least ``min_size`` structures (Bron & Kerbosch 1973, Boost.Graph),
    as lists of ids (structure order), largest first. On the undirected simple view; the
    same cliques as ``networkx.find_cliques`` (filtered by size). Isolates are cliques of size
    1 (min_size=1). Complexity exponential in the worst case, fast on sparse networks.
    
    Example::
    
        coopmap.cliques(net, min_size=4)   # groups of 4+ structures all cooperating pairwise
    """
def closeness(net: Network, weight: str | None = None, *, distance: str = 'weight', wf_improved: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict[str, float]:
    """
    Closeness centrality, equal to ``networkx.closeness_centrality``.
    
    C(v) = (r - 1) / Σ_u d(u, v) over the r - 1 structures that reach v (directed networks:
    distances *to* v, as networkx), multiplied by (r - 1)/(n - 1) when ``wf_improved``
    (Wasserman & Faust 1994, for disconnected networks). Isolates: 0 (networkx's
    convention). ``weight``/``distance`` as :func:`betweenness`.
    Complexity O(n m) unweighted, multi-threaded (GIL released).
    """
def cluster_gaps(net: Network, partition: Partition | collections.abc.Mapping[str, typing.Hashable] | collections.abc.Sequence[collections.abc.Iterable[str]]) -> ClusterGaps:
    """
    Inter-cluster density matrix and the cluster pairs with no tie at all, on the undirected
    simple view (each connected pair once, weights ignored).
    
    ``partition``: Mapping id -> label, list of communities, or an object with
    ``.membership`` (e.g. a clustering result); clusters keep its labels (see
    :class:`ClusterGaps`), so ``cm.cluster_gaps(net, part).members[0]`` is the cluster 0 of
    ``part``. density[a, b] = ties / (n_a n_b) between clusters, ties / (n_a (n_a − 1)/2)
    within (NaN for a cluster of one). O(n + m + k²).
    """
def compare_partitions(a: Partition | collections.abc.Mapping[str, typing.Hashable] | collections.abc.Sequence[collections.abc.Iterable[str]], b: Partition | collections.abc.Mapping[str, typing.Hashable] | collections.abc.Sequence[collections.abc.Iterable[str]]) -> PartitionComparison:
    """
    NMI and adjusted Rand index between two partitions of the same structures (a
    :class:`PartitionComparison`). ``a``/``b``: Partition, Mapping {id: label} or lists of
    communities; they must cover the same ids (ValueError naming the first missing id).
    
    NMI = MI(a, b) / ((H(a) + H(b)) / 2) = scikit-learn's ``normalized_mutual_info_score``
    (arithmetic); ARI = scikit-learn's ``adjusted_rand_score`` (Hubert & Arabie 1985);
    VI = H(a) + H(b) - 2 MI (Meila 2007). Both partitions with one cluster: NMI = 1.
    Complexity O(n log n).
    
    Example::
    
        coopmap.compare_partitions(coopmap.louvain(net), coopmap.partition_by(net, "tenancy", missing="none")).nmi
    """
def components(net: Network, strong: bool = False) -> list[list[str]]:
    """
    Connected components as lists of structure ids, largest first (ties: the component with
    the earliest structure first); ids in structure order. Default: weak components
    (direction dropped). ``strong=True``: strongly connected components of a directed
    network (Tarjan, Boost.Graph); on an undirected network the same as the components.
    Isolates are components of one structure. Complexity O(n + m).
    
    Example::
    
        biggest = coopmap.components(net)[0]
        coopmap.components(directed_net, strong=True)
    """
def constraint(net: Network, weight: str | None = 'weight') -> dict[str, float]:
    """
    Burt's constraint per structure: c_i = sum_{j in N(i)} (p_ij + sum_{q != i,j} p_iq p_qj)^2.
    
    High constraint: the partners are tied to each other (a closed, redundant network);
    low constraint: the structure spans structural holes.
    
    Weights: with ``weight="weight"`` the weights of parallel links (several types, or the
    same type declared twice) are SUMMED first; ``weight=None`` gives every connected pair
    (every arc when directed) weight 1. Directed networks use in- and out-ties: the mutual
    weight of i and j is a_ij + a_ji (networkx's ``mutual_weight``).
    Notation: N(i) partners of i; p_ij = w_ij / sum_k w_ik; m_jq = w_jq / max_k w_jk.
    Isolates (no in- and no out-tie) -> NaN; in-ties alone suffice. Complexity O(sum_j deg(j)^2), one pass per ego, multi-threaded on
    large graphs. Reference: Burt, R. S. (1992) *Structural Holes*, Harvard University
    Press; networkx ``constraint``/``effective_size`` (equal to 1e-9).
    
    Returns a dict {structure id: float}. Example::
    
        >>> cm.constraint(net, weight=None)["ies"]          # doctest: +SKIP
        0.4375
    """
def core_number(net: Network) -> dict[str, int]:
    """
    k-core number of every structure (dict {id: k}): the largest k such that the structure
    lies in a subgraph where every structure has at least k partners (Batagelj & Zaversnik
    2003, Boost.Graph). On the undirected simple view: equals ``networkx.core_number`` of the
    undirected simple graph. Isolates: 0. Complexity O(m log n).
    
    Example::
    
        cores = coopmap.core_number(net)
        inner = [i for i, k in cores.items() if k == max(cores.values())]
    """
def degree(net: Network, mode: str = 'all', normalized: bool = False) -> dict[str, float]:
    """
    Degree: the number of distinct partners (multiplex links count once).
    
    Directed networks: ``mode="out"`` (successors), ``"in"`` (predecessors) or ``"all"``
    (in + out, as networkx's ``DiGraph.degree``; a reciprocated pair counts twice).
    ``normalized=True`` divides by n - 1 (``networkx.degree_centrality``). Isolates: 0.
    Complexity O(n + m). Example: ``coopmap.degree(net)["ies"]``.
    """
def density(net: Network) -> float:
    """
    Density: the arcs of the simple view over the n(n-1) ordered pairs, so 2 pairs / n(n-1)
    for an undirected network and arcs / n(n-1) for a directed one (``networkx.density``);
    a mixed network gives the density of its directed view (a two-way link is two arcs, as
    networkx on ``to_directed()``), its undirected density when every link is two-way.
    Parallel links count once. NaN when there are fewer than 2 structures. O(n + m log d).
    """
def edge_betweenness(net: Network, normalized: bool = False, weight: str | None = None, *, distance: str = 'weight', k: typing.SupportsInt | typing.SupportsIndex | None = None, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict[tuple[str, str], float]:
    """
    Edge betweenness, equal to ``networkx.edge_betweenness_centrality``.
    
    For each pair of linked structures (multiplex links merged), Σ σ_st(e) / σ_st over
    pairs s ≠ t (unordered for undirected networks). ``normalized`` divides by n(n-1) as
    networkx. Arguments as :func:`betweenness` (no ``endpoints``).
    
    Returns
    -------
    dict {(source id, target id): float}
        Undirected networks: one key per pair, the structure added first as source.
    
    Complexity: as :func:`betweenness`. Example: ``coopmap.edge_betweenness(net)``.
    """
def effective_size(net: Network, weight: str | None = 'weight') -> dict[str, float]:
    """
    Burt's effective size per structure: e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq),
    the number of partners minus their redundancy (unweighted undirected: n - 2t/n, with t
    the ties among the n partners, Borgatti 1997). Equal to networkx's
    ``effective_size(G, nodes=..., weight=...)``; networkx 3.6's all-nodes call (nodes=None)
    divides a_jq by the largest weight of q instead of j on weighted or directed graphs, so
    it differs there: coopmap follows Burt's definition.
    
    Weights: with ``weight="weight"`` the weights of parallel links (several types, or the
    same type declared twice) are SUMMED first; ``weight=None`` gives every connected pair
    (every arc when directed) weight 1. Directed networks use in- and out-ties: the mutual
    weight of i and j is a_ij + a_ji (networkx's ``mutual_weight``).
    Notation: N(i) partners of i; p_ij = w_ij / sum_k w_ik; m_jq = w_jq / max_k w_jk.
    Isolates (no in- and no out-tie) -> NaN; in-ties alone suffice. Complexity O(sum_j deg(j)^2), one pass per ego, multi-threaded on
    large graphs. Reference: Burt, R. S. (1992) *Structural Holes*, Harvard University
    Press; networkx ``constraint``/``effective_size`` (equal to 1e-9).
    
    Returns a dict {structure id: float}.
    """
def efficiency(net: Network, weight: str | None = 'weight') -> dict[str, float]:
    """
    Burt's efficiency per structure: effective size / number of distinct partners (in 0..1].
    
    Weights: with ``weight="weight"`` the weights of parallel links (several types, or the
    same type declared twice) are SUMMED first; ``weight=None`` gives every connected pair
    (every arc when directed) weight 1. Directed networks use in- and out-ties: the mutual
    weight of i and j is a_ij + a_ji (networkx's ``mutual_weight``).
    Notation: N(i) partners of i; p_ij = w_ij / sum_k w_ik; m_jq = w_jq / max_k w_jk.
    Isolates (no in- and no out-tie) -> NaN; in-ties alone suffice. Complexity O(sum_j deg(j)^2), one pass per ego, multi-threaded on
    large graphs. Reference: Burt, R. S. (1992) *Structural Holes*, Harvard University
    Press; networkx ``constraint``/``effective_size`` (equal to 1e-9).
    
    Returns a dict {structure id: float}.
    """
def ei_index(net: Network, attribute: str, permutations: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, *, missing: bool | int | float | str | None = None) -> EIIndex:
    """
    Krackhardt & Stern's E-I index: (EL − IL) / (EL + IL), EL = ties between groups, IL =
    ties within groups, on the undirected simple view (each connected pair once, weights
    ignored). −1: closed groups; +1: all ties across groups.
    
    ``attribute``: a structure attribute name, or a partition (Mapping id -> label, list of
    communities, object with ``.membership``; groups then keep the partition's own labels:
    a Mapping's values, a community's position in the list, a Partition's cluster numbers).
    ``missing``: group label of the structures lacking the attribute (default: ValueError
    naming them), e.g. ``missing="unknown"``.
    Levels: ``network``; ``groups`` (ties leaving vs. inside each group); ``structures``
    (partners outside vs. inside the structure's group; NaN for isolates).
    ``rescaled``: with L = EL + IL and the group sizes fixed, the E-I can only range from
    ``minimum`` = (L − 2 min(L, max_internal)) / L to ``maximum`` = (2 min(L, max_external) − L) / L;
    rescaled = −1 + 2 (E-I − minimum) / (maximum − minimum). ``expected``: E-I of the complete
    graph, (max_external − max_internal) / (max_external + max_internal).
    Permutation test: group labels shuffled across structures (sizes kept) ``permutations``
    times with a seeded, platform-independent generator; ``p_value`` is two-sided (distance
    from the permutation mean), ``p_greater``/``p_less`` one-sided. ``permutations=0`` skips
    it (NaN). No ties -> NaN everywhere. O(n k + m (1 + permutations)).
    Reference: Krackhardt & Stern (1988), Social Psychology Quarterly 51(2): 123–140.
    Example: ``ei = cm.ei_index(net, "legal_family", permutations=1000, seed=0); ei.groups``.
    """
def eigenvector_centrality(net: Network, weight: str | None = None, *, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06) -> dict[str, float]:
    """
    Eigenvector centrality, equal to ``networkx.eigenvector_centrality``: power iteration on
    A + I (directed: scores flow along the arcs, i.e. in-links count), Euclidean norm 1,
    stop when Σ|Δx| < n·tol. Raises coopmap.Error without convergence, ValueError on an
    empty network. Complexity O(iterations · m). Reference: Bonacich (1987).
    """
def fragmentation(net: Network, removed: collections.abc.Iterable[str] | None = None, *, threads: int | None = 0) -> Fragmentation:
    """
    Borgatti's fragmentation of the network, or of the network without ``removed``.
    
    On the undirected view (direction and weights dropped; a pair is tied when some link
    joins them), with n the structures left and s_k the sizes of the components:
    
    - F = 1 - Σ_k s_k (s_k - 1) / (n (n - 1)), the share of pairs that cannot reach each
      other: 0 when the network is connected, 1 when nobody is tied;
    - DF = 1 - Σ_{i≠j} (1 / d_ij) / (n (n - 1)) with 1/∞ = 0: also sees a network that is
      connected but long (0 only for a complete network).
    
    Both are NaN when fewer than two structures are left.
    
    Parameters
    ----------
    removed : list of ids, optional
        Structures taken out before measuring (ids or aliases; KeyError for an unknown one).
    threads : int
        Worker threads of DF (0: all hardware threads; small networks run on one). The value
        does not depend on it.
    
    Complexity: F O(n + m); DF O(n (n + m)), one breadth-first search per structure.
    
    Reference: S. P. Borgatti, "Identifying sets of key players in a social network",
    Computational and Mathematical Organization Theory 12 (2006) 21-34.
    
    Example
    -------
    >>> f = coopmap.fragmentation(net)
    >>> f.fragmentation, f.distance_fragmentation
    >>> coopmap.fragmentation(net, removed=["genies", "coop_action"]).fragmentation
    """
def harmonic_centrality(net: Network, weight: str | None = None, *, distance: str = 'weight', threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict[str, float]:
    """
    Harmonic centrality, equal to ``networkx.harmonic_centrality``: H(v) = Σ_{u ≠ v} 1/d(u, v)
    (directed: distances to v; unreachable pairs add 0; not normalised — divide by n - 1
    for [0, 1]). Isolates: 0. Reference: Marchiori & Latora (2000); Boldi & Vigna (2014).
    Complexity O(n m), multi-threaded.
    """
def hierarchy(net: Network, weight: str | None = 'weight') -> dict[str, float]:
    """
    Burt's hierarchy per structure: h_i = sum_j (c_ij/C) ln(c_ij/C) / (N ln N), with c_ij the
    dyadic constraint of partner j, N the number of partners and C = c_i / N (Burt 1992,
    p. 71). 0 when the constraint is spread equally over the partners, up to 1 when one
    partner concentrates it. N = 1 gives 0/0: 0 by convention (as UCINET).
    
    Weights: with ``weight="weight"`` the weights of parallel links (several types, or the
    same type declared twice) are SUMMED first; ``weight=None`` gives every connected pair
    (every arc when directed) weight 1. Directed networks use in- and out-ties: the mutual
    weight of i and j is a_ij + a_ji (networkx's ``mutual_weight``).
    Notation: N(i) partners of i; p_ij = w_ij / sum_k w_ik; m_jq = w_jq / max_k w_jk.
    Isolates (no in- and no out-tie) -> NaN; in-ties alone suffice. Complexity O(sum_j deg(j)^2), one pass per ego, multi-threaded on
    large graphs. Reference: Burt, R. S. (1992) *Structural Holes*, Harvard University
    Press; networkx ``constraint``/``effective_size`` (equal to 1e-9).
    
    Returns a dict {structure id: float}.
    """
def isolates(net: Network) -> list[str]:
    """
    Ids of the structures without any link (in or out), in structure order (networkx ``isolates``). O(n + m).
    """
def key_players(net: Network, k: int = 3, objective: str = 'fragmentation', *, m: int = 1, target: collections.abc.Mapping[str, bool | int | float | str] | collections.abc.Iterable[str] | None = None, seed: int | None = 0, restarts: int | None = 10, threads: int | None = 0) -> KeyPlayers:
    """
    Borgatti's key-player problem: the k structures that matter most to the network.
    
    Objectives (on the undirected view, n structures, S the set, d(S, j) the distance from
    the nearest member of S):
    
    - ``"fragmentation"`` (KPP-Neg): F of the network without S (see :func:`fragmentation`):
      whose departure would split the network most;
    - ``"distance_fragmentation"`` (KPP-Neg): DF of the network without S;
    - ``"reach"`` (KPP-Pos): the share of the structures outside S within ``m`` steps of S
      (m-reach): who can pass something on to most of the territory;
    - ``"distance_reach"`` (KPP-Pos): Σ_{j∉S} 1 / d(S, j) / (n - k).
    
    ``target`` restricts the reach objectives to some structures: a Mapping
    ``{attribute: value}`` (e.g. ``{"legal_family": "classic"}``; every item must match) or
    a list of ids.
    
    Search, as Borgatti's KeyPlayer: a greedy start (members added one at a time, each the
    best given the previous ones) improved by swapping one member for one outsider while a
    swap improves the score. Sets of equal F are compared by DF while one DF costs at most
    10^8 breadth-first steps (n^2 (n + m), about 400 structures), above that by the number of
    links the set removes; sets of equal m-reach by the distance-weighted reach. Then
    ``restarts - 1`` searches from random sets drawn with
    ``seed`` (the same on every platform). The best set is returned; it is a local optimum
    (the tests compare it with the brute-force optimum on small networks). The result
    describes the declared network, not the worth of a structure.
    
    Returns
    -------
    KeyPlayers
        ``players``, ``score``, ``baseline`` (fragmentation objectives: the value with
        nobody removed; reach objectives: the value of the k structures of highest degree).
    
    Errors: ValueError when k is not between 1 and n - 1, m < 1, restarts < 1, or for an
    unknown objective or target attribute; KeyError for an unknown target id.
    
    Complexity: F: O(k (n + m)) per greedy step or swap round (one depth-first search of the
    network without the other members scores every outsider), plus O(n (n + m)) per DF
    tie-break on small networks; reach: O(n + m) per candidate set, k (n - k) per swap round;
    DF: O(n (n + m)) per candidate set.
    
    Reference: S. P. Borgatti, "Identifying sets of key players in a social network",
    Computational and Mathematical Organization Theory 12 (2006) 21-34.
    
    Example
    -------
    >>> kp = coopmap.key_players(net, k=3, objective="fragmentation", seed=0)
    >>> kp.players, kp.score, kp.baseline
    >>> coopmap.key_players(net, k=3, objective="reach", m=2, target={"legal_family": "classic"})
    """
def label_propagation(net: Network, seed: int | None = 0, weight: str | None = 'weight') -> Partition:
    """
    Asynchronous label propagation (Raghavan, Albert & Kumara 2007). Returns a
    :class:`Partition`.
    
    Every structure starts with its own label; in each sweep (seeded random order) a
    structure adopts the label with the largest total link weight among its partners
    (keeping its own when tied for best, else a seeded uniform choice among the tied
    labels). Stops after a sweep without change (at most 1000 sweeps). A label shared by
    disconnected groups is split so that every cluster is connected. Isolates are
    singletons. Complexity O(m) per sweep. Fast, but of lower modularity than Louvain.
    
    Example::
    
        p = coopmap.label_propagation(net, seed=0)
        p.communities[0], p.modularity
    """
def leiden(net: Network, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, seed: int | None = 0, weight: str | None = 'weight', objective: str = 'modularity', n_iterations: typing.SupportsInt | typing.SupportsIndex = -1, beta: typing.SupportsFloat | typing.SupportsIndex = 0.01, initial_membership: Partition | collections.abc.Mapping[str, typing.Hashable] | collections.abc.Sequence[collections.abc.Iterable[str]] | None = None, restarts: int | None = None, tolerance: typing.SupportsFloat | typing.SupportsIndex = 0.001, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> Partition:
    """
    Leiden algorithm (Traag, Waltman & van Eck 2019). Returns a :class:`Partition` whose
    clusters are all connected.
    
    Parameters: ``resolution`` gamma >= 0; ``seed``; ``weight`` ``"weight"`` or None;
    ``objective`` ``"modularity"`` (Q with resolution gamma) or ``"cpm"`` (constant Potts
    model sum_c [e_c - gamma n_c (n_c - 1) / 2], node weights 1 like leidenalg's
    CPMVertexPartition); ``n_iterations`` (-1: iterate until an iteration changes nothing
    or raises the quality by at most ``tolerance`` x |quality|, at most 100; igraph's
    default is 2 iterations); ``beta`` randomness of the refinement (igraph's beta; 0 =
    greedy); ``initial_membership`` a starting partition (Partition, Mapping or
    communities); ``restarts`` independent seeded runs, the best quality kept (None:
    automatic, as :func:`louvain`); ``tolerance`` relative gain under which the iterations
    stop (default 1e-3: 3-4 iterations on sparse networks of 10^4-10^6 links; 0: until an
    iteration changes nothing, like leidenalg's n_iterations=-1); ``threads`` worker threads
    (0 = all cores; the same partition for a seed on any number of threads).
    
    Each level: fast local moving (queue of nodes in seeded random order), refinement of
    every cluster from singletons (a node joins a well-connected refined cluster with gain
    >= 0 with probability ~ exp(gain / beta)), aggregation of the refined clusters with the
    unrefined ones as the next level's start. Local moving as :func:`louvain` (batches on
    large levels); each cluster is refined with its own random stream, so that clusters are
    refined in parallel with the same result on any number of threads. Directed networks are symmetrised; isolates
    stay singletons. ``quality`` is the objective value, ``modularity`` the Q (at gamma 1 for
    CPM). Complexity about O(m) per level and iteration.
    
    Reference: Traag, Waltman & van Eck (2019), Sci. Rep. 9:5233.
    
    Example::
    
        p = coopmap.leiden(net, resolution=1.0, seed=0)
        q = coopmap.leiden(net, objective="cpm", resolution=0.05)
    """
def local_bridges(net: Network, with_span: bool = True) -> list[tuple[str, str] | tuple[str, str, float]]:
    """
    Local bridges: ties whose two ends have no common partner, as networkx's
    ``local_bridges(G, with_span=True)``: tuples (u, v, span) with u before v in structure
    order, span = length (hops) of the shortest u-v path once the tie is removed (an int
    >= 3), or ``float('inf')`` when there is no other path (the tie is a bridge).
    ``with_span=False`` gives (u, v) pairs and skips the path searches.
    Undirected simple view, weights ignored. Complexity: O(m d_max) plus one bidirectional
    BFS per local bridge (O(n + m) each in the worst case).
    """
def louvain(net: Network, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, seed: int | None = 0, weight: str | None = 'weight', n_iterations: typing.SupportsInt | typing.SupportsIndex = -1, restarts: int | None = None, tolerance: typing.SupportsFloat | typing.SupportsIndex = 0.001, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> Partition:
    """
    Louvain modularity optimisation (Blondel et al. 2008). Returns a :class:`Partition`.
    
    Parameters: ``resolution`` gamma >= 0 (networkx/igraph convention: larger gamma, smaller
    clusters); ``seed`` (int; the same seed gives the same partition on every platform);
    ``weight`` ``"weight"`` (link weights, summed over parallel links) or None (every
    connected pair counts 1); ``n_iterations`` passes of the whole algorithm, each starting
    from the previous result (-1: repeat until a pass raises Q by at most ``tolerance`` x
    |Q|, at most 100 passes); ``restarts`` independent seeded runs of which the best Q is
    kept (None: automatic, as many as fit in a fixed work budget: min(100, max(1, 1e5 /
    (n + 2m))), i.e. 100 runs up to ~500 links, 10 at ~5,000 links, 1 from ~50,000 links;
    and no new run once the runs so far made 2e6 steps of iterations x (n + 2m));
    ``tolerance`` relative gain under which the passes stop (0: until a pass improves
    nothing); ``threads`` worker threads (0 = all cores): the same partition for a seed on
    any number of threads (networks under 2^17 structures + 2 x links run on one thread).
    
    Maximises Q = sum_c [L_c / m - gamma (K_c / 2m)^2] on the undirected simple view:
    nodes (in seeded random queue order) move to the neighbouring cluster of largest gain
    w(v, D) - gamma k_v K_D / 2m until no move improves Q, then clusters are aggregated
    into nodes, level after level. On levels of at least 32,768 nodes the queue starts as a
    random order of runs of 64 consecutive nodes; nodes queued again form the next round,
    in the first round's order; a round is taken in batches of 2,048 nodes whose
    moves are decided in parallel against the state at the start of the batch, then applied
    in queue order, a node with a neighbour moved earlier in the batch deciding again: the
    result depends on the seed, never on the number of threads. Directed networks are
    symmetrised (weights of a->b and b->a summed). Isolates stay singletons; a network without links gives singletons and
    modularity NaN. Complexity about O(m) per level; memory O(n + m).
    
    References: Blondel, Guillaume, Lambiotte & Lefebvre (2008), J. Stat. Mech. P10008;
    Newman (2006), PNAS 103:8577.
    
    Example::
    
        p = coopmap.louvain(coopmap.load_dataset("karate"), seed=0)
        len(p), round(p.modularity, 3)
    """
def mixing_matrix(net: Network, attribute: str, weight: str | None = None, *, missing: bool | int | float | str | None = None) -> MixingMatrix:
    """
    Mixing matrix of the groups given by a structure attribute, on the undirected simple
    view (a -> b and b -> a merge; each connected pair counted once).
    
    ``weight=None``: counts of connected pairs; ``weight="weight"``: sums of the link
    weights (all links of the pair, both orientations). Convention: the matrix is symmetric,
    [a, b] = ties between a and b and the diagonal [a, a] = ties within a, each tie ONCE.
    networkx's ``attribute_mixing_matrix(G, attr, normalized=False)`` counts every edge in
    both orientations: the same off the diagonal, twice ours on it. Empty off-diagonal
    cells are the group-level gaps (``.gaps``).
    Raises ValueError when structures lack the attribute, unless ``missing`` gives them a
    group label (``missing="unknown"``). O(n k + m).
    Example: ``cm.mixing_matrix(net, "legal_family", missing="unknown").gaps``.
    """
def modularity(net: Network, membership_or_communities: Partition | collections.abc.Mapping[str, typing.Hashable] | collections.abc.Sequence[collections.abc.Iterable[str]], resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, weight: str | None = 'weight') -> float:
    """
    Modularity of any partition (Newman 2006):
    Q = sum_c [L_c / m - gamma (K_c / 2m)^2], L_c the link weight inside cluster c, K_c the
    summed strengths of its structures, m the total weight.
    
    ``membership_or_communities``: a :class:`Partition`, a Mapping {id: label} covering every
    structure, or a
    list of communities (each structure exactly once). Equals
    ``networkx.community.modularity(G, communities, weight=..., resolution=...)`` on the
    undirected simple view: parallel links summed; a directed network is symmetrised (a->b
    and b->a summed into one edge), i.e. it is NOT networkx's directed modularity.
    No link: NaN. Complexity O(n + m).
    
    Example::
    
        coopmap.modularity(net, coopmap.partition_by(net, "tenancy", missing="none"))
    """
def pagerank(net: Network, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.85, weight: str | None = 'weight', *, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06) -> dict[str, float]:
    """
    PageRank, equal to ``networkx.pagerank`` (same power iteration and stopping rule).
    
    x ← α (x P + (Σ_dangling x)/n) + (1 - α)/n with P the row-normalised weight matrix
    (undirected links in both directions; parallel links summed; ``weight=None`` counts
    links); dangling structures spread uniformly; start 1/n; stop when Σ|Δx| < n·tol.
    Raises coopmap.Error when ``max_iter`` iterations do not converge. Complexity
    O(iterations · m). Reference: Page, Brin, Motwani & Winograd (1999).
    """
def partition_by(net: Network, attribute: str, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, weight: str | None = 'weight', missing: bool | int | float | str | None = None) -> Partition:
    """
    The formal groups as a :class:`Partition`: structures grouped by the value of an
    attribute (``"name"`` groups by display name; 1 == 1.0). ``membership`` maps each id to
    its attribute value, ``communities`` lists the groups largest first, ``modularity`` is Q of
    the groups at ``resolution`` on the weighted (or, with weight=None, unweighted)
    undirected view. Structures without the attribute raise ValueError naming them, unless
    ``missing`` gives their label (e.g. ``missing="none"``: they form one group).
    
    Example::
    
        formal = coopmap.partition_by(net, "tenancy", missing="none")
        coopmap.compare_partitions(formal, coopmap.louvain(net)).ari
    """
def predict_links(net: Network, method: str = 'adamic_adar', top: int | None = 25, across: str | Partition | collections.abc.Mapping[str, typing.Hashable] | None = None, *, missing: bool | int | float | str | None = None) -> coopmap._display.Table[Suggestion]:
    """
    Suggested cooperations: the best-scored pairs of structures that are not linked.
    
    Scores (networkx's, to 1e-12) on the undirected simple view, Γ(u) = partners of u,
    k_w = |Γ(w)|:
    
    * ``"common_neighbors"``: |Γ(u) ∩ Γ(v)|
    * ``"jaccard"``: |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|
    * ``"adamic_adar"`` (default): Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / ln k_w (Adamic & Adar 2003)
    * ``"resource_allocation"``: Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / k_w (Zhou, Lü & Zhang 2009)
    * ``"preferential_attachment"``: k_u k_v
    
    Each pair is reported once (``source`` < ``target`` in string order); only pairs with a
    score > 0 are suggested (except for preferential attachment, only pairs at distance 2).
    Order: score descending, then source id, then target id. ``top``: keep the best ``top``
    (None: every candidate; for preferential attachment that is every non-adjacent pair
    of non-isolated structures, O(n^2) time and memory — small networks only: ValueError
    beyond 5 * 10^7 pairs).
    ``across``: an attribute name keeps pairs whose values differ (e.g. an ESS structure
    and a classic business); a partition (Mapping id -> label, list of communities, or an
    object with ``.membership``) keeps pairs in different clusters. ``missing``: with an
    attribute, structures lacking it raise ValueError, unless ``missing`` gives them a group
    label (e.g. ``missing="unknown"``).
    Returns a list of :class:`Suggestion` (``[s.as_dict() for s in ...]`` for pandas).
    
    Complexity: O(Σ_w k_w²) with a dense accumulator and a bounded heap (seconds on
    10^6 links); preferential attachment with ``top`` scans pairs by decreasing degree
    product and stops at the k-th score.
    Raises ValueError for an unknown method, a negative ``top`` or a missing attribute.
    
    Example::
    
        >>> s = cm.predict_links(net, top=5, across="legal_family")  # doctest: +SKIP
        >>> s[0].source, s[0].target, s[0].shared                       # doctest: +SKIP
    """
def reciprocity(net: Network) -> Reciprocity:
    """
    Reciprocity of the directed simple view (parallel links of one direction count once):
    ``edgewise`` = reciprocated arcs / arcs (networkx ``reciprocity(G)``), ``ratio`` = mutual
    pairs / connected pairs (igraph ``reciprocity(mode="ratio")``), per-structure values,
    and the ``unreciprocated`` arcs (declared one way only). An undirected network has every
    tie mutual: 1.0 (igraph's convention; networkx refuses undirected graphs). No arcs ->
    NaN. O(n + m log d).
    """
def strength(net: Network, weight: str | None = 'weight', mode: str = 'all') -> dict[str, float]:
    """
    Strength: the sum of the weights of a structure's links, parallel (multiplex) links
    included (networkx's ``degree(weight="weight")`` on the multigraph of the links).
    ``weight=None`` counts the links. ``mode`` as :func:`degree`. Complexity O(n + m).
    """
def structural_holes(net: Network, weight: str | None = 'weight', *, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> coopmap._display.Table[dict[str, typing.Any]]:
    """
    All four Burt measures in one pass: a list of records (one per structure, in structure
    order) with ``id``, ``degree`` (distinct partners, in or out), ``constraint``,
    ``effective_size``, ``efficiency`` and ``hierarchy`` (see those functions).
    ``pandas.DataFrame(cm.structural_holes(net)).set_index("id")`` gives the table.
    ``threads``: worker threads (0 = one per core, at most 8; graphs under 100,000 ties
    always use one); the results do not depend on it.
    
    Weights: with ``weight="weight"`` the weights of parallel links (several types, or the
    same type declared twice) are SUMMED first; ``weight=None`` gives every connected pair
    (every arc when directed) weight 1. Directed networks use in- and out-ties: the mutual
    weight of i and j is a_ij + a_ji (networkx's ``mutual_weight``).
    Notation: N(i) partners of i; p_ij = w_ij / sum_k w_ik; m_jq = w_jq / max_k w_jk.
    Isolates (no in- and no out-tie) -> NaN; in-ties alone suffice. Complexity O(sum_j deg(j)^2), one pass per ego, multi-threaded on
    large graphs. Reference: Burt, R. S. (1992) *Structural Holes*, Harvard University
    Press; networkx ``constraint``/``effective_size`` (equal to 1e-9).
    """
def vulnerability(net: Network, group: str | Partition | collections.abc.Mapping[str, typing.Hashable] | None = None, *, missing: bool | int | float | str | None = None, distance: bool = True, threads: int | None = 0) -> coopmap._display.Table[dict[str, typing.Any]]:
    """
    What each structure's departure would cost the network: one record per structure (in
    structure order; ``pandas.DataFrame(cm.vulnerability(net))`` loads them).
    
    Fields: ``id``; ``fragmentation`` and ``distance_fragmentation``: F and DF of the network
    without it (see :func:`fragmentation`); ``increase`` and ``distance_increase``: those
    minus the whole network's; ``cut_off``: the structures cut off from the largest
    component when it leaves (ids; the largest component and, when it splits, its largest
    part are taken with ties to the one holding the earliest structure; empty for a
    structure outside the largest component); ``cross_group_brokerage``: the Gould–Fernandez
    roles it holds across the groups of ``group`` (itinerant + representative + gatekeeper
    + liaison, as :func:`brokerage` counts them; NaN without ``group``).
    
    Parameters
    ----------
    group : str, optional
        The attribute whose groups define cross-group brokerage.
    missing : str, int, float, bool or None
        Group of the structures lacking the attribute (else ValueError naming them).
    distance : bool
        Compute DF after each departure (O(n² (n + m)) in all); False: NaN.
    threads : int
        Worker threads of the DF searches.
    
    Complexity: F after every departure O(n + m) in all (one depth-first search), cut-offs
    O(n + m) plus their total length; DF O(n² (n + m)). The values describe the
    declared network, not the worth of a structure.
    
    Example
    -------
    >>> v = coopmap.vulnerability(net, "legal_family")
    >>> max(v, key=lambda r: r["increase"])["id"]
    """
def what_if(net: Network, remove: collections.abc.Iterable[str] | None = None, add: collections.abc.Iterable[tuple[str, str] | tuple[str, str, str]] | None = None, group: str | Partition | collections.abc.Mapping[str, typing.Hashable] | None = None, *, missing: bool | int | float | str | None = None, brokers: int = 10, threads: int | None = 0) -> WhatIf:
    """
    What if some structures left and some cooperations were added: the network's indicators
    before and after, and the structures whose brokerage changes most.
    
    Parameters
    ----------
    remove : list of ids
        Structures that leave, with their links.
    add : list of tuples
        Links added (before the departures): ``(source, target)``, ``(source, target,
        type)`` or ``(source, target, type, weight)``; the type defaults to
        ``"cooperation"``.
    group : str, optional
        The attribute of the E-I index and of the brokerage z-scores (NaN / no brokers
        without it); ``missing``: the group of the structures lacking it.
    brokers : int
        How many structures to list, those whose total-brokerage z changes most.
    
    Notes
    -----
    Indicators (undirected view unless said): ``components``, ``largest_component_share``
    (its size / n), ``fragmentation`` and ``distance_fragmentation`` (:func:`fragmentation`),
    ``density`` (:func:`density`), ``mean_distance`` (mean over ordered pairs of the largest
    component; NaN below two structures) and ``ei_index`` (:func:`ei_index` of ``group``,
    network level). ``change`` = after - before. The network itself is not changed
    (``s.after`` is the changed copy).
    
    Example
    -------
    >>> s = coopmap.what_if(net, remove=["genies"], add=[("ies", "bge", "joint_project")])
    >>> pandas.DataFrame(s.indicators)
    """
