"""The interactive HTML map: the SVG inline, the page's CSS and JavaScript (``map.css``,
``map.js`` beside this module) inline, and the data as JSON for the tooltips, search and
filters. Works offline: no external resource."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from .._core import MapModel
from ._svg import Page, svg_element
from ._text import json_each, json_number, json_string, json_value, xml

# texts the script shows (data.texts)
_SCRIPT_TEXTS = (
    "no_match",
    "matches",
    "id",
    "aliases",
    "group",
    "partners",
    "survey",
    "did_not_respond",
    "colon",
    "not_available",
    "bridges_toggle",
)

_NOT_ATTRIBUTES = frozenset({"id", "name", "aliases"})

_ERROR_HOOK = (
    "<script>window.addEventListener('error',function(e){var b=document.body;"
    "b.setAttribute('data-errors',String((+b.getAttribute('data-errors')||0)+1));});</script>\n"
)


@cache
def _asset(name: str) -> str:
    return (Path(__file__).resolve().parent / name).read_text(encoding="utf-8")


_NODE = '\n{"id":"%s","name":"%s","aliases":[%s],"group":%s,"hollow":%s,"measures":{%s},"attributes":{%s}}'


def _data_json(
    m: MapModel, p: Page, records: Sequence[dict[str, Any]], measures: Sequence[tuple[str, Sequence[float]]]
) -> str:
    """The data of the tooltips, search and filters (a JSON object)."""
    group_text = [json_string(label) for label in p.color_labels] + ["null"]  # group -1: null
    groups = list(map(group_text.__getitem__, m.node_group.tolist()))
    hollow = list(map(("false", "true").__getitem__, m.node_hollow.tolist()))
    columns = [
        [prefix + json_number(v) for v in values]
        for prefix, values in ((json_string(name) + ":", values) for name, values in measures)
    ]
    values = [",".join(row) for row in zip(*columns)] if columns else [""] * len(records)
    keys: dict[str, str] = {}  # attribute name -> its JSON text and the colon

    def key(k: str) -> str:
        text = keys.get(k)
        if text is None:
            text = keys[k] = json_string(k) + ":"
        return text

    aliases = [",".join(map(json_string, r["aliases"])) if "aliases" in r else "" for r in records]
    attributes = [",".join([key(k) + json_value(v) for k, v in r.items() if k not in _NOT_ATTRIBUTES]) for r in records]
    ids = json_each([r["id"] for r in records])
    names = json_each([r["name"] for r in records])
    nodes = ",".join(map(_NODE.__mod__, zip(ids, names, aliases, groups, hollow, values, attributes)))
    types = m.link_types
    return (
        '{"nodes":['
        + nodes
        + '],\n"types":['
        + ",".join(json_string(k.code) for k in types)
        + '],"type_used":['
        + ",".join("true" if k.used else "false" for k in types)
        + '],"type_colors":['
        + ",".join(json_string(k.color) for k in types)
        + '],"type_labels":['
        + ",".join(json_string(k.label) for k in types)
        + '],"color_title":'
        + json_string(p.color_title)
        + ',"texts":{'
        + ",".join(json_string(k) + ":" + json_string(p.t[k]) for k in _SCRIPT_TEXTS)
        + "}}"
    )


def html_page(
    m: MapModel, p: Page, records: Sequence[dict[str, Any]], measures: Sequence[tuple[str, Sequence[float]]]
) -> str:
    """The self-contained HTML page of the map."""
    t = p.t
    ids = [r["id"] for r in records]
    names = [r["name"] for r in records]
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{xml(t["lang"])}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{xml(p.title or t['untitled'])}</title>\n<style>\n",
            _asset("map.css"),
            '</style>\n</head>\n<body data-ready="0">\n',
            _ERROR_HOOK,
            f'<div id="bar"><input id="search" type="search" placeholder="{xml(t["search"])}" '
            f'aria-label="{xml(t["search_label"])}"><span id="filters"></span><button id="reset" type="button">'
            f'{xml(t["reset"])}</button><span id="status"></span></div>\n<div id="map">\n',
            svg_element(m, p, ids, names),
            '</div>\n<div id="tip" hidden></div>\n<script type="application/json" id="coopmap-data">',
            _data_json(m, p, records, measures),
            "</script>\n<script>\n",
            _asset("map.js"),
            "</script>\n</body>\n</html>\n",
        ]
    )
