"""The seminar report: every analysis of a cooperation network in one HTML page.

``coopmap report FOLDER --out out/`` (or :func:`report`) reads a folder holding
``structures.csv`` and ``links.csv`` (optionally ``responses.csv`` and
``link_types.csv``), or an Inventory database with ``--wave`` and ``--view``, and writes
``out/report.html`` with the maps it embeds (``out/map.svg``, ``out/map.html``, one
small map per link type, ``out/bridges.svg``) and the tables as CSV files
(``out/brokers.csv``, ``out/structural_holes.csv``, ``out/suggestions.csv``,
``out/clusters.csv``).

Sections: network indicators (size, density, components, isolates, confirmation rate,
reciprocity, response rate), clusters (Louvain, modularity, comparison with the formal
groups), brokers (Gould–Fernandez roles, betweenness, constraint, cut points), gaps
(structural holes, cut points and bridges, the mixing matrix with its empty cells, the
E-I index, suggested cross-group cooperations with the partners that explain them), the
maps, and the method (view, seed, definitions). Every text comes from the language
catalogue (``lang="en"`` or ``"fr"``); every data text is HTML-escaped.
"""
from __future__ import annotations

import html
import math
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from ._files import OutputFolder, write_table, write_text
from ._folder import ANSWERED, read_folder
from .i18n import Translator

__all__ = ["report"]

_NONE = "–"


def _esc(x: object) -> str:
    return html.escape(str(x), quote=True)


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


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """An HTML table; cells are given already escaped/formatted."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _inline_svg(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def _filled(net: Any, attribute: str, fill: str) -> dict[str, Any]:
    """{id: attribute value} with ``fill`` where the attribute is missing."""
    return {r["id"]: r.get(attribute, fill) for r in net.structures()}


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
    when the data has them; a name given here that no structure has is a ValueError); ``seed`` — the seed of every randomised step
    (Louvain, layout, permutation test), printed in the report; ``top`` — rows of the
    broker and suggestion tables; ``progress`` — step messages on stderr (default: when
    stderr is a terminal).

    The same input and seed give the same report, byte for byte.
    """
    import coopmap as cm

    t = Translator(lang)
    steps = _Progress(8, progress)
    if isinstance(source, str) and source in cm.datasets() and not Path(source).exists():
        source = cm.dataset_path(source)
    source, out = Path(source), Path(out)
    try:
        exists = source.exists()
    except OSError as e:
        raise cm.InputError(f"source {str(source)[:80]!r}: {e.strerror}") from None
    if not exists:
        raise cm.NotFoundError(f"source {str(source)[:80]!r}: no such folder or database file", str(source)[:80])
    # every file goes to a fresh folder that replaces `out` as a whole at the end: a
    # report killed or failing leaves the previous folder as it was (_files.OutputFolder)
    with OutputFolder(out) as work:
        _write_report(source, work, t=t, steps=steps, lang=lang, group=group, formal_groups=formal_groups,
                      wave=wave, view=view, directed=directed, seed=seed, top=top)
    return out / "report.html"


