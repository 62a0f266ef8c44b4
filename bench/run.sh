#!/usr/bin/env bash
# Runs `cepheus bench` on every canonical query under bench/queries and prints one line each:
#   <query> <median events/s> <median events per CPU-second>
# Usage: bench/run.sh [EVENTS_PER_RUN]   (default 10000000; build first with scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000000}
for app in bench/queries/*.siddhi; do
  report=$(build/cepheus bench "$app" --events "$events")
  wall=$(awk '/^throughput:/ {print $2}' <<<"$report")
  cpu=$(awk '/^per CPU-second:/ {print $3}' <<<"$report")
  printf '%-24s %12s events/s %12s per CPU-second\n' "$(basename "$app")" "$wall" "$cpu"
done
