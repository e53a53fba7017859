"""Writes ``responses-2014.csv`` and ``declarations-2014.csv``: an ILLUSTRATIVE second
survey wave, one year after the seminar, so that two waves of the inventory can be
compared (``Inventory.compare``). Nothing here was collected from the organisations.

How the wave is drawn from the 2013 files (``links.csv``, ``responses.csv``):

* Responses: a structure that answered in 2013 answers again with probability 0.85; one
  that did not answer (refused, unreached) answers now with probability 0.5, so some
  2013 links whose partner was silent get confirmed in 2014 (a status change, not a new
  link). GENIES, which runs the survey, always answers; the 2013 isolate stays unreached.
  An answer is ``complete`` with probability 0.7, else ``partial``; a silence is
  ``refused`` or ``unreached`` with probability 0.5 each.
* Links: a 2013 link with an ``end`` date before the survey (2014-03-01) has ended; every
  other one goes on with probability 0.9. Six new links are drawn between structures that
  answer in 2014 and were not linked yet, with a two-way type (joint project, know-how
  exchange, shared services) and a start date in the year after the seminar.
* Declarations, by the rules of ``generate_declarations.py``: a link whose two ends answer
  is declared by both ends with probability 0.8 (confirmed), else by its source only
  (unconfirmed); a link with one silent end is declared by the end that answered; a link
  whose two ends are silent is not observed by the survey and is not written.

Seeded with ``random.Random(20140301)``; every draw is made from a sorted list, so the
output is byte-identical on every run and platform. Standard library only.

    python3 datasets/ptce-sicoval-2013/generate_wave_2014.py
"""

import csv
import datetime
import random
from pathlib import Path

SEED = 20140301
HERE = Path(__file__).resolve().parent
SURVEY_DATE = "2014-03-01"
ANSWERED = ("complete", "partial")
ORGANISER = "genies"
ISOLATE = "initiative_pedagogie"
NEW_LINKS = 6
NEW_TYPES = ["joint_project", "know_how", "shared_services"]
COLUMNS = ["declarer", "partner", "type", "intensity", "direction", "start", "end", "source", "comment"]


def read(name):
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def responses_2014(rng, before):
    out = {}
    for sid in sorted(before):
        if sid == ORGANISER:
            answers = True
        elif sid == ISOLATE:
            answers = False
        else:
            answers = rng.random() < (0.85 if before[sid] in ANSWERED else 0.5)
        if answers:
            out[sid] = "complete" if rng.random() < 0.7 else "partial"
        else:
            out[sid] = "unreached" if sid == ISOLATE or rng.random() < 0.5 else "refused"
    return out


def links_2014(rng, links, answered):
    kept = [l for l in links if not (l["end"] and l["end"] < SURVEY_DATE) and rng.random() < 0.9]
    linked = {frozenset((l["source"], l["target"])) for l in links}
    candidates = sorted(answered - {ISOLATE})
    first = datetime.date(2013, 3, 6)
    new = []
    while len(new) < NEW_LINKS:
        s, t = sorted(rng.sample(candidates, 2))
        if frozenset((s, t)) in linked:
            continue
        linked.add(frozenset((s, t)))
        start = first + datetime.timedelta(days=rng.randrange(360))
        new.append({"source": s, "target": t, "type": rng.choice(NEW_TYPES), "weight": str(rng.randint(1, 3)),
                    "start": start.isoformat(), "end": "", "note": "new in 2014 (illustrative)"})
    return kept + new


def main():
    rng = random.Random(SEED)
    aliases = {r["id"]: sorted(a for a in r["aliases"].split("|") if a) for r in read("structures.csv")}
    directed = {r["code"]: r["directed"] == "true" for r in read("link_types.csv")}
    before = {r["structure"]: r["status"] for r in read("responses.csv")}
    status = responses_2014(rng, before)
    answered = {sid for sid, st in status.items() if st in ANSWERED}
    links = links_2014(rng, read("links.csv"), answered)

    def name(sid):
        if aliases[sid] and rng.random() < 0.12:
            return rng.choice(aliases[sid])
        return sid

    rows = []

    def declare(declarer, partner, link, side):
        direction = ""
        if directed[link["type"]]:
            direction = "in" if side == "target" else "out"
        rows.append({"declarer": name(declarer), "partner": name(partner), "type": link["type"],
                     "intensity": link["weight"], "direction": direction, "start": link["start"],
                     "end": link["end"], "source": "survey", "comment": ""})

    for link in links:
        s, t = link["source"], link["target"]
        if s in answered and t in answered:
            declare(s, t, link, "source")
            if rng.random() < 0.8:
                declare(t, s, link, "target")
        elif s in answered:
            declare(s, t, link, "source")
        elif t in answered:
            declare(t, s, link, "target")

    with open(HERE / "responses-2014.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["structure", "status"])
        w.writerows(sorted(status.items()))
    with open(HERE / "declarations-2014.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("responses-2014.csv: %d structures (%d answered); declarations-2014.csv: %d declarations, %d links"
          % (len(status), len(answered), len(rows), len(links)))


if __name__ == "__main__":
    main()
