#!/usr/bin/env bash
# Concord's scale benchmark, run by hand (never in CI). One release binary, one run: seeds a
# consultation of CONTRIBUTIONS contributions (a share of them campaign letters) and PROPOSALS
# proposals in six languages (bench/seed.py), then measures with wrk at 64 connections, against
# /livez of the same binary: pages, lists, searches by frequency band (the term changes with
# every request, bench/search.lua), the review queue, statistics, the API, open-data downloads
# (rows/s and the server's peak memory) and durable submissions/s.
#
#   bench/run.sh                          # SQLite; needs wrk and python3 (apt-get install wrk)
#   DATABASE=postgres://postgres@127.0.0.1:5432/concord_bench bench/run.sh   # PostgreSQL (needs psql)
#   CONTRIBUTIONS=100000 PROPOSALS=25000 DURATION=10s bench/run.sh           # a quicker look
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-15s}
contributions=${CONTRIBUTIONS:-1000000}
proposals=${PROPOSALS:-250000}
port=18080
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "bench: install wrk (apt-get install wrk)"; exit 1; }

# BIN=target/debug/concord tries the script itself without a release build.
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin concord
fi
bin="${BIN:-${CARGO_TARGET_DIR:-target}/release/concord}"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
if [[ "${DATABASE:-}" == postgres* ]]; then
  admin_url="${DATABASE%/*}/postgres"
  name="${DATABASE##*/}"
  psql -X -q "$admin_url" -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\""
  export DATABASE_URL="$DATABASE"
else
  export DATABASE_URL="$work/bench.db"
fi
export CONCORD_SECRET_KEY=bench-secret-key-0123456789abcdef0123 CONCORD_BIND="127.0.0.1:$port" \
       CONCORD_LOGIN_BURST=10000 CONCORD_LOGIN_ATTEMPTS_PER_MINUTE=10000 RUST_LOG=error
"$bin" demo >/dev/null
echo "Seeding $contributions contributions and $proposals proposals…"
time python3 bench/seed.py "$DATABASE_URL" "$work/terms" "$contributions" "$proposals"
# The seed writes rows directly; group its campaign letters as submission would have.
echo "Grouping campaign letters…"
time "$bin" group-campaigns

start_server() { # synchronous mode
  CONCORD_SQLITE_SYNCHRONOUS=$1 "$bin" serve >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$base/livez" >/dev/null && return; sleep 0.1; done
  echo "bench: the server did not start"; exit 1
}

# One line per measurement: name, requests/s, share of /livez, p99, non-2xx and timed-out
# requests (over 10 s).
livez=0
report() { # name wrk-output
  local rps p99 errors share
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$2")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$2")
  errors=$(awk '/Non-2xx/ {n = $NF} /timeout/ {t = $NF} END {printf "%d / %d", n, t}' <<<"$2")
  share=$(awk -v r="$rps" -v l="$livez" 'BEGIN { if (l > 0) printf "%.1f %%", 100 * r / l; else print "-" }')
  printf '| %-40s | %10s | %8s | %9s | %s |\n' "$1" "$rps" "$share" "$p99" "${errors:-0}"
}
# After a measurement that outran the server, its backlog would still be running during the
# next one: wait until one more request of the same kind has been answered.
settle() { # path [header]
  if [ $# -ge 2 ]; then
    curl -s -o /dev/null --max-time 600 -H "$2" "$base$1" || true
  else
    curl -s -o /dev/null --max-time 600 "$base$1" || true
  fi
}
measure() { # name path [header]
  local out
  if [ $# -ge 3 ]; then
    out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency -H "$3" "$base$2")
  else
    out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency "$base$2")
  fi
  report "$1" "$out"
  settle "${@:2}"
}
search() { # name band path-prefix
  local out
  out=$(TERMS="$work/terms/band-$2.txt" PATH_PREFIX="$3" \
        wrk -t2 -c64 -d"$duration" --timeout 10s --latency -s bench/search.lua "$base")
  report "$1" "$out"
  settle "$3$(head -1 "$work/terms/band-$2.txt")"
}
alone() { # name band path-prefix: each query answered alone (one connection), first 20 terms
  local worst=0 t
  while read -r term; do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$base$3$term")
    worst=$(awk -v a="$worst" -v b="$t" 'BEGIN { print (b > a) ? b : a }')
  done < <(head -20 "$work/terms/band-$2.txt")
  printf '| %-40s | slowest of 20 answered alone: %.0f ms |\n' "$1" "$(awk -v w="$worst" 'BEGIN { print w * 1000 }')"
}

