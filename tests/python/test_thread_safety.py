"""Plain Python code cannot crash the interpreter (see also test_threads.py): a Network shared between threads, and
long computations stopped with Ctrl-C.

Each scenario runs in a child process, so that a crash (the "double free or corruption"
abort seen before the fix) fails the test instead of killing pytest.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import venv_python

MUTATE_WHILE_READING = textwrap.dedent('''
    import os, sys, tempfile, threading
    import coopmap as cm
    net = cm.Network()
    for i in range(3000):
        net.add_structure(f"s{i}")
    for i in range(3000):
        net.add_link(f"s{i}", f"s{(i * 7 + 1) % 3000}", type="x" if i % 2 else "y")
    out = tempfile.mkdtemp()
    stop = threading.Event()
    reads = 0

    def reader():
        global reads
        while not stop.is_set():
            cm.betweenness(net, k=50, seed=0)
            net.simple_view(aggregate="sum")
            net.filter_links(type="x")
            net.write_csv(structures=os.path.join(out, "s.csv"), links=os.path.join(out, "l.csv"))
            reads += 1

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    done = refused = 0
    for i in range(20000):
        try:
            if i % 2 == 0:
                net.add_link("s1", f"s{(i % 2999) + 1}", type="z")
            else:
                net.remove_link("s1", f"s{((i - 1) % 2999) + 1}", type="z")
            done += 1
        except RuntimeError as e:
            assert "another thread is computing on this network" in str(e), e
            refused += 1
    stop.set()
    for t in threads:
        t.join()
    print("ok", done, refused, reads)
''')


def test_mutating_a_network_while_other_threads_compute_on_it_never_crashes():
    r = subprocess.run([venv_python(), "-c", MUTATE_WHILE_READING], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    ok, done, refused, reads = r.stdout.split()
    assert ok == "ok" and int(reads) > 0
    # the readers release the GIL: some mutations met a computation and were refused
    assert int(refused) > 0 and int(done) + int(refused) == 20000


INTERRUPTED = textwrap.dedent('''
    import sys, time
    import networkx as nx
    import coopmap as cm
    net = cm.from_networkx(nx.gnp_random_graph(int(sys.argv[2]), float(sys.argv[3]), seed=1))
    calls = {
        "louvain": lambda: cm.louvain(net, restarts=10**12),
        "leiden": lambda: cm.leiden(net, restarts=10**12),
        "betweenness": lambda: cm.betweenness(net, threads=2),
        "ei_index": lambda: cm.ei_index(net, {s: i % 3 for i, s in enumerate(net.structure_ids())},
                                         permutations=10**7),
        "layout": lambda: cm.layout(net, method="forceatlas2", iterations=10**8),
    }
    print("ready", flush=True)
    t = time.monotonic()
    try:
        calls[sys.argv[1]]()
    except KeyboardInterrupt:
        print("KeyboardInterrupt", flush=True)
        sys.exit(3)
    print("finished", flush=True)
''')


@pytest.mark.parametrize("call,n,p", [
    ("louvain", 2000, 0.003),
    ("leiden", 2000, 0.003),
    ("betweenness", 20000, 0.0003),  # about 10 s of work on 2 threads: the workers stop too
    ("ei_index", 2000, 0.003),  # 10^7 permutations (the most allowed): minutes of work
    ("layout", 500, 0.01),
])
def test_ctrl_c_stops_a_long_computation_within_a_second(call, n, p):
    proc = subprocess.Popen([venv_python(), "-c", INTERRUPTED, call, str(n), str(p)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(1.0)  # well inside the computation
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        waited = time.monotonic() - sent
    finally:
        proc.kill()
    assert proc.returncode == 3 and "KeyboardInterrupt" in out, (out, err[-2000:])
    assert waited < 1.0, f"{call}: {waited:.2f} s after Ctrl-C"
