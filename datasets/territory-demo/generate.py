"""Writes the SYNTHETIC ``territory-demo`` dataset: a made-up territory of about 150
structures (social-economy organisations, classic businesses, public bodies) surveyed
twice, for the whole inventory cycle (declarations, responses, two waves, change map,
cards, geographic map). Nothing here describes real organisations: every name is
invented and marked "(demo)" in ``dataset.json``; the communes are real places of the
Lauragais south-east of Toulouse, used only to give the map a plausible geography.

How it is drawn (seeded with ``random.Random(2024)``, every draw from a sorted list, so
the output is byte-identical on every run and platform; standard library only):

* Structures: 62 social-economy (ESS) organisations — 30 associations, 10 SCOP, 7 SCIC,
  6 mutuelles, 4 foundations, 5 cooperatives of activity or insertion enterprises (SIAE)
  —, 70 classic businesses (micro, small, medium and one large firm, in 8 sectors) and
  18 public bodies, each in one of 20 communes. ``latitude`` / ``longitude``: the
  commune's centroid (hand-entered, rounded to 0.001°) moved by a seeded offset of at
  most about 1 km, as if it were the structure's address. ``short_name``: an acronym or
  a short form, as maps label structures. 5 structures join in the second wave and 4
  stop answering or close (they have no response row and nobody declares them).
* The "true" cooperation (what a perfect survey would record): each pair is linked with
  a probability set by the two families (ESS–ESS highest, ESS–classic lower), raised
  when they share a sector and lowered with distance (exp(-d / 12 km)); the type is
  drawn among those plausible for the two families (for example supply and
  subcontracting between businesses, co-funding from a public body or a foundation,
  shared premises among the tenants of the third place). Directed types have their
  direction in ``direction``.
* Second wave, one year later: 12 % of the links end, new links appear (more of them
  between ESS structures and businesses: the programme's goal), 5 structures join.
* Each wave's survey: a structure answers ``complete`` (70 %), ``partial`` (10 %),
  ``refused`` (8 %) or is ``unreached`` (12 %); the organiser always answers. A complete
  respondent declares each of its links with probability 0.9, a partial one 0.5. The
  partner is written as its id, or (one time in eight) as its short name or name as a
  respondent would type it, which the Inventory resolves through aliases; a few
  partners are businesses outside the inventory, written as free text, which stay
  unresolved (the import report lists them).
* Link types: the 13 of the PTCE dataset (its ``link_types.csv``, copied).
* Affiliations: the 14 tenants of the third place "La Fabrique" and three working
  groups (food, mobility, employment).

    python3 datasets/territory-demo/generate.py
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

SEED = 2024
HERE = Path(__file__).resolve().parent
WAVES = ("2023", "2024")
SURVEY_DATES = {"2023": "2023-03-15", "2024": "2024-03-15"}

# (commune, latitude, longitude): approximate centroids, rounded to 0.001°
COMMUNES = [
    ("Castanet-Tolosan", 43.516, 1.498),
    ("Ramonville-Saint-Agne", 43.546, 1.476),
    ("Labège", 43.531, 1.533),
    ("Escalquens", 43.518, 1.559),
    ("Auzeville-Tolosane", 43.528, 1.484),
    ("Baziège", 43.455, 1.614),
    ("Montgiscard", 43.459, 1.571),
    ("Ayguesvives", 43.436, 1.594),
    ("Villefranche-de-Lauragais", 43.400, 1.718),
    ("Belberaud", 43.506, 1.566),
    ("Deyme", 43.481, 1.531),
    ("Donneville", 43.471, 1.551),
    ("Pechabou", 43.502, 1.510),
    ("Lacroix-Falgarde", 43.500, 1.411),
    ("Vigoulet-Auzil", 43.505, 1.450),
    ("Saint-Orens-de-Gameville", 43.553, 1.535),
    ("Odars", 43.523, 1.594),
    ("Montlaur", 43.487, 1.629),
    ("Varennes", 43.473, 1.688),
    ("Nailloux", 43.358, 1.623),
]

THEMES = [
    ("food", "Jardins", "alimentation"),
    ("mobility", "Mobilités", "mobilité"),
    ("employment", "Emploi", "emploi"),
    ("housing", "Habitat", "habitat"),
    ("culture", "Culture", "culture"),
    ("care", "Soins", "aide à domicile"),
    ("environment", "Environnement", "environnement"),
    ("digital", "Numérique", "numérique"),
]
SECTORS = [t[0] for t in THEMES]
ASSOCIATION_NAMES = [
    "Les Jardins partagés", "Vélo-école", "Repair café", "Les Amis du livre", "Solidarité Emploi",
    "Habitat et Partage", "La Courte Échelle", "Théâtre en Chemin", "Aide à domicile du Lauragais",
    "Terre et Semences", "Mobil'Action", "Le Fil numérique", "Familles rurales", "Lire et Faire Lire",
    "Épicerie solidaire", "Chantier d'insertion des Coteaux", "La Ressourcerie", "Cinéma itinérant",
    "Accueil des jeunes", "Ateliers du bois", "Compost collectif", "Covoiturage des Coteaux",
    "Musique en Lauragais", "Maison des Solidarités", "Les Paniers paysans", "Jardin d'insertion",
    "Entraide seniors", "Initiatives locales", "Café associatif", "Club informatique",
]
SCOP_TRADES = [
    ("Menuiserie", "housing"), ("Bureau d'études", "environment"), ("Imprimerie", "culture"),
    ("Maraîchage", "food"), ("Transport", "mobility"), ("Conseil numérique", "digital"),
    ("Boulangerie", "food"), ("Bâtiment", "housing"), ("Graphisme", "culture"), ("Atelier vélo", "mobility"),
]
SCIC_NAMES = [
    ("Énergie citoyenne", "environment"), ("Restauration collective", "food"), ("Tiers-lieu La Fabrique", "employment"),
    ("Habitat participatif", "housing"), ("Auto-partage", "mobility"), ("Plateforme circuits courts", "food"),
    ("Services numériques", "digital"),
]
MUTUELLE_NAMES = ["Mutuelle des Coteaux", "Mutuelle santé Lauragais", "Mutuelle solidaire", "Prévoyance mutuelle",
                  "Mutuelle des artisans", "Assurance mutuelle rurale"]
FOUNDATION_NAMES = ["Fondation pour l'insertion", "Fondation Terres vivantes", "Fondation culture rurale",
                    "Fondation jeunesse"]
SIAE_NAMES = [("Coopérative d'activités", "employment"), ("Entreprise d'insertion Les Coteaux", "employment"),
              ("Régie de quartier", "housing"), ("Atelier chantier d'insertion", "environment"),
              ("Groupement d'employeurs", "employment")]
SURNAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Simon", "Michel", "Garcia",
            "Roux", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
            "Muller", "Faure", "André", "Mercier", "Blanc", "Guerin", "Boyer", "Garnier", "Chevalier", "Francois",
            "Legrand", "Gauthier", "Perrin", "Robin", "Clement", "Morin", "Nicolas"]
BUSINESS_TRADES = {
    "food": ["Boulangerie", "Minoterie", "Primeur", "Conserverie", "Traiteur"],
    "mobility": ["Garage", "Transports", "Taxis", "Cycles"],
    "employment": ["Intérim", "Conseil RH", "Formation pro"],
    "housing": ["Maçonnerie", "Plomberie", "Électricité", "Charpente", "Immobilier"],
    "culture": ["Librairie", "Studio graphique", "Imprimerie"],
    "care": ["Pharmacie", "Services à la personne", "Ambulances"],
    "environment": ["Paysagiste", "Recyclage", "Bureau d'études"],
    "digital": ["Informatique", "Agence web", "Télécom"],
}
SIZES = [("micro", 0.45), ("small", 0.35), ("medium", 0.18), ("large", 0.02)]
PUBLIC = [
    ("Communauté d'agglomération du Sicoval (demo)", "Sicoval", "Labège", "employment"),
    ("Département (demo)", "CD31", "Castanet-Tolosan", "care"),
    ("Région (demo)", "Région", "Castanet-Tolosan", "employment"),
    ("France Travail, agence de Castanet (demo)", "France Travail", "Castanet-Tolosan", "employment"),
    ("Chambre de commerce (demo)", "CCI", "Labège", "digital"),
    ("Chambre de métiers (demo)", "CMA", "Labège", "housing"),
    ("Chambre d'agriculture (demo)", "Chambre agri", "Baziège", "food"),
    ("Mission locale (demo)", "Mission locale", "Ramonville-Saint-Agne", "employment"),
]
TOWN_HALLS = ["Castanet-Tolosan", "Ramonville-Saint-Agne", "Labège", "Escalquens", "Baziège", "Montgiscard",
              "Villefranche-de-Lauragais", "Ayguesvives", "Nailloux", "Saint-Orens-de-Gameville"]
OUTSIDERS = ["Boulangerie du marché", "Garage Central", "le comptable de la coopérative", "Imprimerie Rapide",
             "un maraîcher de Revel", "Transports Occitans"]

# the 13 link types of the PTCE dataset, its link_types.csv read as it is
with open(HERE.parent / "ptce-sicoval-2013" / "link_types.csv", encoding="utf-8", newline="") as _f:
    LINK_TYPES = list(csv.DictReader(_f))
DIRECTED = {t["code"] for t in LINK_TYPES if t["directed"] == "true"}
# plausible types by the families of the two ends (ess, classic, public), weighted
TYPES = {
    ("ess", "ess"): [("joint_project", 4), ("know_how", 3), ("shared_services", 1), ("shared_staff", 1),
                     ("referral", 2), ("shared_equipment", 1)],
    ("ess", "classic"): [("supply", 3), ("subcontracting", 2), ("training", 1), ("referral", 1),
                         ("joint_project", 1), ("know_how", 1)],
    ("classic", "classic"): [("supply", 4), ("subcontracting", 3), ("know_how", 1)],
    ("public", "ess"): [("co_funding", 4), ("governance_seat", 1), ("referral", 2), ("joint_project", 1)],
    ("public", "classic"): [("co_funding", 1), ("referral", 1), ("training", 1), ("joint_project", 1)],
    ("public", "public"): [("joint_project", 2), ("governance_seat", 1)],
}
# base probability of a link by families, before sector and distance
BASE = {("ess", "ess"): 0.16, ("ess", "classic"): 0.045, ("classic", "classic"): 0.05, ("public", "ess"): 0.2,
        ("public", "classic"): 0.05, ("public", "public"): 0.3}


def slug(text: str) -> str:
    out = []
    for ch in text.lower():
        ch = {"é": "e", "è": "e", "ê": "e", "à": "a", "â": "a", "ç": "c", "ô": "o", "î": "i", "ï": "i", "û": "u",
              "ü": "u", "'": "_", "’": "_"}.get(ch, ch)
        out.append(ch if ch.isalnum() else "_")
    s = "_".join(p for p in "".join(out).split("_") if p)
    return s[:40]


def acronym(name: str) -> str:
    words = [w for w in name.replace("'", " ").replace("-", " ").split() if w[0].isupper() and len(w) > 2]
    return "".join(w[0] for w in words).upper() if len(words) >= 3 else ""


def km(a, b) -> float:
    dlat = (a[0] - b[0]) * 111.2
    dlon = (a[1] - b[1]) * 111.2 * math.cos(math.radians(43.5))
    return math.hypot(dlat, dlon)


def structures(rng: random.Random) -> list[dict]:
    communes = {c: (lat, lon) for c, lat, lon in COMMUNES}
    names = sorted(communes)
    out: list[dict] = []

    def add(name, short, family, legal, sector, commune, size="", ess=None):
        lat, lon = communes[commune]
        # an address within about 1 km of the centroid
        lat += rng.uniform(-0.008, 0.008)
        lon += rng.uniform(-0.011, 0.011)
        sid = slug(short or name)
        base, k = sid, 2
        while any(r["id"] == sid for r in out):
            sid, k = f"{base}_{k}", k + 1
        out.append({
            "id": sid, "name": name, "short_name": short, "family": family, "legal_family": legal,
            "ess": "true" if (family == "ess" if ess is None else ess) else "false", "sector": sector,
            "size": size, "commune": commune, "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}",
        })

    for k, name in enumerate(ASSOCIATION_NAMES):
        commune = names[rng.randrange(len(names))]
        add(f"{name} ({commune.split('-')[0]})", "", "ess", "association", SECTORS[rng.randrange(len(SECTORS))],
            commune)
    for trade, sector in SCOP_TRADES:
        commune = names[rng.randrange(len(names))]
        add(f"SCOP {trade} {commune.split('-')[0]}", "", "ess", "scop", sector, commune, "small")
    for name, sector in SCIC_NAMES:
        commune = names[rng.randrange(len(names))]
        add(f"SCIC {name}", "", "ess", "scic", sector, commune, "small")
    for name in MUTUELLE_NAMES:
        add(name, acronym(name), "ess", "mutuelle", "care", names[rng.randrange(len(names))], "medium")
    for name in FOUNDATION_NAMES:
        add(name, "", "ess", "foundation", SECTORS[rng.randrange(len(SECTORS))], names[rng.randrange(len(names))])
    for name, sector in SIAE_NAMES:
        add(name, "", "ess", "siae", sector, names[rng.randrange(len(names))], "small")
    surnames = SURNAMES[:]
    rng.shuffle(surnames)
    for k in range(70):
        sector = SECTORS[k % len(SECTORS)]
        trades = BUSINESS_TRADES[sector]
        trade = trades[rng.randrange(len(trades))]
        r, acc, size = rng.random(), 0.0, "micro"
        for s, p in SIZES:
            acc += p
            if r < acc:
                size = s
                break
        if k == 69:
            size = "large"
        form = {"micro": "EI", "small": "SARL", "medium": "SAS", "large": "SA"}[size]
        name = f"{trade} {surnames[k % len(surnames)]}{' & Fils' if k % 9 == 3 else ''} {form}"
        add(name, "", "classic", "business", sector, names[rng.randrange(len(names))], size)
    for name, short, commune, sector in PUBLIC:
        add(name, short, "public", "public-body", sector, commune)
    for town in TOWN_HALLS:
        add(f"Mairie de {town} (demo)", f"Mairie {town.split('-')[0]}", "public", "local-authority", "employment",
            town)
    return out


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    total = sum(w for _, w in weighted)
    r = rng.uniform(0, total)
    for code, w in weighted:
        r -= w
        if r <= 0:
            return code
    return weighted[-1][0]


def families(a: dict, b: dict) -> tuple[tuple[str, str], bool]:
    """The (sorted) family pair as the tables key it, and whether the ends were swapped."""
    key = (a["family"], b["family"])
    if key in TYPES:
        return key, False
    return (b["family"], a["family"]), True


def true_links(rng: random.Random, rows: list[dict], boost_cross: float = 1.0) -> dict:
    """{(source, target, type): (intensity, start)} for one wave's true cooperation."""
    links: dict = {}
    pos = {r["id"]: (float(r["latitude"]), float(r["longitude"])) for r in rows}
    tenants = {r["id"] for r in rows if r.get("tenant")}
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            key, swapped = families(a, b)
            p = BASE[key] * (2.2 if a["sector"] == b["sector"] else 1.0) * math.exp(-km(pos[a["id"]], pos[b["id"]]) / 12)
            if key == ("ess", "classic"):
                p *= boost_cross
            both_tenants = a["id"] in tenants and b["id"] in tenants
            if both_tenants:
                p += 0.35
            if rng.random() >= min(p, 0.9):
                continue
            code = "shared_premises" if both_tenants and rng.random() < 0.6 else pick(rng, TYPES[key])
            s, t = (b, a) if swapped else (a, b)
            # direction of a directed type: a funder (the first family of the key) is the
            # source; other directed types go either way
            if code in DIRECTED and code != "co_funding" and rng.random() < 0.5:
                s, t = t, s
            year = 2016 + rng.randrange(7)
            start = f"{year}-{1 + rng.randrange(12):02d}-01"
            links[(s["id"], t["id"], code)] = (1 + rng.randrange(3), start)
    return links


