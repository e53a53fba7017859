"""Import limits: does CSV import scale linearly, how much memory does
it take, and how does it compare with the usual Python route?

Generates seeded CSV files (structures n = m / 4, links m = 1e5, 2e5, 4e5, 8e5, random
pairs without self-loops, a type among 6, a weight, a start date and a text attribute)
and times, median of 3 runs, in the same process:

* coopmap   ``cm.read_csv(structures, links)`` (parse + validate + build the Network),
            then ``simple_view()``;
* pandas    ``pd.read_csv`` of both files (parse only, no validation);
* igraph    pandas + ``igraph.Graph.DataFrame(links, vertices=structures)``
            (what an igraph user does; checks that ends are known vertices);
* networkx  pandas + ``nx.from_pandas_edgelist`` + node attributes (only up to 2e5).

"quality" is whether the peer built the same numbers of vertices and edges. A linear
import has a constant time per link (column "us/link") as m doubles. Peak memory is
measured in a fresh subprocess per tool (VmHWM) on the largest size. A last row
reads a file holding one 50 MB field.

Run:  .venv/bin/python benchmarks/bench_reliability.py   (appends to results_reliability.md)
"""
from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd

import coopmap as cm
from _harness import append_results, markdown_table, median_time, stamp
SIZES = [100_000, 200_000, 400_000, 800_000]
TYPES = ["shared_premises", "joint_project", "supply", "training", "co_funding", "referral"]


def make_files(folder: Path, m: int, seed: int = 9) -> tuple[Path, Path, int]:
    rng = random.Random(seed)
    n = m // 4
    s = folder / f"s{m}.csv"
    l = folder / f"l{m}.csv"
    with s.open("w") as f:
        f.write("id,name,legal_family,employees\n")
        for i in range(n):
            f.write(f"s{i},Structure {i},{rng.choice(['association', 'scop', 'company'])},{rng.randint(1, 500)}\n")
    with l.open("w") as f:
        f.write("source,target,type,weight,start,note\n")
        for _ in range(m):
            a = rng.randrange(n)
            b = rng.randrange(n - 1)
            b += b >= a
            f.write(f"s{a},s{b},{rng.choice(TYPES)},{rng.randint(1, 5)},20{rng.randint(10, 23)}-0{rng.randint(1, 9)},"
                    f"\"note, {rng.randint(0, 99)}\"\n")
    return s, l, n


def run_coopmap(s: Path, l: Path):
    net = cm.read_csv(s, l)
    g = net.simple_view()
    return net.number_of_structures(), net.number_of_links(), g


def run_pandas(s: Path, l: Path):
    sv, lv = pd.read_csv(s), pd.read_csv(l)
    return len(sv), len(lv)


def run_igraph(s: Path, l: Path):
    sv, lv = pd.read_csv(s), pd.read_csv(l)
    g = ig.Graph.DataFrame(lv, directed=False, vertices=sv.rename(columns={"name": "label"}), use_vids=False)
    return g.vcount(), g.ecount()


def run_networkx(s: Path, l: Path):
    sv, lv = pd.read_csv(s), pd.read_csv(l)
    G = nx.from_pandas_edgelist(lv, "source", "target", edge_attr=True, create_using=nx.MultiGraph)
    G.add_nodes_from(sv["id"])
    nx.set_node_attributes(G, sv.set_index("id").to_dict("index"))
    return G.number_of_nodes(), G.number_of_edges()


PEAK_SNIPPET = """
import sys
tool, s, l, work = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
import pandas as pd, igraph as ig, coopmap as cm
if work and tool == "coopmap":
    net = cm.read_csv(s, l); g = net.simple_view()
elif work and tool == "pandas":
    a, b = pd.read_csv(s), pd.read_csv(l)
elif work and tool == "igraph":
    g = ig.Graph.DataFrame(pd.read_csv(l), directed=False, vertices=pd.read_csv(s).rename(columns={'name': 'label'}), use_vids=False)
# VmHWM, not ru_maxrss: ru_maxrss survives fork + exec, so it would report the peak of
# this (large) benchmark process instead of the child's own.
print(next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:")))
"""


def peak_mb(tool: str, s: Path, l: Path) -> float:
    """Peak RSS of a fresh process doing the import, minus that of one only importing the modules."""
    rss = [int(subprocess.run([sys.executable, "-c", PEAK_SNIPPET, tool, str(s), str(l), w], capture_output=True,
                              text=True, check=True).stdout) for w in ("0", "1")]
    return (rss[1] - rss[0]) / 1024  # KiB -> MiB


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for m in SIZES:
            s, l, n = make_files(folder, m)
            t_cm, (n_cm, m_cm, _) = median_time(lambda: run_coopmap(s, l))
            t_pd, _ = median_time(lambda: run_pandas(s, l))
            t_ig, (n_ig, m_ig) = median_time(lambda: run_igraph(s, l))
            if m <= 200_000:
                t_nx, (n_nx, m_nx) = median_time(lambda: run_networkx(s, l))
                nx_cell = f"{t_nx:.3f} ({'same' if (n_nx, m_nx) == (n, m) else 'DIFFERENT'} n, m)"
            else:
                t_nx, nx_cell = float("inf"), "skipped"
            fastest = min(t_pd, t_ig, t_nx)
            rows.append([f"{m:,}", f"{n:,}", f"{t_cm:.3f}", f"{1e6 * t_cm / m:.2f}", f"{t_pd:.3f}",
                         f"{t_ig:.3f} ({'same' if (n_ig, m_ig) == (n, m) else 'DIFFERENT'} n, m)", nx_cell,
                         f"{t_cm / fastest:.2f}", "ok" if (n_cm, m_cm) == (n, m) else "WRONG"])
            print(rows[-1], flush=True)
        big_m = SIZES[-1]
        s, l = folder / f"s{big_m}.csv", folder / f"l{big_m}.csv"
        mem = {tool: peak_mb(tool, s, l) for tool in ("coopmap", "pandas", "igraph")}
        size_mb = (s.stat().st_size + l.stat().st_size) / 2**20
        huge = folder / "huge.csv"
        huge.write_text("id,name\na,\"" + "x" * (50 * 2**20) + "\"\nb,B\n")
        t_huge, _ = median_time(lambda: cm.read_csv(huge))
        t_huge_pd, _ = median_time(lambda: pd.read_csv(huge))

    table = markdown_table(
        ["links m", "structures n", "coopmap read_csv + simple_view (s)", "us/link", "pandas read only (s)",
         "pandas + igraph.Graph.DataFrame (s)", "pandas + networkx (s)", "coopmap / fastest peer", "coopmap n, m"], rows)
    mem_line = (f"Peak memory above the interpreter, {SIZES[-1]:,} links ({size_mb:.0f} MB of CSV): "
                + ", ".join(f"{k} {v:.0f} MB" for k, v in mem.items()))
    huge_line = f"One 50 MB quoted field: coopmap {t_huge:.3f} s, pandas {t_huge_pd:.3f} s (median of 3)."
    append_results("results_reliability.md", "\n".join([f"## {stamp()}", "", table, mem_line, "", huge_line]))


if __name__ == "__main__":
    main()
