#!/usr/bin/env bash
# Installs everything coopmap needs on a fresh Debian machine and builds it into .venv.
#   bash scripts/setup.sh            system packages, .venv, build tools, the coopmap package
# Idempotent: installed packages are skipped, the build is incremental (build/).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

# 1. System packages (Debian): compiler, Boost.Graph, GoogleTest, SQLite; clang with its
#    runtime libraries (libFuzzer, sanitizers) for the fuzz targets (scripts/fuzz.sh);
#    headless Chromium and a font for the browser test of the maps; R and sna, the
#    reference (oracle) of the brokerage tests.
APT_PACKAGES=(g++ make libboost-graph-dev libgtest-dev libgmock-dev libsqlite3-dev python3-venv clang libclang-rt-14-dev
  chromium chromium-driver fonts-dejavu-core r-base-core r-cran-sna)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. Python environment with the pinned build and test tools.
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi
VPY="$ROOT/.venv/bin/python"
stamp=".venv/.requirements-dev.sha"
want="$(sha256sum requirements-dev.txt | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python build and test tools" >&2
  "$VPY" -m pip install -q --upgrade pip
  "$VPY" -m pip install -q -r requirements-dev.txt
  echo "$want" > "$stamp"
fi

# 3. The coopmap package itself (C++ extension built by scikit-build-core, incremental).
echo "setup: building and installing coopmap" >&2
"$VPY" -m pip install -q --no-build-isolation --no-deps .
