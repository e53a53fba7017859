"""Rich display in notebooks (Jupyter, VS Code) and ``to_pandas()``.

Every table-like result (partitions, brokerage, mixing matrices, E-I, cluster gaps, wave
comparisons, import reports, what-if scenarios, key players, fragmentation, partition
comparisons) gets ``to_pandas()`` (pandas stays optional: a clear ImportError names the
extra to install) and ``_repr_html_`` (its records as an HTML table, the first rows when
it is long, under its one-line ``repr``). A :class:`Network` shows its interactive map
(the offline HTML map of :func:`coopmap.draw`, sized for a notebook cell) under a
summary line; above ``NOTEBOOK_MAP_MAX`` structures, the summary alone.

The compiled classes have the methods (``python/src/module.cpp``); they call these
functions, which the package hands to the compiled module (``_core._register_python``).
"""

from __future__ import annotations

import dataclasses
import html
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from . import _core

#: Largest network a notebook shows as an interactive map (a bigger one: its summary).
NOTEBOOK_MAP_MAX = 2000
#: Rows of a result's HTML table (the whole table: ``to_pandas()``).
HTML_ROWS = 20


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas: pip install pandas (or coopmap[pandas])") from None
    return pandas


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return "–" if math.isnan(v) else f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        return html.escape(", ".join(str(x) for x in v))
    return html.escape(str(v))


def table_html(records: Sequence[dict[str, Any]], title: str, limit: int = HTML_ROWS) -> str:
    """An HTML table of ``records`` (the first ``limit`` rows), under ``title``; every
    text escaped."""
    columns: list[str] = []
    for r in records[:limit]:
        for k in r:
            if k not in columns:
                columns.append(k)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_cell(r.get(c, ''))}</td>" for c in columns) + "</tr>" for r in records[:limit]
    )
    more = f"<p><i>{limit} of {len(records)} rows; .to_pandas() has them all</i></p>" if len(records) > limit else ""
    return (
        f'<div class="coopmap-result"><p><code>{html.escape(title)}</code></p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}</div>"
    )


T = TypeVar("T")


def record_of(row: Any) -> dict[str, Any]:
    """A row of a table as a dict: a dict itself, a dataclass (WovenLink) by its fields, a
    result with ``as_dict()`` (Suggestion)."""
    if isinstance(row, dict):
        return row
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        return dataclasses.asdict(row)
    as_dict = getattr(row, "as_dict", None)
    if callable(as_dict):
        return dict(as_dict())
    raise TypeError(f"not a record: {type(row).__name__}")


class Table(list[T]):
    """A list of records that shows itself as a table: what :func:`coopmap.structural_holes`,
    :func:`coopmap.vulnerability`, :func:`coopmap.predict_links`, :func:`coopmap.brokers`
    and :func:`coopmap.weave` return. A plain ``list`` in every other way (indexing,
    iteration, ``==`` with a list, ``pandas.DataFrame(table)`` for dict records), plus
    :meth:`to_pandas` (one row per record; results such as :class:`coopmap.Suggestion` by
    their fields) and, in a notebook, an HTML table of its first 20 records."""

    def __init__(self, rows: Iterable[T] = (), title: str = "") -> None:
        super().__init__(rows)
        self.title = title

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts."""
        return [record_of(r) for r in self]

    def to_pandas(self) -> Any:
        """The records as a ``pandas.DataFrame`` (pandas is optional: an ImportError says
        what to install)."""
        return _pandas().DataFrame(self.records())

    def _repr_html_(self) -> str:
        return table_html(self.records(), f"{self.title or 'table'}: {len(self)} records")


def table(rows: Iterable[Any], title: str = "") -> Table[Any]:
    """The compiled functions' hook: ``rows`` as a :class:`Table`."""
    return Table(rows, title)


def _fields(*names: str) -> Callable[[Any], list[dict[str, Any]]]:
    return lambda obj: [{n: getattr(obj, n) for n in names}]


#: class -> its records (a table-like result)
TABLES: dict[type, Callable[[Any], list[dict[str, Any]]]] = {
    _core.Partition: lambda o: o.records(),
    _core.Brokerage: lambda o: o.records(),
    _core.MixingMatrix: lambda o: o.records(),
    _core.EIIndex: lambda o: o.records(),
    _core.ClusterGaps: lambda o: o.records(),
    _core.WaveComparison: lambda o: o.records(),
    _core.ImportReport: lambda o: o.records(),
    _core.WhatIf: lambda o: list(o.indicators),
    _core.KeyPlayers: lambda o: [
        {"player": p, "objective": o.objective, "score": o.score, "baseline": o.baseline} for p in o.players
    ],
    _core.Fragmentation: _fields("fragmentation", "distance_fragmentation", "structures", "components"),
    _core.PartitionComparison: _fields("nmi", "ari", "vi", "n"),
}


def network_html(net: _core.Network) -> str:
    """A network in a notebook: its summary line and, up to NOTEBOOK_MAP_MAX structures,
    its interactive map in an iframe (``srcdoc``: no file, no network access)."""
    from .maps import draw

    summary = f"<p><code>{html.escape(repr(net))}</code></p>"
    if len(net) == 0 or len(net) > NOTEBOOK_MAP_MAX:
        return summary
    page = draw(net, None, format="html", width=1200, height=720, labels=min(len(net), 40))
    assert page is not None
    return (
        f'{summary}<iframe class="coopmap-map" srcdoc="{html.escape(page, quote=True)}" '
        'style="width:100%;height:560px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>'
    )


def to_pandas(result: Any) -> Any:
    """A result's records as a ``pandas.DataFrame`` (the compiled classes' ``to_pandas``)."""
    return _pandas().DataFrame(TABLES[type(result)](result))


def repr_html(result: Any) -> str:
    """A result as an HTML table under its repr (the compiled classes' ``_repr_html_``)."""
    return table_html(TABLES[type(result)](result), repr(result))
