"""Sphinx configuration of the coopmap documentation site (bash scripts/docs.sh).

Pages are MyST Markdown; the API pages are generated from the docstrings (autodoc, with
the signatures of coopmap/_signatures.py); the tutorials are notebooks executed at every
build (myst-nb): a failing cell, a warning or a dangling reference fails the build
(scripts/docs.sh runs sphinx-build -W -n). Offline: no intersphinx, no web font.
"""

from __future__ import annotations

import re

import coopmap

project = "coopmap"
author = "coopmap developers"
copyright = "2026, coopmap developers"
release = coopmap.__version__
version = release

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# every tutorial runs at every build; an error in a cell fails the build
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 600
nb_execution_in_temp = True  # outputs (reports, maps) go to a temporary folder, not the tree
nb_merge_streams = True

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False

# names of the optional peers and of typing that no offline inventory resolves
nitpick_ignore_regex = [
    ("py:class", r"(pandas|networkx|igraph|numpy|typing|collections|os)\..*"),
    ("py:class", r"(os\.PathLike|Path|pathlib\.Path|Sequence|Mapping|Iterable|Callable|Any|Hashable)(\[.*\])?"),
    ("py:class", r"(optional|default .*|array-like|list of .*|dict .*|callable|file-like)"),
    # numpy-style parameter types written as values or prose ("weight" or None, partition)
    ("py:class", r"(\".*\"|'.*'|[a-z][a-z_ ]*|\{.*|.*\})"),
    ("py:.*", r"coopmap\._core\..*"),
    ("py:.*", r"_core\..*"),
    ("py:class", r"coopmap\._display\.T"),  # the type variable of Table
]

html_theme = "furo"
html_title = f"coopmap {release}"
html_static_path: list[str] = []


_PARAM = re.compile(r"\*{0,2}[A-Za-z_]\w*(, \*{0,2}[A-Za-z_]\w*)*( : .*)?")


def _close_parameter_sections(lines: list[str]) -> list[str]:
    """A paragraph after a numpy "Parameters" list ("Complexity: ...", "Reference: ...")
    is prose, not one more parameter: it goes under a Notes heading for napoleon."""
    out: list[str] = []
    in_params = False
    for i, line in enumerate(lines):
        underline = i + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[i + 1].strip()) is not None
        if underline and line.strip():
            in_params = line.strip() in ("Parameters", "Other Parameters")
        elif (
            in_params
            and out
            and not out[-1].strip()
            and line
            and not line[0].isspace()
            and not re.fullmatch(r"-{3,}", line.strip())
            and not _PARAM.fullmatch(line)
        ):
            out += ["Notes", "-----"]
            in_params = False
        out.append(line)
    return out


def _plain_docstrings(app, what, name, obj, options, lines):  # type: ignore[no-untyped-def]
    """Docstrings are written for help() and editors first: |x| is an absolute value or a
    set size, not a reST substitution; a property's first line "{id: value}" is text, not
    napoleon's "type: description"; prose after a parameter list is not a parameter."""
    lines[:] = _close_parameter_sections(lines)
    for i, line in enumerate(lines):
        if "|" in line:
            lines[i] = line.replace("|", "\\|")
    if what in ("attribute", "property") and lines and ":" in lines[0]:
        lines.insert(0, "\u200b")  # napoleon reads a first line without a colon as no type


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("autodoc-process-docstring", _plain_docstrings, priority=400)  # before napoleon (500)
