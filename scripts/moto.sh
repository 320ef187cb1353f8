#!/usr/bin/env bash
# moto.sh: a throwaway S3-compatible server (moto) on 127.0.0.1 with one bucket, for a Pulumi state backend.
#
#   scripts/moto.sh start DIR   starts moto on a free port (installing it into the cache folder the first time),
#                               creates the bucket `lightfleet-state` and prints the s3:// backend URL (also written to
#                               DIR/url; the server's pid to DIR/server.pid). Use it with AWS_ACCESS_KEY_ID=test
#                               AWS_SECRET_ACCESS_KEY=test (moto accepts any key).
#   scripts/moto.sh stop DIR    stops the server and deletes DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
log() { echo "moto: $*" >&2; }
die() { log "error: $*"; exit 1; }

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local dir="$1"
  local python
  python="$(bash "$here/ensure-moto.sh")"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ ! -f "$dir/server.pid" ] || die "$dir already holds a server; stop it first"
  local port
  port="$(free_port)"
  # setsid: the server outlives this script, in a process group of its own.
  setsid "$python" -m moto.server -H 127.0.0.1 -p "$port" >"$dir/moto.log" 2>&1 </dev/null &
  echo $! >"$dir/server.pid"
  local endpoint="http://127.0.0.1:$port"
  "$python" - "$endpoint/lightfleet-state" <<'PY' || { cat "$dir/moto.log" >&2; stop "$dir"; die "the server did not start"; }
import sys, time, urllib.request
for _ in range(600):
    try:
        urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="PUT"), timeout=5)
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit(1)
PY
  local url="s3://lightfleet-state?endpoint=$endpoint&use_path_style=true&region=us-east-1"
  echo "$url" >"$dir/url"
  log "listening on $endpoint (pid $(cat "$dir/server.pid")), bucket lightfleet-state"
  echo "$url"
}

stop() {
  local dir="$1"
  [ -d "$dir" ] || return 0
  if [ -f "$dir/server.pid" ]; then
    local pid
    pid="$(cat "$dir/server.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
  log "stopped, $dir removed"
}

case "${1:-}" in
  start) [ -n "${2:-}" ] || die "usage: moto.sh start DIR"; start "$2" ;;
  stop) [ -n "${2:-}" ] || die "usage: moto.sh stop DIR"; stop "$2" ;;
  *) die "usage: moto.sh start DIR | stop DIR" ;;
esac
