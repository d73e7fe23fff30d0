#!/usr/bin/env bash
# HTTP throughput and latency of socius against a bare Boost.Beast server (the baseline).
# Run by `make bench`; builds nothing: it expects
#   $SOCIUS_BIN      (default $BUILD/src/app/socius)
#   $BASELINE_BIN    (default $BUILD/bench/socius_bench_baseline)
# ($BUILD, default build, is the build folder) and wrk on PATH. BENCH_SECONDS (default 10) is
# the duration of each wrk run; BENCH_THREADS (default: number of cores) the threads of the
# baseline, which never waits; BENCH_SOCIUS_THREADS (default 0: socius's own default, four per
# core and at least 16, since its handlers wait on the database) its worker threads;
# BENCH_CONNECTIONS (default 64) wrk's connections.
# BENCH_STRICT=1 makes the script fail when a ratio is below its target. Then, when built, the
# text benchmark ($BUILD/src/text/socius_text_bench) runs and prints its own figures, the
# registry benchmark ($BUILD/bench/socius_registry_bench; BENCH_PERSONS, default 1000000), and
# the person search index candidates ($BUILD/bench/socius_index_choice_bench;
# BENCH_INDEX_PERSONS, default 200000). The cases benchmark ($BUILD/bench/socius_gen_cases and
# the cases endpoints; see its section below) runs before them.
#
# The HTTP runs go against SQLite and, when SOCIUS_TEST_PG_URL is set (scripts/with-postgres.sh),
# against PostgreSQL in a fresh schema. Prints one row per run (requests/s, p50, p99) and, per
# backend, the ratios to the baseline of the same run:
#   health / baseline                 (target >= 0.7)
#   user read / baseline              (GET /api/v1/users/{id}, target >= 0.5)
#   audited person read / baseline    (GET /api/v1/persons/{id}, target >= 0.25, p99 <= 50 ms)
#   public directory page / baseline (GET /directory/{code} of a community with 200 services,
#                                      no session, gzip; target >= 0.5)
# BENCH_HTTP_ONLY=1 stops after these.
#
# The services map (issue 16): a generated region ($BUILD/bench/socius_gen_services: 5,000
# services, 200,000 enrolments) on SQLite and, under scripts/with-postgres.sh, on PostgreSQL;
# GET /api/v1/services-map?territory=REGION as its head of service, BENCH_CONNECTIONS clients,
# gzip accepted (as a browser asks) and not, target p99 <= 100 ms. It runs after the cases benchmark; BENCH_MAP=0 skips it and
# BENCH_MAP_ONLY=1 runs it alone (no baseline, nothing else).
#
# The benefits room (issue 17): $BUILD/bench/socius_benefits_bench generates BENCH_BENEFITS_HOUSEHOLDS
# households (default 1000000) with members and declared incomes, a monthly aid and
# BENCH_BENEFITS_BENEFICIARIES beneficiaries (default 100000) on SQLite and, under
# scripts/with-postgres.sh, on PostgreSQL, and prints per backend: the eligibility preview over
# every household (median and worst of 3, target <= 1 s), the payment list of the month
# (target <= 2 s) and the bank confirmation import in rows/s beside raw prepared INSERTs of as
# many rows in the same run. It runs after the services map; BENCH_BENEFITS=0 skips it and
# BENCH_BENEFITS_ONLY=1 runs it alone.
#
# The monthly report (issue 18): $BUILD/bench/socius_reports_bench generates one region with
# BENCH_REPORTS_CONTACTS contacts (default 10000000), BENCH_REPORTS_CASES cases (default 300000)
# and BENCH_REPORTS_PAYMENTS payment lines (default 2000000) over 24 months, with their plans,
# referrals, screenings, enrolments, applications, decisions and cards, on SQLite and, under
# scripts/with-postgres.sh, on PostgreSQL (vacuumed after the load, as autovacuum would), and
# prints per backend the monthly report of the region (best and median of 5, target <= 1 s) and
# the 12-month dashboard series (target <= 2 s) beside the limit: plain SELECT count(*) scans of
# contacts, payment_lines and cases in the same run. It runs after the benefits; BENCH_REPORTS=0
# skips it and BENCH_REPORTS_ONLY=1 runs it alone.
#
# Person deduplication (the record-linkage engine, src/dedup/engine.h):
# $BUILD/bench/socius_dedup_bench generates BENCH_DEDUP_PERSONS persons (default 1000000), registers
# about one in ten a second time with realistic differences, runs the engine on 2 threads and
# prints the blocking's pair completeness (target >= 0.99), precision, recall and F1 of the
# proposed pairs (target F1 >= 0.95), each stage's time end to end (target <= 60 s at 1M on 2
# cores) and the peak memory. It runs after the reports; BENCH_DEDUP=0 skips it and
# BENCH_DEDUP_ONLY=1 runs it alone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD:-build}"
[[ "$BUILD_DIR" = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
SOCIUS_BIN="${SOCIUS_BIN:-$BUILD_DIR/src/app/socius}"
BASELINE_BIN="${BASELINE_BIN:-$BUILD_DIR/bench/socius_bench_baseline}"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
THREADS="${BENCH_THREADS:-$(nproc)}"
SOCIUS_THREADS="${BENCH_SOCIUS_THREADS:-0}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
ADMIN_PASSWORD="Bench-Admin-Password-1"

# The benefits, reports and deduplication benchmarks alone (BENCH_BENEFITS_ONLY=1,
# BENCH_REPORTS_ONLY=1, BENCH_DEDUP_ONLY=1) need neither the server nor wrk.
if [[ "${BENCH_BENEFITS_ONLY:-0}" != 1 && "${BENCH_REPORTS_ONLY:-0}" != 1 &&
      "${BENCH_DEDUP_ONLY:-0}" != 1 ]]; then
  for bin in "$SOCIUS_BIN" "$BASELINE_BIN"; do
    [[ -x "$bin" ]] || { echo "bench: $bin is missing; build first (make build)" >&2; exit 1; }
  done
  command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
fi
command -v curl >/dev/null || { echo "bench: curl is not installed" >&2; exit 1; }

WORK="$(mktemp -d -t socius-bench-XXXXXX)"
cleanup() {
  local pidfile
  for pidfile in "$WORK"/*.pid; do
    [[ -e "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 0.5
  rm -rf "$WORK"
}
trap cleanup EXIT

# start LOGFILE CMD... : starts a server in the background, waits for its
# "listening on http://ADDR:PORT" line and prints the base URL.
start() {
  local log="$1"; shift
  "$@" >"$log" 2>&1 &
  local pid=$!
  echo "$pid" >"$log.pid"
  for _ in $(seq 1 3000); do
    if url=$(grep -o -m1 'listening on http://[^ ]*' "$log" 2>/dev/null); then
      echo "${url#listening on }"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "bench: $1 exited:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "bench: $1 did not start in 300 s" >&2; cat "$log" >&2; return 1
}

# bench_run LABEL URL [wrk args...] : prints "LABEL rps p50_ms p99_ms non2xx"
bench_run() {
  local label="$1" url="$2"; shift 2
  local out="$WORK/wrk-$label.txt"
  wrk -t"$((CONNECTIONS < 2 ? 1 : 2))" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" >"$out" 2>&1 || {
    echo "bench: wrk failed for $label:" >&2; cat "$out" >&2; return 1; }
  awk -v label="$label" '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $5 }
    END { printf "%s %.0f %.3f %.3f %d\n", label, rps, p50, p99, bad + 0 }
  ' "$out"
}

# The services map of a region (issue 16, "Benchmarks"): $BUILD/bench/socius_gen_services
# writes one region's providers, BENCH_MAP_SERVICES services (default 5000) and
# BENCH_MAP_ENROLMENTS enrolments (default 200000) into a new database on each backend; a
# `socius serve` on it answers GET /api/v1/services-map?territory=REGION to the region's head
# of service, BENCH_CONNECTIONS clients, accepting gzip as a browser does and then not. Prints
# requests/s, p50 and p99 per backend and encoding beside the target (p99 <= 100 ms); returns 1 on a failure or a non-2xx answer (and, with BENCH_STRICT=1,
# on a missed target).
GEN_SERVICES="${GEN_SERVICES_BIN:-$BUILD_DIR/bench/socius_gen_services}"
services_map_bench() {
  [[ -x "$GEN_SERVICES" ]] || { echo "bench: $GEN_SERVICES is missing; build first" >&2; return 1; }
  local results="$WORK/map-results.txt" status=0
  : >"$results"
  # map_backend LABEL DB_URL : generates the region into DB_URL and measures its map.
  map_backend() {
    local label="$1" db="$2" surl spid cookie path code
    echo
    echo "== services map on $label: $GEN_SERVICES"
    "$GEN_SERVICES" --db "$db" --services "${BENCH_MAP_SERVICES:-5000}" \
      --enrolments "${BENCH_MAP_ENROLMENTS:-200000}" --seed "${BENCH_SEED:-1}" \
      --manifest "$WORK/map-$label.env" | sed 's/^/  /' || return 1
    # shellcheck disable=SC1090
    source "$WORK/map-$label.env"
    surl=$(SOCIUS_ADMIN_PASSWORD="$ADMIN_PASSWORD" SOCIUS_PASSWORD_COST=min \
      start "$WORK/map-$label.log" "$SOCIUS_BIN" serve --listen 127.0.0.1:0 \
        --threads "$SOCIUS_THREADS" --db "$db") || return 1
    spid=$(cat "$WORK/map-$label.log.pid")
    curl -sS -o /dev/null -c "$WORK/map-cookies" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$MAP_HEAD\",\"password\":\"$MAP_PASSWORD\"}" "$surl/api/v1/session" || true
    cookie=$(awk '$6 == "socius_session" { print "socius_session=" $7 }' "$WORK/map-cookies" 2>/dev/null)
    rm -f "$WORK/map-cookies"
    [[ -n "$cookie" ]] || { echo "bench: $MAP_HEAD could not log in" >&2; kill "$spid"; return 1; }
    path="/api/v1/services-map?territory=$MAP_TERRITORY"
    code=$(curl -sS -o "$WORK/map-$label.json" -w '%{http_code}' -H "Cookie: $cookie" "$surl$path")
    [[ "$code" == 200 ]] || { echo "bench: the services map answered $code" >&2; kill "$spid"; return 1; }
    echo "  the map of $MAP_TERRITORY: $(grep -o '"area_code"' "$WORK/map-$label.json" | wc -l) rows, $(wc -c <"$WORK/map-$label.json") bytes of JSON"
    echo "  sent gzip (Accept-Encoding: gzip, as a browser asks): $(curl -sS -o /dev/null -w '%{size_download}' \
      -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' "$surl$path") bytes"
    # As the web app asks (a browser accepts gzip), then without compression. A 10 s timeout:
    # wrk's 2 s default would drop the slowest answers from the latencies.
    SOCIUS_COOKIE="$cookie" bench_run "$label.gzip" "$surl$path" -s "$ROOT/bench/auth.lua" \
      -H 'Accept-Encoding: gzip' --timeout 10s >>"$results"
    SOCIUS_COOKIE="$cookie" bench_run "$label.identity" "$surl$path" -s "$ROOT/bench/auth.lua" \
      --timeout 10s >>"$results"
    kill "$spid" 2>/dev/null || true
    rm -f "$WORK/map-$label.log.pid"
  }
  map_backend sqlite "sqlite:$WORK/map.db" || status=1
  if [[ -n "${SOCIUS_TEST_PG_ADMIN_URL:-}" && -n "${SOCIUS_TEST_PG_URL:-}" ]]; then
    if psql -X -q "$SOCIUS_TEST_PG_ADMIN_URL" \
        -c "DROP DATABASE IF EXISTS socius_map_bench" \
        -c "CREATE DATABASE socius_map_bench OWNER socius" >/dev/null; then
      map_backend postgresql "${SOCIUS_TEST_PG_URL%/*}/socius_map_bench" || status=1
    else
      echo "bench: could not create the PostgreSQL database for the services map" >&2
      status=1
    fi
  else
    echo
    echo "(services map on PostgreSQL: not run; run under scripts/with-postgres.sh)"
  fi
  echo
  echo "== services map of a region with ${BENCH_MAP_SERVICES:-5000} services and ${BENCH_MAP_ENROLMENTS:-200000} enrolments: its head of service, $CONNECTIONS clients"
  awk -v strict="${BENCH_STRICT:-0}" '
    BEGIN {
      printf "  %-50s %10s %8s %8s %8s\n", "run", "req/s", "p50 ms", "p99 ms", "non-2xx"
    }
    {
      split($1, part, ".")
      label = part[1] " GET /api/v1/services-map " (part[2] == "gzip" ? "(gzip)" : "(no gzip)")
      printf "  %-50s %10d %8.2f %8.2f %8d\n", label, $2, $3, $4, $5
      if ($5 > 0) bad = 1
      line[++n] = sprintf("  %-50s p99 %7.2f ms (target <= 100) %s", label, $4,
        ($4 <= 100 ? "ok" : "BELOW TARGET"))
      if ($4 > 100) below = 1
    }
    END {
      print ""
      for (i = 1; i <= n; i++) print line[i]
      if (bad || (below && strict == 1)) exit 1
    }' "$results" || status=1
  return "$status"
}
# The benefits room (issue 17, "Benchmarks"): socius_benefits_bench on a new database of each
# backend; it prints its own figures and targets. Returns 1 on a failure (and, with
# BENCH_STRICT=1, on a missed target).
BENEFITS_BENCH="${BENEFITS_BENCH_BIN:-$BUILD_DIR/bench/socius_benefits_bench}"
benefits_bench() {
  [[ -x "$BENEFITS_BENCH" ]] || { echo "bench: $BENEFITS_BENCH is missing; build first" >&2; return 1; }
  local status=0 args
  args=(--households "${BENCH_BENEFITS_HOUSEHOLDS:-1000000}"
        --beneficiaries "${BENCH_BENEFITS_BENEFICIARIES:-100000}" --seed "${BENCH_SEED:-1}")
  [[ "${BENCH_STRICT:-0}" == 1 ]] && args+=(--strict)
  echo
  "$BENEFITS_BENCH" --db "sqlite:$WORK/benefits.db" "${args[@]}" || status=1
  rm -f "$WORK"/benefits.db*
  if [[ -n "${SOCIUS_TEST_PG_ADMIN_URL:-}" && -n "${SOCIUS_TEST_PG_URL:-}" ]]; then
    if psql -X -q "$SOCIUS_TEST_PG_ADMIN_URL" \
        -c "DROP DATABASE IF EXISTS socius_benefits_bench" \
        -c "CREATE DATABASE socius_benefits_bench OWNER socius" >/dev/null; then
      echo
      "$BENEFITS_BENCH" --db "${SOCIUS_TEST_PG_URL%/*}/socius_benefits_bench" "${args[@]}" ||
        status=1
    else
      echo "bench: could not create the PostgreSQL database for the benefits" >&2
      status=1
    fi
  else
    echo
    echo "(benefits on PostgreSQL: not run; run under scripts/with-postgres.sh)"
  fi
  return "$status"
}
# The monthly report (issue 18, "Benchmarks"): socius_reports_bench writes the data into a new
# database of each backend (--generate-only), PostgreSQL's is vacuumed, then it measures the
# report, the series and the plain scans on it (--existing) and prints its own figures and
# targets. Returns 1 on a failure (and, with BENCH_STRICT=1, on a missed target).
REPORTS_BENCH="${REPORTS_BENCH_BIN:-$BUILD_DIR/bench/socius_reports_bench}"
reports_bench() {
  [[ -x "$REPORTS_BENCH" ]] || { echo "bench: $REPORTS_BENCH is missing; build first" >&2; return 1; }
  local status=0 args measure db
  args=(--contacts "${BENCH_REPORTS_CONTACTS:-10000000}" --cases "${BENCH_REPORTS_CASES:-300000}"
        --payments "${BENCH_REPORTS_PAYMENTS:-2000000}" --seed "${BENCH_SEED:-1}")
  measure=()
  [[ "${BENCH_STRICT:-0}" == 1 ]] && measure+=(--strict)
  echo
  if "$REPORTS_BENCH" --db "sqlite:$WORK/reports.db" "${args[@]}" --generate-only; then
    "$REPORTS_BENCH" --db "sqlite:$WORK/reports.db" --existing "${measure[@]}" || status=1
  else
    status=1
  fi
  rm -f "$WORK"/reports.db*
  if [[ -n "${SOCIUS_TEST_PG_ADMIN_URL:-}" && -n "${SOCIUS_TEST_PG_URL:-}" ]]; then
    db="${SOCIUS_TEST_PG_URL%/*}/socius_reports_bench"
    if psql -X -q "$SOCIUS_TEST_PG_ADMIN_URL" \
        -c "DROP DATABASE IF EXISTS socius_reports_bench" \
        -c "CREATE DATABASE socius_reports_bench OWNER socius" >/dev/null; then
      echo
      if "$REPORTS_BENCH" --db "$db" "${args[@]}" --generate-only &&
          psql -X -q "${SOCIUS_TEST_PG_ADMIN_URL%/*}/socius_reports_bench" -c "VACUUM ANALYZE" \
            >/dev/null; then
        "$REPORTS_BENCH" --db "$db" --existing "${measure[@]}" || status=1
      else
        status=1
      fi
      psql -X -q "$SOCIUS_TEST_PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS socius_reports_bench" \
        >/dev/null || true
    else
      echo "bench: could not create the PostgreSQL database for the reports" >&2
      status=1
    fi
  else
    echo
    echo "(reports on PostgreSQL: not run; run under scripts/with-postgres.sh)"
  fi
  return "$status"
}
# Person deduplication: socius_dedup_bench generates its registry in memory and prints its own
# figures and targets. Returns 1 on a failure (and, with BENCH_STRICT=1, on a missed target).
DEDUP_BENCH="${DEDUP_BENCH_BIN:-$BUILD_DIR/bench/socius_dedup_bench}"
dedup_bench() {
  [[ -x "$DEDUP_BENCH" ]] || { echo "bench: $DEDUP_BENCH is missing; build first" >&2; return 1; }
  local args=(--persons "${BENCH_DEDUP_PERSONS:-1000000}" --seed "${BENCH_SEED:-1}" --threads 2)
  [[ "${BENCH_STRICT:-0}" == 1 ]] && args+=(--strict)
  echo
  echo "== person deduplication ($DEDUP_BENCH ${args[*]})"
  "$DEDUP_BENCH" "${args[@]}"
}
if [[ "${BENCH_BENEFITS_ONLY:-0}" == 1 ]]; then
  benefits_bench
  exit $?
fi
if [[ "${BENCH_DEDUP_ONLY:-0}" == 1 ]]; then
  dedup_bench
  exit $?
fi
if [[ "${BENCH_REPORTS_ONLY:-0}" == 1 ]]; then
  reports_bench
  exit $?
fi
if [[ "${BENCH_MAP_ONLY:-0}" == 1 ]]; then
  echo "socius:   $SOCIUS_BIN ($([[ "$SOCIUS_THREADS" == 0 ]] && echo "default" || echo "$SOCIUS_THREADS") threads)"
  echo "wrk:      -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s on $(nproc) cores"
  services_map_bench
  exit $?
fi

echo "socius:   $SOCIUS_BIN ($([[ "$SOCIUS_THREADS" == 0 ]] && echo "default" || echo "$SOCIUS_THREADS") threads)"
echo "baseline: $BASELINE_BIN ($THREADS threads)"
echo "wrk:      -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s on $(nproc) cores"
echo "backends: sqlite$([[ -n "${SOCIUS_TEST_PG_URL:-}" ]] && echo ", postgresql ($SOCIUS_TEST_PG_URL)")"
echo

BASE_URL=$(start "$WORK/baseline.log" "$BASELINE_BIN" --listen 127.0.0.1:0 --threads "$THREADS")
RESULTS="$WORK/results.txt"
bench_run baseline "$BASE_URL/api/v1/health" >>"$RESULTS"

# bench_backend NAME DB_URL : starts socius on DB_URL, logs in as the administrator, registers
# one person and measures health, an authenticated user read and an audited person read
# (each GET /api/v1/persons/{id} appends a person.read audit entry: a write per read).
bench_backend() {
  local name="$1" db="$2"
  local url login user_id cookie csrf person status
  url=$(SOCIUS_ADMIN_PASSWORD="$ADMIN_PASSWORD" SOCIUS_PASSWORD_COST=min \
    start "$WORK/socius-$name.log" "$SOCIUS_BIN" serve --listen 127.0.0.1:0 --threads "$SOCIUS_THREADS" \
      --db "$db") || return 1
  # Log in once; the session cookie is reused by every authenticated request.
  login=$(curl -sS -c "$WORK/cookies-$name" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$url/api/v1/session")
  user_id=$(printf '%s' "$login" | sed -n 's/.*"user":{[^}]*"id":"\([^"]*\)".*/\1/p')
  [[ -n "$user_id" ]] || user_id=$(printf '%s' "$login" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  csrf=$(printf '%s' "$login" | grep -o '"csrf_token":"[^"]*"' | head -1 | cut -d'"' -f4)
  cookie=$(awk '$6 == "socius_session" { print "socius_session=" $7 }' "$WORK/cookies-$name")
  [[ -n "$user_id" && -n "$cookie" ]] || { echo "bench: login on $name failed: $login" >&2; return 1; }
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url/api/v1/users/$user_id")
  [[ "$status" == 200 ]] || { echo "bench: GET /api/v1/users/$user_id on $name gave $status" >&2; return 1; }
  person=$(curl -sS -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"given_name":"Elena","family_name":"Munteanu","identifiers":[{"scheme":"RO-CNP","value":"2751102220046"}],"community_code":"RO:1017"}' \
    "$url/api/v1/persons" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  [[ -n "$person" ]] || { echo "bench: registering a person on $name failed" >&2; return 1; }

  bench_run "$name.health" "$url/api/v1/health" >>"$RESULTS"
  SOCIUS_COOKIE="$cookie" bench_run "$name.user" "$url/api/v1/users/$user_id" \
    -s "$ROOT/bench/auth.lua" >>"$RESULTS"
  SOCIUS_COOKIE="$cookie" bench_run "$name.person" "$url/api/v1/persons/$person" \
    -s "$ROOT/bench/auth.lua" >>"$RESULTS"

  # The public services directory of a community with 200 services, as a resident's phone
  # loads it: no session, gzip.
  local provider i
  provider=$(curl -sS -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"territory_code":"RO:1017","name":"Direcția de Asistență Socială","kind":"public"}' \
    "$url/api/v1/providers" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
  [[ -n "$provider" ]] || { echo "bench: registering a provider on $name failed" >&2; return 1; }
  for i in $(seq 1 200); do
    curl -sS -o /dev/null -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
      -d "{\"provider_id\":\"$provider\",\"territory_code\":\"RO:1017\",\"name\":\"Serviciul social $i\",\"type\":\"home_care\",\"capacity\":$((i % 40 + 5)),\"target_groups\":[\"elderly\",\"disability\"],\"languages\":[\"ro\",\"ru\"],\"opening_hours\":\"Luni–Vineri 8–16\",\"address\":\"Str. Principală $i\",\"phone\":\"+40 258 000 $((100 + i))\",\"description\":\"Îngrijire la domiciliu pentru vârstnici și persoane cu dizabilități, cartierul $i.\",\"how_to_apply\":\"Cereți asistentului social al comunității.\"}" \
      "$url/api/v1/services"
  done
  curl -sS --compressed -o "$WORK/directory-$name.html" -w '%{size_download}' -H 'Accept-Encoding: gzip' \
    "$url/directory/RO:1017?lang=ro" >"$WORK/directory-$name.bytes"
  curl -sS -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' \
    "$url/directory/RO:1017?lang=ro" >"$WORK/directory-$name.gzip-bytes"
  bench_run "$name.directory" "$url/directory/RO:1017?lang=ro" -H 'Accept-Encoding: gzip' >>"$RESULTS"
  local pid
  pid=$(cat "$WORK/socius-$name.log.pid")
  awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" >"$WORK/rss-$name" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  rm -f "$WORK/socius-$name.log.pid"
}

bench_backend sqlite "sqlite:$WORK/bench.db"
PG_SCHEMA=""
if [[ -n "${SOCIUS_TEST_PG_URL:-}" ]]; then
  command -v psql >/dev/null || { echo "bench: psql is needed for PostgreSQL" >&2; exit 1; }
  PG_SCHEMA="bench_$$_$RANDOM"
  psql -q "$SOCIUS_TEST_PG_URL" -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null
  sep='?'; [[ "$SOCIUS_TEST_PG_URL" == *\?* ]] && sep='&'
  bench_backend postgresql "$SOCIUS_TEST_PG_URL${sep}options=-csearch_path%3D$PG_SCHEMA"
  psql -q "$SOCIUS_TEST_PG_URL" -c "DROP SCHEMA $PG_SCHEMA CASCADE" >/dev/null 2>&1 || true
fi

# Targets, as ratios of requests/s to the fixed-body baseline of this run:
#   health >= 0.7, authenticated user read >= 0.5, audited person read >= 0.25 with p99 <= 50 ms.
STATUS_FILE="$WORK/http-status"
(awk -v strict="${BENCH_STRICT:-0}" '
  function check(label, ratio, target, extra_ok) {
    ok = ratio >= target && extra_ok
    printf "%-48s %6.2f  (target >= %.2f%s) %s\n", label, ratio, target,
      (label ~ /person/ ? ", p99 <= 50 ms" : ""), (ok ? "ok" : "BELOW TARGET")
    if (!ok) fail = 1
  }
  { rps[$1] = $2; p50[$1] = $3; p99[$1] = $4; bad[$1] = $5; order[n++] = $1 }
  END {
    printf "%-48s %12s %10s %10s %8s\n", "run", "requests/s", "p50 ms", "p99 ms", "non-2xx"
    for (i = 0; i < n; i++) {
      k = order[i]
      split(k, part, ".")
      if (k == "baseline") name = "baseline GET (Beast, fixed JSON)"
      else if (part[2] == "health") name = part[1] " GET /api/v1/health"
      else if (part[2] == "user") name = part[1] " GET /api/v1/users/{id} (cookie)"
      else if (part[2] == "directory") name = part[1] " GET /directory/{code} (200 services)"
      else name = part[1] " GET /api/v1/persons/{id} (audited)"
      printf "%-48s %12d %10.3f %10.3f %8d\n", name, rps[k], p50[k], p99[k], bad[k]
    }
    print ""
    fail = 0
    split("sqlite postgresql", backends, " ")
    for (b = 1; b <= 2; b++) {
      be = backends[b]
      if (!((be ".health") in rps)) continue
      check(be ": health / baseline", rps[be ".health"] / rps["baseline"], 0.7, 1)
      check(be ": user read / baseline", rps[be ".user"] / rps["baseline"], 0.5, 1)
      check(be ": audited person read / baseline", rps[be ".person"] / rps["baseline"], 0.25,
            p99[be ".person"] <= 50)
      check(be ": public directory page / baseline", rps[be ".directory"] / rps["baseline"], 0.5, 1)
    }
    for (k in bad) if (bad[k] > 0) { printf "%s had %d non-2xx answers\n", k, bad[k]; fail = 2 }
    if (fail == 2 || (fail && strict == 1)) exit 1
  }' "$RESULTS" && echo 0 >"$STATUS_FILE") || echo 1 >"$STATUS_FILE"
for f in "$WORK"/directory-*.gzip-bytes; do
  [[ -e "$f" ]] || continue
  be=$(basename "$f" .gzip-bytes); be=${be#directory-}
  echo "$be: the directory page of 200 services is $(cat "$f") bytes sent gzip ($(wc -c <"$WORK/directory-$be.html") bytes of HTML)"
done
# The HTTP runs alone (the rest below takes minutes): BENCH_HTTP_ONLY=1.
[[ "${BENCH_HTTP_ONLY:-0}" == 1 ]] && exit "$(cat "$STATUS_FILE")"

# The cases room (issue "Case management"): a generated registry with its casework
# ($BUILD/bench/socius_gen_cases: BENCH_CASES_PERSONS persons, default 100000, and 30 % as
# many cases; BENCH_CASES_FULL=1 for the issue's 1M persons, 300k cases, 5M contacts) on SQLite
# and, when SOCIUS_TEST_PG_ADMIN_URL is set (scripts/with-postgres.sh), on PostgreSQL. Each
# backend gets its own `socius serve`; the caller is the generated worker with about 200 open
# cases (the case file and its whole timeline, BENCH_CONNECTIONS clients, against the baseline
# above; "Today", one client) and the head of that worker's team (the team view of the district
# or region where its 30 workers hold their roles, one client).
# BENCH_CASES=0 skips it; BENCH_CASES_EXPLAIN=1 also prints the plans of the cases room's hot
# queries on each backend (bench/cases_explain.sh).
GEN_CASES="${GEN_CASES_BIN:-$BUILD_DIR/bench/socius_gen_cases}"
if [[ -x "$GEN_CASES" && "${BENCH_CASES:-1}" != 0 ]]; then
  CASES_ARGS=(--persons "${BENCH_CASES_PERSONS:-100000}")
  [[ "${BENCH_CASES_FULL:-0}" == 1 ]] && CASES_ARGS=(--full)
  CASES_RESULTS="$WORK/cases-results.txt"
  : >"$CASES_RESULTS"
  # cases_login URL USER PASSWORD : prints the session cookie, empty when the login failed.
  cases_login() {
    curl -sS -o /dev/null -c "$WORK/cases-cookies" -H 'Content-Type: application/json' \
      -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/session" || true
    awk '$6 == "socius_session" { print "socius_session=" $7 }' "$WORK/cases-cookies" 2>/dev/null
    rm -f "$WORK/cases-cookies"
  }
  # cases_backend LABEL DB_URL : generates the casework into DB_URL and measures it.
  cases_backend() {
    local label="$1" url="$2" surl spid cookie ids code
    echo
    echo "== cases on $label: $GEN_CASES ${CASES_ARGS[*]}"
    "$GEN_CASES" --db "$url" "${CASES_ARGS[@]}" --seed "${BENCH_SEED:-1}" \
      --manifest "$WORK/cases-$label.env" || return 1
    # shellcheck disable=SC1090
    source "$WORK/cases-$label.env"
    surl=$(SOCIUS_ADMIN_PASSWORD="$ADMIN_PASSWORD" SOCIUS_PASSWORD_COST=min \
      start "$WORK/cases-$label.log" "$SOCIUS_BIN" serve --listen 127.0.0.1:0 \
        --threads "$SOCIUS_THREADS" --db "$url") || return 1
    spid=$(cat "$WORK/cases-$label.log.pid")
    cookie=$(cases_login "$surl" "$CASES_WORKER" "$CASES_PASSWORD")
    [[ -n "$cookie" ]] || { echo "bench: $CASES_WORKER could not log in" >&2; return 1; }
    # The worker's open cases (the top-level "id" of a case is followed by its "number").
    ids=$(curl -sS -H "Cookie: $cookie" "$surl/api/v1/cases?worker=me&state=open&limit=200" |
      grep -o '"id":"[^"]*","number"' | cut -d'"' -f4 | paste -sd, -)
    [[ -n "$ids" ]] || { echo "bench: $CASES_WORKER has no cases" >&2; return 1; }
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" \
      "$surl/api/v1/cases/${ids%%,*}/timeline?limit=200")
    [[ "$code" == 200 ]] || { echo "bench: the timeline answered $code" >&2; return 1; }
    echo "  $CASES_WORKER: $CASES_WORKER_OPEN open cases, reading $(tr ',' '\n' <<<"$ids" | wc -l) of them"
    SOCIUS_COOKIE="$cookie" SOCIUS_CASE_IDS="$ids" SOCIUS_CASE_SUFFIX="" \
      bench_run "$label-case" "$surl/" -s "$ROOT/bench/cases.lua" >>"$CASES_RESULTS"
    SOCIUS_COOKIE="$cookie" SOCIUS_CASE_IDS="$ids" SOCIUS_CASE_SUFFIX="/timeline?limit=200" \
      bench_run "$label-timeline" "$surl/" -s "$ROOT/bench/cases.lua" >>"$CASES_RESULTS"
    SOCIUS_COOKIE="$cookie" CONNECTIONS=1 \
      bench_run "$label-today" "$surl/api/v1/today" -s "$ROOT/bench/auth.lua" >>"$CASES_RESULTS"
    cookie=$(cases_login "$surl" "$CASES_HEAD" "$CASES_PASSWORD")
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" \
      "$surl/api/v1/team?territory=$CASES_TEAM_TERRITORY")
    if [[ "$code" == 200 ]]; then
      SOCIUS_COOKIE="$cookie" CONNECTIONS=1 bench_run "$label-team" \
        "$surl/api/v1/team?territory=$CASES_TEAM_TERRITORY" -s "$ROOT/bench/auth.lua" \
        >>"$CASES_RESULTS"
    else
      echo "$label-team waiting $code" >>"$CASES_RESULTS"
    fi
    kill "$spid" 2>/dev/null || true
    rm -f "$WORK/cases-$label.log.pid"
    if [[ "${BENCH_CASES_EXPLAIN:-0}" == 1 ]]; then
      echo
      echo "== cases on $label: query plans (bench/cases_explain.sh)"
      "$ROOT/bench/cases_explain.sh" "$url" "$CASES_WORKER" "$CASES_HEAD" | sed 's/^/  /' || true
    fi
  }
  cases_backend sqlite "sqlite:$WORK/cases.db" || echo 1 >"$STATUS_FILE"
  if [[ -n "${SOCIUS_TEST_PG_ADMIN_URL:-}" && -n "${SOCIUS_TEST_PG_URL:-}" ]]; then
    if psql -X -q "$SOCIUS_TEST_PG_ADMIN_URL" \
        -c "DROP DATABASE IF EXISTS socius_cases_bench" \
        -c "CREATE DATABASE socius_cases_bench OWNER socius" >/dev/null; then
      cases_backend postgresql "${SOCIUS_TEST_PG_URL%/*}/socius_cases_bench" ||
        echo 1 >"$STATUS_FILE"
    else
      echo "bench: could not create the PostgreSQL database for the cases" >&2
      echo 1 >"$STATUS_FILE"
    fi
  else
    echo
    echo "(cases on PostgreSQL: not run; run under scripts/with-postgres.sh)"
  fi
  BASE_RPS=$(awk '$1 == "baseline" { print $2 }' "$RESULTS")
  echo
  echo "== cases: the worker's case file, timeline and Today, the head's team view"
  awk -v base="$BASE_RPS" -v strict="${BENCH_STRICT:-0}" '
    BEGIN {
      names["case"] = "GET /api/v1/cases/{id}"
      names["timeline"] = "GET /api/v1/cases/{id}/timeline"
      names["today"] = "GET /api/v1/today (1 client)"
      names["team"] = "GET /api/v1/team (1 client)"
      printf "  %-44s %10s %8s %8s %8s %7s\n", "run", "req/s", "p50 ms", "p99 ms", "non-2xx", "ratio"
      printf "  %-44s %10d\n", "baseline GET (Beast, fixed JSON; above)", base
    }
    {
      split($1, part, "-"); backend = part[1]; kind = part[2]
      label = backend " " names[kind]
      if ($2 == "waiting") {
        printf "  %-44s WAITING: the endpoint answered %s (not merged yet)\n", label, $3
        next
      }
      ratio = base > 0 ? $2 / base : 0
      printf "  %-44s %10d %8.2f %8.2f %8d %7.2f\n", label, $2, $3, $4, $5, ratio
      if ($5 > 0) bad = 1
      if (kind == "case" || kind == "timeline") {
        line[++n] = sprintf("  %-44s ratio %5.2f (target >= 0.25) %s, p99 %7.2f ms (target <= 50) %s",
          label, ratio, (ratio >= 0.25 ? "ok" : "BELOW TARGET"), $4, ($4 <= 50 ? "ok" : "BELOW TARGET"))
        if (ratio < 0.25 || $4 > 50) below = 1
      } else {
        target = (kind == "today" ? 20 : 50)
        line[++n] = sprintf("  %-44s p99 %7.2f ms (target <= %d) %s", label, $4, target,
          ($4 <= target ? "ok" : "BELOW TARGET"))
        if ($4 > target) below = 1
      }
    }
    END {
      print ""
      for (i = 1; i <= n; i++) print line[i]
      if (bad || (below && strict == 1)) exit 1
    }' "$CASES_RESULTS" || echo 1 >"$STATUS_FILE"
fi
if [[ "${BENCH_MAP:-1}" != 0 ]]; then
  services_map_bench || echo 1 >"$STATUS_FILE"
fi
if [[ "${BENCH_BENEFITS:-1}" != 0 ]]; then
  benefits_bench || echo 1 >"$STATUS_FILE"
fi
if [[ "${BENCH_REPORTS:-1}" != 0 ]]; then
  reports_bench || echo 1 >"$STATUS_FILE"
fi
if [[ "${BENCH_DEDUP:-1}" != 0 ]]; then
  dedup_bench || echo 1 >"$STATUS_FILE"
fi
# The other benchmarks of the tree print their own figures.
TEXT_BENCH="${TEXT_BENCH_BIN:-$BUILD_DIR/src/text/socius_text_bench}"
if [[ -x "$TEXT_BENCH" ]]; then
  echo
  echo "== name match keys and typo measures ($TEXT_BENCH)"
  "$TEXT_BENCH"
fi
# The registry (issue 3): a generated registry of BENCH_PERSONS persons (default 1,000,000;
# fewer for a quick look) loaded into SQLite, its search index, search latency and recall@10
# on BENCH_QUERIES typed queries, the CSV import rate beside raw INSERTs (and on PostgreSQL when
# SOCIUS_TEST_PG_URL is set), then the memory of `socius serve` with that registry loaded.
REGISTRY_BENCH="${REGISTRY_BENCH_BIN:-$BUILD_DIR/bench/socius_registry_bench}"
if [[ -x "$REGISTRY_BENCH" ]]; then
  PERSONS="${BENCH_PERSONS:-1000000}"
  echo
  echo "== registry ($REGISTRY_BENCH --persons $PERSONS)"
  REGISTRY_STATUS=0
  "$REGISTRY_BENCH" --persons "$PERSONS" --queries "${BENCH_QUERIES:-2000}" \
    --seed "${BENCH_SEED:-1}" --keep-db "$WORK/registry.db" | tee "$WORK/registry-bench.log" ||
    REGISTRY_STATUS=${PIPESTATUS[0]}
  if [[ $REGISTRY_STATUS -eq 0 ]]; then
    # The search targets (issue "Search at scale"), from the installation-wide line.
    awk -v persons="$PERSONS" '
      $1 == "scope:" && $2 == "installation" {
        for (i = 3; i < NF; ++i) {
          if ($i == "p99") p99 = $(i + 1)
          if ($i == "recall@10") recall = $(i + 1)
        }
      }
      END {
        if (recall == "") exit
        printf "\n== search targets at %d persons (installation-wide, registry benchmark)\n", persons
        printf "  %-24s %8s      target >= 0.98   %s\n", "recall@10", recall,
               (recall >= 0.98 ? "met" : "MISSED")
        printf "  %-24s %8s ms   target <= 30 ms  %s\n", "search p99", p99,
               (p99 <= 30 ? "met" : "MISSED")
      }' "$WORK/registry-bench.log"
    # RSS of a server: the one of the HTTP runs (empty registry), and one started on the
    # generated registry once its index is loaded ("listening" comes after the index).
    rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
    mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
    EMPTY_RSS=$(cat "$WORK/rss-sqlite" 2>/dev/null || echo 0)
    if REGISTRY_URL=$(SOCIUS_ADMIN_PASSWORD="$ADMIN_PASSWORD" SOCIUS_PASSWORD_COST=min \
        start "$WORK/registry-serve.log" "$SOCIUS_BIN" serve --listen 127.0.0.1:0 \
          --threads "$SOCIUS_THREADS" --db "sqlite:$WORK/registry.db"); then
      sleep 1
      SERVE_PID=$(cat "$WORK/registry-serve.log.pid")
      LOADED_RSS=$(rss_kib "$SERVE_PID")
      echo
      echo "== socius serve memory (VmRSS of the server process)"
      printf '  %-40s %8s MiB\n' "empty registry (the HTTP runs above)" "$(mib "$EMPTY_RSS")"
      printf '  %-40s %8s MiB  (%s)\n' "$PERSONS persons, index loaded" \
        "$(mib "$LOADED_RSS")" \
        "$(grep -o 'person index: [^"]*' "$WORK/registry-serve.log" | head -1)"
      # Search over HTTP as the web app asks it (25 a page), logged in: one worker typing
      # (one connection: the latency each keystroke waits for) and eight at once.
      curl -sS -o /dev/null -c "$WORK/registry-cookies" -H 'Content-Type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" \
        "$REGISTRY_URL/api/v1/session" || true
      REGISTRY_COOKIE=$(awk '$6 == "socius_session" { print "socius_session=" $7 }' \
        "$WORK/registry-cookies" 2>/dev/null)
      if [[ -n "$REGISTRY_COOKIE" ]]; then
        echo
        echo "== search over HTTP on $PERSONS persons (GET /api/v1/persons?q=...&limit=25; target: under 50 ms as one types)"
        printf '  %-40s %12s %10s %10s %8s\n' "run" "requests/s" "p50 ms" "p99 ms" "non-2xx"
        for connections in 1 8; do
          SOCIUS_COOKIE="$REGISTRY_COOKIE" CONNECTIONS=$connections bench_run \
            "search-c$connections" "$REGISTRY_URL/api/v1/persons" -s "$ROOT/bench/search.lua" |
            awk -v c="$connections" '{ printf "  %-40s %12d %10.3f %10.3f %8d\n",
                   "search, " c " connection" (c == 1 ? "" : "s"), $2, $3, $4, $5;
                   if ($5 > 0) exit 1 }' || echo 1 >"$STATUS_FILE"
        done
      else
        echo "bench: could not log in to the server on the generated registry" >&2
        echo 1 >"$STATUS_FILE"
      fi
      kill "$SERVE_PID" 2>/dev/null || true
      rm -f "$WORK/registry-serve.log.pid"
    else
      echo "bench: socius serve did not start on the generated registry" >&2
      echo 1 >"$STATUS_FILE"
    fi
  else
    echo "bench: the registry benchmark failed" >&2
    echo 1 >"$STATUS_FILE"
  fi
fi
# The person search index candidates (ADR 0001): the in-process PersonIndex beside SQLite FTS5
# trigram and, when SOCIUS_TEST_PG_URL is set, PostgreSQL pg_trgm, on BENCH_INDEX_PERSONS
# generated persons (default 200,000: a few minutes) and the same queries.
INDEX_BENCH="${INDEX_BENCH_BIN:-$BUILD_DIR/bench/socius_index_choice_bench}"
if [[ -x "$INDEX_BENCH" ]]; then
  INDEX_PERSONS="${BENCH_INDEX_PERSONS:-200000}"
  echo
  echo "== person search index candidates ($INDEX_BENCH --persons $INDEX_PERSONS)"
  if ! "$INDEX_BENCH" --persons "$INDEX_PERSONS" --queries "${BENCH_QUERIES:-2000}" \
      --seed "${BENCH_SEED:-1}"; then
    echo "bench: the index choice benchmark failed" >&2
    echo 1 >"$STATUS_FILE"
  fi
fi
exit "$(cat "$STATUS_FILE")"
