#!/usr/bin/env bash
# The main job: set up, then the seminar report of the bundled PTCE dataset.
#   bash scripts/run.sh                      -> out/report.html (English)
#   bash scripts/run.sh --lang fr            -> the same report in French
#   bash scripts/run.sh territory-demo       -> the synthetic two-wave territory: 2024 compared with 2023,
#                                               cards, change map, geographic map
#   bash scripts/run.sh SOURCE [options]     -> a dataset name, another folder (structures.csv + links.csv,
#                                               or declarations-<wave>.csv) or an Inventory .db
# Options are those of `coopmap report` (--out, --lang, --group, --wave, --compare, --view, --seed, --top,
# --cards/--no-cards, --scenarios/--no-scenarios).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
source="datasets/ptce-sicoval-2013"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then source="$1"; shift; fi
exec .venv/bin/coopmap report "$source" --out out "$@"
