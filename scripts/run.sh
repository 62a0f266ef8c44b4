#!/usr/bin/env bash
# Builds the binary (only it: the tests and the fuzzer are for scripts/test.sh), starts the
# server with the example apps of queries/ and feeds each app its example events
# (queries/*.events.jsonl): over the ingest route, or, for an app with a Kafka source, as
# records of its topic on the server's embedded Kafka broker (with kcat). The apps' log sinks print their alerts on this
# console; the payment example also posts its alerts to a webhook receiver started here
# (scripts/webhook-receiver.py), which prints them with their signature checked. The server
# keeps running (try the routes of docs/server.md with curl) until Ctrl-C or SIGTERM; it then
# saves the apps' state in build/run-state.
#   CEPHEUS_PORT (default 9090) and CEPHEUS_WEBHOOK_PORT (default 9091) move the ports; the
#   webhook's port is the one in queries/payment-alerts.siddhi.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build.sh cepheus
port=${CEPHEUS_PORT:-9090}
webhook_port=${CEPHEUS_WEBHOOK_PORT:-9091}
# A fresh state each run (the examples replay the same alerts every time), kept after the run:
# what the server saved when it stopped is there to look at.
state=build/run-state
rm -rf "$state"

python3 scripts/webhook-receiver.py "$webhook_port" whsec_Y2VwaGV1cy1leGFtcGxlLXNlY3JldA== &
receiver=$!
build/cepheus serve --listen "127.0.0.1:$port" --apps queries --state "$state" --drain-timeout 2000 &
server=$!
trap 'kill "$receiver" 2>/dev/null || true' EXIT
# Ctrl-C reaches the server too (same process group); a SIGTERM to this script alone is passed
# on. Either way the server drains, saves its state and exits, then this script ends.
stop() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" || true
  echo "run: stopped; the apps' state is saved in $state"
  exit 0
}
trap stop INT TERM

for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/health" | grep -q '"ready":true'; then break; fi
  sleep 0.1
done
for events in queries/*.events.jsonl; do
  app_file=${events%.events.jsonl}.siddhi
  app=$(sed -n "s/^@app:name('\([^']*\)').*/\1/p" "$app_file")
  stream=$(head -1 "$events" | sed -n 's/.*"stream": *"\([^"]*\)".*/\1/p')
  topic=$(sed -n "s/^@source(type='kafka', topic.list='\([^',]*\)'.*/\1/p" "$app_file")
  if [[ -n $topic ]]; then
    # The embedded broker's address, written by the server when the app started it.
    for _ in $(seq 1 100); do [[ -s $state/kafka-bootstrap ]] && break; sleep 0.1; done
    bootstrap=$(cat "$state/kafka-bootstrap")
    echo "run: producing $events to Kafka topic $topic at $bootstrap (keyed by the first value)"
    # Each event as a record in Cepheus's form {"ts":..., "data":[...]}, keyed by its first value.
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    event = json.loads(line)
    print(str(event["data"][0]) + "\t" + json.dumps({"ts": event["ts"], "data": event["data"]}))
' "$events" | kcat -b "$bootstrap" -P -t "$topic" -K $'\t'
    continue
  fi
  echo "run: sending $events to $app/$stream"
  curl -s -X POST --data-binary "@$events" "http://127.0.0.1:$port/siddhi-apps/$app/streams/$stream"
  echo
done
echo "run: the server runs on http://127.0.0.1:$port (docs/server.md); Ctrl-C stops it"
if [[ -s $state/kafka-bootstrap ]]; then
  echo "run: its embedded Kafka broker is at $(cat "$state/kafka-bootstrap") (docs/kafka.md), e.g."
  echo "       kcat -b $(cat "$state/kafka-bootstrap") -C -t card-alerts -o beginning -e"
fi
wait "$server"
