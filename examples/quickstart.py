"""The Python quick start: build a small network, load the bundled PTCE dataset,
convert to networkx. Run: python examples/quickstart.py"""
from pathlib import Path

import coopmap as cm

net = cm.Network()  # undirected; cm.Network(directed=True) for directed
net.add_structure("ies", name="IES", legal_family="association", tenancy="permanent")
net.add_structure("bge", name="BGE", tenancy="part-time")
net.add_link("ies", "bge", type="shared_premises", weight=2.0)
print(len(net), "structures,", net.number_of_links(), "link:", net.links()[0])
print(net.structure("ies"))

folder = Path(__file__).resolve().parents[1] / "datasets" / "ptce-sicoval-2013"
ptce = cm.read_csv(structures=folder / "structures.csv", links=folder / "links.csv")
print(len(ptce), "structures,", ptce.number_of_links(), "links, types:", ", ".join(ptce.link_types()))

G = ptce.to_networkx()
print(type(G).__name__, G.number_of_nodes(), "nodes,", G.number_of_edges(), "edges")
back = cm.from_networkx(G)
assert len(back) == len(ptce) and back.number_of_links() == ptce.number_of_links()
