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

failed=()
suite() {
  local name=$1
  shift
  echo
  echo "=== $name"
  if ! "$@"; then failed+=("$name"); fi
}

suite "clang-format" make --no-print-directory format-check
suite "web unit tests" npm --prefix web test --silent
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

echo
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED suites: ${failed[*]}"
  exit 1
fi
echo "All suites passed."
