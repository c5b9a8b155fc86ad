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
#   KEEP=/var/tmp/concord-bench bench/run.sh   # keep the seeded database; measure it again later
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
# KEEP=DIR keeps the seeded database and its search terms in DIR, and a later run with the same
# KEEP measures them again without seeding (a million rows take a while to write).
if [ -n "${KEEP:-}" ]; then
  work=$KEEP
  mkdir -p "$work"
  trap 'kill "${server:-0}" 2>/dev/null || true' EXIT
else
  work=$(mktemp -d)
  trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
fi
reuse=false
[ -n "${KEEP:-}" ] && [ -f "$work/seeded" ] && reuse=true
if [[ "${DATABASE:-}" == postgres* ]]; then
  admin_url="${DATABASE%/*}/postgres"
  name="${DATABASE##*/}"
  if ! $reuse; then
    psql -X -q "$admin_url" -c "DROP DATABASE IF EXISTS \"$name\"" -c "CREATE DATABASE \"$name\""
  fi
  export DATABASE_URL="$DATABASE"
else
  export DATABASE_URL="$work/bench.db"
fi
export CONCORD_SECRET_KEY=bench-secret-key-0123456789abcdef0123 CONCORD_BIND="127.0.0.1:$port" \
       CONCORD_LOGIN_BURST=10000 CONCORD_LOGIN_ATTEMPTS_PER_MINUTE=10000 RUST_LOG=error
if $reuse; then
  echo "Measuring the database seeded before in $work."
else
  rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  "$bin" demo >/dev/null
  echo "Seeding $contributions contributions and $proposals proposals…"
  time python3 bench/seed.py "$DATABASE_URL" "$work/terms" "$contributions" "$proposals"
  echo "Indexing them for search…"
  time "$bin" reindex
  # The seed writes rows directly; group its campaign letters as submission would have.
  echo "Grouping campaign letters…"
  time "$bin" group-campaigns
  if [[ "${DATABASE:-}" == postgres* ]]; then
    # What a bulk load leaves to autovacuum, done now: it may be off (it is on some machines
    # here) or not yet come round. Rows updated on every write (the stamps, the open-data
    # generation's stripes) are left in hundreds of dead versions that each kept page's stamp
    # read walked (process page: 3.1k req/s before, 7.1k after), and the planner would plan
    # from the statistics of empty tables.
    psql -X -q "$DATABASE_URL" -c "VACUUM FULL processes, open_data_generation, campaign_counts, campaigns" \
      -c "VACUUM ANALYZE"
  fi
  [ -n "${KEEP:-}" ] && touch "$work/seeded"
fi

start_server() { # synchronous mode
  # Another server on the port would answer in this one's place, and measure another binary.
  if curl -fs -o /dev/null "$base/livez"; then echo "bench: port $port is taken"; exit 1; fi
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
# A download: its rows (counted in the file), rows/s, and the server's memory during it: its
# peak resident set (VmHWM, reset first through clear_refs where the kernel allows, else the
# peak of the whole run so far: then "since start" says so), and the peak of its own memory
# (RssAnon, sampled every 50 ms). The two differ by the pages of the database file the server
# reads through its memory map: the kernel's file cache, counted as resident while mapped,
# shared and given back under pressure. A transfer cut short fails the row.
download() { # name path
  local seconds rows peak before anon sampler scope=during
  echo 5 2>/dev/null >"/proc/$server/clear_refs" || scope="since start"
  before=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
  echo 0 >"$work/anon-peak"
  ( most=0
    while kill -0 "$server" 2>/dev/null; do
      now=$(awk '/RssAnon/ {print $2}' "/proc/$server/status")
      if [ "${now:-0}" -gt "$most" ]; then most=$now; echo "$most" >"$work/anon-peak"; fi
      sleep 0.05
    done ) &
  sampler=$!
  if ! seconds=$(curl -fsS -o "$work/download" -w '%{time_total}' "$base$2"); then
    kill "$sampler" 2>/dev/null || true
    printf '| %-40s | FAILED: the transfer did not complete | | |\n' "$1"
    return
  fi
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak=$(peak_kib) anon=$(cat "$work/anon-peak")
  case "$2" in
    # One record a line, each opening with "{" (texts' newlines are escaped in JSON).
    *.json) rows=$(grep -c '^{' "$work/download" || true) ;;
    *.csv) rows=$(python3 -c 'import csv, sys; f = open(sys.argv[1], newline="", encoding="utf-8-sig"); print(sum(1 for _ in csv.reader(f)) - 1)' "$work/download") ;;
    *) rows=- ;;
  esac
  printf '| %-40s | %s rows in %.1f s = %.0f rows/s | own memory at most %d MiB; peak RSS %d MiB with mapped file pages (%s; %d MiB before) | %d MiB |\n' \
    "$1" "$rows" "$seconds" "$(awk -v n="$rows" -v s="$seconds" 'BEGIN { print (n + 0) / s }')" \
    $((anon / 1024)) $((peak / 1024)) "$scope" $((before / 1024)) $(( $(stat -c %s "$work/download") / 1048576 ))
}

