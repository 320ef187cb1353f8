#!/usr/bin/env bash
# postgres.sh: a throwaway PostgreSQL server on 127.0.0.1, for a Pulumi state backend shared by several engines.
#
#   scripts/postgres.sh start DIR   installs PostgreSQL from the Debian packages when it is missing (as root), creates a
#                                   database cluster in DIR, starts it on a free port and prints the postgres:// URL
#                                   (also written to DIR/url; the server's pid to DIR/server.pid)
#   scripts/postgres.sh stop DIR    stops the server and deletes DIR
#   scripts/postgres.sh install     installs PostgreSQL when it is missing, and nothing else
#
# PostgreSQL refuses to run as root: run as root, the cluster belongs to the `postgres` user the package creates.
set -euo pipefail
log() { echo "postgres: $*" >&2; }
die() { log "error: $*"; exit 1; }

bindir() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$initdb" ] || initdb="$(command -v initdb 2>/dev/null || true)"
  [ -n "$initdb" ] && dirname "$initdb"
}

install_if_missing() {
  [ -n "$(bindir)" ] && return
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "PostgreSQL is not installed (Debian: apt-get install postgresql)"
  log "installing PostgreSQL from the Debian packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2 ||
    { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2; }
}

# as_owner runs a PostgreSQL tool as the cluster's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local dir="$1"
  install_if_missing
  local bin
  bin="$(bindir)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ ! -e "$dir/cluster" ] || die "$dir already holds a cluster; stop it first"
  local cluster="$dir/cluster"
  if [ "$(id -u)" = 0 ]; then
    # The postgres user may not reach DIR (a private temporary folder, a home): its cluster lives in a folder of its
    # own, which DIR links to.
    cluster="$(mktemp -d "${TMPDIR:-/tmp}/lightfleet-postgres-XXXXXX")"
    chown postgres "$cluster"
    ln -s "$cluster" "$dir/cluster"
  fi
  mkdir -p "$cluster"
  as_owner mkdir -m 700 "$cluster/data" "$cluster/socket"
  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  echo "$password" | as_owner sh -c "umask 077 && cat >'$cluster/pwfile'"
  as_owner "$bin/initdb" -D "$cluster/data" -U lightfleet --pwfile="$cluster/pwfile" --auth-local=peer \
    --auth-host=scram-sha-256 -E UTF8 --no-sync --no-instructions >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  as_owner rm -f "$cluster/pwfile"
  local port
  port="$(free_port)"
  as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster/socket" start >&2 ||
    { cat "$cluster/postgres.log" >&2; die "the server did not start"; }
  head -n 1 "$cluster/data/postmaster.pid" >"$dir/server.pid"
  PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U lightfleet pulumi
  local url="postgres://lightfleet:$password@127.0.0.1:$port/pulumi?sslmode=disable"
  (umask 077 && echo "$url" >"$dir/url")
  log "listening on 127.0.0.1:$port (pid $(cat "$dir/server.pid")), cluster in $cluster"
  echo "$url"
}

stop() {
  local dir="$1"
  [ -d "$dir" ] || return 0
  local bin cluster
  bin="$(bindir)"
  cluster="$(readlink -f "$dir/cluster" 2>/dev/null || true)"
  if [ -n "$cluster" ] && [ -f "$cluster/data/postmaster.pid" ] && [ -n "$bin" ]; then
    as_owner "$bin/pg_ctl" -D "$cluster/data" -m fast -w -t 60 stop >&2 || true
  fi
  if [ -f "$dir/server.pid" ] && kill -0 "$(cat "$dir/server.pid")" 2>/dev/null; then
    kill -9 "$(cat "$dir/server.pid")" 2>/dev/null || true
  fi
  [ -z "$cluster" ] || rm -rf "$cluster"
  rm -rf "$dir"
  log "stopped, $dir removed"
}

case "${1:-}" in
  install) install_if_missing ;;
  start) [ -n "${2:-}" ] || die "usage: postgres.sh start DIR"; start "$2" ;;
  stop) [ -n "${2:-}" ] || die "usage: postgres.sh stop DIR"; stop "$2" ;;
  *) die "usage: postgres.sh start DIR | stop DIR | install" ;;
esac