sign_in() { # email; sets COOKIE and TOKEN (for a form at $2)
  local jar="$work/cookies" page token
  rm -f "$jar"
  page=$(curl -fs -c "$jar" -b "$jar" "$base/login")
  token=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=$1" --data-urlencode "password=concord-demo-2018" "$base/login"
  COOKIE="concord_session=$(awk '$6=="concord_session"{print $7}' "$jar")"
  page=$(curl -fs -b "$COOKIE" "$base$2")
  TOKEN=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  export COOKIE TOKEN
}

peak_kib() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
download() { # name path rows
  local before after seconds
  before=$(peak_kib)
  seconds=$(curl -s -o "$work/download" -w '%{time_total}' "$base$2")
  after=$(peak_kib)
  printf '| %-40s | %s rows in %.1f s = %.0f rows/s | peak RSS %d MiB (before %d MiB) | %d MiB |\n' \
    "$1" "$3" "$seconds" "$(awk -v n="$3" -v s="$seconds" 'BEGIN { print n / s }')" \
    $((after / 1024)) $((before / 1024)) $(( $(stat -c %s "$work/download") / 1048576 ))
}

start_server full
echo
echo "| measurement | req/s | of /livez | p99 | non-2xx / timeouts |"
echo "|---|---|---|---|---|"
out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency "$base/livez"); livez=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
report "hello (/livez)" "$out"
measure "home" /
measure "process" /p/gcm
measure "contributions, first page" /p/gcm/contributions
measure "contributions, page 2,000" "/p/gcm/contributions?page=2000"
measure "contributions, civil society, group 1" "/p/gcm/contributions?category=civil-society&group=1"
measure "contributions, oldest first" "/p/gcm/contributions?sort=oldest"
measure "contributions, by title, page 500" "/p/gcm/contributions?sort=title&page=500"
measure "one contribution" /p/gcm/contributions/GCM-WC-B0500000
measure "proposals, first page" /p/gcm/proposals
measure "proposals, page 2,000" "/p/gcm/proposals?page=2000"
measure "proposals of group 3" "/p/gcm/proposals?group=3"
measure "group 1" /p/gcm/groups/1
measure "statistics" /p/gcm/stats
measure "API: contributions" /api/p/gcm/contributions
search "search, rare word" rare "/p/gcm/contributions?q="
search "search, word in 2 % of texts" 2pc "/p/gcm/contributions?q="
search "search, word in 35 % of texts" 35pc "/p/gcm/contributions?q="
search "search, the most common word" top "/p/gcm/contributions?q="
search "search, Arabic" arabic "/p/gcm/contributions?q="
search "search, Chinese" chinese "/p/gcm/contributions?q="
search "search, reference number" reference "/p/gcm/contributions?q="
search "proposal search, word in 2 %" 2pc "/p/gcm/proposals?q="
alone "search alone, word in 35 %" 35pc "/p/gcm/contributions?q="
alone "search alone, the most common word" top "/p/gcm/contributions?q="
sign_in rapporteur@demo.concord.example /p/gcm/groups/1/review
measure "review queue, group 1 (signed in)" /p/gcm/groups/1/review "Cookie: $COOKIE"
echo
echo "| download | rows/s | memory | size |"
echo "|---|---|---|---|"
download "open data: contributions.csv" /p/gcm/open-data/contributions.csv "$contributions"
download "open data: contributions.json" /p/gcm/open-data/contributions.json "$contributions"
download "open data: proposals.csv" /p/gcm/open-data/proposals.csv "$proposals"

echo
for mode in full normal; do
  kill "$server"; wait "$server" 2>/dev/null || true
  start_server "$mode"
  sign_in stakeholder@demo.concord.example /p/gcm/contributions/new
  out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency -s bench/submit.lua "$base/")
  report "durable submissions, synchronous=$mode" "$out"
  grep submissions <<<"$out"
done
