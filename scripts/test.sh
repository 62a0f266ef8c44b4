#!/usr/bin/env bash
# Builds with warnings as errors, runs every test, then the conformance categories that must
# pass. Exits non-zero on any failure.
set -euo pipefail

# Conformance categories the engine must pass; add one when the engine learns it.
CONFORMANCE_CATEGORIES=(basic error)

cd "$(dirname "$0")/.."

CEPHEUS_WERROR=ON bash scripts/build.sh
ctest --test-dir build --output-on-failure -j2 --timeout 300

# The conformance cases live beside the repository, not in it.
conformance=../shared/conformance
if [[ -d $conformance ]]; then
  paths=()
  for category in "${CONFORMANCE_CATEGORIES[@]}"; do
    paths+=("$conformance/cases/$category")
  done
  python3 "$conformance/run" --verbose --bin build/cepheus "${paths[@]}"
else
  echo "test: $conformance not found; conformance cases skipped"
fi
