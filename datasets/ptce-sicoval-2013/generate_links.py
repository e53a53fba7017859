#!/usr/bin/env python3
"""Generate the ILLUSTRATIVE ``links.csv`` and ``responses.csv`` of the
``ptce-sicoval-2013`` dataset.

WHY THIS SCRIPT EXISTS
    The seminar report (GENIES, PTCE du Sicoval, 5 March 2013) names the
    structures and their status (tenants, public partners...) but lists no
    cooperation links and contains no survey. To give coopmap a realistic
    demo network on these *real* structures, this script builds an
    ILLUSTRATIVE, synthetic set of links and survey responses. They are NOT
    data collected from the organisations and must never be presented as such.

HOW THE LINKS ARE BUILT (column ``basis`` of links.csv)
    report      the link mirrors a fact stated in the report (e.g. the Labo de
                l'ESS presented the PTCE approach to GENIES; the Sicoval will own
                the premises and pays the structural works; a MIDACT support or a
                ministry budget is only envisaged -> status ``unconfirmed``).
                Type, weight and dates are still our modelling choices.
    background  the link mirrors public background knowledge about the
                organisations, not the report (e.g. ADEPES, Coop'Action, UREI and
                IES co-founded the Maison de l'Economie Solidaire in Ramonville).
    synthetic   drawn at random inside plausible thematic clusters
                (business-creation support, employment/home care, networks...).

    weight = intensity 1..3; start dates fall between 2011-01-01 and the
    seminar date 2013-03-05; a few synthetic links have an ``end`` date;
    about 15 % of synthetic links are ``unconfirmed``. Then every link with an
    end that did not answer (refused, unreached) becomes ``partner_did_not_respond``,
    so that ``confirmed`` means declared by two respondents (DESIGN §3). Exactly one occasional
    user is left isolated (realistic: no known tie) and is marked ``unreached``
    in responses.csv. Every link row carries ``illustrative=true``.

DETERMINISM
    Pure standard library. A single ``random.Random(2013)`` drives every draw,
    and every draw is made from an explicitly sorted list (never from a set or
    from dict ordering), so the output is byte-identical on every platform and
    Python 3 version. Files are written UTF-8, ``\\n`` line ends, RFC 4180
    quoting (csv module, QUOTE_MINIMAL).

USAGE (from the repository root)
    python3 datasets/ptce-sicoval-2013/generate_links.py

    The script reads ``structures.csv`` next to it only to check that every id
    it uses exists (and that it knows every structure); it then (re)writes
    ``links.csv`` and ``responses.csv`` next to it and checks the result
    (no self-loop, no duplicate (pair, type), weights > 0, connectivity).
"""

import csv
import datetime
import random
import sys
from pathlib import Path

SEED = 2013
HERE = Path(__file__).resolve().parent
REPORT_DATE = datetime.date(2013, 3, 5)
START_MIN = datetime.date(2011, 1, 1)
MAX_ISOLATES = 2

# --- structures, grouped by the status the report gives them (sorted lists) ---
PERMANENT = ["adepes", "adhaf", "coop_action", "coorace", "ies",
             "maison_initiative", "mp_coop_dev", "una", "urei_mp"]
PART_TIME = ["alter_habitat_mt", "bge"]
FUTURE = ["francas"]
OCCASIONAL = ["arcec", "cpca", "dire", "etymon", "initiative_pedagogie",
              "novetat", "parcours_confiance"]
PUBLIC = ["mairie_ramonville", "region_mp", "sicoval"]
OTHERS = ["genies", "labo_ess", "mes", "midact", "ministere_ess", "tv_ess"]
COMMITTED = sorted(PERMANENT + PART_TIME + FUTURE)   # will rent permanently
ALL_IDS = sorted(PERMANENT + PART_TIME + FUTURE + OCCASIONAL + PUBLIC + OTHERS)

# co-founders of the Maison de l'Economie Solidaire (public background)
MES_CORE = ["adepes", "coop_action", "ies", "urei_mp"]
# occasional users with no known tie: one of them is left isolated
ISOLATE_CANDIDATES = ["arcec", "dire", "initiative_pedagogie", "novetat"]

# thematic clusters for synthetic links
CREATION = ["bge", "coop_action", "etymon", "ies", "maison_initiative",
            "parcours_confiance"]
EMPLOYMENT = ["adhaf", "coorace", "una", "urei_mp"]
NETWORKS = ["adepes", "cpca", "francas", "mp_coop_dev"]
# structures that plausibly receive regional / local public funding
FUNDABLE = ["adepes", "adhaf", "bge", "coorace", "cpca", "etymon", "francas",
            "mp_coop_dev", "una", "urei_mp"]

