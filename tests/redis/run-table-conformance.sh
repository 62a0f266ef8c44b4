#!/usr/bin/env bash
# Runs the table conformance cases (and the error cases that define a table) against Redis
# tables: each case's `define table` gets @store(type='redis') on a redis-server this script
# starts (a unix socket in a temporary directory, no TCP port), and must give the rows of the
# in-memory run; then the same with the state saved and restored between events (split).
#   bash tests/redis/run-table-conformance.sh [build/cepheus]
# The cases live beside the repository (../shared/conformance); without them it says so and
# exits 0. Each `cepheus run` that starts an app afresh (no --restore) starts from an empty
# Redis, as an in-memory table starts empty; a restored run goes on with what Redis holds.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=$(realpath "${1:-build/cepheus}")
conformance=../shared/conformance
if [[ ! -d $conformance/cases/table ]]; then
  echo "redis table conformance: $conformance not found; skipped"
  exit 0
fi
command -v redis-server >/dev/null || { echo "redis table conformance: redis-server is not installed" >&2; exit 1; }

work=$(mktemp -d)
redis_pid=""
cleanup() {
  if [[ -n $redis_pid ]]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

socket=$work/redis.sock
redis-server --port 0 --unixsocket "$socket" --unixsocketperm 700 --save '' --appendonly no \
  --dir "$work" --logfile "$work/redis.log" &
redis_pid=$!
for _ in $(seq 100); do  # up to 10 s
  [[ $(redis-cli -s "$socket" ping 2>/dev/null) == PONG ]] && break
  sleep 0.1
done
[[ $(redis-cli -s "$socket" ping 2>/dev/null) == PONG ]] || { echo "redis-server did not answer" >&2; exit 1; }

mkdir -p "$work/cases"
# The table cases, and the error cases with a table (still rejected when it is on Redis).
python3 - "$work/cases" "$socket" "$conformance/cases/table" "$conformance/cases/error" <<'REWRITE'
import json, os, re, sys
target, socket, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
for source, name in sorted((s, n) for s in sources if os.path.isdir(s) for n in os.listdir(s)):
    if not name.endswith(".json"):
        continue
    case = json.load(open(os.path.join(source, name)))
    app, count = re.subn(r"\bdefine\s+table\b", "@store(type='redis', socket='%s') define table" % socket, case["app"])
    if count == 0:
        continue
    case["app"] = app
    json.dump(case, open(os.path.join(target, name), "w"))
REWRITE

# A fresh app starts on an empty store.
cat > "$work/cepheus" <<WRAP
#!/usr/bin/env bash
if [[ " \$* " != *" --restore "* ]]; then redis-cli -s "$socket" flushall >/dev/null; fi
exec "$binary" "\$@"
WRAP
chmod +x "$work/cepheus"

echo "redis table conformance: $(ls "$work/cases" | wc -l) cases on Redis"
python3 "$conformance/run" --verbose --bin "$work/cepheus" "$work/cases"
python3 "$conformance/split" -v --bin "$work/cepheus" "$work/cases"
