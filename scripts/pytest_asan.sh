#!/usr/bin/env bash
# Opt-in (not part of scripts/test.sh: it adds a ~3 min build): the Python extension built
# with AddressSanitizer + UndefinedBehaviorSanitizer (build/pyasan), and pytest run on it
# with the sanitizer runtimes preloaded, so that the hostile-argument and bad-input
# tests also check the bindings for memory errors.
#   bash scripts/pytest_asan.sh [pytest args]     (default: the whole tests/python)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
cmake -S . -B build/pyasan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
  -DCOOPMAP_BUILD_PYTHON=ON -DCOOPMAP_BUILD_TESTS=OFF -DCOOPMAP_BUILD_EXAMPLES=OFF -DCOOPMAP_INSTALL=OFF \
  -DCOOPMAP_SANITIZE="address;undefined" -Dpybind11_DIR="$("$PY" -c 'import pybind11; print(pybind11.get_cmake_dir())')" \
  -DPython_EXECUTABLE="$PY" >/dev/null
cmake --build build/pyasan -j "$(nproc 2>/dev/null || echo 2)"
pkg="build/pyasan/pkg"
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r python/coopmap "$pkg/"
cp build/pyasan/_core*.so "$pkg/coopmap/"
ln -s "$ROOT/datasets" "$pkg/coopmap/datasets"
[ $# -gt 0 ] || set -- tests/python
# Leak checking is off: CPython keeps its arenas until exit.
LD_PRELOAD="$(g++ -print-file-name=libasan.so):$(g++ -print-file-name=libubsan.so)" \
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
PYTHONPATH="$ROOT/$pkg" "$PY" -m pytest -q -p no:cacheprovider "$@"
