"""
Compiled core of coopmap (C++ on Boost.Graph). Use the coopmap package, which re-exports it.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import os
import typing
__all__: list[str] = ['Brokerage', 'Network', 'SimpleGraph', 'betweenness', 'betweenness_pivots', 'brokerage', 'centralization', 'closeness', 'degree', 'edge_betweenness', 'eigenvector_centrality', 'harmonic_centrality', 'pagerank', 'strength']
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
    def add_link(self, source: typing.Any, target: typing.Any, *, type: typing.Any = 'cooperation', weight: typing.SupportsFloat | typing.SupportsIndex = 1.0, start: typing.Any = None, end: typing.Any = None, status: typing.Any = None, **kwargs) -> int:
        """
        Adds a link and returns its index.
        
        ``source``/``target`` are structure ids or aliases and must exist: an unknown one raises
        KeyError (never a silent creation: a typo in survey data must surface). ``type`` is the
        link type code; ``weight`` a finite number > 0 (ValueError otherwise); ``start``/``end``
        ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); ``status`` e.g. "confirmed"; other keywords are
        typed attributes. A self-loop raises ValueError. Several links may join one pair.
        """
    def add_structure(self, id: typing.Any, *, name: typing.Any = None, aliases: typing.Any = None, **kwargs) -> None:
        """
        Adds a structure.
        
        Parameters: ``id`` (non-empty str, unique among ids and aliases); ``name`` (display
        name, defaults to the id); ``aliases`` (list of name variants); any other keyword is a
        typed attribute (str, int, float, bool; None is skipped).
        
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
    def records(self) -> list:
        """
        One record per structure: id, group, then for each role its count (``coordinator``),
        ``coordinator_expected``, ``coordinator_sd`` and ``coordinator_z`` (likewise for the
        other roles and ``total``). ``pandas.DataFrame(b.records())`` loads it.
        """
    @property
    def counts(self) -> dict:
        """
        {id: {role: number of brokered ordered pairs}} (sna raw.nli).
        """
    @property
    def density(self) -> float:
        """
        Arc density m / (N(N-1)), an undirected tie counting as two arcs (NaN for N < 2).
        """
    @property
    def expected(self) -> dict:
        """
        {id: {role: expected count}} under the density/group-size null model (sna exp.nli).
        """
    @property
    def group_sizes(self) -> dict:
        """
        {group label: number of structures} (sna n).
        """
    @property
    def groups(self) -> dict:
        """
        {id: group label}.
        """
    @property
    def network(self) -> dict:
        """
        {role: {'raw', 'expected', 'sd', 'z'}} for the whole network (sna raw.gli, exp.gli, sd.gli, z.gli).
        """
    @property
    def sd(self) -> dict:
        """
        {id: {role: standard deviation}} (sna sd.nli; NaN where sna's variance is negative).
        """
    @property
    def z(self) -> dict:
        """
        {id: {role: (count - expected) / sd}} (sna z.nli; NaN for 0/0, inf for x/0).
        """
def _read_csv(structures: os.PathLike | str | bytes, links: os.PathLike | str | bytes | None = None, directed: bool = False, delimiter: str = '') -> Network:
    ...
