"""
Compiled core of coopmap (C++ on Boost.Graph). Use the coopmap package, which re-exports it.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import os
import typing
__all__: list[str] = ['Network', 'Partition', 'PartitionComparison', 'SimpleGraph', 'cliques', 'compare_partitions', 'components', 'core_number', 'label_propagation', 'leiden', 'louvain', 'modularity', 'partition_by']
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
    def __getitem__(self, k: typing.SupportsInt | typing.SupportsIndex) -> typing.Any:
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
    def records(self) -> list:
        """
        One record per structure: ``{"id", "cluster"}`` (``pandas.DataFrame(p.records())``).
        """
    @property
    def algorithm(self) -> str:
        """
        louvain, leiden, label_propagation or attribute.
        """
    @property
    def communities(self) -> typing.Any:
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
    def membership(self) -> typing.Any:
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
def _read_csv(structures: os.PathLike | str | bytes, links: os.PathLike | str | bytes | None = None, directed: bool = False, delimiter: str = '') -> Network:
    ...
def cliques(net: Network, min_size: typing.SupportsInt | typing.SupportsIndex = 3) -> list:
    """
    Maximal cliques with at least ``min_size`` structures (Bron & Kerbosch 1973, Boost.Graph),
    as lists of ids (structure order), largest first. On the undirected simple view; the
    same cliques as ``networkx.find_cliques`` (filtered by size). Isolates are cliques of size
    1 (min_size=1). Complexity exponential in the worst case, fast on sparse networks.
    
    Example::
    
        coopmap.cliques(net, min_size=4)   # groups of 4+ structures all cooperating pairwise
    """
def compare_partitions(a: typing.Any, b: typing.Any) -> PartitionComparison:
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
def components(net: Network, strong: bool = False) -> typing.Any:
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
def core_number(net: Network) -> dict:
    """
    k-core number of every structure (dict {id: k}): the largest k such that the structure
    lies in a subgraph where every structure has at least k partners (Batagelj & Zaversnik
    2003, Boost.Graph). On the undirected simple view: equals ``networkx.core_number`` of the
    undirected simple graph. Isolates: 0. Complexity O(m log n).
    
    Example::
    
        cores = coopmap.core_number(net)
        inner = [i for i, k in cores.items() if k == max(cores.values())]
    """
def label_propagation(net: Network, seed: typing.Any = 0, weight: typing.Any = 'weight') -> Partition:
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
def leiden(net: Network, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, seed: typing.Any = 0, weight: typing.Any = 'weight', objective: str = 'modularity', n_iterations: typing.SupportsInt | typing.SupportsIndex = -1, beta: typing.SupportsFloat | typing.SupportsIndex = 0.01, initial_membership: typing.Any = None, restarts: typing.Any = None) -> Partition:
    """
    Leiden algorithm (Traag, Waltman & van Eck 2019). Returns a :class:`Partition` whose
    clusters are all connected.
    
    Parameters: ``resolution`` gamma >= 0; ``seed``; ``weight`` ``"weight"`` or None;
    ``objective`` ``"modularity"`` (Q with resolution gamma) or ``"cpm"`` (constant Potts
    model sum_c [e_c - gamma n_c (n_c - 1) / 2], node weights 1 like leidenalg's
    CPMVertexPartition); ``n_iterations`` (-1: iterate until an iteration changes nothing,
    at most 100, like leidenalg; igraph's default is 2); ``beta`` randomness of the
    refinement (igraph's beta; 0 = greedy); ``initial_membership`` a starting partition
    (Partition, Mapping or communities); ``restarts`` independent seeded runs, the best
    quality kept (None: automatic, as :func:`louvain`).
    
    Each level: fast local moving (queue of nodes in seeded random order), refinement of
    every cluster from singletons (a node joins a well-connected refined cluster with gain
    >= 0 with probability ~ exp(gain / beta)), aggregation of the refined clusters with the
    unrefined ones as the next level's start. Directed networks are symmetrised; isolates
    stay singletons. ``quality`` is the objective value, ``modularity`` the Q (at gamma 1 for
    CPM). Complexity about O(m) per level and iteration.
    
    Reference: Traag, Waltman & van Eck (2019), Sci. Rep. 9:5233.
    
    Example::
    
        p = coopmap.leiden(net, resolution=1.0, seed=0)
        q = coopmap.leiden(net, objective="cpm", resolution=0.05)
    """
def louvain(net: Network, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, seed: typing.Any = 0, weight: typing.Any = 'weight', n_iterations: typing.SupportsInt | typing.SupportsIndex = -1, restarts: typing.Any = None) -> Partition:
    """
    Louvain modularity optimisation (Blondel et al. 2008). Returns a :class:`Partition`.
    
    Parameters: ``resolution`` gamma >= 0 (networkx/igraph convention: larger gamma, smaller
    clusters); ``seed`` (int; the same seed gives the same partition on every platform);
    ``weight`` ``"weight"`` (link weights, summed over parallel links) or None (every
    connected pair counts 1); ``n_iterations`` passes of the whole algorithm, each starting
    from the previous result (-1: repeat while Q improves, at most 100); ``restarts``
    independent seeded runs of which the best Q is kept (None: automatic, as many as fit
    in a fixed work budget: min(100, max(1, 1e6 / (n + 2m))), i.e. 100 runs up to ~5,000
    links, 10 at ~50,000 links, 1 from ~500,000 links; and no new run once the runs so far
    made 2e7 steps of iterations x (n + 2m)).
    
    Maximises Q = sum_c [L_c / m - gamma (K_c / 2m)^2] on the undirected simple view:
    nodes (in seeded random queue order) move to the neighbouring cluster of largest gain
    w(v, D) - gamma k_v K_D / 2m until no move improves Q, then clusters are aggregated
    into nodes, level after level. Directed networks are symmetrised (weights of a->b and
    b->a summed). Isolates stay singletons; a network without links gives singletons and
    modularity NaN. Complexity about O(m) per level; memory O(n + m).
    
    References: Blondel, Guillaume, Lambiotte & Lefebvre (2008), J. Stat. Mech. P10008;
    Newman (2006), PNAS 103:8577.
    
    Example::
    
        p = coopmap.louvain(coopmap.load_dataset("karate"), seed=0)
        len(p), round(p.modularity, 3)
    """
def modularity(net: Network, membership_or_communities: typing.Any, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, weight: typing.Any = 'weight') -> float:
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
def partition_by(net: Network, attribute: str, resolution: typing.SupportsFloat | typing.SupportsIndex = 1.0, weight: typing.Any = 'weight', missing: typing.Any = None) -> Partition:
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
