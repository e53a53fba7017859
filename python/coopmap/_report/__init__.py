"""The seminar report: every analysis of a cooperation network in one HTML page.

``coopmap report FOLDER --out out/`` (or :func:`report`) reads a folder holding
``structures.csv`` and ``links.csv`` (optionally ``responses.csv`` and
``link_types.csv``), or an Inventory database with ``--wave`` and ``--view``, and writes
``out/report.html`` with the maps it embeds (``out/map.svg``, ``out/map.html``, one
small map per link type, ``out/map-<type code>.svg``, the bridge view ``out/bridges.svg``) and the tables as CSV files
(``out/brokers.csv``, ``out/structural_holes.csv``, ``out/suggestions.csv``,
``out/clusters.csv``, ``out/bridges.csv``).

Sections: network indicators (size, density, components, isolates, confirmation rate,
reciprocity, response rate), clusters (Louvain, modularity, comparison with the formal
groups), brokers (Gould–Fernandez roles, betweenness, constraint, cut points), gaps
(structural holes, cut points and bridges, the mixing matrix with its empty cells, the
E-I index, suggested cross-group cooperations with the partners that explain them), the
maps, and the method (view, seed, definitions). Every text comes from the language
catalogue (``lang="en"`` or ``"fr"``); every data text is HTML-escaped.

The package: ``_load`` (the source, through the validated readers), ``_sections`` (one
function per section, each measure computed once), ``_overview`` (the maps of a
network above 5,000 structures: one node per cluster), ``_page`` with ``page.html`` and
``report.css`` (the template). It is private (``_report``) so that the public name
``coopmap.report`` stays the function.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from .. import _core
from .._files import OutputFolder, write_text
from .._folder import read_folder_meta
from ..i18n import Translator
from ..store import folder_inventory, folder_waves
from . import _overview as overview
from . import _sections as sec
from ._change import load_change
from ._change import section as change_section
from ._load import esc, load
from ._page import page

__all__ = ["card", "cards", "report"]


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

    def done(self, text: str) -> None:
        """The last line: the whole run's time."""
        if self.enabled:
            print(f"{text} ({time.perf_counter() - self.start:.1f} s)", file=sys.stderr, flush=True)


