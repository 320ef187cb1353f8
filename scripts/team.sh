#!/usr/bin/env bash
# team.sh: a local team setup, a PostgreSQL state backend and localcloud, both on 127.0.0.1, for trying shared stacks,
# StackReferences and the GitOps loop (examples/gitops) with no cloud account.
#
#   scripts/team.sh start [DIR]   starts both (DIR defaults to .lightfleet-team) and prints the `pulumi login` URL and
#                                 the localcloud endpoint
#   scripts/team.sh stop [DIR]    stops both and deletes DIR
#
# LIGHTFLEET_TEAM_TIME_SCALE sets localcloud's time scale (default 0.1: lifecycles ten times faster than real).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
log() { echo "team: $*" >&2; }
die() { log "error: $*"; exit 1; }

start() {
  local dir="$1"
  [ ! -e "$dir/localcloud.pid" ] || die "$dir already holds a team setup; run: scripts/team.sh stop $dir"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ -f "$root/dist/localcloud/cli.js" ] || (cd "$root" && npm run build >&2)
  local url
  url="$(bash "$root/scripts/postgres.sh" start "$dir/postgres")"
  setsid node "$root/dist/localcloud/cli.js" --port 0 --time-scale "${LIGHTFLEET_TEAM_TIME_SCALE:-0.1}" \
    --state-file "$dir/localcloud.json" >"$dir/localcloud.log" 2>&1 </dev/null &
  echo $! >"$dir/localcloud.pid"
  local endpoint=""
  for _ in $(seq 300); do
    endpoint="$(sed -n 's/^localcloud listening on //p' "$dir/localcloud.log")"
    [ -z "$endpoint" ] || break
    kill -0 "$(cat "$dir/localcloud.pid")" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$endpoint" ] || { cat "$dir/localcloud.log" >&2; stop "$dir"; die "localcloud did not start"; }
  cat <<EOF
state backend: $url
localcloud:    $endpoint (access key localcloud, secret localcloud-secret)

  pulumi login '$url'
  export PULUMI_CONFIG_PASSPHRASE=...   # the passphrase the team shares for stack secrets

With the stack runner (what the tests use):
  node dist/scripts/stack.js up --example gitops --stack us-east-1 --state-dir .pulumi-machine-1 --backend '$url' \\
    --config region=us-east-1 --config endpoint=$endpoint \\
    --config lightfleet:lightsailAccessKey=localcloud --secret lightfleet:lightsailSecretKey=localcloud-secret

Stop with: scripts/team.sh stop $dir
EOF
}

stop() {
  local dir="$1"
  [ -d "$dir" ] || { log "nothing to stop in $dir"; return 0; }
  if [ -f "$dir/localcloud.pid" ]; then
    local pid
    pid="$(cat "$dir/localcloud.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  bash "$root/scripts/postgres.sh" stop "$dir/postgres"
  rm -rf "$dir"
  log "stopped, $dir removed"
}

case "${1:-}" in
  start) start "${2:-.lightfleet-team}" ;;
  stop) stop "${2:-.lightfleet-team}" ;;
  *) die "usage: team.sh start [DIR] | stop [DIR]" ;;
esac
