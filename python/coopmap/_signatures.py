"""Signatures that ``inspect.signature``, ``help()``, editors and Sphinx understand, for
the compiled functions and methods.

pybind11's functions are builtins whose signature lives only in the first line of their
docstring: ``inspect.signature(cm.louvain)`` raises ``ValueError``. At import, each
public function of ``coopmap._core`` and each method of its classes is replaced, in the
package's namespace and on its class, by a thin Python function that calls the compiled
one and carries ``__signature__`` (parameter names, kinds, defaults and annotations)
parsed from that first line, the declaration pybind11 writes from the C++ types (the
generated stubs ``_core.pyi`` come from the same text, so they agree). The docstring
loses that line. Cost: one Python call per compiled call (about 0.1 µs), and a few
milliseconds once at import.
"""

from __future__ import annotations

import ast
import collections.abc
import functools
import inspect
import os
import sys
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

_COMPILED = ("builtin_function_or_method", "instancemethod")
_SKIP_DUNDERS = frozenset({"__new__", "__init_subclass__", "__subclasshook__", "__getstate__", "__setstate__"})


class _Default:
    """A default the stubs could not write as a literal (pybind11 writes ``...``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _is_property(d: ast.expr) -> bool:
    return (isinstance(d, ast.Name) and d.id == "property") or (isinstance(d, ast.Attribute) and d.attr == "setter")


def _declared(name: str, doc: str | None) -> ast.FunctionDef | None:
    """The compiled function's declaration, the first line of its docstring
    (``name(a: T, *, b: U = 1) -> R``), as a function node; None when there is none."""
    first = (doc or "").partition("\n")[0]
    if not first.startswith(name + "("):
        return None
    try:
        node = ast.parse(f"def {first}: pass").body[0]
    except SyntaxError:  # a default pybind11 could not write as Python
        return None
    return node if isinstance(node, ast.FunctionDef) else None


def _stub_nodes() -> dict[str, ast.FunctionDef]:
    """``name`` and ``Class.name`` -> the stub's function node."""
    path = Path(__file__).with_name("_core.pyi")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: dict[str, ast.FunctionDef] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef) and not any(map(_is_property, member.decorator_list)):
                    out[f"{node.name}.{member.name}"] = member
    return out


def _namespace(core: ModuleType) -> dict[str, Any]:
    ns: dict[str, Any] = {"typing": typing, "collections": collections, "os": os}
    # pybind11 writes coopmap._core.Network, coopmap._display.Table[...]
    ns["coopmap"] = SimpleNamespace(_core=core, _display=sys.modules.get("coopmap._display"))
    ns.update({k: getattr(core, k) for k in dir(core) if isinstance(getattr(core, k), type)})
    try:
        import numpy
        import numpy.typing

        ns["numpy"] = numpy
    except ImportError:  # the annotations that name numpy stay text
        pass
    return ns


def _annotation(node: ast.expr | None, ns: dict[str, Any]) -> Any:
    if node is None:
        return inspect.Parameter.empty
    text = ast.unparse(node)
    try:
        return eval(text, ns)  # the stubs' own text: names of typing, collections, numpy and _core
    except Exception:  # e.g. "X | Y" on Python < 3.10: the text itself
        return text


def _default(node: ast.expr) -> Any:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return _Default(ast.unparse(node))


def signature_of(node: ast.FunctionDef, ns: dict[str, Any], *, method: bool) -> inspect.Signature:
    a = node.args
    P = inspect.Parameter
    params: list[inspect.Parameter] = []
    positional = a.posonlyargs + a.args
    defaults: list[Any] = [P.empty] * (len(positional) - len(a.defaults)) + [_default(d) for d in a.defaults]
    for k, (arg, default) in enumerate(zip(positional, defaults)):
        kind = P.POSITIONAL_ONLY if k < len(a.posonlyargs) else P.POSITIONAL_OR_KEYWORD
        ann = P.empty if method and k == 0 else _annotation(arg.annotation, ns)
        params.append(P(arg.arg, kind, default=default, annotation=ann))
    if a.vararg:
        params.append(P(a.vararg.arg, P.VAR_POSITIONAL, annotation=_annotation(a.vararg.annotation, ns)))
    for arg, kw_default in zip(a.kwonlyargs, a.kw_defaults):
        default = P.empty if kw_default is None else _default(kw_default)
        params.append(P(arg.arg, P.KEYWORD_ONLY, default=default, annotation=_annotation(arg.annotation, ns)))
    if a.kwarg:
        params.append(P(a.kwarg.arg, P.VAR_KEYWORD, annotation=_annotation(a.kwarg.annotation, ns)))
    return inspect.Signature(params, return_annotation=_annotation(node.returns, ns))


def _doc(name: str, doc: str | None) -> str | None:
    """The docstring without pybind11's first line (``name(...) -> ...``)."""
    if not doc:
        return doc
    first, _, rest = doc.partition("\n")
    if not first.startswith(name + "("):
        return doc
    return rest.strip("\n") or None


def _wrap(f: Callable[..., Any], name: str, qualname: str, module: str, sig: inspect.Signature) -> Callable[..., Any]:
    @functools.wraps(f, assigned=(), updated=())
    def call(*args: Any, **kwargs: Any) -> Any:
        return f(*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = qualname
    call.__module__ = module
    call.__doc__ = _doc(name, f.__doc__)
    call.__signature__ = sig  # type: ignore[attr-defined]
    call.__wrapped__ = f
    return call


def _methods(cls: type) -> Iterator[tuple[str, Any]]:
    for name, attr in list(vars(cls).items()):
        if name in _SKIP_DUNDERS or (name.startswith("__") and name not in ("__init__", "__call__")):
            continue
        yield name, attr


def install(core: ModuleType, package: dict[str, Any]) -> None:
    """Gives every compiled public function (in ``package``, the coopmap namespace) and
    every compiled method of ``core``'s classes a Python wrapper with its signature."""
    ns = _namespace(core)
    stubs: dict[str, ast.FunctionDef] = {}

    def node_of(qualname: str, f: Any) -> ast.FunctionDef | None:
        node = _declared(qualname.rpartition(".")[2], f.__doc__)
        if node is None:  # fall back on the generated stubs, read once
            if not stubs:
                stubs.update(_stub_nodes())
            node = stubs.get(qualname)
        return node

    for name in [n for n in dir(core) if not n.startswith("_")]:
        obj = getattr(core, name)
        if isinstance(obj, type):
            for mname, attr in _methods(obj):
                static = isinstance(attr, staticmethod)
                fn = attr.__func__ if static else attr
                if fn is None or type(fn).__name__ not in _COMPILED:
                    continue
                node = node_of(f"{name}.{mname}", fn)
                if node is None:
                    continue
                wrapped = _wrap(fn, mname, f"{name}.{mname}", "coopmap", signature_of(node, ns, method=not static))
                setattr(obj, mname, staticmethod(wrapped) if static else wrapped)
        elif type(obj).__name__ in _COMPILED and package.get(name) is getattr(core, name):
            node = node_of(name, obj)
            if node is not None:
                package[name] = _wrap(obj, name, name, "coopmap", signature_of(node, ns, method=False))
