"""Structure cards (cm.card, cm.cards): what each part of a card says, checked against
hand derivations and networkx, the index and file names, escaping, and the cards in
headless Chromium (no console error, one node element per structure of the ego map,
every card on one printed A4 page)."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

import coopmap as cm
from conftest import console_errors, run, save_shot


class Page(HTMLParser):
    """Headings, table rows (cell texts) and list items of a card, as text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self.paragraphs: list[str] = []
        self.links: list[str] = []
        self._stack: list[str] = []
        self._text: list[str] = []
        self._cells: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "td", "li", "p"):
            self._stack.append(tag)
            self._text = []
        if tag == "tr":
            self._cells = []
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if self._stack and tag == self._stack[-1]:
            self._stack.pop()
            text = " ".join("".join(self._text).split())
            if tag in ("h1", "h2", "h3"):
                self.headings.append(text)
            elif tag == "td" and self._cells is not None:
                self._cells.append(text)
            elif tag == "li":
                self.items.append(text)
            elif tag == "p":
                self.paragraphs.append(text)
        if tag == "tr" and self._cells:
            self.rows.append(self._cells)
            self._cells = None

    def handle_data(self, data):
        if self._stack:
            self._text.append(data)


def sample() -> cm.Network:
    """Groups: a, b, c ESS ("yes"); d, e classic ("no"); f none.

        a — b (joint_project), a — c (shared_premises, unconfirmed), b — c (joint_project),
        c → d (subcontracting, directed), d — e (joint_project), and f alone.

    For a: partners b (joint project) and c (shared premises, unconfirmed): two types.
    Suggestions for a (Adamic–Adar, pairs sharing a partner): none, a's partners' other
    partners are b–c (already tied to a) and d through c: a–d shares c (degree 3):
    1 / ln 3 = 0.910; d is classic, a is ESS: another group.
    Departure of c: {a, b} and {d, e} apart, f alone; the largest component {a, b, c, d,
    e} (5) splits into two parts of 2; the part holding the lowest index stays (a, b),
    cut off: d, e. F before: components 5 and 1, n = 6: 1 - 5·4/30 = 1/3 = 0.333; after,
    n = 5: components 2, 2, 1: 1 - (2 + 2)/20 = 0.8.
    """
    net = cm.Network()
    net.set_link_type("subcontracting", directed=True)
    for sid, name, ess in (
        ("a", "Alpha – Association pour l'Action", True),
        ("b", "Beta", True),
        ("c", "Gamma", True),
        ("d", "Delta", False),
        ("e", "Epsilon", False),
        ("f", "<script>alert(1)</script>", None),
    ):
        attrs = {"ess": ess} if ess is not None else {}
        net.add_structure(sid, name=name, **attrs)
    net.add_link("a", "b", type="joint_project")
    net.add_link("a", "c", type="shared_premises", status="unconfirmed")
    net.add_link("b", "c", type="joint_project")
    net.add_link("c", "d", type="subcontracting")
    net.add_link("d", "e", type="joint_project")
    return net


def test_card_parts_by_hand_and_networkx():
    net = sample()
    page = Page(cm.card(net, "a", group="ess", lang="en"))
    assert page.headings[0] == "Alpha – Association pour l'Action"
    assert "Its partners (2)" in page.headings
    rows = {r[0]: r[1] for r in page.rows if len(r) == 2}
    assert rows["joint_project"] == "Beta"
    assert rows["shared_premises"] == "Gamma (not confirmed by the partner)"
    # the suggestion a – d, other group, shared partner Gamma, 1 / ln 3
    G = nx.Graph(net.to_networkx())
    (_, _, aa), = nx.adamic_adar_index(G, [("a", "d")])
    gap = next(r for r in page.rows if r[0] == "Delta")
    # group cell: d's group "no" (not ESS) and the badge "other group"
    assert gap[1] == "no other group" and gap[2] == "Gamma" and gap[3] == f"{aa:.2f}" == "0.91"
    # constraint and effective size, as networkx computes them on the directed view (an
    # undirected link is two arcs, c -> d one: p_cb = 2/5, Burt's mutual weights)
    D = nx.DiGraph()
    for link in net.links():
        D.add_edge(link["source"], link["target"])
        if link["type"] != "subcontracting":
            D.add_edge(link["target"], link["source"])
    c = nx.constraint(D)["a"]
    e = nx.effective_size(D)["a"]
    assert any(f"Constraint {c:.2f}" in x for x in page.items)
    assert any(f"Effective size {e:.1f} for 2 partners" in x for x in page.items)
    # c's card: its departure cuts d and e off, F 0.333 -> 0.8 (hand derivation above)
    page = Page(cm.card(net, "c", group="ess", lang="en"))
    assert (
        "2 structures would be cut off from the rest of the network: Delta, Epsilon. "
        "Fragmentation would rise from 0.333 to 0.800." in page.paragraphs
    )
    rows = {r[0]: r[1] for r in page.rows if len(r) == 2}
    assert rows["subcontracting"] == "→ Delta"  # directed: from c to d
    # d's card: the arc comes from c
    page = Page(cm.card(net, "d", group="ess", lang="en"))
    rows = {r[0]: r[1] for r in page.rows if len(r) == 2}
    assert rows["subcontracting"] == "← Gamma"
    # Gould–Fernandez roles: the counts as cm.brokerage gives them (validated against R
    # sna in test_brokerage.py), one row per role
    b = cm.brokerage(net, {i: str(r.get("ess", "–")) for i, r in zip(net.structure_ids(), net.structures())})
    roles = {r[0]: r[1] for r in Page(cm.card(net, "c", group="ess")).rows if len(r) == 4 and r[0] in (
        "Coordinator", "Itinerant", "Representative", "Gatekeeper", "Liaison")}
    assert roles == {k.capitalize(): str(v) for k, v in b.counts["c"].items() if k != "total"}


