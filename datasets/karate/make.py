#!/usr/bin/env python3
"""Build datasets/karate/{structures,links}.csv from networkx's copy of
Zachary's karate club network.

Source: ``networkx.karate_club_graph()`` (networkx 3.x), i.e. W. W. Zachary
(1977), 34 members, 78 ties. networkx nodes are 0-based; the paper numbers
members 1..34. We write:

* structures.csv  ``id,name,node,club``
    id   = ``n0`` .. ``n33`` (networkx node number with an ``n`` prefix, so
           ids are never mistaken for numbers)
    node = the paper's 1-based member number (int)
    club = networkx's ``club`` node attribute: ``Mr. Hi`` or ``Officer``
* links.csv       ``source,target,weight``
    the 78 undirected ties, source < target by node number, with the
    networkx ``weight`` (number of contexts in which the two members
    interacted, from Zachary's matrix C).

Deterministic: rows are sorted; UTF-8, ``\\n`` line ends, RFC 4180 quoting.
Usage, from the repository root:  python3 datasets/karate/make.py
"""
import csv
from pathlib import Path

import networkx as nx

HERE = Path(__file__).resolve().parent
NAMES = {0: "Member 1 (Mr. Hi, the instructor)",
         33: "Member 34 (John A., the club president)"}


def main():
    G = nx.karate_club_graph()
    assert G.number_of_nodes() == 34 and G.number_of_edges() == 78
    with open(HERE / "structures.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "node", "club"])
        for n in sorted(G.nodes()):
            w.writerow(["n%d" % n, NAMES.get(n, "Member %d" % (n + 1)), n + 1,
                        G.nodes[n]["club"]])
    edges = sorted((min(u, v), max(u, v), d["weight"])
                   for u, v, d in G.edges(data=True))
    with open(HERE / "links.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "weight"])
        for u, v, wt in edges:
            assert u != v and wt > 0
            w.writerow(["n%d" % u, "n%d" % v, int(wt)])
    print("karate: %d structures, %d links (networkx %s)"
          % (G.number_of_nodes(), len(edges), nx.__version__))


if __name__ == "__main__":
    main()
