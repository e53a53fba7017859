#!/usr/bin/env bash
# Opt-in (not part of scripts/test.sh: it adds a ~3 min build): the Python extension built
# with AddressSanitizer + UndefinedBehaviorSanitizer (build/pyasan), and pytest run on it
# with the sanitizer runtimes preloaded, so that the hostile-argument and bad-input
# tests also check the bindings for memory errors.
#   bash scripts/pytest_asan.sh [pytest args]     (default: the whole tests/python)
exec bash "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pytest_sanitized.sh" address "$@"