def test_card_of_an_isolate_and_escaping():
    net = sample()
    text = cm.card(net, "f", group="ess", lang="fr")
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    page = Page(text)
    assert "Aucune coopération déclarée." in page.paragraphs
    assert any("Contrainte : non définie" in x for x in page.items)
    assert "Ses partenaires (0)" in page.headings


def test_partners_gained_and_lost_since_an_earlier_wave():
    before = sample()
    now = sample()
    now.remove_link("a", "b", type="joint_project")
    now.add_structure("g", name="Gimel")
    now.add_link("a", "g")
    now.add_link("a", "e")
    page = Page(cm.card(now, "a", group="ess", previous=before, since="2013", lang="en"))
    assert "Since 2013" in page.headings
    # a's partners: before {b, c}; now {c, g, e}: gained Epsilon and Gimel, lost Beta
    assert "New partners (2): Epsilon, Gimel." in page.paragraphs
    assert "Partners no longer declared (1): Beta." in page.paragraphs
    page = Page(cm.card(now, "g", group="ess", previous=before, since="2013", lang="en"))
    assert "It was not in the inventory of 2013." in page.paragraphs
    page = Page(cm.card(now, "d", group="ess", previous=before, since="2013", lang="en"))
    assert "The same partners as in 2013." in page.paragraphs


def test_cards_index_files_and_safe_names(tmp_path):
    net = sample()
    net.add_structure("x/y", name="Slash")
    net.add_structure("index", name="Named like the index")
    index = cm.cards(net, tmp_path / "cards", group="ess")
    assert index == tmp_path / "cards" / "index.html"
    page = Page(index.read_text(encoding="utf-8"))
    cards = [h for h in page.links if h not in ("print.html",)]
    assert len(cards) == len(net) and len(set(cards)) == len(net)
    for href in cards:
        assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\.html", href), href
        assert (tmp_path / "cards" / href).is_file()
    assert "index.html" not in cards  # the structure "index" gets its own name
    printed = (tmp_path / "cards" / "print.html").read_text(encoding="utf-8")
    assert printed.count('<article class="card">') == len(net)
    with pytest.raises(KeyError):
        cm.card(net, "nobody")
    with pytest.raises(ValueError, match="esss.*ess"):
        cm.card(net, "a", group="esss")


def test_cards_in_chromium_one_a4_page_each(tmp_path):
    net = cm.load_dataset("ptce-sicoval-2013")
    folder = tmp_path / "cards"
    cm.cards(net, folder, lang="fr")
    G = nx.Graph(net.to_networkx())
    card = folder / "genies.html"
    r = run(card.as_uri(), "--dump-dom", tmp=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_errors(r.stderr) == []
    nodes = re.findall(r'<circle class="node[^"]*" data-i="\d+" data-id="([^"]*)"', r.stdout)
    assert sorted(html.unescape(n) for n in nodes) == sorted(nx.ego_graph(G, "genies", radius=1))
    shot = tmp_path / "card.png"
    r = run(card.as_uri(), f"--screenshot={shot}", "--window-size=1400,2000", tmp=tmp_path)
    assert r.returncode == 0
    save_shot(shot, "card_genies.png")
    # every card on one A4 page: the printed page of all cards has one page per structure
    pdf = tmp_path / "cards.pdf"
    r = run((folder / "print.html").as_uri(), f"--print-to-pdf={pdf}", "--no-pdf-header-footer", tmp=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages == len(net), f"{pages} printed pages for {len(net)} cards"
