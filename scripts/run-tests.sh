#!/usr/bin/env bash
# Runs every test suite: formatting, the C++ suites (CTest), the web app's unit tests, the
# OpenAPI lint, the API and crash tests (node's test runner) and the browser tests
# (Playwright). PostgreSQL suites use a throwaway cluster on loopback (with-postgres.sh).
# Every suite runs even when an earlier one failed; the exit status says if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD:-build}"
JOBS="${JOBS:-2}"
export SOCIUS_BIN="$PWD/$BUILD/src/app/socius"
export SOCIUS_PASSWORD_COST=min

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
failed=()
suite() {
  local name=$1
  shift
  echo
  echo "=== $name"
  # NO_COLOR keeps the runners' counting lines plain, so the summary below can read them.
  if ! NO_COLOR=1 FORCE_COLOR=0 "$@" 2>&1 | tee -a "$logs/all.log"; then failed+=("$name"); fi
}

suite "clang-format" make --no-print-directory format-check
suite "web unit tests" npm --prefix web test --silent
suite "web lint" npm --prefix web run lint --silent
suite "OpenAPI lint" npx --prefix tests redocly lint docs/openapi.yaml
suite "server suites" scripts/with-postgres.sh bash -c '
  status=0
  echo "=== C++ suites (CTest, SQLite and PostgreSQL)"
  ctest --test-dir "$0" -j "$1" --output-on-failure || status=1
  echo "=== API and crash tests (node, SQLite and PostgreSQL)"
  node --test --test-concurrency=1 tests/api/ tests/crash/ || status=1
  echo "=== browser tests (Playwright, Chromium)"
  (cd tests && npx playwright test -c playwright.config.ts) || status=1
  exit $status' "$BUILD" "$JOBS"

# The runners' own counting lines, gathered at the end so that it is visible what ran.
echo
echo "=== summary"
strip() { sed -e 's/\x1b\[[0-9;]*m//g' "$logs/all.log"; }
vitest=$(strip | grep -E '^ +Tests +[0-9]+' | tail -1 | sed -E 's/^ +//')
ctest_line=$(strip | grep -E 'tests passed, [0-9]+ tests failed out of' | tail -1)
node_pass=$(strip | grep -E '^# pass [0-9]+' | tail -1 | awk '{print $3}')
node_fail=$(strip | grep -E '^# fail [0-9]+' | tail -1 | awk '{print $3}')
pw_pass=$(strip | grep -E '^ +[0-9]+ passed' | tail -1 | awk '{print $1}')
pw_fail=$(strip | grep -E '^ +[0-9]+ failed' | tail -1 | awk '{print $1}')
echo "web unit tests (vitest): ${vitest:-none ran}"
echo "C++ (ctest): ${ctest_line:-none ran}"
echo "API and crash (node --test): pass ${node_pass:-0}, fail ${node_fail:-0}"
echo "browser (Playwright): ${pw_pass:-0} passed, ${pw_fail:-0} failed"
vitest_pass=$(echo "$vitest" | grep -oE '[0-9]+ passed' | awk '{print $1}')
vitest_fail=$(echo "$vitest" | grep -oE '[0-9]+ failed' | awk '{print $1}')
ctest_total=$(echo "$ctest_line" | grep -oE 'out of [0-9]+' | awk '{print $3}')
ctest_fail=$(echo "$ctest_line" | grep -oE '[0-9]+ tests failed' | awk '{print $1}')
total_pass=$(( ${vitest_pass:-0} + ${ctest_total:-0} - ${ctest_fail:-0} + ${node_pass:-0} + ${pw_pass:-0} ))
total_fail=$(( ${vitest_fail:-0} + ${ctest_fail:-0} + ${node_fail:-0} + ${pw_fail:-0} ))
echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  echo "total: $total_pass passed, $total_fail failed"
  exit 1
fi
echo "total: $total_pass passed, $total_fail failed"