def survey(rng: random.Random, ids: list[str], organiser: str) -> dict[str, str]:
    out = {}
    for sid in ids:
        if sid == organiser:
            out[sid] = "complete"
            continue
        r = rng.random()
        out[sid] = "complete" if r < 0.70 else "partial" if r < 0.80 else "refused" if r < 0.88 else "unreached"
    return out


def declarations(rng: random.Random, links: dict, responses: dict, names: dict, outsiders: bool) -> list[dict]:
    rows = []
    for (s, t, code), (intensity, start) in sorted(links.items()):
        for declarer, partner, direction in ((s, t, "out"), (t, s, "in")):
            status = responses.get(declarer)
            if status not in ("complete", "partial"):
                continue
            if rng.random() >= (0.9 if status == "complete" else 0.5):
                continue
            written = partner
            if rng.random() < 0.125:  # as a respondent types it: short name or name
                written = names[partner]
            rows.append({
                "declarer": declarer, "partner": written, "type": code, "intensity": str(intensity),
                "direction": direction if code in DIRECTED else "", "start": start, "end": "",
                "source": "survey", "comment": "",
            })
    if outsiders:
        answered = sorted(sid for sid, st in responses.items() if st in ("complete", "partial"))
        for k, name in enumerate(OUTSIDERS):
            rows.append({
                "declarer": answered[rng.randrange(len(answered))], "partner": name, "type": "supply",
                "intensity": "1", "direction": "in", "start": "2022-01-01", "end": "", "source": "survey",
                "comment": "partner outside the inventory",
            })
    return rows


