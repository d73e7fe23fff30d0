#!/usr/bin/env bash
# `socius demo` end to end on a new SQLite file and, when SOCIUS_TEST_PG_URL names a cluster
# (scripts/with-postgres.sh), in a new schema of it: the staff's passwords printed once, every
# kind of record made, the audit chain intact, and a second run refused.
#   demo_test.sh path/to/socius
set -uo pipefail

bin=${1:?usage: demo_test.sh path/to/socius}
tmp=$(mktemp -d)
schema=""
cleanup() {
  if [[ -n "$schema" ]]; then
    psql -q "$SOCIUS_TEST_PG_URL" -c "DROP SCHEMA IF EXISTS \"$schema\" CASCADE" >/dev/null 2>&1
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
export SOCIUS_PASSWORD_COST=min
unset SOCIUS_DB SOCIUS_LISTEN SOCIUS_ADMIN_PASSWORD
# fail, run, expect_in and finish.
source "$(dirname "$0")/../app/cli_checks.sh"

# check_demo URL: a demo on the empty database URL, then everything the brief promises.
check_demo() {
  local url=$1
  local started=$SECONDS
  run 0 --db "$url" demo --today 2026-11-30
  echo "demo on ${url%%\?*}: $((SECONDS - started)) s"
  cp "$tmp/out" "$tmp/demo.out"
  expect_in "$tmp/demo.out" "Staff accounts"
  # Every account with its role, community and a password, shown once.
  for who in "admin +administrator +installation" \
    "trebujeni.head +head_of_service +Trebujeni" "trebujeni.worker1 +social_worker +Trebujeni" \
    "trebujeni.benefits +benefits_officer +Trebujeni" "trebujeni.analyst +analyst +Trebujeni" \
    "kalyta.head +head_of_service +Калитянська" "kalyta.worker3 +social_worker +Калитянська" \
    "kalyta.benefits +benefits_officer +Калитянська" "kalyta.analyst +analyst +Калитянська"; do
    grep -qE "^  $who +[A-Za-z0-9]{8,}\$" "$tmp/demo.out" || fail "no password line for '$who'"
  done
  # A count for every kind, none of them zero.
  local kinds=0
  while read -r kind count; do
    kinds=$((kinds + 1))
    [[ "$count" =~ ^[0-9]+$ && "$count" -gt 0 ]] || fail "count of $kind is '$count'"
  done < <(sed -n '/^Records created:/,$p' "$tmp/demo.out" | tail -n +2)
  [[ $kinds -ge 19 ]] || fail "expected 19 kinds of records, got $kinds: $(cat "$tmp/demo.out")"
  local persons
  persons=$(awk '$1 == "persons" {print $2}' "$tmp/demo.out")
  [[ "${persons:-0}" -ge 2000 ]] || fail "expected a few thousand persons, got '$persons'"

  run 0 --db "$url" audit verify
  expect_in "$tmp/out" "Audit log intact"
  run 0 --db "$url" user list
  expect_in "$tmp/out" "kalyta.worker1"

  # The monthly report of the Moldovan commune shows a living month: people heard, visits,
  # households screened, aid decided and paid.
  rm -f "$tmp/report.csv"
  run 0 --db "$url" report monthly --territory MD:6471 --month 2026-10 --format csv \
    --out "$tmp/report.csv"
  for indicator in audiences home_visits_done households_screened cases_active \
    decisions_approved aid_beneficiaries enrolments_active; do
    grep -qE ",$indicator,,,,,[1-9]" "$tmp/report.csv" ||
      fail "the demo's October shows no $indicator: $(grep ",$indicator," "$tmp/report.csv")"
  done

  # A second run refuses: the database holds data.
  run 5 --db "$url" demo
  expect_in "$tmp/err" "already holds data"
  grep -q "Staff accounts" "$tmp/out" && fail "a refused demo printed accounts"
}

check_demo "sqlite:$tmp/demo.db"

# The same seed and day give the same people (names and identifiers).
if command -v sqlite3 >/dev/null; then
  run 0 --db "sqlite:$tmp/again.db" demo --today 2026-11-30
  query="SELECT family_name || given_name || birth_date FROM persons ORDER BY 1"
  [[ "$(sqlite3 "$tmp/demo.db" "$query" | md5sum)" == "$(sqlite3 "$tmp/again.db" "$query" | md5sum)" ]] ||
    fail "two runs with the same seed made different persons"
fi

# Bad --today values.
run 2 --db "sqlite:$tmp/bad.db" demo --today 2026-13-01
expect_in "$tmp/err" "expected YYYY-MM-DD"
run 3 --db "sqlite:$tmp/bad.db" demo --today 2999-01-01
expect_in "$tmp/err" "after today"

if [[ -n "${SOCIUS_TEST_PG_URL:-}" ]]; then
  schema="demo_test_$$_$RANDOM"
  if psql -q "$SOCIUS_TEST_PG_URL" -c "CREATE SCHEMA \"$schema\"" >/dev/null; then
    sep='?'
    [[ "$SOCIUS_TEST_PG_URL" == *\?* ]] && sep='&'
    check_demo "$SOCIUS_TEST_PG_URL${sep}options=-csearch_path%3D$schema"
  else
    fail "cannot create schema $schema in $SOCIUS_TEST_PG_URL"
  fi
elif [[ "${CI:-}" == "true" ]]; then
  fail "CI=true but SOCIUS_TEST_PG_URL is unset: run under scripts/with-postgres.sh"
else
  echo "PostgreSQL part skipped: SOCIUS_TEST_PG_URL is unset"
fi

finish demo_test
