#!/usr/bin/env bash
# Every test: set up, build the C++ library and its GoogleTest suite with warnings as
# errors, run ctest (which also builds a consumer project against the installed
# library), then pytest on the installed Python package.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:$PATH"
JOBS="$(nproc 2>/dev/null || echo 2)"

echo "== C++: build (warnings as errors) and ctest" >&2
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOOPMAP_WERROR=ON -DCOOPMAP_BUILD_TESTS=ON \
  -DCOOPMAP_BUILD_EXAMPLES=ON >/dev/null
cmake --build build/test -j "$JOBS"
ctest --test-dir build/test --output-on-failure -j "$JOBS"

echo "== Python: pytest" >&2
cd "$ROOT"
.venv/bin/python -m pytest -q tests/python