def report(
    source: str | os.PathLike[str] | _core.Inventory,
    out: str | os.PathLike[str] = "out",
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
    cards: bool | None = None,
    compare: str | None = None,
    pivots: int | None = None,
    node_maps: bool | None = None,
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
    where its searches take seconds); ``cards`` — one card per structure in
    ``out/cards/`` (:func:`cards`: index, one page each, one page to print them all),
    linked from the report (default: on up to 1,000 structures, where a card per
    structure can still be handed out; the report says when they were left out);
    ``compare`` — an earlier wave of the same Inventory: the section "What changed since"
    (new, ended and kept links on ``map-change.svg`` / ``map-change.html`` with one
    layout for both waves, used by the whole map too; structures that joined or left;
    status changes; the indicators of both waves side by side; partners gained and lost
    per structure, also in ``change.csv``; every compared link in ``change_links.csv``),
    and each card says what changed for its structure.

    Large networks: ``pivots`` — betweenness estimated from this many sampled source
    structures (:func:`brokers` with ``k``), 0 for exact betweenness; default: exact up to
    10,000 structures, 512 pivots above (O(k m) instead of O(n m)), the error bound stated
    in the report; ``node_maps`` — maps with one node per structure; default: up to 5,000
    structures; above, every map draws one node per cluster (the bridge map one node per
    group) with the 2,000 most linked pairs, and the page says so. Long lists of names
    (isolates, cut points, bridges, cluster members) show their first 50 and the CSV file
    that has them all; the cluster table its 50 largest clusters.

    ``source`` may also be an open :class:`Inventory` (its file is read), or a folder of
    survey waves (``declarations-<wave>.csv`` with ``responses-<wave>.csv``, as
    ``datasets/territory-demo``), imported into a temporary Inventory
    (:meth:`Inventory.import_folder`): with ``wave`` (default: the latest) and, for a
    folder without ``links.csv``, ``compare`` defaulting to the wave before it.

    The same input and seed give the same report, byte for byte.
    """
    import coopmap as cm

    t = Translator(lang)
    steps = _Progress(11 if compare else 10, progress)
    if isinstance(source, _core.Inventory):
        source = source.path
    # a bundled dataset's name (checked first: never probe the file system with it)
    if isinstance(source, (str, os.PathLike)) and os.fspath(source) in cm.datasets() and not Path(source).exists():
        source = cm.dataset_path(os.fspath(source))
    source, out = Path(source), Path(out)
    try:
        exists = source.exists()
    except OSError as e:
        raise cm.InputError(f"source {str(source)[:80]!r}: {e.strerror}") from None
    if not exists:
        raise cm.NotFoundError(f"source {str(source)[:80]!r}: no such folder or database file", str(source)[:80])
    if pivots is not None and (not isinstance(pivots, int) or isinstance(pivots, bool) or pivots < 0):
        raise cm.InputError(f"pivots must be an int >= 0 (0: exact betweenness), got {pivots!r}")
    settings = sec.Settings(
        lang=lang, group=group, formal_groups=formal_groups, seed=seed, top=top, scenarios=bool(scenarios)
    )
    # a dataset folder with survey waves (declarations-<wave>.csv) read as an Inventory
    # A dataset folder with survey waves (declarations-<wave>.csv) is read as an Inventory
    # when a wave is asked for, or when it has no links.csv: then the latest wave, compared
    # with the one before it unless `compare` says otherwise.
    waves = folder_waves(source) if source.is_dir() else []
    survey_only = bool(waves) and not (source / "links.csv").is_file()
    with ExitStack() as stack:
        meta: dict[str, Any] = {}
        if waves and (survey_only or wave is not None or compare is not None):
            meta = read_folder_meta(source)
            if wave is None:
                wave = waves[-1]
            if compare is None and survey_only and wave in waves and waves.index(wave) > 0:
                compare = waves[waves.index(wave) - 1]
            source = stack.enter_context(folder_inventory(source))
        # every file goes to a fresh folder that replaces `out` as a whole at the end: a
        # report killed or failing leaves the previous folder as it was (_files.OutputFolder)
        work = stack.enter_context(OutputFolder(out))
        steps(t("progress.load"))
        src = load(
            source, t=t, lang=lang, group=group, formal_groups=formal_groups, wave=wave, view=view, directed=directed
        )
        for key, value in meta.items():  # the folder's dataset.json (e.g. illustrative)
            src.net.set_graph_attribute(key, value)
        src.illustrative = src.illustrative or meta.get("illustrative") is True
        t = src.t
        n = len(src.net)
        if pivots is None:
            pivots = sec.BETWEENNESS_PIVOTS if n > sec.BETWEENNESS_EXACT_MAX else 0
        settings.pivots = pivots if 0 < pivots < n else None  # as many pivots as structures: exact
        settings.node_maps = n <= sec.MAP_NODES_MAX if node_maps is None else bool(node_maps)
        change = None
        if compare is not None:
            if source.is_dir():
                raise cm.InputError(f"{source}: --compare needs an Inventory database or a folder with survey waves")
            assert wave is not None  # load() requires it for a database
            steps(t("progress.change"))
            change = load_change(
                source, wave=wave, since=compare, view=view, seed=seed, t=t, after=src.net, layout=settings.node_maps
            )
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
        if not settings.node_maps:  # one node per cluster: the overview lays out its own
            positions = {}
        elif change is not None:  # one layout for both waves: every structure keeps its place
            positions = {i: change.positions[i] for i in src.net.structure_ids()}
        else:
            positions = sec.layout(src, settings)
        steps(t("progress.maps"))
        maps = (
            sec.maps(src, work, settings, positions, part, brokers, type_counts)
            if settings.node_maps
            else overview.maps(src, work, settings, part, type_counts)
        )
        if cards is None:
            cards = len(src.net) <= sec.CARDS_MAX
        steps(t("progress.cards"))
        card_parts = sec.cards(src, work, settings, part, change) if cards else sec.no_cards(src)
        changed = (
            change_section(src, change, work, group=group, lang=lang, seed=seed, draw=sec.draw_text)
            if change is not None
            else []
        )
        steps(t("progress.write"))
        parts = [
            *sec.header(src),
            *card_parts,
            *indicators,
            *changed,
            *maps.whole,
            *maps.geo,
            *clusters,
            *brokers.parts,
            *gaps,
            *what_if,
            *maps.bridges,
            *maps.types,
            *sec.method(src, settings),
        ]
        write_text(work / "report.html", page(lang=lang, title=esc(t("report.title")), parts=parts))
    steps.done(f"{t('progress.done')}: {out / 'report.html'}")
    return out / "report.html"


def card(
    net: _core.Network,
    structure: str,
    path: str | os.PathLike[str] | None = None,
    *,
    lang: str = "en",
    group: Any = None,
    seed: int = 0,
    top: int = 5,
    previous: _core.Network | None = None,
    since: str | None = None,
    wave: str | None = None,
) -> str | None:
    """Writes the card of one structure (one self-contained HTML page that prints on one
    A4 page), or returns its text when ``path`` is None.

    The card holds: the structure's ego map (it, its partners and the links among them;
    partners coloured by group, link types coloured, unconfirmed links dashed, partners
    that did not respond dotted); its partners grouped by link type (→ / ← for the
    direction of directed types, statuses in words); its position in plain words — its
    Louvain cluster (``seed``) and who shares it, its betweenness rank, Burt's
    constraint and effective size, each with one sentence on what the value means for
    it compared with the other structures, and its Gould–Fernandez brokerage roles
    with their z-scores (groups of ``group``); what its departure would change (the
    structures it alone connects to the largest component, Borgatti's F before and
    after, see :func:`vulnerability`) with the caveat that this describes the declared
    network, not the structure's worth; the ``top`` cooperations it could consider
    (:func:`predict_links` Adamic–Adar, structures of other groups first, with the
    shared partners that explain them); and, with ``previous`` (the network of an
    earlier wave, named ``since``), the partners it gained and lost.

    ``structure``: id, name or alias (KeyError when unknown). ``group``: an attribute
    name or a Mapping {id: label} (None: ``legal_family`` when the network has it, else
    no groups and no brokerage table; structures without a value form the group "–").
    ``lang``: ``"en"`` or ``"fr"``. Every data text is HTML-escaped.
    Complexity: the network's measures (Louvain, betweenness O(n m), constraint,
    brokerage, link prediction) once, then the ego map's layout.

    Example
    -------
    >>> cm.card(net, "genies", "genies.html", lang="fr")
    """
    from ._cards import Cards

    text = Cards(net, lang=lang, group=group, seed=seed, top=top, previous=previous, since=since, wave=wave).page(
        structure
    )
    if path is None:
        return text
    write_text(Path(path), text)
    return None


def cards(
    net: _core.Network,
    out: str | os.PathLike[str],
    *,
    lang: str = "en",
    group: Any = None,
    seed: int = 0,
    top: int = 5,
    previous: _core.Network | None = None,
    since: str | None = None,
    wave: str | None = None,
) -> Path:
    """Writes the card of every structure (:func:`card`) into the folder ``out``:
    ``<id>.html`` each (ids that are not plain file names get a safe name with a short
    hash), ``index.html`` linking every card with the structure's group, cluster and
    number of partners, and ``print.html`` holding every card, one per A4 page. Every
    measure is computed once for all cards. Returns the path of ``index.html``."""
    from ._cards import Cards

    return Cards(net, lang=lang, group=group, seed=seed, top=top, previous=previous, since=since, wave=wave).write(
        Path(out)
    )
