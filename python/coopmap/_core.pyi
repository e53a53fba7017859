"""
Compiled core of coopmap (C++ on Boost.Graph). Use the coopmap package, which re-exports it.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import os
import typing
__all__: list[str] = ['ImportReport', 'Inventory', 'Network', 'ResponseCounts', 'SimpleGraph', 'WaveComparison']
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
        ...
    def records(self) -> list:
        """
        The per-table counts as records (``pandas.DataFrame(report.records())``).
        """
    @property
    def added(self) -> int:
        ...
    @property
    def counts(self) -> list:
        ...
    @property
    def resolved_partners(self) -> int:
        ...
    @property
    def unchanged(self) -> int:
        ...
    @property
    def unresolved_partners(self) -> list:
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
    ``jaccard`` = N11 / (N11 + N10 + N01), NaN when neither wave has a link.
    ``joined``/``left``: structures taking part (response row or resolved declaration) in the
    second wave only / the first only. ``degree_before``, ``degree_after``,
    ``degree_change``: per structure id (every structure taking part in either wave), the
    number of distinct partners in the view (directions and types ignored) and its change.
    ``records()``: the per-structure table.
    """
    def __repr__(self) -> str:
        ...
    def records(self) -> list:
        """
        Per-structure records: id, degree_before, degree_after, change, in_before, in_after.
        """
    @property
    def after(self) -> str:
        ...
    @property
    def before(self) -> str:
        ...
    @property
    def degree_after(self) -> dict:
        ...
    @property
    def degree_before(self) -> dict:
        ...
    @property
    def degree_change(self) -> dict:
        ...
    @property
    def jaccard(self) -> float:
        ...
    @property
    def joined(self) -> list[str]:
        ...
    @property
    def kept(self) -> list:
        ...
    @property
    def left(self) -> list[str]:
        ...
    @property
    def lost(self) -> list:
        ...
    @property
    def new(self) -> list:
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
    schema_version: typing.ClassVar[int] = 1
    def __enter__(self) -> typing.Any:
        ...
    def __exit__(self, arg0: typing.Any, arg1: typing.Any, arg2: typing.Any) -> None:
        ...
    def __init__(self, path: typing.Any, *, readonly: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def affiliation_network(self, *, groups: typing.Any = None, roles: typing.Any = None, active_on: typing.Any = None) -> Network:
        """
        The bipartite structure x group :class:`Network` (undirected): structures with at least
        one kept affiliation (attributes ``kind="structure"``, ``bipartite=0``, as networkx's
        bipartite convention), then the groups (``kind="group"``, ``bipartite=1``; id = group
        code, or ``"group:" + code`` when a structure uses that id or alias), one link per
        affiliation (type ``"affiliation"``, attribute ``role``, the affiliation's dates).
        
        ``groups``/``roles``: keep only these group codes / roles; ``active_on``: an ISO date,
        keep affiliations with start <= date <= end (missing bounds open).
        """
    def affiliation_projection(self, *, weighted: bool = False, groups: typing.Any = None, roles: typing.Any = None, active_on: typing.Any = None) -> Network:
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
        kept links, Jaccard stability N11 / (N11 + N10 + N01) (NaN when both waves are empty),
        structures that joined or left, per-structure degree change. Raises KeyError for an
        unknown wave. Complexity: O(d log d) for d declarations in the two waves.
        
        Example: ``diff = inv.compare("2013", "2014", view="union"); diff.jaccard``.
        """
    def counts(self) -> dict:
        """
        Rows per table: structures, aliases, groups, affiliations, link_types, waves, responses, declarations.
        """
    def import_csv(self, *, structures: typing.Any = None, link_types: typing.Any = None, affiliations: typing.Any = None, declarations: typing.Any = None, wave: typing.Any = None, responses: typing.Any = None) -> ImportReport:
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
    def link_types(self) -> list:
        """
        The link-type vocabulary as records (code, label, family, directed).
        """
    def links(self, wave: str, view: str = 'union') -> list:
        """
        The derived links of a wave in a view as records (source, target, type, directed, weight, start, end, status, declared_by (list of ids), declarations (number merged)). Undirected links list the end imported first as source.
        """
    def network(self, wave: str, view: str = 'union', directed: typing.Any = None) -> Network:
        """
        The :class:`Network` of a wave in a view (``"union"``, ``"confirmed"``, ``"reconstructed"``).
        
        Structures: those taking part in the wave (a response row, or a declaration as declarer
        or resolved partner), in inventory order, with name, aliases, attributes, ``siren``,
        ``rna``, ``legal_family`` when set and ``response`` (the wave's response status; absent
        when the structure has no response row: draw it hollow).
        Links: one per derived link, with ``type``, ``weight`` (mean declared intensity, 1 when
        none), ``start`` (earliest), ``end`` (latest; None when a declaration has none),
        ``status`` (``"confirmed"``, ``"unconfirmed"``, ``"partner_did_not_respond"``: draw the
        last two dashed) and the attribute ``declared_by`` (ids joined by ``|``).
        
        ``directed``: None (default) -> directed when a link of the view has a directed type. In
        a directed network a link of an undirected type becomes two arcs (both orientations,
        same status); with ``directed=False`` arcs become undirected links.
        Raises KeyError for an unknown wave. Complexity: O(n + d log d) for d declarations.
        """
    def response_counts(self, wave: str) -> ResponseCounts:
        """
        The :class:`ResponseCounts` of a wave. KeyError for an unknown wave. (:meth:`response_rate` gives the rate as a float with the same counts.)
        """
    def waves(self) -> list[str]:
        """
        Wave codes in creation order.
        """
    @property
    def path(self) -> str:
        ...
def _read_csv(structures: os.PathLike | str | bytes, links: os.PathLike | str | bytes | None = None, directed: bool = False, delimiter: str = '') -> Network:
    ...
