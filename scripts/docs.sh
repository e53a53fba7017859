#!/usr/bin/env bash
# The documentation site, offline, into build/docs/html: getting started, the data
# formats, one reference page per topic generated from the docstrings, the benchmark
# tables, and the tutorials (docs/tutorials/*.ipynb) executed at this build. Sphinx runs
# with -W -n: a warning, a dangling reference or a failing notebook cell fails the build.
# Sets up first (scripts/setup.sh), unless COOPMAP_SETUP_DONE=1 (scripts/test.sh has).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${COOPMAP_SETUP_DONE:-0}" != "1" ]; then bash "$ROOT/scripts/setup.sh"; fi
cd "$ROOT"
rm -rf build/docs
# the notebooks' kernel is this virtual environment's Python
export PATH="$ROOT/.venv/bin:$PATH"
.venv/bin/python -m sphinx -W --keep-going -n -E -q -b html -d build/docs/doctrees docs build/docs/html
echo "docs: build/docs/html/index.html" >&2
