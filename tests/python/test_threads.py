"""Python threads and the GIL: the compiled calls that release the GIL
(read_csv, simple_view, filter_links, filter_structures, write_csv) give the same
results when 4 threads run them at once on different networks as when they run one
after the other."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

import coopmap as cm
from conftest import DATASETS, typed_records

SETS = ["karate", "florentine", "ptce-sicoval-2013"]


def work(task: int, out: Path) -> dict:
    """Everything one task computes, as plain comparable values."""
    name = SETS[task % len(SETS)]
    directed = task % 2 == 1
    d = DATASETS / name
    net = cm.read_csv(d / "structures.csv", d / "links.csv", directed=directed)
    res: dict = {"structures": typed_records(net.structures()), "links": typed_records(net.links())}
    for agg in ("sum", "max", "count", "binary"):
        g = net.simple_view(aggregate=agg)
        res[agg] = (g.indptr.tolist(), g.indices.tolist(), g.weights.tolist())
    g = net.simple_view(undirected=True)
    res["undirected"] = (g.indptr.tolist(), g.indices.tolist(), g.weights.tolist())
    types = net.link_types()
    res["filtered"] = typed_records(net.filter_links(type=types[:1]).links())
    res["sub"] = typed_records(net.filter_structures(ids=net.structure_ids()[::2]).links())
    out.mkdir(parents=True, exist_ok=True)
    net.write_csv(structures=out / "s.csv", links=out / "l.csv")
    res["written"] = (out / "s.csv").read_bytes() + b"--" + (out / "l.csv").read_bytes()
    back = cm.read_csv(out / "s.csv", out / "l.csv", directed=directed)
    res["back"] = typed_records(back.links())
    return res


def test_four_threads_match_sequential(tmp_path):
    tasks = list(range(24))  # each (dataset, directed) pair 4 times
    expected = [work(t, tmp_path / "seq" / str(t)) for t in tasks]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: work(t, tmp_path / "par" / str(t)), tasks))
    for t in tasks:
        assert got[t] == expected[t], f"task {t} differs under threads"
    # the tasks differ from each other, so a mix-up between threads would be seen
    assert expected[0]["links"] != expected[1]["links"] or expected[0]["sum"] != expected[1]["sum"]
    assert expected[0]["structures"] != expected[2]["structures"]


def test_threads_share_one_network_read_only():
    net = cm.load_dataset("ptce-sicoval-2013")
    ref = net.simple_view()

    def view(_: int) -> tuple:
        g = net.simple_view()
        return (g.indptr.tolist(), g.indices.tolist(), g.weights.tolist())

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(view, range(16)))
    for r in results:
        assert r == (ref.indptr.tolist(), ref.indices.tolist(), ref.weights.tolist())
    assert np.asarray(ref.weights).size > 0