DIRECTED = {"subcontracting", "supply", "co_funding", "training",
            "governance_seat", "referral", "media_coverage"}
UNDIRECTED = {"shared_premises", "shared_services", "shared_staff",
              "shared_equipment", "joint_project", "know_how"}

LINK_COLUMNS = ["source", "target", "type", "weight", "start", "end",
                "status", "illustrative", "basis", "note"]


class Links:
    """Collects links, canonicalises undirected pairs, refuses duplicates."""

    def __init__(self, rng, known_ids):
        self.rng = rng
        self.known = set(known_ids)
        self.rows = []
        self.keys = set()

    def key(self, source, target, ltype):
        if ltype in UNDIRECTED:
            a, b = sorted((source, target))
            return (ltype, a, b)
        return (ltype, source, target)

    def has(self, source, target, ltype):
        return self.key(source, target, ltype) in self.keys

    def rand_date(self, lo=START_MIN, hi=REPORT_DATE):
        return datetime.date.fromordinal(
            self.rng.randint(lo.toordinal(), hi.toordinal()))

    def add(self, source, target, ltype, weight, start=None, end="",
            status="confirmed", basis="synthetic", note=""):
        """Add a link; returns False (and adds nothing) on a duplicate."""
        if ltype not in DIRECTED and ltype not in UNDIRECTED:
            raise ValueError("unknown link type %r" % ltype)
        for sid in (source, target):
            if sid not in self.known:
                raise ValueError("unknown structure id %r" % sid)
        if source == target:
            raise ValueError("self-loop on %r" % source)
        k = self.key(source, target, ltype)
        if k in self.keys:
            return False
        if ltype in UNDIRECTED:
            source, target = k[1], k[2]
        if start is None:
            start = self.rand_date()
        self.keys.add(k)
        self.rows.append({
            "source": source, "target": target, "type": ltype,
            "weight": str(weight), "start": start.isoformat(),
            "end": end.isoformat() if end else "",
            "status": status, "illustrative": "true",
            "basis": basis, "note": note,
        })
        return True

    def synthetic(self, source, target, ltype, wmin=1, wmax=3, note=""):
        """Random weight, date, status and (rarely) end date."""
        if self.has(source, target, ltype) or source == target:
            return False
        weight = self.rng.randint(wmin, wmax)
        start = self.rand_date()
        status = "unconfirmed" if self.rng.random() < 0.15 else "confirmed"
        end = ""
        if self.rng.random() < 0.06:
            lo = start + datetime.timedelta(days=90)
            if lo < REPORT_DATE:
                end = self.rand_date(lo, REPORT_DATE)
        return self.add(source, target, ltype, weight, start, end, status,
                        "synthetic", note)


def pairs(ids):
    """All unordered pairs of a sorted list, in a stable order."""
    ids = sorted(ids)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]


def ordered_pairs(ids):
    ids = sorted(ids)
    return [(a, b) for a in ids for b in ids if a != b]


def read_structure_ids():
    with open(HERE / "structures.csv", encoding="utf-8", newline="") as f:
        return sorted(row["id"] for row in csv.DictReader(f))


