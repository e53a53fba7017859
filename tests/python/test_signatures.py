"""inspect.signature works on every public function and method (coopmap/_signatures.py):
the names, kinds and defaults are those pybind11 declares for the compiled function
(the first line of its own docstring), and the wrappers call it unchanged."""

from __future__ import annotations

import inspect
import pydoc
import re
from typing import Any

import pytest

import coopmap as cm
from coopmap._signatures import _stub_nodes
from hostile_runner import split_top


STUBS = _stub_nodes()


def public_callables() -> list[tuple[str, Any]]:
    out = []
    for name in sorted(cm.__all__):
        obj = getattr(cm, name)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            continue
        if isinstance(obj, type):
            if obj.__module__ != "coopmap._core" or f"{name}.__init__" in STUBS:
                out.append((name, obj))  # constructible (the result classes have no constructor)
            for mname, attr in sorted(vars(obj).items()):
                if mname.startswith("_") and mname not in ("__init__", "_repr_html_"):
                    continue
                if isinstance(attr, property) or not callable(getattr(obj, mname)):
                    continue
                out.append((f"{name}.{mname}", getattr(obj, mname)))
        elif callable(obj):
            out.append((name, obj))
    return out


CALLABLES = public_callables()



def test_there_are_many_public_callables() -> None:
    assert len(CALLABLES) > 150


@pytest.mark.parametrize("name,obj", CALLABLES, ids=[n for n, _ in CALLABLES])
def test_signature_is_available(name: str, obj: Any) -> None:
    sig = inspect.signature(obj)
    for p in sig.parameters.values():
        assert p.name.isidentifier()
    compiled = getattr(obj, "__wrapped__", None)
    if compiled is None:
        return
    # the compiled function's own declaration: "name(a: T, b: U = default, *, c: V = ...) -> R"
    first = (compiled.__doc__ or "").splitlines()[0]
    m = re.match(r"^\w+\((.*)\)(?: -> .*)?$", first)
    assert m, first
    declared = [p.split(":")[0].split("=")[0].strip() for p in split_top(m.group(1)) if p.strip()]
    declared = [d.lstrip("*") for d in declared if d not in ("*", "/")]
    names = [p.name for p in sig.parameters.values()]  # unbound methods keep self, as declared
    assert names == declared, f"{name}: {names} != {declared}"
    assert sig.return_annotation is not inspect.Signature.empty
    # the docstring no longer repeats the signature
    assert not (obj.__doc__ or "").startswith(obj.__name__ + "(")


def test_examples_of_signatures() -> None:
    sig = inspect.signature(cm.louvain)
    assert list(sig.parameters)[:3] == ["net", "resolution", "seed"]
    assert sig.parameters["resolution"].default == 1.0
    assert sig.parameters["net"].annotation is cm.Network
    assert sig.return_annotation is cm.Partition
    add = inspect.signature(cm.Network().add_link)  # bound: no self
    assert list(add.parameters)[:2] == ["source", "target"]
    assert add.parameters["type"].kind is inspect.Parameter.KEYWORD_ONLY
    assert add.parameters["type"].default == "cooperation"
    assert list(inspect.signature(cm.Network).parameters) == ["directed"]
    # help() shows the signature above the text
    text = pydoc.render_doc(cm.louvain, renderer=pydoc.plaintext)
    assert "louvain(net: coopmap._core.Network, resolution:" in text and "Louvain modularity" in text


def test_wrappers_call_the_compiled_functions_unchanged() -> None:
    net = cm.load_dataset("karate")
    assert cm.louvain(net, seed=3).membership == cm._core.louvain(net, seed=3).membership
    assert cm.betweenness(net) == cm._core.betweenness(net)
    with pytest.raises(TypeError):
        cm.louvain(net, no_such_argument=1)
    with pytest.raises(KeyError):
        net.structure("nobody")
