"""Writes ``declarations-2013.csv``: an ILLUSTRATIVE survey wave behind ``links.csv``.

Each link of ``links.csv`` becomes the survey declarations that would produce it, given
``responses.csv`` (complete and partial count as answered):

* a ``confirmed`` link whose two ends answered is declared by both ends;
* an ``unconfirmed`` link whose two ends answered is declared by its source only;
* a link with one end that did not answer is declared by the end that answered only
  (the inventory derives it as ``partner_did_not_respond``);
* a link whose two ends did not answer is declared by its source, with
  ``source=report`` (the seminar report, not the survey).

Directed types: the source declares ``out`` (written as an empty cell half of the time,
``out`` being the default), the target declares ``in``. Intensity = the link weight;
start/end = the link dates. A seeded 12 % of the names are written as an alias of the
structure (name variants, resolved through ``structures.csv``), and two declarations
name partners that are not in ``structures.csv`` (they show up as unresolved partners in
the import report). Seeded with ``random.Random(20130305)``, standard library only,
byte-identical output on every run.

    python3 datasets/ptce-sicoval-2013/generate_declarations.py
"""

import csv
import random
from pathlib import Path

SEED = 20130305
HERE = Path(__file__).resolve().parent
ALIAS_RATE = 0.12
COLUMNS = ["declarer", "partner", "type", "intensity", "direction", "start", "end", "source", "comment"]
UNRESOLVED = [
    # (declarer, partner text that is no structure of the dataset, type, direction)
    ("genies", "Conseil départemental de la Haute-Garonne", "co_funding", "in"),
    ("ies", "France Active Midi-Pyrénées", "know_how", ""),
]


def read(name):
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    rng = random.Random(SEED)
    aliases = {r["id"]: sorted(a for a in r["aliases"].split("|") if a) for r in read("structures.csv")}
    directed = {r["code"]: r["directed"] == "true" for r in read("link_types.csv")}
    answered = {r["structure"] for r in read("responses.csv") if r["status"] in ("complete", "partial")}

    def name(sid):
        if aliases[sid] and rng.random() < ALIAS_RATE:
            return rng.choice(aliases[sid])
        return sid

    rows = []

    def declare(declarer, partner, link, side, source="survey"):
        direction = ""
        if directed[link["type"]]:
            direction = "in" if side == "target" else ("out" if rng.random() < 0.5 else "")
        rows.append({
            "declarer": name(declarer), "partner": name(partner), "type": link["type"],
            "intensity": link["weight"], "direction": direction, "start": link["start"], "end": link["end"],
            "source": source, "comment": link["note"] if side == "source" else "",
        })

    for link in read("links.csv"):
        s, t = link["source"], link["target"]
        if s in answered and t in answered:
            declare(s, t, link, "source")
            if link["status"] == "confirmed":
                declare(t, s, link, "target")
        elif s in answered:
            declare(s, t, link, "source")
        elif t in answered:
            declare(t, s, link, "target")
        else:
            declare(s, t, link, "source", source="report")
    for declarer, partner, ltype, direction in UNRESOLVED:
        rows.append({"declarer": declarer, "partner": partner, "type": ltype, "intensity": "1",
                     "direction": direction, "start": "", "end": "", "source": "survey",
                     "comment": "partner not in the structures list (illustrative unresolved name)"})

    with open(HERE / "declarations-2013.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("declarations-2013.csv: %d declarations" % len(rows))


if __name__ == "__main__":
    main()