def build(rng):
    L = Links(rng, ALL_IDS)
    seminar = REPORT_DATE

    # ------------------------------------------------------------------ report
    L.add("sicoval", "genies", "co_funding", 3, basis="report",
          note="Sicoval will own the premises and pays the structural works "
               "(gros œuvre); it hosted the seminar")
    L.add("region_mp", "genies", "co_funding", 2, basis="report",
          note="public partner supporting the PTCE project")
    for funder, w in (("sicoval", 2), ("region_mp", 2), ("mairie_ramonville", 1)):
        L.add(funder, "genies", "governance_seat", w, basis="report",
              note="public partners' steering committee (comité de pilotage, "
                   "next one on 19 March 2013)")
    L.add("labo_ess", "genies", "know_how", 2, seminar, basis="report",
          note="presentation of the PTCE approach by the Labo ESS at the seminar")
    L.add("midact", "genies", "know_how", 1, seminar, status="unconfirmed",
          basis="report",
          note="MIDACT offers working-conditions support; to be validated by "
               "GENIES members")
    L.add("region_mp", "midact", "co_funding", 1, seminar, status="unconfirmed",
          basis="report",
          note="in-depth MIDACT follow-up possible only if public partners fund it")
    L.add("tv_ess", "genies", "media_coverage", 1, seminar, basis="report",
          note="filmed the afternoon workshops, interviewed participants")
    L.add("ministere_ess", "genies", "co_funding", 1, seminar,
          status="unconfirmed", basis="report",
          note="requests under way at the ESS ministry for PTCE engineering "
               "budgets")
    L.add("genies", "mes", "know_how", 2, basis="report",
          note='report: "Partir du travail de coopération de la Maison de '
               'l\'Economie Solidaire et voir comment cela peut servir"')
    L.add("genies", "mes", "shared_premises", 1, basis="report",
          note="the MES hosts GENIES meetings, e.g. its general assembly "
               "of 15 March 2013")
    L.add("coop_action", "genies", "shared_premises", 2, seminar,
          status="unconfirmed", basis="report",
          note='planned co-working space: "dont 6 réservés pour les '
               'coopérateurs de Coop\'action"')
    L.add("coop_action", "genies", "supply", 1, seminar, status="unconfirmed",
          basis="report",
          note="possible ESS contractors for the interior fit-out "
               "(aménagement intérieur)")
    for sid in COMMITTED:
        if sid in PERMANENT:
            w, status, what = rng.randint(2, 3), "confirmed", "permanent tenant"
        elif sid in PART_TIME:
            w, status, what = rng.randint(1, 2), "confirmed", "part-time tenant"
        else:
            w, status, what = 1, "unconfirmed", "future permanent tenant (2014)"
        L.add("genies", sid, "joint_project", w, status=status, basis="report",
              note="co-construction of the PTCE; candidate " + what)

    # -------------------------------------------------------------- background
    for a, b in pairs(MES_CORE):
        L.add(a, b, "shared_premises", 3, basis="background",
              note="co-founders of the Maison de l'Economie Solidaire, Ramonville")
    L.add("adepes", "mes", "shared_services", 3, basis="background",
          note="ADEPES coordinates the MES")
    L.add("sicoval", "mes", "co_funding", 2, basis="background",
          note="MES set up with the Sicoval and the Ville de Ramonville")
    L.add("mairie_ramonville", "mes", "co_funding", 2, basis="background",
          note="MES set up with the Sicoval and the Ville de Ramonville")
    L.add("sicoval", "ies", "co_funding", 1, basis="background",
          note="legal-person shareholder of the IES cooperative")
    L.add("region_mp", "ies", "co_funding", 1, basis="background",
          note="legal-person shareholder of the IES cooperative")
    L.add("etymon", "ies", "referral", 1, basis="background",
          note="entrepreneurs supported by Etymon financed by IES")

    # --------------------------------------------------------------- synthetic
    # premises sharing among permanent tenants (beyond the MES core)
    for a, b in pairs(PERMANENT):
        if a in MES_CORE and b in MES_CORE:
            continue
        if rng.random() < 0.15:
            L.synthetic(a, b, "shared_premises")
    for sid in PERMANENT:
        if not any(r["type"] == "shared_premises" and sid in (r["source"], r["target"])
                   for r in L.rows):
            L.synthetic(sid, rng.choice(MES_CORE), "shared_premises")
    for sid in PART_TIME:
        L.synthetic(sid, rng.choice(PERMANENT), "shared_premises", 1, 1,
                    note="part-time presence (2 days a week)")

    # thematic clusters
    for a, b in rng.sample(pairs(CREATION), 4):
        L.synthetic(a, b, "know_how")
    for a, b in rng.sample(ordered_pairs(CREATION), 3):
        L.synthetic(a, b, "referral")
    for a, b in rng.sample(pairs(EMPLOYMENT), 3):
        L.synthetic(a, b, "joint_project")
    a, b = rng.choice(pairs(EMPLOYMENT))
    L.synthetic(a, b, "shared_staff", 1, 2)
    for a, b in rng.sample(pairs(NETWORKS), 3):
        L.synthetic(a, b, "know_how")
    a, b = rng.choice(ordered_pairs(NETWORKS))
    L.synthetic(a, b, "governance_seat", 1, 2)

    # a few cross-cluster ties among committed tenants
    cross_types = ["joint_project", "know_how", "shared_equipment",
                   "shared_services"]
    for a, b in rng.sample(pairs(COMMITTED), 4):
        L.synthetic(a, b, rng.choice(cross_types))

    # occasional users: 1-2 light ties each, except one isolate
    isolate = rng.choice(ISOLATE_CANDIDATES)
    occ_types = ["joint_project", "know_how", "referral", "shared_equipment",
                 "subcontracting", "training"]
    hosts = sorted(PERMANENT + PART_TIME)
    for sid in OCCASIONAL:
        if sid == isolate:
            continue
        for _ in range(rng.randint(1, 2)):
            other = rng.choice(hosts)
            ltype = rng.choice(occ_types)
            if ltype in DIRECTED and rng.random() < 0.5:
                L.synthetic(other, sid, ltype, 1, 2)
            else:
                L.synthetic(sid, other, ltype, 1, 2)

    # public funding (source = funder) and a couple of training ties
    for sid in rng.sample(FUNDABLE, 4):
        L.synthetic("region_mp", sid, "co_funding")
    for sid in rng.sample(FUNDABLE, 2):
        L.synthetic("sicoval", sid, "co_funding", 1, 2)
    L.synthetic("mairie_ramonville", rng.choice(FUNDABLE), "co_funding", 1, 1)
    L.synthetic("midact", rng.choice(EMPLOYMENT), "training", 1, 1)
    L.synthetic("francas", rng.choice([s for s in NETWORKS if s != "francas"]),
                "training", 1, 2)

    L.rows.sort(key=lambda r: (r["source"], r["target"], r["type"]))
    return L.rows, isolate


