#!/usr/bin/env bash
# The habits that keep the house in order, checked (scripts/test.sh runs this first):
#   ruff (lint and format) and mypy --strict on python/coopmap (configured in pyproject.toml),
#   clang-format (.clang-format) on every C++ file under version control.
# bash scripts/lint.sh --fix   applies ruff's fixes, ruff format and clang-format in place.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="$ROOT/.venv/bin"
mapfile -t CXX < <(git ls-files '*.hpp' '*.cpp')
if [ "${1:-}" = "--fix" ]; then
  "$BIN/ruff" check --fix python/coopmap
  "$BIN/ruff" format python/coopmap
  "$BIN/clang-format" -i "${CXX[@]}"
fi
echo "lint: ruff check" >&2
"$BIN/ruff" check python/coopmap
echo "lint: ruff format --check" >&2
"$BIN/ruff" format --check python/coopmap
echo "lint: mypy --strict (pyproject.toml)" >&2
"$BIN/mypy"
echo "lint: clang-format (${#CXX[@]} files)" >&2
"$BIN/clang-format" --dry-run --Werror "${CXX[@]}"