def write(name: str, columns: list[str], rows: list[dict]) -> None:
    with open(HERE / name, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    rng = random.Random(SEED)
    rows = structures(rng)
    ids = [r["id"] for r in rows]
    organiser = next(r["id"] for r in rows if r["name"] == "SCIC Tiers-lieu La Fabrique")
    # 14 tenants of the third place, 5 structures that only join in 2024, 4 that leave
    ess = sorted(r["id"] for r in rows if r["family"] == "ess" and r["id"] != organiser)
    tenants = [organiser] + rng.sample(ess, 13)
    for r in rows:
        r["tenant"] = r["id"] in tenants
        r["tenancy"] = "tenant" if r["tenant"] else ""
    late = rng.sample(sorted(set(ids) - set(tenants)), 5)
    gone = rng.sample(sorted(set(ids) - set(tenants) - set(late)), 4)
    # aliases: the short name, the name and the name without accents, as respondents type them
    for r in rows:
        plain = r["name"].translate(str.maketrans("éèêàâçôîïûü", "eeeaacoiiuu"))
        aliases = [a for a in (r["short_name"], r["name"], plain if plain != r["name"] else "") if a]
        r["aliases"] = "|".join(aliases)
    names = {r["id"]: (r["short_name"] or r["name"]) for r in rows}
    wave1_rows = [r for r in rows if r["id"] not in late]
    wave2_rows = [r for r in rows if r["id"] not in gone]
    links1 = true_links(rng, wave1_rows)
    # 2024: 12 % of the 2023 links end; new links are drawn as for 2023 with the ESS –
    # classic probability doubled (the programme's goal), and kept when new
    links2 = {k: v for k, v in sorted(links1.items()) if k[0] not in gone and k[1] not in gone and rng.random() >= 0.12}
    fresh = true_links(rng, wave2_rows, boost_cross=2.0)
    added = 0
    for k, (intensity, _start) in sorted(fresh.items()):
        pair_known = any((k[0], k[1]) == (a, b) or (k[1], k[0]) == (a, b) for a, b, _ in links1)
        if k not in links1 and not pair_known and rng.random() < 0.18:
            links2[k] = (intensity, f"2023-{1 + rng.randrange(12):02d}-01")
            added += 1
    responses1 = survey(rng, [r["id"] for r in wave1_rows], organiser)
    responses2 = survey(rng, [r["id"] for r in wave2_rows], organiser)
    columns = ["id", "name", "aliases", "short_name", "legal_family", "ess", "sector", "size", "commune", "latitude",
               "longitude", "tenancy"]
    write("structures.csv", columns, rows)
    write("link_types.csv", list(LINK_TYPES[0]), LINK_TYPES)
    affiliations = [{"structure": sid, "group": "la_fabrique", "role": "tenant", "start": "2022-09-01", "end": ""}
                    for sid in sorted(tenants)]
    by_sector: dict[str, list[str]] = {}
    for r in rows:
        by_sector.setdefault(r["sector"], []).append(r["id"])
    for group, sector in (("wg_food", "food"), ("wg_mobility", "mobility"), ("wg_employment", "employment")):
        members = sorted(rng.sample(sorted(by_sector[sector]), min(8, len(by_sector[sector]))))
        affiliations += [{"structure": sid, "group": group, "role": "member", "start": "2023-01-15", "end": ""}
                         for sid in members]
    write("affiliations.csv", ["structure", "group", "role", "start", "end"], affiliations)
    decl_columns = ["declarer", "partner", "type", "intensity", "direction", "start", "end", "source", "comment"]
    for wave, links, responses in (("2023", links1, responses1), ("2024", links2, responses2)):
        write(f"declarations-{wave}.csv", decl_columns, declarations(rng, links, responses, names, outsiders=True))
        write(f"responses-{wave}.csv", ["structure", "status"],
              [{"structure": sid, "status": st} for sid, st in sorted(responses.items())])
    (HERE / "dataset.json").write_text(
        '{\n  "name": "Territory demo (synthetic)",\n  "illustrative": true,\n  "synthetic": true,\n'
        '  "note": "A made-up territory: every structure, link, response and name is synthetic, generated by '
        'generate.py (seed 2024). Communes are real places used for the geography only."\n}\n',
        encoding="utf-8",
    )
    print(f"{len(rows)} structures; 2023: {len(links1)} true links, 2024: {len(links2)} ({added} new)")


if __name__ == "__main__":
    main()
