"""Calls every public callable of coopmap with hostile arguments (run in a subprocess
by test_bad_input.py, so that a segfault or an abort kills this process, not pytest).

    python hostile_runner.py WORKDIR START

Enumerates, in a fixed order: the public functions and classes of the ``coopmap``
package (``coopmap.*`` names defined by coopmap itself) and the public methods of
:class:`coopmap.Network` (called on an empty network, an undirected network with an
isolate and a directed one). Signatures come from ``inspect.signature`` for Python
functions and from the first line(s) of ``__doc__`` for pybind11 functions (every
overload). For each call site: one baseline call (required parameters get a plausible
value by type), then, for each parameter in turn, one call per hostile value with
the other parameters at baseline; functions taking ``**kwargs`` also get each hostile
value as an extra keyword. A coopmap result object returned by a successful call
(other than a Network) has its properties, zero-argument methods and repr exercised.

Protocol on stdout, one JSON object per line, flushed: ``{"start": k, "call": ...}``
before call k, ``{"end": k, "outcome": ...}`` after it, ``{"done": n}`` at the end.
An outcome is ``ok``, ``raised <Type>`` (an allowed exception), ``BAD <Type>: message``
(any other exception) or ``CHANGED`` (a Network method raised but modified its
receiver). A call that kills the process leaves a ``start`` without an ``end``; the
parent restarts at k + 1. Each call has a 20 s alarm (default action: terminate).
"""
from __future__ import annotations

import ast
import inspect
import json
import math
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

import coopmap as cm

ALLOWED = (TypeError, ValueError, KeyError, cm.Error)


def hostile_values(work: Path) -> list[tuple[str, Callable[[], Any]]]:
    """(label, factory) pairs; factories so that every call gets a fresh object."""
    iso = cm.Network()
    for s in ("a", "b", "c", "lonely"):
        iso.add_structure(s)
    iso.add_link("a", "b")
    iso.add_link("b", "c")
    return [
        ("None", lambda: None),
        ("[]", lambda: []),
        ("['a', None]", lambda: ["a", None]),
        ("[[1, 2]]", lambda: [[1, 2]]),
        ("{}", lambda: {}),
        ("{'a': 1}", lambda: {"a": 1}),
        ("{1: [None]}", lambda: {1: [None]}),
        ("set()", lambda: set()),
        ("object()", lambda: object()),
        ("np.float64(nan)", lambda: np.float64("nan")),
        ("np.int64(-1)", lambda: np.int64(-1)),
        ("np.array([1.0, 2.0])", lambda: np.array([1.0, 2.0])),
        ("np.array(['a'])", lambda: np.array(["a"])),
        ("nan", lambda: math.nan),
        ("inf", lambda: math.inf),
        ("-inf", lambda: -math.inf),
        ("0", lambda: 0),
        ("-1", lambda: -1),
        ("-1.5", lambda: -1.5),
        ("True", lambda: True),
        ("2**63", lambda: 2**63),
        ("2**64", lambda: 2**64),
        ("-2**63 - 1", lambda: -(2**63) - 1),
        ("''", lambda: ""),
        ("'unknown-id'", lambda: "unknown-id"),
        ("'a'", lambda: "a"),
        ("'lonely'", lambda: "lonely"),
        ("'\\x00'", lambda: "\x00"),
        ("'\\udcff' (lone surrogate)", lambda: "\udcff"),
        ("'<script>&\"\\u202e'", lambda: "<script>&\"\u202e"),
        ("'x' * 100000", lambda: "x" * 100000),
        ("b'a'", lambda: b"a"),
        ("Path(missing file)", lambda: work / "missing" / "nothing.csv"),
        ("Network()", lambda: cm.Network()),
        ("Network(isolate)", lambda: iso.copy()),
    ]


# ---- signatures -----------------------------------------------------------------------------

class Param:
    def __init__(self, name: str, kind: str, annotation: str, has_default: bool) -> None:
        self.name, self.kind, self.annotation, self.has_default = name, kind, annotation, has_default


