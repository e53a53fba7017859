"""The seminar report: every analysis of a cooperation network in one HTML page.

``coopmap report FOLDER --out out/`` (or :func:`report`) reads a folder holding
``structures.csv`` and ``links.csv`` (optionally ``responses.csv`` and
``link_types.csv``), or an Inventory database with ``--wave`` and ``--view``, and writes
``out/report.html`` with the maps it embeds (``out/map.svg``, ``out/map.html``, one
small map per link type, ``out/map-<type code>.svg``, the bridge view ``out/bridges.svg``) and the tables as CSV files
(``out/brokers.csv``, ``out/structural_holes.csv``, ``out/suggestions.csv``,
``out/clusters.csv``).

Sections: network indicators (size, density, components, isolates, confirmation rate,
reciprocity, response rate), clusters (Louvain, modularity, comparison with the formal
groups), brokers (Gould–Fernandez roles, betweenness, constraint, cut points), gaps
(structural holes, cut points and bridges, the mixing matrix with its empty cells, the
E-I index, suggested cross-group cooperations with the partners that explain them), the
maps, and the method (view, seed, definitions). Every text comes from the language
catalogue (``lang="en"`` or ``"fr"``); every data text is HTML-escaped.

The package: ``_load`` (the source, through the validated readers), ``_sections`` (one
function per section, each measure computed once), ``_page`` with ``page.html`` and
``report.css`` (the template). It is private (``_report``) so that the public name
``coopmap.report`` stays the function.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .._files import OutputFolder, write_text
from ..i18n import Translator
from . import _sections as sec
from ._load import esc, load
from ._page import page

__all__ = ["report"]


class _Progress:
    """Step messages on stderr, only when stderr is a terminal (or when forced)."""

    def __init__(self, total: int, enabled: bool | None) -> None:
        self.total = total
        self.step = 0
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.start = time.perf_counter()

    def __call__(self, text: str) -> None:
        self.step += 1
        if self.enabled:
            elapsed = time.perf_counter() - self.start
            print(f"[{self.step}/{self.total}] {text} ({elapsed:.1f} s)", file=sys.stderr, flush=True)


def report(
    source: str | Path,
    out: str | Path = "out",
    *,
    lang: str = "en",
    group: str = "legal_family",
    formal_groups: Sequence[str] | None = None,
    wave: str | None = None,
    view: str = "union",
    directed: bool = False,
    seed: int = 0,
    top: int = 15,
    progress: bool | None = None,
    scenarios: bool | None = None,
) -> Path:
    """Writes the seminar report of a network and returns the path of ``report.html``.

    Parameters: ``source`` — a folder with ``structures.csv`` + ``links.csv`` (optionally
    ``responses.csv``: structure,status; ``link_types.csv``: code,label,label_fr,label_en),
    or the name of a bundled dataset (``"ptce-sicoval-2013"``, as :func:`load_dataset`),
    or an Inventory database file (``wave`` required, ``view`` one of union, confirmed,
    reconstructed); ``out`` — the output folder (created); ``lang`` — ``"en"`` or
    ``"fr"``; ``group`` — the attribute whose groups define brokerage roles, mixing and
    the E-I index (structures without it form the group "–"; an attribute no structure
    has is a ValueError naming it and the known ones); ``formal_groups`` — the
    attributes compared with the clusters (default: ``tenancy`` and ``legal_family``
    when the data has them; a name given here that no structure has is a ValueError);
    ``seed`` — the seed of every randomised step (Louvain, layout, permutation test),
    printed in the report; ``top`` — rows of the broker and suggestion tables;
    ``progress`` — step messages on stderr (default: when stderr is a terminal);
    ``scenarios`` — the "What if" section (key players, what each departure costs, the
    cooperations that would most join the groups; default: on up to 150 structures,
    where its searches take seconds).

    The same input and seed give the same report, byte for byte.
    """
    import coopmap as cm

    t = Translator(lang)
    steps = _Progress(9, progress)
    if isinstance(source, str) and source in cm.datasets() and not Path(source).exists():
        source = cm.dataset_path(source)
    source, out = Path(source), Path(out)
    try:
        exists = source.exists()
    except OSError as e:
        raise cm.InputError(f"source {str(source)[:80]!r}: {e.strerror}") from None
    if not exists:
        raise cm.NotFoundError(f"source {str(source)[:80]!r}: no such folder or database file", str(source)[:80])
    settings = sec.Settings(
        lang=lang, group=group, formal_groups=formal_groups, seed=seed, top=top, scenarios=bool(scenarios)
    )
    # every file goes to a fresh folder that replaces `out` as a whole at the end: a
    # report killed or failing leaves the previous folder as it was (_files.OutputFolder)
    with OutputFolder(out) as work:
        steps(t("progress.load"))
        src = load(
            source, t=t, lang=lang, group=group, formal_groups=formal_groups, wave=wave, view=view, directed=directed
        )
        t = src.t
        steps(t("progress.indicators"))
        indicators, type_counts = sec.indicators(src)
        steps(t("progress.clusters"))
        clusters, part = sec.clusters(src, work, settings)
        steps(t("progress.brokers"))
        brokers = sec.brokers(src, work, settings)
        steps(t("progress.gaps"))
        gaps = sec.gaps(src, work, settings, brokers)
        if scenarios is None:
            settings.scenarios = len(src.net) <= sec.SCENARIOS_MAX
        steps(t("progress.scenarios"))
        what_if = sec.scenarios(src, settings, brokers) if settings.scenarios else []
        steps(t("progress.layout"))
        positions = sec.layout(src, settings)
        steps(t("progress.maps"))
        maps = sec.maps(src, work, settings, positions, part, brokers, type_counts)
        steps(t("progress.write"))
        parts = [
            *sec.header(src),
            *indicators,
            *maps.whole,
            *clusters,
            *brokers.parts,
            *gaps,
            *what_if,
            *maps.bridges,
            *maps.types,
            *sec.method(src, settings),
        ]
        write_text(work / "report.html", page(lang=lang, title=esc(t("report.title")), parts=parts))
    return out / "report.html"
