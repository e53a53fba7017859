"""coopmap: map who cooperates with whom, find the gaps and the brokers.

A C++ library on Boost.Graph with this Python package on top. Structures (organisations)
and their cooperation links form a :class:`Network`; :func:`read_csv` loads one from two
CSV files, :meth:`Network.write_csv` writes it back, and :meth:`Network.to_networkx` /
:func:`from_networkx` convert to and from networkx.

Results of the analysis functions follow two conventions: per-structure values are
Mappings keyed by structure id (``pandas.Series(result)``), tables are lists of records
(``pandas.DataFrame(result)``). Undefined values are NaN.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from . import _core, _display, _igraph, _networkx, _signatures, errors

# The compiled module never imports this package: the package hands it what it raises and calls.
_core._register_python(
    Error=errors.Error,
    InputError=errors.InputError,
    CsvError=errors.CsvError,
    NotFoundError=errors.NotFoundError,
    StorageError=errors.StorageError,
    to_networkx=_networkx.to_networkx,
    to_igraph=_igraph.to_igraph,
    to_pandas=_display.to_pandas,
    table=_display.table,
    repr_html=_display.repr_html,
    network_html=_display.network_html,
)
from ._brokers import brokers

# every public name of the compiled module (_core.pyi), but Inventory: store.Inventory extends it
from ._core import (
    Brokerage,
    ClusterGaps,
    EIIndex,
    Fragmentation,
    ImportReport,
    KeyPlayers,
    MapColorEntry,
    MapEdgeEntry,
    MapLabel,
    MapLegendRow,
    MapLinkType,
    MapModel,
    MapSizeEntry,
    MixingMatrix,
    Network,
    Partition,
    PartitionComparison,
    Reciprocity,
    ResponseCounts,
    SimpleGraph,
    Suggestion,
    WaveComparison,
    WhatIf,
    articulation_points,
    assortativity,
    betweenness,
    betweenness_pivots,
    biconnected_components,
    bridges,
    brokerage,
    centralization,
    cliques,
    closeness,
    cluster_gaps,
    compare_partitions,
    components,
    constraint,
    core_number,
    degree,
    density,
    edge_betweenness,
    effective_size,
    efficiency,
    ei_index,
    eigenvector_centrality,
    fragmentation,
    harmonic_centrality,
    hierarchy,
    isolates,
    key_players,
    label_propagation,
    leiden,
    local_bridges,
    louvain,
    mixing_matrix,
    modularity,
    pagerank,
    partition_by,
    predict_links,
    reciprocity,
    strength,
    structural_holes,
    vulnerability,
    what_if,
)
from ._display import Table
from ._folder import ConfirmationRate, confirmation_rate
from ._igraph import from_igraph
from ._networkx import from_networkx
from ._report import card, cards, report
from ._scenarios import WovenLink, weave
from ._survey import read_answers, survey
from .errors import CsvError, Error, InputError, NotFoundError, StorageError
from .maps import draw, layout, write_dot, write_gexf, write_graphml, write_json, write_pajek
from .store import Inventory, ResponseRate

_signatures.install(_core, globals())  # after every import of a compiled name

__version__ = "0.1.0"
__all__ = [
    "Network",
    "SimpleGraph",
    "Inventory",
    "ImportReport",
    "WaveComparison",
    "ResponseRate",
    "ConfirmationRate",
    "confirmation_rate",
    "ResponseCounts",
    "Table",
    "read_csv",
    "from_networkx",
    "from_igraph",
    "report",
    "card",
    "cards",
    "survey",
    "read_answers",
    "brokers",
    "dataset_path",
    "load_dataset",
    "datasets",
    "Error",
    "InputError",
    "CsvError",
    "NotFoundError",
    "StorageError",
    "layout",
    "draw",
    "write_gexf",
    "write_graphml",
    "write_json",
    "write_dot",
    "write_pajek",
    # the analyses and their results (coopmap._core)
    "Brokerage",
    "ClusterGaps",
    "EIIndex",
    "MixingMatrix",
    "Partition",
    "PartitionComparison",
    "Reciprocity",
    "Suggestion",
    "articulation_points",
    "assortativity",
    "betweenness",
    "betweenness_pivots",
    "biconnected_components",
    "bridges",
    "brokerage",
    "centralization",
    "cliques",
    "closeness",
    "cluster_gaps",
    "compare_partitions",
    "components",
    "constraint",
    "core_number",
    "degree",
    "density",
    "edge_betweenness",
    "effective_size",
    "efficiency",
    "ei_index",
    "eigenvector_centrality",
    "harmonic_centrality",
    "hierarchy",
    "isolates",
    "label_propagation",
    "leiden",
    "local_bridges",
    "louvain",
    "mixing_matrix",
    "modularity",
    "pagerank",
    "partition_by",
    "predict_links",
    "reciprocity",
    "strength",
    "structural_holes",
    # the map model (coopmap._core._map_model; coopmap.draw presents it)
    "MapColorEntry",
    "MapEdgeEntry",
    "MapLabel",
    "MapLegendRow",
    "MapLinkType",
    "MapModel",
    "MapSizeEntry",
    # scenarios
    "Fragmentation",
    "KeyPlayers",
    "fragmentation",
    "key_players",
    "vulnerability",
    "weave",
    "what_if",
    "WhatIf",
    "WovenLink",
]

PathLike = Union[str, "os.PathLike[str]"]


def read_csv(
    structures: PathLike,
    links: PathLike | None = None,
    *,
    directed: bool = False,
    delimiter: str | None = None,
    link_types: PathLike | None = None,
) -> Network:
    """Reads a network from a structures CSV file and an optional links CSV file.

    Structures: column ``id`` (required), ``name``, ``aliases`` (separated by ``|``), any
    other column becomes a typed attribute. Links: ``source`` and ``target`` (required;
    structure ids or aliases), ``type`` (default ``"cooperation"``), ``weight`` (finite,
    > 0; default 1 when the column is absent or the cell empty), ``start``/``end`` (ISO
    dates), ``status``; any other column becomes a typed link attribute.

    Link types (optional ``link_types`` file): ``code`` (required), ``directed``
    (true/false), any other column a text attribute of the type (``label``,
    ``label_fr``, ``label_en``, ``family``, ``description``...). With it, each type is
    directed or not as the file says (a network of two-way and directed types is mixed:
    see :class:`Network`), maps and reports show the types' labels, and a link whose type
    is not in the file is an error naming it and the known codes. ``directed`` is the
    direction of types the file does not declare (of every type when there is no file).

    Attribute columns are typed from their unquoted non-empty cells: all integers -> int,
    all numbers -> float (no leading zero, so "01234" stays a str; nan/inf allowed), all
    true/false -> bool, otherwise str. A quoted cell is always str. An empty cell means
    "no attribute"; a quoted empty cell is "". :meth:`Network.write_csv` quotes the
    strings that would otherwise read back as numbers or booleans.

    Files: UTF-8 with or without BOM; ``,`` ``;`` or tab separators, detected from the
    header unless ``delimiter`` is given; RFC 4180 quoting (separators, doubled quotes and
    line breaks inside quoted fields); blank lines skipped; spaces around unquoted fields
    trimmed; with ``;`` a decimal comma is accepted in numbers.

    Errors: :class:`CsvError` (a ``ValueError``) whose message names the file, the line
    (the header is line 1) and the column: missing required column, empty or duplicate
    id, link to an unknown structure, self-loop, non-numeric / NaN / infinite /
    non-positive weight, bad date, invalid UTF-8, malformed quoting, ragged rows, a
    control character (or U+FFFE, U+FFFF) in an id, alias, type, status or header name,
    a character XML 1.0 forbids in a name or value (tab, LF and CR are allowed).
    Nothing partially read is returned.

    Complexity: one streaming pass per file, O(n + m) memory.
    """
    return _core._read_csv(
        structures,
        links,
        directed=directed,
        delimiter="" if delimiter is None else delimiter,
        link_types=link_types,
    )


def _datasets_root() -> Path:
    installed = Path(__file__).resolve().parent / "datasets"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "datasets"  # source checkout


def datasets() -> list[str]:
    """Names of the bundled datasets (``ptce-sicoval-2013``, ``karate``, ``florentine``)."""
    root = _datasets_root()
    return sorted(p.name for p in root.iterdir() if (p / "structures.csv").is_file()) if root.is_dir() else []


def dataset_path(name: str) -> Path:
    """The folder of a bundled dataset. Raises KeyError for an unknown name, TypeError
    when ``name`` is not a str."""
    if not isinstance(name, str):
        raise TypeError(f"dataset name must be a str, got {type(name).__name__}")
    if name not in datasets():  # never probe the file system with an arbitrary path
        raise NotFoundError(f"unknown dataset '{name[:100]}' (available: {', '.join(datasets())})", name)
    p = _datasets_root() / name
    if not (p / "structures.csv").is_file():
        raise NotFoundError(f"unknown dataset '{name}' (available: {', '.join(datasets())})", name)
    return p


def load_dataset(name: str, *, directed: bool = False) -> Network:
    """Loads a bundled dataset (:func:`dataset_path`): ``structures.csv`` and ``links.csv``,
    with the direction and labels of its link types (``link_types.csv``: a dataset of
    two-way and directed types is a mixed network) and each structure's survey status
    as the attribute ``response`` (``responses.csv``), so that maps show the types'
    labels in their language and non-respondents hollow. ``directed``: the direction of
    link types the dataset does not declare."""
    from ._folder import read_folder

    return read_folder(dataset_path(name), directed=directed)[0]