def split_top(s: str) -> list[str]:
    """Splits a parameter list at commas outside brackets and quotes."""
    out, depth, cur, quote = [], 0, "", ""
    for ch in s:
        if quote:
            cur += ch
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
            continue
        cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def pybind_signatures(name: str, doc: str) -> list[list[Param]]:
    sigs = []
    for line in doc.splitlines():
        m = re.match(r"^\s*(?:\d+\.\s+)?" + re.escape(name) + r"\((.*)\)\s*(?:->.*)?$", line)
        if not m or m.group(1) == "*args, **kwargs":
            continue
        params, kw_only = [], False
        for p in split_top(m.group(1)):
            if p == "*":
                kw_only = True
                continue
            if p.startswith("**"):
                params.append(Param(p[2:].split(":")[0], "varkw", "", True))
                continue
            if p.startswith("*"):
                params.append(Param(p[1:].split(":")[0], "varargs", "", True))
                kw_only = True
                continue
            head, _, default = p.partition("=")
            pname, _, ann = head.partition(":")
            params.append(Param(pname.strip(), "kw" if kw_only else "pos", ann.strip(), bool(default.strip())))
        sigs.append(params)
    return sigs


def python_signature(f: Any) -> list[list[Param]]:
    kinds = {
        inspect.Parameter.POSITIONAL_ONLY: "pos",
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "pos",
        inspect.Parameter.KEYWORD_ONLY: "kw",
        inspect.Parameter.VAR_POSITIONAL: "varargs",
        inspect.Parameter.VAR_KEYWORD: "varkw",
    }
    sig = inspect.signature(f)
    return [[Param(p.name, kinds[p.kind], str(p.annotation), p.default is not inspect.Parameter.empty)
             for p in sig.parameters.values()]]


def signatures(f: Any, name: str) -> list[list[Param]]:
    if isinstance(f, type):  # a class: its constructor
        f, name = f.__init__, "__init__"
    doc = getattr(f, "__doc__", None) or ""
    sigs = pybind_signatures(name, doc) if type(f).__name__ in ("builtin_function_or_method", "instancemethod",
                                                               "wrapper_descriptor") else []
    if not sigs:
        try:
            sigs = python_signature(f)
        except (TypeError, ValueError):
            sigs = []
    return sigs


def baseline(p: Param, receiver: cm.Network, work: Path, qname: str) -> Any:
    """A plausible value for a required parameter, from its name and annotation."""
    ann, name = p.annotation.lower(), p.name.lower()
    if "network" in ann:
        return receiver.copy()
    if name in ("structures", "links", "path") or "pathlike" in ann or "path" in ann:
        return work / "good_structures.csv" if name != "links" else work / "good_links.csv"
    if "bool" in ann:
        return False
    if "float" in ann:
        return 1.0
    if "int" in ann:
        return 1
    if name == "name" and "dataset" in qname:
        return "karate"
    return "a"


# ---- call sites -----------------------------------------------------------------------------

def targets() -> Iterator[tuple[str, Any, bool]]:
    """(qualified name, callable, is a Network method) in a fixed order."""
    for name in sorted(n for n in dir(cm) if not n.startswith("_")):
        obj = getattr(cm, name)
        mod = getattr(obj, "__module__", "") or ""
        if not callable(obj) or not mod.startswith("coopmap"):
            continue
        if isinstance(obj, type) and issubclass(obj, BaseException):
            continue
        yield f"coopmap.{name}", obj, False
    for name in sorted(dir(cm.Network)):
        if name.startswith("_") and name != "__contains__":
            continue
        attr = inspect.getattr_static(cm.Network, name)
        if isinstance(attr, property) or not callable(getattr(cm.Network, name)):
            continue
        yield f"Network.{name}", getattr(cm.Network, name), True


def snapshot(net: cm.Network) -> Any:
    return (net.directed, net.structures(), net.links())


