#!/usr/bin/env bash
# The main job: set up, then the seminar summary of the bundled PTCE dataset.
#   bash scripts/run.sh [FOLDER]      (default: datasets/ptce-sicoval-2013)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec .venv/bin/coopmap summary "${1:-datasets/ptce-sicoval-2013}"
