#!/usr/bin/env bash
# Runs the test suites: formatting, the web app's unit tests, the OpenAPI lint, the C++ suites
# (CTest), the API and crash tests (node's test runner) and the browser tests (Playwright).
#
#   scripts/run-tests.sh                 every suite (what `make test` runs)
#   scripts/run-tests.sh node playwright some: format vitest openapi ctest node playwright
#
# The server suites use one throwaway PostgreSQL cluster on loopback (with-postgres.sh), started
# here unless SOCIUS_TEST_PG_URL names one already.
#
# Every suite runs even when an earlier one failed. A suite fails when its command fails, when
# it ran no test, and, with CI=true, when it skipped any (CI never skips the PostgreSQL
# variants). The summary gives each suite's count and duration, then the runners' own counting
# lines, then one line `total: N passed, N failed`; the exit status says if any suite failed.
#
#   API_CONCURRENCY  test files the node runner runs at once (default 3; each file starts its
#                    own servers on their own databases)
set -uo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${SOCIUS_TEST_PG_URL:-}" ]]; then
  exec scripts/with-postgres.sh "$PWD/scripts/run-tests.sh" "$@"
fi

BUILD="${BUILD:-build}"
JOBS="${JOBS:-2}"
API_CONCURRENCY="${API_CONCURRENCY:-3}"
CI="${CI:-}"
export SOCIUS_BIN="$PWD/$BUILD/src/app/socius"
export SOCIUS_PASSWORD_COST=min
ALL_SUITES=(format vitest lint openapi ctest node playwright)
selected=("$@")
[[ ${#selected[@]} -gt 0 ]] || selected=("${ALL_SUITES[@]}")
for key in "${selected[@]}"; do
  if [[ " ${ALL_SUITES[*]} " != *" $key "* ]]; then
    echo "run-tests: unknown suite '$key' (one of: ${ALL_SUITES[*]})" >&2
    exit 2
  fi
done

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
lines=()    # one summary line per suite
counting=() # the runners' own closing lines
problems=() # why a suite failed
total_pass=0
total_fail=0
total_skip=0

# Runs one suite's command, shown and kept in $logs/KEY.log; sets `status` and `seconds`.
run() {
  local key=$1 name=$2
  shift 2
  echo
  echo "=== $name"
  local started=$SECONDS
  # NO_COLOR keeps the runners' counting lines plain, so the summary below can read them.
  NO_COLOR=1 FORCE_COLOR=0 "$@" 2>&1 | tee "$logs/$key.log"
  status=${PIPESTATUS[0]}
  seconds=$((SECONDS - started))
}

plain() { sed -e 's/\x1b\[[0-9;]*m//g' "$logs/$1.log"; }

# The number in front of WORD in TEXT ("3 skipped" → 3), 0 when there is none.
count() {
  local n
  n=$(grep -oE "[0-9]+ $2" <<<"$1" | tail -1 | awk '{print $1}')
  echo "${n:-0}"
}

# A suite that counts nothing (a lint): its exit status decides.
judge_status() {
  local name=$1
  if [[ $status -eq 0 ]]; then
    lines+=("$name: ok in $seconds s")
  else
    lines+=("$name: failed in $seconds s")
    problems+=("$name: exited with status $status")
  fi
}

# A suite of tests: `judge_counts NAME PASSED FAILED SKIPPED`.
judge_counts() {
  local name=$1 passed=$2 failed=$3 skipped=$4
  local line="$name: $passed passed, $failed failed"
  [[ $skipped -gt 0 ]] && line+=", $skipped skipped"
  lines+=("$line in $seconds s")
  total_pass=$((total_pass + passed))
  total_fail=$((total_fail + failed))
  total_skip=$((total_skip + skipped))
  if [[ $status -ne 0 ]]; then
    problems+=("$name: exited with status $status")
  elif [[ $failed -gt 0 ]]; then
    problems+=("$name: $failed failed")
  fi
  if [[ $((passed + failed)) -eq 0 ]]; then
    problems+=("$name: ran no test")
  fi
  if [[ $skipped -gt 0 && "$CI" == true ]]; then
    problems+=("$name: $skipped skipped, and CI=true allows no skipped test")
  fi
}

suite_format() {
  run format "clang-format" make --no-print-directory format-check
  judge_status "clang-format"
}

suite_vitest() {
  local name="web unit tests (vitest)" line
  run vitest "$name" npm --prefix web test --silent
  # "Tests  85 passed | 1 skipped (86)", or "Tests  1 failed | 84 passed (85)".
  line=$(plain vitest | grep -E '^ +Tests +[0-9]+' | tail -1 | sed -E 's/^ +//')
  counting+=("${line:-(vitest printed no count)}")
  judge_counts "$name" "$(count "$line" passed)" "$(count "$line" failed)" \
    "$(($(count "$line" skipped) + $(count "$line" todo)))"
}

suite_lint() {
  run lint "web lint (ESLint)" npm --prefix web run lint --silent
  judge_status "web lint (ESLint)"
}

suite_openapi() {
  run openapi "OpenAPI lint" npx --prefix tests redocly lint docs/openapi.yaml
  judge_status "OpenAPI lint"
}

suite_ctest() {
  local name="C++ (ctest)" line total failed not_run
  # --no-tests=error: a build that registered no test fails instead of passing.
  run ctest "$name" ctest --test-dir "$BUILD" -j "$JOBS" --output-on-failure --no-tests=error
  line=$(plain ctest | grep -E 'tests passed, [0-9]+ tests failed out of' | tail -1)
  counting+=("${line:-(ctest printed no count)}")
  total=$(grep -oE 'out of [0-9]+' <<<"$line" | awk '{print $3}')
  failed=$(count "$line" "tests failed")
  # ctest counts a test that did not run ("(Skipped)" by GTEST_SKIP, "(Disabled)", "(Not Run)")
  # as passed in its percentage, and lists it after "The following tests did not run:".
  not_run=$(plain ctest | grep -cE '^[[:space:]]+[0-9]+ - .*\((Skipped|Disabled|Not Run)\)$')
  judge_counts "$name" "$((${total:-0} - failed - not_run))" "$failed" "$not_run"
}

suite_node() {
  local name="API and crash (node --test)" summary
  # Each test file starts its own servers on their own databases, so files run side by side.
  run node "$name" node --test --test-reporter=tap --test-concurrency="$API_CONCURRENCY" \
    tests/api/ tests/crash/
  summary=$(plain node | grep -E '^# (tests|pass|fail|cancelled|skipped|todo) [0-9]+$' | tail -6)
  counting+=("$(grep -E '^# (pass|fail|skipped) ' <<<"$summary")")
  tap() {
    local n
    n=$(grep -E "^# $1 " <<<"$summary" | awk '{print $3}')
    echo "${n:-0}"
  }
  judge_counts "$name" "$(tap pass)" "$(($(tap fail) + $(tap cancelled)))" \
    "$(($(tap skipped) + $(tap todo)))"
}

suite_playwright() {
  local name="browser (Playwright)" summary
  # Every test on SQLite, the @smoke ones on PostgreSQL (tests/playwright.config.ts).
  run playwright "$name" bash -c 'cd tests && npx playwright test -c playwright.config.ts'
  # The list reporter closes with "  20 passed (3.1m)", "  1 failed", "  2 skipped", ...
  summary=$(plain playwright |
    grep -E '^ +[0-9]+ (passed|failed|flaky|skipped|did not run|interrupted)( |$)')
  [[ -n "$summary" ]] && counting+=("$summary")
  pw() { count "$summary" "$1"; }
  judge_counts "$name" "$(pw passed)" "$(($(pw failed) + $(pw flaky) + $(pw interrupted)))" \
    "$(($(pw skipped) + $(pw 'did not run')))"
}

for key in "${selected[@]}"; do "suite_$key"; done

echo
echo "=== summary"
printf '%s\n' "${lines[@]}"
for problem in "${problems[@]}"; do echo "FAILED $problem"; done
echo
printf '%s\n' "${counting[@]}"
tally="$total_pass passed, $total_fail failed"
[[ $total_skip -gt 0 ]] && tally+=", $total_skip skipped"
echo "total: $tally"
[[ ${#problems[@]} -eq 0 ]]
