"""Structure cards: one page per structure, the restitution that action research owes
each participant of an inventory.

A card shows the structure's ego map (its partners coloured by group, link types and
statuses as on the seminar maps), its partners grouped by link type, its position in
plain words (cluster, betweenness rank, Burt's constraint and effective size, the
Gould–Fernandez brokerage roles with their z-scores), what its departure would change
(the structures it alone connects, Borgatti's fragmentation before and after), the
cooperations it could consider (structures sharing partners with it, other groups
first, with the shared partners that explain them) and, given the network of an earlier
wave, the partners it gained and lost. :class:`Cards` computes every measure once for
the whole network, then writes any number of cards, the index and one page holding
every card for printing (one A4 page per card, ``card.css``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import _words
from .._files import file_stem, write_text
from ..errors import InputError as _words_error
from ..i18n import Translator
from ..maps import group_label
from ._load import esc, partner_sets
from ._page import figure, page, table

#: Gould–Fernandez roles, in the order of the card's table.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: Link statuses the catalogues name (others show as they are).
STATUSES = ("confirmed", "unconfirmed", "partner_did_not_respond")
NONE = "–"


def status_text(t: Translator, status: str | None) -> str:
    """A link status in words of the language ("" when there is none; a status the
    catalogues do not name shows as it is)."""
    if not status:
        return ""
    return t(f"card.status.{status}") if status in STATUSES else status


def _share_below(values: list[float], x: float) -> tuple[float, float]:
    """(share of the values strictly below x, share strictly above), NaN-free values."""
    if not values:
        return math.nan, math.nan
    below = sum(v < x - 1e-12 for v in values)
    above = sum(v > x + 1e-12 for v in values)
    return below / len(values), above / len(values)


class Cards:
    """The cards of one network, every measure computed once.

    ``group``: the attribute (or Mapping {id: label}) whose groups colour the maps and
    define brokerage roles and cross-group suggestions (structures without a value form
    the group "–"); ``previous``: the network of an earlier wave (``since`` its name),
    for the partners gained and lost; ``top``: suggestions per card.
    """

    def __init__(
        self,
        net: Any,
        *,
        lang: str = "en",
        group: Any = None,
        seed: int = 0,
        top: int = 5,
        previous: Any = None,
        since: str | None = None,
        wave: str | None = None,
        partition: Any = None,
    ) -> None:
        import coopmap as cm

        if not isinstance(net, cm.Network):
            raise TypeError(f"net: expected a coopmap.Network, got {type(net).__name__}")
        if previous is not None and not isinstance(previous, cm.Network):
            raise TypeError(f"previous: expected a coopmap.Network or None, got {type(previous).__name__}")
        for label, text in (("since", since), ("wave", wave)):
            if text is not None and not isinstance(text, str):
                raise TypeError(f"{label}: expected a str or None, got {type(text).__name__}")
        if isinstance(top, bool) or not isinstance(top, int) or top < 0:
            raise cm.InputError(f"top must be an integer >= 0, got {top!r}")
        self.net, self.lang, self.seed, self.top = net, lang, seed, top
        self.t = t = Translator.for_network(lang, net)
        self.wave, self.since, self.previous = wave, since, previous
        records = net.structures()
        self.ids = [r["id"] for r in records]
        self.names = {r["id"]: r["name"] for r in records}
        # lists show the maps' labels (short_name, acronym, or the name cut on a word)
        self.labels = dict(zip(self.ids, cm._core._map_labels(net)))
        if previous is not None:  # partners that left since are named as in the earlier wave
            earlier = previous.structures()
            for r, label in zip(earlier, cm._core._map_labels(previous)):
                self.names.setdefault(r["id"], r["name"])
                self.labels.setdefault(r["id"], label)
        if group is None and "legal_family" in net.attribute_names():
            group = "legal_family"
        grouped = group is not None
        if isinstance(group, Mapping):
            given = {net.resolve(k): v for k, v in group.items()}
            self.groups = {i: given.get(i, NONE) for i in self.ids}
            self.group_title = t("col.group")
        elif isinstance(group, str):
            if group not in net.attribute_names():
                raise _words.unknown("group", group, net.attribute_names(), "not an attribute of any structure")
            self.groups = {r["id"]: r.get(group) if r.get(group) is not None else NONE for r in records}
            self.group_title = t.column(group)
        elif group is None:
            self.groups = dict.fromkeys(self.ids, NONE)
            self.group_title = t("col.group")
        else:
            raise cm.InputError("group: expected None, an attribute name or a Mapping {id: label}")
        self.group_text = {i: group_label(v, lang) for i, v in self.groups.items()}
        self.illustrative = net.graph_attribute("illustrative") is True
        n, m = len(net), net.number_of_links()
        # clusters, numbered 1.. by decreasing size as the report's table
        part = partition if partition is not None else cm.louvain(net, seed=seed)
        self.clusters = [list(c) for c in part.communities]
        self.cluster_of = {sid: k for k, members in enumerate(self.clusters) for sid in members}
        self.betweenness = cm.betweenness(net, normalized=True)
        self.constraint = cm.constraint(net)
        self.effective_size = cm.effective_size(net)
        self.partners = partner_sets(net)
        self.degree = {i: len(p) for i, p in self.partners.items()}
        labels = {i: self.group_text[i] for i in self.ids}
        self.roles = cm.brokerage(net, labels) if grouped and m > 0 and n > 2 else None
        self.departures = {r["id"]: r for r in cm.vulnerability(net, distance=False)} if n > 2 else {}
        self.fragmentation = cm.fragmentation(net).fragmentation if n > 1 else math.nan
        self.suggestions: dict[str, list[Any]] = defaultdict(list)
        for s in cm.predict_links(net, method="adamic_adar", top=None):
            self.suggestions[s.source].append(s)
            self.suggestions[s.target].append(s)
        self.links: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for link in net.links():
            self.links[link["source"]].append(link)
            if link["target"] != link["source"]:
                self.links[link["target"]].append(link)
        self.directed = {r["code"]: bool(r.get("directed")) for r in net.link_type_records()}
        self.type_order = {r["code"]: k for k, r in enumerate(net.link_type_records())}
        self.before = partner_sets(previous) if previous is not None else None
        self.stems: dict[str, str] = {}
        taken: set[str] = {"index", "print"}
        for i in self.ids:
            self.stems[i] = file_stem(i, taken)

    # ---- words ----
    def _name(self, sid: str) -> str:
        """The structure's short label, escaped, its full name as a tooltip when longer."""
        label, name = self.labels.get(sid, sid), self.names.get(sid, sid)
        return esc(label) if label == name else f'<span title="{esc(name)}">{esc(label)}</span>'

    def _full_name(self, sid: str) -> str:
        return esc(self.names.get(sid, sid))

    def _sentence(self, key: str, ids: list[str], more: int = 0, **values: str) -> str:
        """The escaped sentence ``key`` whose ``{names}`` lists the structures ``ids`` (at
        most 12, then "and N more"; ``more`` adds to N)."""
        text = esc(self.t(key, names="\x00", **values))
        names = self._names(ids)
        if more > 0:
            names += ", " + esc(self.t("card.and_more", count=self.t.number(more)))
        return text.replace("\x00", names)

    def _names(self, ids: list[str], limit: int = 12) -> str:
        shown = [self._name(i) for i in ids[:limit]]
        if len(ids) > limit:
            shown.append(esc(self.t("card.and_more", count=self.t.number(len(ids) - limit))))
        return ", ".join(shown)

    def _status(self, status: str | None) -> str:
        return status_text(self.t, status)

    # ---- the parts of a card ----
    def _partners(self, sid: str) -> list[str]:
        t = self.t
        links = self.links.get(sid, [])
        partners = self.partners[sid]
        parts = [f"<h2>{esc(t('card.h.partners', count=t.number(len(partners))))}</h2>"]
        if not links:
            return [*parts, f"<p>{esc(t('card.no_partner'))}</p>"]
        by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for link in links:
            by_type[link["type"]].append(link)
        rows = []
        any_directed = False
        for code in sorted(by_type, key=lambda c: (self.type_order.get(c, 1 << 30), c)):
            items = []
            for link in sorted(by_type[code], key=lambda x: (self.names.get(self._other(x, sid), ""), x["source"])):
                other = self._other(link, sid)
                arrow = ""
                if self.directed.get(code, False):
                    any_directed = True
                    arrow = "→ " if link["source"] == sid else "← "
                status = link.get("status")
                extra = ""
                if status not in ("", None, "confirmed"):
                    extra = f' <span class="status">({esc(self._status(status))})</span>'

                items.append(f"{arrow}{self._name(other)}{extra}")
            rows.append([esc(t.link_type(code)), "; ".join(items)])
        parts.append(table([esc(t("col.link_type")), esc(t("card.col.partners"))], rows, "partners"))
        if any_directed:
            parts.append(f'<p class="note">{esc(t("card.direction"))}</p>')
        return parts

    @staticmethod
    def _other(link: Mapping[str, Any], sid: str) -> str:
        return str(link["target"] if link["source"] == sid else link["source"])

    def _position(self, sid: str) -> list[str]:
        t = self.t
        items = []
        k = self.cluster_of.get(sid)
        if k is not None:
            others = [i for i in sorted(self.clusters[k], key=lambda i: (-self.degree[i], i)) if i != sid]
            k_total = {"k": t.number(k + 1), "total": t.number(len(self.clusters))}
            if others:
                size = t.number(len(self.clusters[k]))
                items.append(self._sentence("card.cluster", others[:6], size=size, more=len(others) - 6, **k_total))
            else:
                items.append(esc(t("card.cluster_alone", **k_total)))
        b = self.betweenness.get(sid, math.nan)
        rank = 1 + sum(v > b + 1e-12 for v in self.betweenness.values())
        items.append(esc(t("card.betweenness", value=t.number(b, 3), rank=t.number(rank), n=t.number(len(self.ids)))))
        c = self.constraint.get(sid, math.nan)
        if math.isnan(c):
            items.append(esc(t("card.constraint_none")))
        else:
            values = [v for i, v in self.constraint.items() if i != sid and not math.isnan(v)]
            below, above = _share_below(values, c)
            if not values or above >= below:
                items.append(esc(t("card.constraint_low", value=t.number(c, 2), share=t.percent(above))))
            else:
                items.append(esc(t("card.constraint_high", value=t.number(c, 2), share=t.percent(below))))
        e = self.effective_size.get(sid, math.nan)
        if math.isnan(e):
            items.append(esc(t("card.esize_none")))
        else:
            d = self.degree[sid]
            items.append(esc(t("card.esize", value=t.number(e, 1), degree=t.number(d), redundant=t.number(d - e, 1))))
        parts = [f"<h2>{esc(t('card.h.position'))}</h2>", "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"]
        if self.roles is not None:
            counts, z = self.roles.counts.get(sid, {}), self.roles.z.get(sid, {})
            rows = [
                [
                    esc(t(f"role.{r}")),
                    t.number(counts.get(r, 0)),
                    t.number(z.get(r, math.nan), 2),
                    esc(t(f"card.role.{r}")),
                ]
                for r in ROLES
            ]
            parts += [
                f"<h3>{esc(t('card.h.roles', group=self.group_title))}</h3>",
                table(
                    [esc(t("card.col.role")), esc(t("card.col.count")), "z", esc(t("card.col.meaning"))],
                    rows,
                    "roles",
                ),
            ]
            total = z.get("total", math.nan)
            key = "card.roles_none" if math.isnan(total) else "card.roles_high" if total > 1.96 else "card.roles_low"
            parts.append(f"<p>{esc(t(key, z=t.number(total, 2)))}</p>")
        return parts

    def _departure(self, sid: str) -> list[str]:
        t = self.t
        r = self.departures.get(sid)
        if r is None:
            return []
        before, after = t.number(self.fragmentation, 3), t.number(r["fragmentation"], 3)
        cut = sorted(r["cut_off"], key=lambda i: self.names.get(i, i))
        if cut:
            line = self._sentence("card.departure_cut", cut, count=t.number(len(cut)), before=before, after=after)
        else:
            line = esc(t("card.departure_none", before=before, after=after))
        return [
            f"<h2>{esc(t('card.h.departure'))}</h2>",
            f"<p>{line}</p>",
            f'<p class="note">{esc(t("scenarios.caveat"))}</p>',
        ]

    def _gaps(self, sid: str) -> list[str]:
        t = self.t
        parts = [f"<h2>{esc(t('card.h.gaps'))}</h2>", f'<p class="note">{esc(t("card.gaps_explain"))}</p>']
        mine = self.groups[sid]
        cands: list[tuple[bool, float, str, str, Any]] = []
        for s in self.suggestions.get(sid, []):
            other = s.target if s.source == sid else s.source
            # another group: both groups known and different ("–" is no group)
            cross = NONE not in (mine, self.groups[other]) and self.groups[other] != mine
            cands.append((not cross, -s.score, self.names.get(other, other), other, s))
        cands.sort(key=lambda x: x[:4])
        if not cands:
            return [*parts, f"<p>{esc(t('card.no_gap'))}</p>"]
        badge = f' <span class="cross">{esc(t("card.other_group"))}</span>'
        rows = [
            [
                self._name(other),
                esc(self.group_text[other]) + ("" if same else badge),
                self._names(sorted(s.shared, key=lambda i: self.names.get(i, i)), 6),
                t.number(s.score, 2),
            ]
            for same, _score, _name, other, s in cands[: self.top]
        ]
        heads = [esc(t("col.partner")), esc(self.group_title), esc(t("col.shared")), esc(t("col.score"))]
        return [*parts, table(heads, rows, "gaps")]

    def _change(self, sid: str) -> list[str]:
        if self.before is None:
            return []
        t = self.t
        since = self.since or ""
        parts = [f"<h2>{esc(t('card.h.change', wave=since))}</h2>"]
        if sid not in self.before:
            return [*parts, f"<p>{esc(t('card.joined', wave=since))}</p>"]
        now = self.partners[sid]
        gained = sorted(now - self.before[sid], key=lambda i: self.names.get(i, i))
        lost = sorted(self.before[sid] - now, key=lambda i: self.names.get(i, i))
        lines = []
        if gained:
            lines.append(self._sentence("card.gained", gained, count=t.number(len(gained))))
        if lost:
            lines.append(self._sentence("card.lost", lost, count=t.number(len(lost))))
        if not lines:
            lines.append(esc(t("card.no_change", wave=since)))
        return parts + [f"<p>{x}</p>" for x in lines]

    def _ego_map(self, sid: str) -> str:
        import coopmap as cm

        text = cm.draw(
            self.net,
            None,
            format="svg",
            ego=sid,
            radius=1,
            color=self.group_text,
            color_title=self.group_title,
            size="degree",
            edge_color="type",
            seed=self.seed,
            lang=self.lang,
            width=1400,
            height=720,
            title=self.t("card.map_title"),
        )
        assert text is not None
        return figure(text)

    # ---- pages ----
    def body(self, sid: str, *, index_link: bool = True) -> str:
        """The card of one structure (an ``<article>``)."""
        t = self.t
        sid = self.net.resolve(sid)
        facts = [f"{esc(self.group_title)}{esc(t('map.colon'))}{esc(self.group_text[sid])}"]
        if self.wave:
            facts.append(esc(t("card.wave", wave=self.wave)))
        head = [
            '<article class="card">',
            f'<p class="crumbs"><a href="index.html">{esc(t("card.back"))}</a></p>' if index_link else "",
            f"<h1>{self._full_name(sid)}</h1>",
            f'<p class="sub">{" · ".join(facts)}</p>',
            f'<p class="illustrative">{esc(t("report.illustrative"))}</p>' if self.illustrative else "",
        ]
        # one flow of sections in two balanced columns (card.css)
        flow = [*self._partners(sid), *self._change(sid), *self._position(sid), *self._departure(sid)]
        flow += self._gaps(sid)
        return "\n".join([*head, self._ego_map(sid), '<div class="flow">', *flow, "</div>", "</article>"])

    def page(self, sid: str) -> str:
        """The self-contained HTML page of one card."""
        if not isinstance(sid, str):
            raise TypeError(f"structure: expected an id, name or alias (str), got {type(sid).__name__}")
        sid = self.net.resolve(sid)
        return _page(self.lang, esc(self.t("card.title", name=self.names[sid])), [self.body(sid)])

    def index(self) -> str:
        """The index page: every structure with its group, cluster and partners, linking
        its card, and the page of every card for printing."""
        t = self.t
        order = sorted(self.ids, key=lambda i: self.names[i].casefold())
        rows = [
            [
                f'<a href="{esc(self.stems[i])}.html">{self._full_name(i)}</a>',
                esc(self.group_text[i]),
                t.number(self.cluster_of[i] + 1) if i in self.cluster_of else NONE,
                t.number(self.degree[i]),
            ]
            for i in order
        ]
        parts = [
            f"<h1>{esc(t('card.index_title'))}</h1>",
            f'<p class="illustrative">{esc(t("report.illustrative"))}</p>' if self.illustrative else "",
            f'<p class="note">{esc(t("card.index_intro"))}</p>',
            f'<p><a href="print.html">{esc(t("card.print_all"))}</a></p>',
            table(
                [esc(t("col.structure")), esc(self.group_title), esc(t("col.cluster")), esc(t("col.degree"))],
                rows,
                "index",
            ),
        ]
        return _page(self.lang, esc(t("card.index_title")), parts)

    def print_page(self) -> str:
        """Every card, one per printed page."""
        order = sorted(self.ids, key=lambda i: self.names[i].casefold())
        return _page(self.lang, esc(self.t("card.index_title")), [self.body(i, index_link=False) for i in order])

    def write(self, folder: Path) -> Path:
        """Writes ``index.html``, ``print.html`` and one ``<id>.html`` per structure into
        ``folder`` (created); returns the index's path."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise _words_error(f"cards: cannot create the folder {str(folder)[:200]!r}: {e.strerror}") from None
        for i in self.ids:
            write_text(folder / f"{self.stems[i]}.html", self.page(i))
        write_text(folder / "print.html", self.print_page())
        write_text(folder / "index.html", self.index())
        return folder / "index.html"


def _page(lang: str, title: str, parts: list[str]) -> str:
    return page(lang=lang, title=title, parts=parts, stylesheet="card.css")
