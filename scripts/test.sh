#!/usr/bin/env bash
# Every test: set up; lint (ruff, mypy --strict, clang-format: scripts/lint.sh); build
# the C++ library and its GoogleTest suite with warnings as errors, run ctest (which
# also builds a consumer project against the installed library); the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (build/asan) and the tests labelled `threads` under ThreadSanitizer (build/tsan);
# a bounded libFuzzer run of every tests/fuzz/fuzz_*.cpp target (COOPMAP_FUZZ_SECONDS,
# default 30); then pytest on the installed Python package, and the documentation site
# with its tutorial notebooks executed (scripts/docs.sh).
# COOPMAP_QUICK=1 skips the sanitizer builds and the fuzz runs (local iteration only).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export PATH="$ROOT/.venv/bin:$PATH"
JOBS="$(nproc 2>/dev/null || echo 2)"
stage_start=$SECONDS
stage_done() { echo "-- $1: $((SECONDS - stage_start)) s" >&2; stage_start=$SECONDS; }

echo "== Lint: ruff, mypy --strict, clang-format (scripts/lint.sh)" >&2
bash scripts/lint.sh
stage_done "lint"

echo "== C++: build (warnings as errors) and ctest" >&2
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOOPMAP_WERROR=ON -DCOOPMAP_BUILD_TESTS=ON \
  -DCOOPMAP_BUILD_EXAMPLES=ON >/dev/null
cmake --build build/test -j "$JOBS"
ctest --test-dir build/test --output-on-failure -j "$JOBS"
stage_done "build and ctest"

if [ "${COOPMAP_QUICK:-0}" != "1" ]; then
  # Debug with -O1: line numbers in reports, tests still fast. The consumer tests build a
  # separate project without sanitizers (label `consumer`): skipped here.
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
  echo "== C++: AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)" >&2
  cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCOOPMAP_WERROR=ON \
    -DCOOPMAP_SANITIZE="address;undefined" -DCOOPMAP_BUILD_TESTS=ON -DCOOPMAP_BUILD_EXAMPLES=ON >/dev/null
  cmake --build build/asan -j "$JOBS"
  ctest --test-dir build/asan -LE consumer --output-on-failure -j "$JOBS"
  stage_done "ASan+UBSan build and ctest"

  echo "== C++: ThreadSanitizer on the tests labelled threads (build/tsan)" >&2
  cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCOOPMAP_WERROR=ON \
    -DCOOPMAP_SANITIZE=thread -DCOOPMAP_BUILD_TESTS=ON -DCOOPMAP_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build build/tsan -j "$JOBS" --target coopmap_tests
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest --test-dir build/tsan -L threads --output-on-failure
  stage_done "TSan build and ctest -L threads"

  echo "== Fuzzing: bounded libFuzzer runs (scripts/fuzz.sh)" >&2
  for src in tests/fuzz/fuzz_*.cpp; do
    target="$(basename "$src" .cpp)"
    FUZZ_BUILD_JOBS="$JOBS" bash scripts/fuzz.sh "${target#fuzz_}" "${COOPMAP_FUZZ_SECONDS:-30}"
  done
  stage_done "fuzz build and runs"
fi

echo "== Python: pytest" >&2
cd "$ROOT"
.venv/bin/python -m pytest -q tests/python
stage_done "pytest"

echo "== Documentation site, tutorials executed (scripts/docs.sh -> build/docs/html)" >&2
COOPMAP_SETUP_DONE=1 bash scripts/docs.sh
stage_done "docs"

if [ "${COOPMAP_QUICK:-0}" != "1" ]; then
  # A Network shared between Python threads (mutations refused while a GIL-free
  # computation reads it): the extension built with ThreadSanitizer (build/pytsan),
  # libtsan preloaded into the ordinary CPython.
  echo "== Python: thread-safety tests under ThreadSanitizer (scripts/pytest_sanitized.sh thread)" >&2
  bash scripts/pytest_sanitized.sh thread tests/python/test_thread_safety.py -k mutating
  stage_done "TSan Python build and thread tests"
fi
