#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build/fuzz) and runs one of them.
#   bash scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   bash scripts/fuzz.sh csv 60                 bounded run (the test command runs this)
#   bash scripts/fuzz.sh csv 3600 -jobs=2       a long run on 2 cores
# TARGET is tests/fuzz/fuzz_TARGET.cpp; the seed corpus tests/fuzz/corpus/TARGET/ is read
# only; new inputs go to build/fuzz/corpus/TARGET/ (kept between runs); crashes are
# written to build/fuzz/findings/TARGET/ and make this script fail. To reproduce one:
#   build/fuzz/tests/fuzz/fuzz_TARGET build/fuzz/findings/TARGET/crash-...
# Prints the executions reached ("fuzz: TARGET: N executions in S s").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${1:?usage: fuzz.sh TARGET SECONDS [libFuzzer flags]}"
SECONDS_TO_RUN="${2:?usage: fuzz.sh TARGET SECONDS [libFuzzer flags]}"
shift 2
CXX_FUZZ="${CXX_FUZZ:-$(command -v clang++ || command -v clang++-14 || true)}"
if [ -z "$CXX_FUZZ" ]; then
  echo "fuzz: clang++ not found (bash scripts/setup.sh installs clang and libclang-rt-14-dev)" >&2
  exit 1
fi
export PATH="$ROOT/.venv/bin:$PATH"
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
  -DCOOPMAP_BUILD_FUZZ=ON -DCOOPMAP_BUILD_TESTS=OFF -DCOOPMAP_BUILD_EXAMPLES=OFF -DCOOPMAP_INSTALL=OFF \
  -DCOOPMAP_WERROR=ON >/dev/null
cmake --build build/fuzz --target "fuzz_$TARGET" -j "${FUZZ_BUILD_JOBS:-2}"
work="build/fuzz/corpus/$TARGET"
findings="build/fuzz/findings/$TARGET"
mkdir -p "$work" "$findings"
dict=()
if [ -f "tests/fuzz/$TARGET.dict" ]; then dict=("-dict=tests/fuzz/$TARGET.dict"); fi
log="build/fuzz/$TARGET.log"
set +e
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
  "build/fuzz/tests/fuzz/fuzz_$TARGET" "$work" "tests/fuzz/corpus/$TARGET" "${dict[@]}" \
  -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$findings/" "$@" >"$log" 2>&1
rc=$?
set -e
execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s += $2} END {print s + 0}')"
echo "fuzz: $TARGET: $execs executions in $SECONDS_TO_RUN s (corpus: $(ls "$work" | wc -l) inputs; log: $log)" >&2
if [ $rc -ne 0 ]; then
  tail -n 60 "$log" >&2
  echo "fuzz: $TARGET FAILED (exit $rc); the input is in $findings/" >&2
  exit $rc
fi
