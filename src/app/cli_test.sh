#!/usr/bin/env bash
# The socius binary end to end on a temporary SQLite database: exit codes and messages.
#   cli_test.sh path/to/socius
set -uo pipefail

bin=${1:?usage: cli_test.sh path/to/socius}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOCIUS_PASSWORD_COST=min
unset SOCIUS_DB SOCIUS_LISTEN SOCIUS_ADMIN_PASSWORD
db="sqlite:$tmp/socius.db"
# fail, run, expect_in and finish.
source "$(dirname "$0")/cli_checks.sh"

run 0 version
expect_in "$tmp/out" "socius "
run 0 --help
expect_in "$tmp/out" "6  database unavailable"
run 2 frobnicate
run 2 --db "$db" territory import

run 0 --db "$db" migrate
expect_in "$tmp/out" "Applied"
run 0 --db "$db" migrate
expect_in "$tmp/out" "Applied 0 migration(s)"

cat >"$tmp/bad.csv" <<'CSV'
code,parent_code,level,name,name_latin
XX,,country,Testland,
XX:1,XX,județ,"Two
lines",
XX:2,XX,region,Good,
XX:3,XX:9,community,Orphan,
CSV
run 3 --db "$db" territory import "$tmp/bad.csv"
expect_in "$tmp/err" 'socius: territory import: bad.csv row 3 field level: unknown level "județ"'
expect_in "$tmp/err" "bad.csv row 6 field parent_code"
expect_in "$tmp/err" "nothing imported"

run 0 --db "$db" territory import --partial "$tmp/bad.csv"
expect_in "$tmp/out" "2 created"
expect_in "$tmp/err" "bad.csv row 3 field level"

cat >"$tmp/good.csv" <<'CSV'
code,parent_code,level,name,name_latin
XX:3,XX,community,Third,
XX:31,XX:3,settlement,"Village, ""old""",
CSV
run 0 --db "$db" territory import "$tmp/good.csv"
expect_in "$tmp/out" "2 created"
run 0 --db "$db" territory import "$tmp/good.csv"
expect_in "$tmp/out" "0 created, 0 updated, 2 unchanged"
run 4 --db "$db" territory import "$tmp/missing.csv"
expect_in "$tmp/err" "missing.csv: cannot open the file"

# import persons: all or nothing (exit 3), partial, already imported (exit 5), missing file (4).
cat >"$tmp/persons.csv" <<'CSV'
Prenume;family_name;community_code;Cod
Ana;Pop;XX:3;1
;Rusu;XX:3;2
CSV
run 3 --db "$db" import persons --map Prenume=given_name --map Cod=ignore "$tmp/persons.csv"
expect_in "$tmp/err" "persons.csv row 3 (Rusu) field given_name:"
expect_in "$tmp/err" "(person.empty_name)"
run 3 --db "$db" import persons "$tmp/persons.csv"
expect_in "$tmp/err" "import.unknown_column"
run 0 --db "$db" import persons --partial --map Prenume=given_name --map Cod=ignore \
  "$tmp/persons.csv"
expect_in "$tmp/out" "1 written, 1 rejected"
run 5 --db "$db" import persons --partial --map Prenume=given_name --map Cod=ignore \
  "$tmp/persons.csv"
expect_in "$tmp/err" "import.already_imported"
# A row that is a registered person is linked to them, and says so.
printf 'given_name,family_name,birth_date,community_code\nMaria,Lungu,1970-01-01,XX:3\n' \
  >"$tmp/first.csv"
run 0 --db "$db" import persons "$tmp/first.csv"
printf 'given_name,family_name,birth_date,community_code,phone\nMaria,Lungu,1970-01-01,XX:3,+373 69 123 456\n' \
  >"$tmp/again.csv"
run 0 --db "$db" import persons --link-possible-duplicates "$tmp/again.csv"
expect_in "$tmp/out" "0 written, 0 rejected, 1 linked to registered persons"
expect_in "$tmp/err" "again.csv row 2 (Lungu Maria) field family_name: warning: linked to registered person"
run 4 --db "$db" import persons "$tmp/no-persons.csv"
run 4 --db "$db" import persons --actor nobody --partial --map Prenume=given_name \
  --map Cod=ignore "$tmp/persons.csv"

