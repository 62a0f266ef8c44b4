#!/usr/bin/env bash
# Builds Cepheus and replays the example app's events through it, printing the alerts.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh
build/cepheus run queries/stock-alerts.siddhi --events queries/stock-alerts.events.jsonl
