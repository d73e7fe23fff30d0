#!/usr/bin/env bash
# Runs CMD with a throwaway PostgreSQL 15 cluster, then removes the cluster.
#
#   scripts/with-postgres.sh ctest --test-dir build -R store --output-on-failure
#
# The cluster lives in a temporary folder, listens only on 127.0.0.1 on a free port (trust
# authentication, fsync off: for tests only) and has a role `socius` owning a database
# `socius_test`. CMD sees:
#   SOCIUS_TEST_PG_URL        postgresql://socius@127.0.0.1:PORT/socius_test
#   SOCIUS_TEST_PG_ADMIN_URL  postgresql://postgres@127.0.0.1:PORT/socius_test (superuser)
# The cluster is stopped and its folder deleted however CMD ends (failure, Ctrl-C); the script
# exits with CMD's status. Works as root (initdb and pg_ctl then run as the `postgres` user)
# or as an ordinary user.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

pg_bin=""
for candidate in /usr/lib/postgresql/15/bin "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")"; do
  if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
    pg_bin="$candidate"
    break
  fi
done
if [[ -z "$pg_bin" ]]; then
  echo "with-postgres: initdb/pg_ctl not found (apt-get install postgresql)" >&2
  exit 2
fi

# As root, the server must run as an unprivileged OS user.
as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root needs the 'postgres' OS user" >&2
    exit 2
  fi
  as_pg=(runuser -u postgres --)
fi

# A port nobody listens on: try to connect; refused means free (and we bind it right after).
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 30000))
  if port_is_free "$candidate"; then
    port="$candidate"
    break
  fi
done
if [[ -z "$port" ]]; then
  echo "with-postgres: no free port found" >&2
  exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/socius-pg.XXXXXX")
chmod 700 "$dir"
if [[ ${#as_pg[@]} -gt 0 ]]; then
  chown postgres: "$dir"
fi
data="$dir/data"
log="$dir/server.log"
started=0

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [[ $started -eq 1 ]]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

"${as_pg[@]}" "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 2
}
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
log_min_messages = warning
CONF
cat >"$data/pg_hba.conf" <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA

started=1
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null || {
  cat "$log" >&2
  exit 2
}

psql_admin() {
  "${as_pg[@]}" "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres "$@"
}
psql_admin -d postgres -c "CREATE ROLE socius LOGIN" \
  -c "CREATE DATABASE socius_test OWNER socius ENCODING 'UTF8' TEMPLATE template0"
psql_admin -d socius_test -c "ALTER SCHEMA public OWNER TO socius"

export SOCIUS_TEST_PG_URL="postgresql://socius@127.0.0.1:$port/socius_test"
export SOCIUS_TEST_PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$port/socius_test"
export PATH="$PATH:$pg_bin"

set +e
"$@"
status=$?
set -e
exit "$status"