def calls(work: Path) -> Iterator[tuple[str, Callable[[], Any], cm.Network | None]]:
    """(description, thunk, receiver or None) for every call to make."""
    hostile = hostile_values(work)
    receivers = []
    for directed, with_isolate in ((False, False), (False, True), (True, True)):
        net = cm.Network(directed=directed)
        if with_isolate:
            for s in ("a", "b", "c", "lonely"):
                net.add_structure(s, kind="x")
            net.add_link("a", "b", weight=2.0, type="t1")
            net.add_link("b", "c", type="t2", start="2012")
        receivers.append(net)
    for qname, f, is_method in targets():
        short = qname.split(".")[-1]
        for params in signatures(f, short) or [[]]:
            if is_method and params and params[0].name == "self":
                params = params[1:]
            for recv_template in receivers if is_method else [cm.Network()]:
                def site(args: dict[str, Any], extra: dict[str, Any], label: str,
                         f=f, params=params, recv_template=recv_template, qname=qname):
                    recv = recv_template.copy()
                    pos: list[Any] = []
                    kw: dict[str, Any] = {}
                    positional = True  # positional until a skipped optional parameter
                    for p in params:
                        have = True
                        if p.name in args:
                            v = args[p.name]
                        elif p.kind in ("pos", "kw") and not p.has_default:
                            v = baseline(p, recv, work, qname)
                        else:
                            have = False
                        if p.kind == "pos":
                            if not have:
                                positional = False
                            elif positional:
                                pos.append(v)
                            else:
                                kw[p.name] = v
                        elif p.kind == "kw" and have:
                            kw[p.name] = v
                    kw.update(extra)
                    target = getattr(recv, qname.split(".")[-1]) if is_method else f
                    desc = (f"{qname}(on {recv_template!r})" if is_method else qname) + f" [{label}]"
                    return desc, (lambda: target(*pos, **kw)), (recv if is_method else None)

                yield site({}, {}, "baseline")
                for p in params:
                    if p.kind in ("varargs", "varkw"):
                        continue
                    for label, make in hostile:
                        yield site({p.name: make()}, {}, f"{p.name}={label}")
                if any(p.kind == "varkw" for p in params):
                    for label, make in hostile:
                        yield site({}, {"zz_attr": make()}, f"zz_attr={label}")


def probe(result: Any) -> None:
    """Reads every public property and calls every public zero-argument method of a
    coopmap result object (records(), ...) and its repr: accessors must not crash either."""
    if type(result).__module__ not in ("coopmap._core", "coopmap") or isinstance(result, cm.Network):
        return
    repr(result)
    for name in dir(type(result)):
        if name.startswith("_"):
            continue
        value = getattr(result, name)
        if callable(value):
            try:
                value()
            except TypeError as e:  # needs arguments: not a zero-argument method
                if "argument" not in str(e):
                    raise


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main() -> None:
    work, start = Path(sys.argv[1]), int(sys.argv[2])
    os.chdir(work)  # calls that write files (write_csv with a hostile path) write here
    (work / "good_structures.csv").write_text("id,name\na,A\nb,B\nc,C\nlonely,L\n")
    (work / "good_links.csv").write_text("source,target\na,b\nb,c\n")
    k = -1
    for k, (desc, thunk, recv) in enumerate(calls(work)):
        if k < start:
            continue
        emit({"start": k, "call": desc})
        before = snapshot(recv) if recv is not None else None
        signal.alarm(20)
        try:
            result = thunk()
            probe(result)
            outcome = "ok"
        except ALLOWED as e:
            outcome = f"raised {type(e).__name__}"
            if recv is not None and snapshot(recv) != before:
                outcome = "CHANGED"
        except BaseException as e:  # noqa: BLE001 - anything else is a finding
            outcome = f"BAD {type(e).__name__}: {str(e)[:300]}"
        signal.alarm(0)
        emit({"end": k, "outcome": outcome})
    emit({"done": k + 1})


if __name__ == "__main__":
    main()