run 0 --db "$db" user add alice --role social_worker --territory XX:3 --display-name "Alice A."
expect_in "$tmp/out" "One-time password for alice: "
run 5 --db "$db" user add Alice --role social_worker --territory XX:3
run 4 --db "$db" user add bob --role social_worker --territory XX:404
run 3 --db "$db" user add bob --role wizard --territory XX:3
printf 'correct horse battery\n' | "$bin" --db "$db" user add carol --role analyst \
  --territory XX --password-stdin >"$tmp/out" 2>"$tmp/err" || fail "user add --password-stdin"
grep -q "One-time password" "$tmp/out" && fail "a given password must not print a one-time one"
printf 'another good password\n' | "$bin" --db "$db" user passwd carol >"$tmp/out" 2>"$tmp/err" ||
  fail "user passwd: $(cat "$tmp/err")"
printf 'carol-password\n' | "$bin" --db "$db" user passwd carol >"$tmp/out" 2>"$tmp/err" &&
  fail "user passwd accepted a password containing the user name"
expect_in "$tmp/err" "auth.password_contains_username"
printf 'qwertyuiop\n' | "$bin" --db "$db" user passwd carol >"$tmp/out" 2>"$tmp/err" &&
  fail "user passwd accepted a common password"
expect_in "$tmp/err" "auth.password_too_common"
run 0 --db "$db" user list
expect_in "$tmp/out" "alice"
expect_in "$tmp/out" "social_worker@XX:3"

# The first administrator's password from the environment meets the same rules.
SOCIUS_ADMIN_PASSWORD='          ' run 3 --db "sqlite:$tmp/fresh.db" serve --listen 127.0.0.1:0
expect_in "$tmp/err" "auth.password_too_simple"

run 0 --db "$db" backup "$tmp/copy.db"
[[ -s "$tmp/copy.db" ]] || fail "backup file missing or empty"
run 5 --db "$db" backup "$tmp/copy.db"
run 0 --db "sqlite:$tmp/copy.db" user list
expect_in "$tmp/out" "alice"

run 0 --db "$db" audit verify
expect_in "$tmp/out" "Audit log intact"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$tmp/socius.db" "DROP TRIGGER IF EXISTS audit_log_no_update;
    UPDATE audit_log SET detail = '{\"forged\":true}' WHERE seq = 2;"
  run 7 --db "$db" audit verify
  expect_in "$tmp/err" "seq 2"
fi

# report monthly: the territory's figures as a file; a bad month, an unknown territory, an
# existing file.
run 0 --db "$db" report monthly --territory XX --month 2026-01 --format csv --out "$tmp/r.csv"
expect_in "$tmp/out" "written to"
expect_in "$tmp/r.csv" ",audiences,"
[[ $(stat -c %a "$tmp/r.csv") == 600 ]] || fail "report monthly: the file is readable by others"
run 0 --db "$db" report monthly --territory XX --month 2026-01 --format pdf --out "$tmp/r.pdf" \
  --language ro
head -c 5 "$tmp/r.pdf" | grep -q '%PDF-' || fail "report monthly: no PDF"
run 0 --db "$db" report monthly --territory XX --month 2026-01 --format xlsx --out "$tmp/r.xlsx"
run 5 --db "$db" report monthly --territory XX --month 2026-01 --format csv --out "$tmp/r.csv"
expect_in "$tmp/err" "already exists"
run 3 --db "$db" report monthly --territory XX --month 2026-13 --format csv --out "$tmp/r2.csv"
expect_in "$tmp/err" "YYYY-MM"
run 4 --db "$db" report monthly --territory NOPE --month 2026-01 --format csv --out "$tmp/r2.csv"
run 2 --db "$db" report monthly --territory XX --month 2026-01 --format doc --out "$tmp/r2.csv"

mkdir -p "$tmp/not-a-db.db"
run 6 --db "sqlite:$tmp/not-a-db.db" migrate
run 3 --db "nosuchscheme:x" migrate

finish cli_test