# The id of the row at a depth of a list's order: the cursor its `after=` link would carry
# after that many rows, so a deep page is measured as people reach it (by next links).
cursor() { # table, extra condition, order, rows before
  local sql="SELECT id FROM $1 WHERE process_id = (SELECT id FROM processes WHERE slug = 'gcm')
             AND status <> 'draft' $2 ORDER BY $3 LIMIT 1 OFFSET $(($4 - 1))"
  if [[ "$DATABASE_URL" == postgres* ]]; then
    psql -X -qAt "$DATABASE_URL" -c "$sql"
  else
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' \
      "$DATABASE_URL" "$sql"
  fi
}
depth() { echo $(( $1 / 2 < $2 ? $1 / 2 : $2 )); } # half the list, at most $2 rows
deep_c=$(depth "$contributions" 50000) deep_t=$(depth "$contributions" 12500) deep_p=$(depth "$proposals" 50000)
deep_contributions=$(cursor contributions "AND NOT campaign_copy" "submitted_at DESC, id DESC" "$deep_c")
deep_titles=$(cursor contributions "AND NOT campaign_copy" "title, id" "$deep_t")
deep_proposals=$(cursor proposals "" "submitted_at DESC, id DESC" "$deep_p")

start_server full
echo
if [[ "$DATABASE_URL" == postgres* ]]; then
  # What PostgreSQL keeps in its own memory decides how much of a search reads through the
  # kernel instead: the default (128 MB) is a fraction of a seeded database.
  echo "PostgreSQL: shared_buffers $(psql -X -qAt "$DATABASE_URL" -c 'SHOW shared_buffers'), \
database $(psql -X -qAt "$DATABASE_URL" -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')."
fi
echo "| measurement | req/s | of /livez | p99 | non-2xx / timeouts |"
echo "|---|---|---|---|---|"
# A few seconds of warming first: measured right after the server started, /livez read
# 57-68k req/s where later runs read 78-94k, and every share below is of it.
wrk -t2 -c64 -d3s "$base/livez" >/dev/null
out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency "$base/livez"); livez=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
report "hello (/livez)" "$out"
measure "home" /
measure "process" /p/gcm
measure "contributions, first page" /p/gcm/contributions
measure "contributions, after row $deep_c" "/p/gcm/contributions?after=$deep_contributions&row=$((deep_c + 1))"
measure "contributions, civil society, group 1" "/p/gcm/contributions?category=civil-society&group=1"
measure "contributions, oldest first" "/p/gcm/contributions?sort=oldest"
measure "contributions, by title, after row $deep_t" "/p/gcm/contributions?sort=title&after=$deep_titles&row=$((deep_t + 1))"
measure "one contribution" "/p/gcm/contributions/GCM-WC-B$(printf %07d $((contributions / 2)))"
measure "proposals, first page" /p/gcm/proposals
measure "proposals, after row $deep_p" "/p/gcm/proposals?after=$deep_proposals&row=$((deep_p + 1))"
measure "proposals of group 3" "/p/gcm/proposals?group=3"
measure "group 1" /p/gcm/groups/1
measure "statistics" /p/gcm/stats
measure "API: contributions" /api/p/gcm/contributions
# As browsers ask: every one takes gzip (and brotli, which Concord does not make). Kept pages
# go out as they were compressed once; a page made for one request is compressed as it goes.
browser="Accept-Encoding: gzip, deflate, br, zstd"
measure "home, as a browser asks" / "$browser"
measure "contributions, first page, as a browser asks" /p/gcm/contributions "$browser"
measure "one contribution, as a browser asks" "/p/gcm/contributions/GCM-WC-B$(printf %07d $((contributions / 2)))" "$browser"
measure "API: contributions, gzip" /api/p/gcm/contributions "Accept-Encoding: gzip"
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
# The same queue read and rendered for every request, as after any decision or note renews
# what is kept of it: each address is new (a parameter the queue ignores), so none is kept.
seq 1000000 >"$work/fresh.txt"
out=$(TERMS="$work/fresh.txt" PATH_PREFIX="/p/gcm/groups/1/review?fresh=" \
      wrk -t2 -c64 -d"$duration" --timeout 10s --latency -H "Cookie: $COOKIE" -s bench/search.lua "$base")
