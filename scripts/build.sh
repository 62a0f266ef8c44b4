#!/usr/bin/env bash
# Installs what is missing and builds Cepheus into build/; the binary is build/cepheus.
# CEPHEUS_WERROR=ON turns warnings into errors (scripts/test.sh sets it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCEPHEUS_WERROR="${CEPHEUS_WERROR:-OFF}"
# Two jobs: the reference machine has two cores, and C++ compiles need memory.
cmake --build build -j2
