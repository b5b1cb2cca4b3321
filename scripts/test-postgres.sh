#!/usr/bin/env bash
# A throwaway native Postgres 15 + pgvector server for the test suites and benchmarks.
#
#   scripts/test-postgres.sh install          apt-get postgresql-15 (+ server headers, compiler) if
#                                             missing, build pgvector from ../shared/vendor/pgvector
#                                             (or $PGVECTOR_SRC) if the extension is not installed
#   scripts/test-postgres.sh run -- CMD …     start a server, run CMD with CLARA_TEST_DATABASE=postgres
#                                             and CLARA_TEST_DATABASE_URL set, stop it (exit: CMD's)
#   eval "$(scripts/test-postgres.sh start)"  start one in the background and export those variables
#   scripts/test-postgres.sh stop [DIR]       stop it and delete its folder ($CLARA_TEST_PG_DIR)
#
# The cluster lives in a temporary folder (data, unix socket, log), listens on a free loopback
# port, trusts local connections and runs as the `postgres` user when started by root (initdb
# refuses root). Durability is off (fsync, synchronous_commit, full_page_writes) for speed:
# PG_DURABLE=1 keeps the defaults, for benchmarks that should pay for them.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# Debian's layout; elsewhere set PG_BIN (the folder with initdb, pg_ctl and pg_config).
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$pg_bin/initdb" ] && command -v pg_config >/dev/null; then pg_bin="$(pg_config --bindir)"; fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  if [ ! -x "$pg_bin/initdb" ] || [ ! -f "$pg_bin/../lib/pgxs/src/makefiles/pgxs.mk" ] || ! command -v make >/dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      postgresql-15 postgresql-server-dev-15 build-essential
  fi
  local pg_config="$pg_bin/pg_config"
  if [ ! -f "$("$pg_config" --sharedir)/extension/vector.control" ]; then
    local src="${PGVECTOR_SRC:-$here/../../shared/vendor/pgvector}" build
    build="$(mktemp -d /tmp/clara-pgvector.XXXXXX)"
    # The vendored source may be read-only: build a copy.
    cp -r "$src/." "$build/"
    make -C "$build" PG_CONFIG="$pg_config" OPTFLAGS="" >/dev/null
    make -C "$build" PG_CONFIG="$pg_config" install >/dev/null
    rm -rf "$build"
  fi
}

free_port() {
  node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Starts a cluster; prints the shell exports that point the tests at it.
start() {
  local dir port
  dir="$(mktemp -d /tmp/clara-pg.XXXXXX)"
  mkdir -p "$dir/socket"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  port="$(free_port)"
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$dir/socket'"
    # Every test file opens its own database with a pool of up to 10 connections.
    echo "max_connections = 300"
    if [ "${PG_DURABLE:-0}" != 1 ]; then
      echo "fsync = off"
      echo "synchronous_commit = off"
      echo "full_page_writes = off"
    fi
  } | as_postgres tee -a "$dir/data/postgresql.conf" >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null ||
    { cat "$dir/postgres.log" >&2; exit 1; }
  echo "export CLARA_TEST_DATABASE=postgres"
  echo "export CLARA_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
  echo "export CLARA_TEST_PG_DIR=$dir"
}

stop() {
  local dir="${1:-${CLARA_TEST_PG_DIR:-}}"
  [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "no cluster folder: $dir" >&2; return 1; }
  as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop "${2:-}" ;;
  run)
    shift
    [ "${1:-}" = -- ] && shift
    exports="$(start)"
    eval "$exports"
    trap 'stop "$CLARA_TEST_PG_DIR"' EXIT
    echo "native Postgres at $CLARA_TEST_DATABASE_URL ($("$pg_bin/postgres" --version))" >&2
    "$@"
    ;;
  *)
    sed -n '2,15p' "$0" >&2
    exit 2
    ;;
esac