report "review queue, rendered each time" "$out"
settle /p/gcm/groups/1/review "Cookie: $COOKIE"
# Downloads are measured on a fresh server: what streaming costs, not what the allocator kept
# of the 64-connection runs before.
kill "$server"; wait "$server" 2>/dev/null || true
# Built, not read back: a kept database keeps the files an earlier run built for the same
# data (web::files, beside an SQLite database, in the temporary folder for PostgreSQL).
if [[ "${DATABASE:-}" == postgres* ]]; then
  rm -rf "${TMPDIR:-/tmp}/concord-files-$(tr -c '[:alnum:]\n' '_' <<<"${DATABASE##*/}")"
else
  rm -rf "$DATABASE_URL.files"
fi
start_server full
echo
echo "| download | rows/s | memory | size |"
echo "|---|---|---|---|"
download "open data: contributions.csv" /p/gcm/open-data/contributions.csv
download "open data: contributions.json" /p/gcm/open-data/contributions.json
download "open data: proposals.csv" /p/gcm/open-data/proposals.csv
download "open data: proposals.json" /p/gcm/open-data/proposals.json
download "open data: workbook.xlsx (capped)" /p/gcm/open-data/workbook.xlsx

echo
for mode in full normal; do
  kill "$server"; wait "$server" 2>/dev/null || true
  start_server "$mode"
  sign_in stakeholder@demo.concord.example /p/gcm/contributions/new
  out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency -s bench/submit.lua "$base/")
  report "durable submissions, synchronous=$mode" "$out"
  grep submissions <<<"$out"
done
# The same with texts as long and as varied as the seeded ones: each enters the search index
# with a hundred words or more, and the lists of those it weighs enough.
texts="$work/terms/submissions.txt"
if [ -f "$texts" ]; then
  kill "$server"; wait "$server" 2>/dev/null || true
  start_server full
  sign_in stakeholder@demo.concord.example /p/gcm/contributions/new
  out=$(TEXTS="$texts" wrk -t2 -c64 -d"$duration" --timeout 10s --latency -s bench/submit.lua "$base/")
  report "durable submissions of seeded texts, synchronous=full" "$out"
  grep submissions <<<"$out"
else
  echo "(no $texts: a database seeded before bench/seed.py wrote it; seed again for that row)"
fi
