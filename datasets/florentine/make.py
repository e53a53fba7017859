#!/usr/bin/env python3
"""Build datasets/florentine/{structures,links}.csv from networkx's
``florentine_families_graph()`` (Padgett's Florentine families, marriage
ties, as distributed by Breiger & Pattison 1986).

networkx returns 15 families and 20 marriage ties: it drops the Pucci
family, which has no marriage tie in the data. Padgett's data has 16
families, so Pucci is added back here as an isolated structure.

* structures.csv  ``id,name,in_networkx``  (id = lowercase family name)
* links.csv       ``source,target,type``   (type = ``marriage``; undirected,
  source < target alphabetically)

Deterministic: rows are sorted; UTF-8, ``\\n`` line ends, RFC 4180 quoting.
Usage, from the repository root:  python3 datasets/florentine/make.py
"""
import csv
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
ISOLATES = ["Pucci"]  # in Padgett's data, absent from networkx's graph


def main():
    G = nx.florentine_families_graph()
    assert G.number_of_nodes() == 15 and G.number_of_edges() == 20
    families = sorted(set(G.nodes()) | set(ISOLATES))
    with open(HERE / "structures.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "in_networkx"])
        for fam in families:
            w.writerow([fam.lower(), fam, "true" if fam in G else "false"])
    edges = sorted(tuple(sorted((u.lower(), v.lower()))) for u, v in G.edges())
    with open(HERE / "links.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "type"])
        for u, v in edges:
            assert u != v
            w.writerow([u, v, "marriage"])
    print("florentine: %d structures (%d isolated), %d links (networkx %s)"
          % (len(families), len(ISOLATES), len(edges), nx.__version__))


if __name__ == "__main__":
    main()
