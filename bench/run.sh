#!/usr/bin/env bash
# Runs `cepheus bench` on every canonical query under bench/queries and prints one line each:
#   <query> <median events/s>
# Usage: bench/run.sh [EVENTS_PER_RUN]   (default 10000000; build first with scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000000}
for app in bench/queries/*.siddhi; do
  result=$(build/cepheus bench "$app" --events "$events" | grep '^throughput:')
  printf '%-40s %s\n' "$(basename "$app")" "$result"
done
