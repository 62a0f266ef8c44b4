#!/usr/bin/env bash
# Installs what is missing and builds Cepheus into build/; the binary is build/cepheus.
#   bash scripts/build.sh            everything: the binary, the tests and the fuzzer
#   bash scripts/build.sh cepheus    only the named targets (and what they need)
# Warnings are errors by default, as in CI, so run.sh and test.sh share one configuration and
# never rebuild everything when used in turn; CEPHEUS_WERROR=OFF relaxes it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCEPHEUS_WERROR="${CEPHEUS_WERROR:-ON}"
targets=()
if (($# > 0)); then targets=(--target "$@"); fi
# Two jobs: the reference machine has two cores, and C++ compiles need memory.
cmake --build build -j2 "${targets[@]}"
