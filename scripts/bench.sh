#!/usr/bin/env bash
# The benchmark harness: coopmap against networkx, python-igraph, leidenalg,
# networkit and R sna, side by side in one run. Not part of scripts/test.sh.
#   bash scripts/bench.sh              full run (about 30 min on 2 cores): writes
#                                      benchmarks/results.md and the table in README.md
#   bash scripts/bench.sh --quick      1 run per cell, small graphs (a few minutes):
#                                      build/bench-quick.md only
# Other options are passed to benchmarks/bench.py (--help lists them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
VPY="$ROOT/.venv/bin/python"
stamp=".venv/.requirements-bench.sha"
want="$(sha256sum benchmarks/requirements.txt | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bench: installing the benchmark-only peers (benchmarks/requirements.txt)" >&2
  "$VPY" -m pip install -q -r benchmarks/requirements.txt
  echo "$want" > "$stamp"
fi
exec "$VPY" benchmarks/bench.py "$@"
