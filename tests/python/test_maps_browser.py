"""Headless Chromium opens the interactive map (map.html) and the static map (map.svg):
no console errors, one node element per structure, the interactions work, and a
screenshot is saved (tmp dir and build/screenshots/ for humans to look at).

Chromium is Debian's ``chromium`` package, installed by scripts/setup.sh: when it is
missing the test FAILS (it does not skip)."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

import coopmap as cm
from conftest import body_attrs, console_errors, run, save_shot

def seminar_network() -> cm.Network:
    net = cm.load_dataset("ptce-sicoval-2013")
    # a hostile name must show as text
    net.add_structure("xss", name="<script>alert(1)</script>", legal_family="association")
    net.add_link("xss", net.structure_ids()[0], type="know_how", status="unconfirmed")
    return net


def test_html_map_in_chromium(tmp_path):
    net = seminar_network()
    page = tmp_path / "map.html"
    cm.draw(
        net, page, color="legal_family", size="degree", labels=20, seed=0,
        title="PTCE Sicoval — cooperation inventory", subtitle="Seminar map (browser test)",
        wave="2013", view_label="union",
    )
    url = page.as_uri()
    r = run(url + "#selftest", "--dump-dom", tmp=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_errors(r.stderr) == []
    attrs = body_attrs(r.stdout)
    assert attrs.get("data-ready") == "1", "the map script did not finish"
    assert "data-errors" not in attrs
    assert int(attrs["data-nodes"]) == len(net)
    assert len(re.findall(r'<circle class="node', r.stdout)) == len(net)
    # the hostile name stayed text: no element was created from it
    assert "<script>alert(1)</script>" not in r.stdout
    st = json.loads(attrs["data-selftest"].replace("&quot;", '"'))
    G = nx.Graph(net.to_networkx())
    first = net.structure_ids()[0]
    assert st["partners"] == G.degree(first)
    assert st["dimmed"] == len(net) - 1 - G.degree(first)  # all but the structure and its partners
    assert st["found"] == len(net) - 1  # search by the last structure's name selects it
    first_type = net.link_types()[0]
    pairs = {frozenset((l["source"], l["target"])) for l in net.links() if l["type"] == first_type}
    assert st["hidden"] == len(pairs)  # unticking a link type hides its edges
    assert st["tip"] == net.structure(first)["name"]
    assert st["after_reset"] == 0
    assert st["bridges_toggled"] is True  # coloured by group: the bridge view's checkbox works
    shot = tmp_path / "map_html.png"
    r = run(url, f"--screenshot={shot}", tmp=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_errors(r.stderr) == []
    save_shot(shot, "map_html.png")


def test_svg_map_in_chromium(tmp_path):
    net = seminar_network()
    path = tmp_path / "map.svg"
    cm.draw(net, path, color="legal_family", size="degree", labels=20, seed=0,
            title="PTCE Sicoval — cooperation inventory", wave="2013", view_label="union")
    r = run(path.as_uri(), "--dump-dom", tmp=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_errors(r.stderr) == []
    assert len(re.findall(r'<circle class="node', r.stdout)) == len(net)
    shot = tmp_path / "map_svg.png"
    r = run(path.as_uri(), f"--screenshot={shot}", tmp=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    save_shot(shot, "map_svg.png")
