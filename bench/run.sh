#!/usr/bin/env bash
# Concord's benchmark, run by hand (never in CI): seeds 250,000 contributions and 100,000
# proposals into SQLite, then measures with wrk at 64 connections, in one run of one release
# binary: the /livez baseline, the proposal list, a search, and authenticated submissions
# with durable commits under SQLite's synchronous=FULL and =NORMAL.
#
#   bench/run.sh            # needs wrk (apt-get install wrk) and python3
#   DURATION=30s bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-15s}
port=18080
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "bench: install wrk (apt-get install wrk)"; exit 1; }

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/concord"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
export DATABASE_URL="$work/bench.db" CONCORD_SECRET_KEY=bench-secret-key-0123456789abcdef0123 \
       CONCORD_BIND="127.0.0.1:$port" CONCORD_LOGIN_BURST=10000 CONCORD_LOGIN_ATTEMPTS_PER_MINUTE=10000 \
       RUST_LOG=error
"$bin" demo >/dev/null
echo "Seeding…"
time python3 bench/seed.py "$DATABASE_URL" "${CONTRIBUTIONS:-250000}" "${PROPOSALS:-100000}"

start_server() {
  CONCORD_SQLITE_SYNCHRONOUS=$1 "$bin" serve >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$base/livez" >/dev/null && return; sleep 0.1; done
  echo "bench: the server did not start"; exit 1
}

measure() { # name path
  echo "== $1 ($2)"
  wrk -t2 -c64 -d"$duration" --latency "$base$2" | grep -E "Requests/sec|Latency|99%|Non-2xx"
}

start_server full
measure "hello (/livez)" /livez
measure "proposal list" /p/gcm/proposals
measure "proposal list, page 200" "/p/gcm/proposals?page=200"
measure "contribution search" "/p/gcm/contributions?q=decent%20work"
measure "search in Arabic" "/p/gcm/contributions?q=%D8%A7%D9%84%D9%85%D9%87%D8%A7%D8%AC%D8%B1%D9%8A%D9%86"
measure "proposal search" "/p/gcm/proposals?q=remittances"

sign_in() {
  jar="$work/cookies"
  rm -f "$jar"
  page=$(curl -fs -c "$jar" -b "$jar" "$base/login")
  token=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=stakeholder@demo.concord.example" --data-urlencode "password=concord-demo-2018" "$base/login"
  COOKIE="concord_session=$(awk '$6=="concord_session"{print $7}' "$jar")"
  page=$(curl -fs -b "$COOKIE" "$base/p/gcm/contributions/new")
  TOKEN=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  export COOKIE TOKEN
}

for mode in full normal; do
  kill "$server"; wait "$server" 2>/dev/null || true
  start_server "$mode"
  sign_in
  echo "== submissions, synchronous=$mode"
  wrk -t2 -c64 -d"$duration" --latency -s bench/submit.lua "$base/" | grep -E "Requests/sec|Latency|99%|submissions|Non-2xx"
done