def betweenness(net: Network, normalized: bool = False, weight: typing.Any = None, *, distance: str = 'weight', endpoints: bool = False, k: typing.SupportsInt | typing.SupportsIndex | None = None, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict:
    """
    Betweenness centrality (Brandes 2001), equal to ``networkx.betweenness_centrality``.
    
    b(v) = Σ σ_st(v) / σ_st over pairs s ≠ v ≠ t (unordered for undirected networks,
    ordered for directed ones), σ_st the number of shortest s-t paths, σ_st(v) those
    through v.
    
    Parameters
    ----------
    net : Network
    normalized : bool, default False
        Raw values (UCINET/igraph habit) or networkx's normalisation: divided by
        (n-1)(n-2) (n(n-1) with endpoints) — networkx's ``normalized=True``.
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
def betweenness_pivots(net: Network, k: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex = 0) -> list:
    """
    The pivot sources that :func:`betweenness` and :func:`edge_betweenness` use with ``k``
    and ``seed``: k distinct structure ids drawn uniformly without replacement by coopmap's
    platform-independent generator (all ids, in order, when k = n). For reproducibility
    reports and for checking an estimate against another implementation.
    """
def brokerage(net: Network, group: typing.Any) -> Brokerage:
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
        Directed or undirected; an undirected tie counts as two arcs, weights are ignored
        and multiplex links count once.
    group : str or partition
        The name of a structure attribute (e.g. ``"legal_family"``; every structure must
        have it), or a partition: a Mapping {id: label}, a list of communities or a result
        with ``.membership``. Groups of any size, singletons included.
    
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
def closeness(net: Network, weight: typing.Any = None, *, distance: str = 'weight', wf_improved: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict:
    """
    Closeness centrality, equal to ``networkx.closeness_centrality``.
    
    C(v) = (r - 1) / Σ_u d(u, v) over the r - 1 structures that reach v (directed networks:
    distances *to* v, as networkx), multiplied by (r - 1)/(n - 1) when ``wf_improved``
    (Wasserman & Faust 1994, for disconnected networks). Isolates: 0 (networkx's
    convention). ``weight``/``distance`` as :func:`betweenness`.
    Complexity O(n m) unweighted, multi-threaded (GIL released).
    """
def degree(net: Network, mode: str = 'all', normalized: bool = False) -> dict:
    """
    Degree: the number of distinct partners (multiplex links count once).
    
    Directed networks: ``mode="out"`` (successors), ``"in"`` (predecessors) or ``"all"``
    (in + out, as networkx's ``DiGraph.degree``; a reciprocated pair counts twice).
    ``normalized=True`` divides by n - 1 (``networkx.degree_centrality``). Isolates: 0.
    Complexity O(n + m). Example: ``coopmap.degree(net)["ies"]``.
    """
def edge_betweenness(net: Network, normalized: bool = False, weight: typing.Any = None, *, distance: str = 'weight', k: typing.SupportsInt | typing.SupportsIndex | None = None, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict:
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
def eigenvector_centrality(net: Network, weight: typing.Any = None, *, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06) -> dict:
    """
    Eigenvector centrality, equal to ``networkx.eigenvector_centrality``: power iteration on
    A + I (directed: scores flow along the arcs, i.e. in-links count), Euclidean norm 1,
    stop when Σ|Δx| < n·tol. Raises coopmap.Error without convergence, ValueError on an
    empty network. Complexity O(iterations · m). Reference: Bonacich (1987).
    """
def harmonic_centrality(net: Network, weight: typing.Any = None, *, distance: str = 'weight', threads: typing.SupportsInt | typing.SupportsIndex = 0) -> dict:
    """
    Harmonic centrality, equal to ``networkx.harmonic_centrality``: H(v) = Σ_{u ≠ v} 1/d(u, v)
    (directed: distances to v; unreachable pairs add 0; not normalised — divide by n - 1
    for [0, 1]). Isolates: 0. Reference: Marchiori & Latora (2000); Boldi & Vigna (2014).
    Complexity O(n m), multi-threaded.
    """
def pagerank(net: Network, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.85, weight: typing.Any = 'weight', *, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06) -> dict:
    """
    PageRank, equal to ``networkx.pagerank`` (same power iteration and stopping rule).
    
    x ← α (x P + (Σ_dangling x)/n) + (1 - α)/n with P the row-normalised weight matrix
    (undirected links in both directions; parallel links summed; ``weight=None`` counts
    links); dangling structures spread uniformly; start 1/n; stop when Σ|Δx| < n·tol.
    Raises coopmap.Error when ``max_iter`` iterations do not converge. Complexity
    O(iterations · m). Reference: Page, Brin, Motwani & Winograd (1999).
    """
def strength(net: Network, weight: typing.Any = 'weight', mode: str = 'all') -> dict:
    """
    Strength: the sum of the weights of a structure's links, parallel (multiplex) links
    included (networkx's ``degree(weight="weight")`` on the multigraph of the links).
    ``weight=None`` counts the links. ``mode`` as :func:`degree`. Complexity O(n + m).
    """