def build_responses(rng, isolate):
    """~75 % response; GENIES (survey organiser) complete, isolate unreached."""
    n = len(ALL_IDS)
    n_resp = round(0.75 * n)
    n_complete = round(0.70 * n_resp)
    pool = [sid for sid in ALL_IDS if sid not in ("genies", isolate)]
    rng.shuffle(pool)
    respondents = ["genies"] + pool[:n_resp - 1]
    others = pool[n_resp - 1:]
    status = {}
    for i, sid in enumerate(respondents):
        status[sid] = "complete" if i < n_complete else "partial"
    n_refused = len(others) // 2
    for i, sid in enumerate(others):
        status[sid] = "refused" if i < n_refused else "unreached"
    status[isolate] = "unreached"
    return [(sid, status[sid]) for sid in ALL_IDS]


def apply_responses(rows, responses):
    """A link is ``confirmed`` or ``unconfirmed`` only when both ends answered the survey
    (complete or partial), as the inventory derives it (DESIGN §3); a link with an end
    that refused or was unreached rests on one declaration at most:
    ``partner_did_not_respond``. No random draw, so the links themselves do not move."""
    answered = {sid for sid, st in responses if st in ("complete", "partial")}
    for r in rows:
        if r["source"] not in answered or r["target"] not in answered:
            r["status"] = "partner_did_not_respond"


def check(rows, responses):
    seen = set()
    for r in rows:
        assert r["source"] != r["target"], r
        assert int(r["weight"]) > 0, r
        k = (r["type"],) + ((r["source"], r["target"]) if r["type"] in DIRECTED
                            else tuple(sorted((r["source"], r["target"]))))
        assert k not in seen, k
        seen.add(k)
    # connectivity of the undirected projection
    adj = {sid: set() for sid in ALL_IDS}
    for r in rows:
        adj[r["source"]].add(r["target"])
        adj[r["target"]].add(r["source"])
    isolates = sorted(sid for sid in ALL_IDS if not adj[sid])
    assert len(isolates) <= MAX_ISOLATES, isolates
    assert all(sid in OCCASIONAL for sid in isolates), isolates
    rest = [sid for sid in ALL_IDS if adj[sid]]
    todo, reached = [rest[0]], {rest[0]}
    while todo:
        for nb in sorted(adj[todo.pop()]):
            if nb not in reached:
                reached.add(nb)
                todo.append(nb)
    assert reached == set(rest), sorted(set(rest) - reached)
    assert [s for s, _ in responses] == ALL_IDS
    return isolates


def main():
    ids = read_structure_ids()
    if ids != ALL_IDS:
        sys.exit("structures.csv ids differ from the script's lists: "
                 "missing %s, unknown %s" % (sorted(set(ALL_IDS) - set(ids)),
                                             sorted(set(ids) - set(ALL_IDS))))
    rng = random.Random(SEED)
    rows, isolate = build(rng)
    responses = build_responses(rng, isolate)
    apply_responses(rows, responses)
    isolates = check(rows, responses)

    with open(HERE / "links.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=LINK_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open(HERE / "responses.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["structure", "status"])
        w.writerows(responses)

    print("links.csv: %d links; responses.csv: %d structures; isolates: %s"
          % (len(rows), len(responses), ", ".join(isolates) or "none"))


if __name__ == "__main__":
    main()
