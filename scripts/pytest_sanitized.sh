#!/usr/bin/env bash
# pytest on the Python extension built with a sanitizer, the runtime preloaded into an
# ordinary CPython:
#   bash scripts/pytest_sanitized.sh address [pytest args]   ASan + UBSan (build/pyasan)
#   bash scripts/pytest_sanitized.sh thread  [pytest args]   TSan (build/pytsan)
# Default pytest args: the whole tests/python. scripts/test.sh runs the thread mode on
# tests/python/test_thread_safety.py (a Network shared between Python threads);
# scripts/pytest_asan.sh is the address mode.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mode="${1:?usage: pytest_sanitized.sh address|thread [pytest args]}"
shift
PY="$ROOT/.venv/bin/python"
case "$mode" in
  address) build=build/pyasan; sanitize="address;undefined"
           preload="$(g++ -print-file-name=libasan.so):$(g++ -print-file-name=libubsan.so)" ;;
  thread)  build=build/pytsan; sanitize="thread"; preload="$(g++ -print-file-name=libtsan.so)" ;;
  *) echo "pytest_sanitized.sh: mode must be address or thread, got '$mode'" >&2; exit 2 ;;
esac
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
  -DCOOPMAP_BUILD_PYTHON=ON -DCOOPMAP_BUILD_TESTS=OFF -DCOOPMAP_BUILD_EXAMPLES=OFF -DCOOPMAP_INSTALL=OFF \
  -DCOOPMAP_SANITIZE="$sanitize" -Dpybind11_DIR="$("$PY" -c 'import pybind11; print(pybind11.get_cmake_dir())')" \
  -DPython_EXECUTABLE="$PY" >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)"
pkg="$build/pkg"
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r python/coopmap "$pkg/"
cp "$build"/_core*.so "$pkg/coopmap/"
ln -s "$ROOT/datasets" "$pkg/coopmap/datasets"
[ $# -gt 0 ] || set -- tests/python
# Leak checking is off: CPython keeps its arenas until exit. Child processes (the tests
# run scenarios in subprocesses) inherit the preload and PYTHONPATH.
LD_PRELOAD="$preload" \
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:report_signal_unsafe=0" \
PYTHONPATH="$ROOT/$pkg" "$PY" -m pytest -q -p no:cacheprovider "$@"