def _write_report(source: Path, out: Path, *, t: Translator, steps: _Progress, lang: str, group: str,
                  formal_groups: Sequence[str] | None, wave: str | None, view: str, directed: bool, seed: int,
                  top: int) -> None:
    import coopmap as cm

    # ---- 1. load ------------------------------------------------------------------------
    steps(t("progress.load"))
    response_rate: float | None = None
    if source.is_dir():
        net, _meta = read_folder(source, directed=directed)
        view_text = t("view.file", folder=source.name)
        confirmation = cm.confirmation_rate(net)
    else:
        if wave is None:
            raise cm.InputError(f"{source}: an Inventory database needs --wave")
        from .store import Inventory

        with Inventory(str(source), readonly=True) as inv:
            net = inv.network(wave=wave, view=view)
            response_rate = float(inv.response_rate(wave))
            confirmation = inv.confirmation_rate(wave)  # on the union view, whatever view is shown
        view_text = t("view.inventory", wave=wave, view=t(f"view.{view}"))
    cm._core._require_attribute(net, group, "group")
    for attr in formal_groups or ():
        cm._core._require_attribute(net, attr, "formal_groups")
    t = Translator.for_network(lang, net)
    ids = net.structure_ids()
    names = {r["id"]: r["name"] for r in net.structures()}
    responses = {r["id"]: r["response"] for r in net.structures() if "response" in r}
    answered = {sid for sid, st in responses.items() if st in ANSWERED}
    if responses and response_rate is None:
        response_rate = len(answered) / len(responses)
    illustrative = net.graph_attribute("illustrative") is True  # from dataset.json (read_folder)

    def name(sid: str) -> str:
        return _esc(names.get(sid, sid))

    # ---- 2. indicators ------------------------------------------------------------------
    steps(t("progress.indicators"))
    n, m = len(net), net.number_of_links()
    pairs = net.simple_view(undirected=True).number_of_edges
    density = cm.density(net)  # of the directed view when some link is an arc
    comps = cm.components(net)
    # structures without a link: the non-respondents among them are named as such
    isolates = [s for s in cm.isolates(net) if s not in responses or s in answered]
    silent = sorted(s for s in ids if s in responses and s not in answered)
    records = net.links()
    indicators = [
        (t("ind.structures"), t.number(n)),
        (t("ind.links"), t.number(m)),
    ]
    if net.mixed:
        indicators.append((t("ind.arcs"), t.number(net.number_of_arcs())))
    indicators += [
        (t("ind.pairs"), t.number(pairs)),
        (t("ind.types"), t.number(len(net.link_types()))),
        (t("ind.density"), t.number(density, 3)),
        (t("ind.components"), t.number(len(comps))),
        (t("ind.largest"), t.number(len(comps[0]) if comps else 0)),
        (t("ind.isolates"), ", ".join(name(s) for s in isolates) or t.number(0)),
    ]
    if silent:
        indicators.append((t("ind.non_respondents"), ", ".join(name(s) for s in silent)))
    if confirmation.confirmed + confirmation.unconfirmed + confirmation.excluded:
        indicators.append((t("ind.confirmation"), t.percent(confirmation)
                           + _esc(t("ind.confirmation_counts", confirmed=confirmation.confirmed,
                                    pairs=confirmation.confirmed + confirmation.unconfirmed))))
        indicators.append((t("ind.single"), t.percent(confirmation.single_declaration_share)))
    starts = sorted(r["start"] for r in records if r["start"])
    if starts:
        indicators.append((t("ind.dates"), _esc(t("ind.dates_range", first=t.date(starts[0]), last=t.date(starts[-1])))))
    if net.directed:
        rec = cm.reciprocity(net)  # of the arcs alone in a mixed network
        indicators.append((t("ind.reciprocity_mixed" if net.mixed else "ind.reciprocity"), t.number(rec.edgewise, 3)))
    if response_rate is not None:
        indicators.append((t("ind.response"), t.percent(response_rate)))

    type_counts = Counter(r["type"] for r in records)
    type_rows = [(_esc(t.link_type(k)), t.number(v), t.percent(v / m if m else math.nan))
                 for k, v in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    # ---- 3. clusters --------------------------------------------------------------------
    steps(t("progress.clusters"))
    part = cm.louvain(net, seed=seed)
    cluster_rows = []
    cluster_records = []
    for k, members in enumerate(part.communities):
        cluster_rows.append((t.number(k + 1), t.number(len(members)), ", ".join(name(s) for s in members)))
        cluster_records += [{"cluster": k + 1, "id": s, "name": names[s]} for s in members]
    write_table(out / "clusters.csv", cluster_records)
    formal_rows = []
    for attr in formal_groups or ("tenancy", "legal_family"):
        if not any(attr in r for r in net.structures()):
            continue
        membership = _filled(net, attr, _NONE)
        cmp = cm.compare_partitions(part.membership, membership)
        formal_rows.append((
            _esc(attr),
            t.number(len(set(membership.values()))),
            t.number(cm.modularity(net, membership), 3),
            t.number(cmp.nmi, 3),
            t.number(cmp.ari, 3),
        ))

    # ---- 4. brokers ---------------------------------------------------------------------
    steps(t("progress.brokers"))
    broker_records = cm.brokers(net, group, missing=_NONE)
    btw = {r["id"]: r["betweenness"] for r in broker_records}
    cut = {r["id"] for r in broker_records if r["cut_point"]}
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    broker_rows = [(
        name(r["id"]), _esc(r["group"]),
        *(t.number(r[role]) for role in roles), t.number(r["total"]), t.number(r["z_total"], 2),
        t.number(r["betweenness"], 3), t.number(r["constraint"], 3), t("yes") if r["cut_point"] else "",
    ) for r in broker_records[:top]]
    write_table(out / "brokers.csv", broker_records)

    # ---- 5. gaps ------------------------------------------------------------------------
    steps(t("progress.gaps"))
    holes = list(cm.structural_holes(net))
    write_table(out / "structural_holes.csv", holes)
    holes_sorted = sorted(holes, key=lambda r: (-(r["effective_size"] if not math.isnan(r["effective_size"]) else -1), r["id"]))
    hole_rows = [(name(r["id"]), t.number(r["degree"]), t.number(r["effective_size"], 2), t.number(r["efficiency"], 3),
                  t.number(r["constraint"], 3), t.number(r["hierarchy"], 3)) for r in holes_sorted[:top]]
    bridges = list(cm.bridges(net))
    mix = cm.mixing_matrix(net, group, missing=_NONE)
    labels = [str(x) for x in mix.labels]
    mx = [list(row) for row in mix.matrix]
    peak = max((v for row in mx for v in row), default=0) or 1
    mix_head = [""] + [_esc(x) for x in labels]
    mix_rows = []
    for i, row in enumerate(mx):
        cells = [f"<b>{_esc(labels[i])}</b>"]
        for j, v in enumerate(row):
            if v == 0 and i != j:
                cells.append(f'<span class="gap" title="{_esc(t("gaps.empty_cell"))}">{_esc(t("gaps.gap"))}</span>')
            else:
                alpha = 0.15 + 0.85 * v / peak
                shown = t.number(int(v)) if float(v).is_integer() else t.number(v, 2)
                cells.append(f'<span class="heat" style="background:rgba(0,114,178,{alpha:.2f})">{shown}</span>')
        mix_rows.append(cells)
    ei = cm.ei_index(net, group, permutations=1000, seed=seed, missing=_NONE)
    ei_rows = [(_esc(g), t.number(v, 3)) for g, v in sorted(ei.groups.items(), key=lambda kv: str(kv[0]))]
    suggestions = list(cm.predict_links(net, method="adamic_adar", top=top, across=group, missing=_NONE))
    sugg_records = [{"source": s.source, "target": s.target, "score": s.score, "shared": list(s.shared)}
                    for s in suggestions]
    write_table(out / "suggestions.csv", sugg_records)
    sugg_rows = [(name(s.source), name(s.target), t.number(s.score, 3), ", ".join(name(x) for x in s.shared))
                 for s in suggestions]

    # ---- 6. maps ------------------------------------------------------------------------
    steps(t("progress.layout"))
    positions = cm.layout(net, method="forceatlas2", seed=seed)
    subtitle = view_text + (f" · {t('ind.response')} {t.percent(response_rate)}" if response_rate is not None else "")
    # an illustrative dataset's maps say so: draw reads the network's `illustrative`
    # non-respondents are hollow on every map: draw reads each structure's `response`
    common: dict[str, Any] = dict(positions=positions, seed=seed, lang=lang, subtitle=subtitle)
    steps(t("progress.maps"))
    cluster_of = {sid: str(k + 1) for k, members in enumerate(part.communities) for sid in members}
    for ext in ("svg", "html"):
        cm.draw(net, str(out / f"map.{ext}"), color=cluster_of, color_title=t("map.cluster"), size=btw,
                size_title=t("measure.betweenness"), edge_color="type", labels=20, title=t("map.whole"), **common)
    groups_map = _filled(net, group, _NONE)
    cm.draw(net, str(out / "bridges.svg"), color=groups_map, color_title=group, size=btw,
            size_title=t("measure.betweenness"), edge_color="type", labels=20, title=t("map.bridges", group=group),
            **common)
    type_maps = []
    for k, code in enumerate(sorted(type_counts)):
        path = out / f"map-type-{k + 1}.svg"
        cm.draw(net.filter_links(type=code), str(path), color=groups_map, color_title=group, size="degree",
                edge_color="type", labels=8, title=t.link_type(code), **common)
        type_maps.append((code, path))

    # ---- 7. page ------------------------------------------------------------------------
    steps(t("progress.write"))
    role_heads = [_esc(t(f"role.{r}")) for r in roles]
    parts = [
        f"<h1>{_esc(t('report.title'))}</h1>",
        f'<p class="sub">{_esc(subtitle)}</p>',
        f'<p class="illustrative">{_esc(t("report.illustrative"))}</p>' if illustrative else "",
        f'<p class="note">{_esc(t("report.intro"))}</p>',
        f"<h2>{_esc(t('h.indicators'))}</h2>",
        _table([_esc(t("col.indicator")), _esc(t("col.value"))], [(_esc(k), v) for k, v in indicators], "kv"),
        _table([_esc(t("col.link_type")), _esc(t("col.links")), _esc(t("col.share"))], type_rows),
        f"<h2>{_esc(t('h.map'))}</h2>",
        f'<p class="note">{_esc(t("map.caption"))} <a href="map.html">{_esc(t("map.interactive"))}</a></p>',
        f'<figure>{_inline_svg(out / "map.svg")}</figure>',
        f"<h2>{_esc(t('h.clusters'))}</h2>",
        f"<p>{_esc(t('clusters.summary', count=t.number(len(part.communities)), q=t.number(part.modularity, 3), seed=seed))}</p>",
        _table([_esc(t("col.cluster")), _esc(t("col.size")), _esc(t("col.members"))], cluster_rows),
        f"<p>{_esc(t('clusters.formal'))}</p>",
        _table([_esc(t("col.attribute")), _esc(t("col.groups")), _esc(t("col.modularity")), "NMI", "ARI"], formal_rows),
        f"<h2>{_esc(t('h.brokers'))}</h2>",
        f'<p class="note">{_esc(t("brokers.explain", group=group))}</p>',
        _table([_esc(t("col.structure")), _esc(t("col.group")), *role_heads, _esc(t("col.total")), "z",
                _esc(t("measure.betweenness")), _esc(t("measure.constraint")), _esc(t("col.cut_point"))], broker_rows,
               "brokers"),
        f"<h2>{_esc(t('h.gaps'))}</h2>",
        f"<h3>{_esc(t('h.holes'))}</h3>",
        f'<p class="note">{_esc(t("holes.explain"))}</p>',
        _table([_esc(t("col.structure")), _esc(t("col.degree")), _esc(t("measure.effective_size")),
                _esc(t("measure.efficiency")), _esc(t("measure.constraint")), _esc(t("measure.hierarchy"))], hole_rows),
        f"<h3>{_esc(t('h.cut'))}</h3>",
        f"<p>{_esc(t('cut.points'))} {', '.join(name(s) for s in sorted(cut)) or _esc(t('none'))}</p>",
        f"<p>{_esc(t('cut.bridges'))} "
        + (", ".join(f"{name(u)} – {name(v)}" for u, v in bridges) or _esc(t("none"))) + "</p>",
        f"<h3>{_esc(t('h.mixing', group=group))}</h3>",
        f'<p class="note">{_esc(t("mixing.explain"))}</p>',
        _table(mix_head, mix_rows, "mix"),
        f"<p>{_esc(t('ei.summary', ei=t.number(ei.network, 3), rescaled=t.number(ei.rescaled, 3), p=t.number(ei.p_value, 3)))}</p>",
        _table([_esc(t("col.group")), _esc(t("measure.ei"))], ei_rows),
        f"<h3>{_esc(t('h.suggestions'))}</h3>",
        f'<p class="note">{_esc(t("suggestions.explain", group=group))}</p>',
        _table([_esc(t("col.structure")), _esc(t("col.partner")), _esc(t("col.score")), _esc(t("col.shared"))], sugg_rows),
        f"<h2>{_esc(t('h.bridges_map'))}</h2>",
        f'<figure>{_inline_svg(out / "bridges.svg")}</figure>',
        f"<h2>{_esc(t('h.type_maps'))}</h2>",
        '<div class="grid">' + "".join(f'<figure>{_inline_svg(p)}</figure>' for _, p in type_maps) + "</div>",
        f"<h2>{_esc(t('h.method'))}</h2>",
        "<ul>" + "".join(f"<li>{_esc(t(k, seed=seed, view=view_text, group=group))}</li>" for k in
                         ("method.view", "method.seed", "method.clusters", "method.brokerage", "method.holes",
                          "method.ei", "method.suggestions", "method.layout")) + "</ul>",
    ]
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(t('report.title'))}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1200px; color: #1a1a1a; line-height: 1.45; }}
h1 {{ font-size: 2em; margin-bottom: .2em; }} h2 {{ border-bottom: 2px solid #0072B2; padding-bottom: .2em; margin-top: 2em; }}
.sub {{ color: #444; font-size: 1.1em; }} .note {{ color: #444; }}
.illustrative {{ border: 2px solid #D55E00; background: #fff4ec; padding: .5em .8em; font-weight: bold; }}
table {{ border-collapse: collapse; margin: 1em 0; font-size: .95em; }}
th, td {{ border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }}
th {{ background: #f0f4f8; }} table.kv td:first-child {{ font-weight: bold; }}
table.mix td {{ text-align: center; }} .heat {{ display: inline-block; min-width: 2.5em; padding: .2em; color: #000; }}
.gap {{ display: inline-block; min-width: 2.5em; padding: .2em; border: 2px dashed #D55E00; color: #D55E00; font-weight: bold; }}
.scroll {{ overflow-x: auto; }} table.brokers {{ font-size: .85em; }}
figure {{ margin: 1em 0; }} figure svg {{ max-width: 100%; height: auto; border: 1px solid #ddd; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 1em; }}
</style></head>
<body>
{chr(10).join(parts)}
</body></html>
"""
    write_text(out / "report.html", page)
