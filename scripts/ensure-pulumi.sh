#!/usr/bin/env bash
# ensure-pulumi.sh: print a PATH prefix (the folder of a usable `pulumi` CLI and the folder of the nodejs
# dynamic-provider plugin) on stdout; progress goes to stderr.
#
# Order: `pulumi` already on PATH (users' machines) -> a cached build under
# LIGHTFLEET_CACHE_DIR -> build the CLI from the Go module proxy into that cache.
set -euo pipefail

PULUMI_VERSION="${LIGHTFLEET_PULUMI_VERSION:-v3.259.0}"
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
BIN_DIR="$CACHE_ROOT/pulumi-$PULUMI_VERSION"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "ensure-pulumi: $*" >&2; }
die() { log "error: $*"; exit 1; }

# The engine runs dynamic providers through `pulumi-resource-pulumi-nodejs`, a tiny script shipped inside
# @pulumi/pulumi: its folder goes on PATH next to the CLI.
plugin_dir() {
  local d="$REPO_ROOT/node_modules/@pulumi/pulumi"
  [ -f "$d/pulumi-resource-pulumi-nodejs" ] || die "$d/pulumi-resource-pulumi-nodejs is missing: run 'npm ci' first"
  chmod +x "$d/pulumi-resource-pulumi-nodejs"
  echo "$d"
}

if [ -z "${LIGHTFLEET_IGNORE_PATH_PULUMI:-}" ] && command -v pulumi >/dev/null 2>&1; then
  found="$(dirname "$(command -v pulumi)")"
  log "using pulumi from PATH: $found ($(pulumi version 2>/dev/null || echo 'version unknown'))"
  echo "$found:$(plugin_dir)"
  exit 0
fi

if [ -x "$BIN_DIR/pulumi" ] && "$BIN_DIR/pulumi" version >/dev/null 2>&1; then
  log "using cached pulumi $("$BIN_DIR/pulumi" version) from $BIN_DIR"
  echo "$BIN_DIR:$(plugin_dir)"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "pulumi is not on PATH and Go is not installed to build it; install the Pulumi CLI or Go >= 1.25.11"

log "building pulumi $PULUMI_VERSION from Go modules into $BIN_DIR (takes several minutes the first time)"
WORK="$CACHE_ROOT/build-$PULUMI_VERSION"
mkdir -p "$WORK" "$BIN_DIR"
cat > "$WORK/go.mod" <<GOMOD
module lightfleet.local/pulumicli

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 $PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 $PULUMI_VERSION
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
cat > "$WORK/tools.go" <<'GOSRC'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GOSRC
(
  cd "$WORK"
  export GOFLAGS="-mod=mod"
  log "resolving modules (go mod tidy)"
  go mod tidy >&2 || die "go mod tidy failed in $WORK: the Go module proxy may not serve every module pulumi $PULUMI_VERSION needs"
  log "compiling the CLI"
  go build -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    -o "$BIN_DIR/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2 \
    || die "go build of the pulumi CLI failed (see above)"
)
mv "$BIN_DIR/pulumi.tmp" "$BIN_DIR/pulumi"
log "built $("$BIN_DIR/pulumi" version) in $BIN_DIR"
echo "$BIN_DIR:$(plugin_dir)"
