#!/usr/bin/env bash
# Builds the binary (only it: the tests and the fuzzer are for scripts/test.sh) and replays the
# example app's events through it, printing the alerts.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh cepheus
build/cepheus run queries/stock-alerts.siddhi --events queries/stock-alerts.events.jsonl
