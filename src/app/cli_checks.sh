# The checks the socius command-line tests share (source it after setting `bin`, the binary,
# and `tmp`, a scratch folder): fail counts a failure, run runs the binary and checks its exit
# code, expect_in looks for a text in a file, finish reports and sets the exit status.
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run EXPECTED_EXIT ARGS...: runs the binary, keeping stdout and stderr in $tmp/out, $tmp/err.
run() {
  local expected=$1
  shift
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  local code=$?
  if [[ $code -ne $expected ]]; then
    fail "socius $* exited $code, expected $expected; stderr: $(tail -20 "$tmp/err")"
  fi
}

expect_in() {  # expect_in FILE TEXT
  grep -qF -- "$2" "$1" || fail "expected '$2' in $(basename "$1"): $(head -40 "$1")"
}

finish() {  # finish NAME: the summary line, and exit 1 when a check failed
  if [[ $failures -gt 0 ]]; then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "$1: all checks passed"
}
