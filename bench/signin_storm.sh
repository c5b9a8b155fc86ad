#!/usr/bin/env bash
# A sign-in storm against the pages, run by hand (never in CI): the process page measured with
# wrk while quiet, then during a storm of sign-ins (STORM connections posting the sign-in form
# as fast as they are answered, bench/signin.lua), with the hashing gate as configured
# (CONCORD_HASHING_SLOTS, 1 by default) and with it opened wide (256, as before the gate). The
# rate limits are raised so that every sign-in costs a hash, as a storm from many addresses
# would. Needs wrk and curl; the demo process is the data.
#
#   bench/signin_storm.sh                            # a release build
#   BIN=target/debug/concord bench/signin_storm.sh   # the debug build (argon2 is optimised
#                                                    # in it too, the pages are not)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-15s}
storm=${STORM:-16}
slots=${SLOTS:-1}
port=18081
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "bench: install wrk (apt-get install wrk)"; exit 1; }
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin concord
fi
bin="${BIN:-${CARGO_TARGET_DIR:-target}/release/concord}"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; kill "${storm_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
export DATABASE_URL="$work/bench.db" CONCORD_BIND="127.0.0.1:$port" RUST_LOG=error \
       CONCORD_SECRET_KEY=bench-secret-key-0123456789abcdef0123 \
       CONCORD_LOGIN_BURST=10000 CONCORD_LOGIN_ATTEMPTS_PER_MINUTE=10000
"$bin" demo >/dev/null

start_server() { # hashing slots
  CONCORD_HASHING_SLOTS=$1 "$bin" serve >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "$base/livez" >/dev/null && return; sleep 0.1; done
  echo "bench: the server did not start"; exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; }

# The pre-session cookie and the CSRF token bound to it, which every sign-in of the storm sends.
credentials() {
  local jar="$work/cookies" page
  rm -f "$jar"
  page=$(curl -fs -c "$jar" "$base/login")
  TOKEN=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
  COOKIE="concord_pre=$(awk '$6=="concord_pre"{print $7}' "$jar")"
  export COOKIE TOKEN
}

page() { # wrk on the process page: "req/s p99 non-2xx timeouts"
  local out
  out=$(wrk -t2 -c64 -d"$duration" --timeout 10s --latency "$base/p/gcm")
  awk '/Requests\/sec/ {r = $2} $1 == "99%" {p = $2} /Non-2xx/ {n = $NF} /timeout/ {t = $NF}
       END {printf "%s | %s | %d / %d", r, p, n, t}' <<<"$out"
}

row() { # name slots storm?
  local pages signins
  start_server "$2"
  curl -fs -o /dev/null "$base/p/gcm"
  if [ "$3" = storm ]; then
    credentials
    wrk -t1 -c"$storm" -d"$((${duration%s} + 4))s" --timeout 10s -s bench/signin.lua "$base" \
      >"$work/storm" 2>&1 &
    storm_pid=$!
    sleep 2
    pages=$(page)
    wait "$storm_pid"
    signins=$(grep 'sign-ins:' "$work/storm" | sed 's/sign-ins: //')
    local non2xx
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/storm")
    signins="$signins, non-2xx/3xx ${non2xx:-0}"
  else
    pages=$(page)
    signins="-"
  fi
  stop_server
  printf '| %-34s | %s | %s |\n' "$1" "$pages" "$signins"
}

echo "| process page /p/gcm | req/s | p99 | non-2xx / timeouts | sign-ins (wrk, $storm connections) |"
echo "|---|---|---|---|---|"
row "quiet" "$slots" quiet
row "storm, CONCORD_HASHING_SLOTS=$slots" "$slots" storm
row "storm, CONCORD_HASHING_SLOTS=256" 256 storm
