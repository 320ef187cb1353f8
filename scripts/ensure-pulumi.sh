#!/usr/bin/env bash
# ensure-pulumi.sh: print a PATH prefix (the folder of a usable `pulumi` CLI, with the YAML language host, and the
# folder of the nodejs dynamic-provider plugin) on stdout; progress goes to stderr.
#
# Order: `pulumi` already on PATH (users' machines) -> a cached build under
# LIGHTFLEET_CACHE_DIR -> build the CLI from the Go module proxy into that cache.
# The YAML language host (`runtime: yaml` programs) is looked for beside the CLI or on PATH; when missing it is built
# from the Go module proxy into the cache folder, which then goes on PATH too.
set -euo pipefail

PULUMI_VERSION="${LIGHTFLEET_PULUMI_VERSION:-v3.259.0}"
YAML_VERSION="${LIGHTFLEET_PULUMI_YAML_VERSION:-v1.25.0}"
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
BIN_DIR="$CACHE_ROOT/pulumi-$PULUMI_VERSION"
YAML_HOST="$BIN_DIR/pulumi-language-yaml"
# The host's version is part of the cache key: a stamp beside the binary, so a new YAML_VERSION rebuilds it.
YAML_STAMP="$BIN_DIR/pulumi-language-yaml.version"
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

cached_yaml_host_ok() {
  [ -x "$YAML_HOST" ] && [ "$(cat "$YAML_STAMP" 2>/dev/null)" = "$YAML_VERSION" ]
}

# build_yaml_host installs pulumi-language-yaml $YAML_VERSION into the cache folder (a few minutes the first time).
build_yaml_host() {
  command -v go >/dev/null 2>&1 || return 1
  log "building pulumi-language-yaml $YAML_VERSION from Go modules into $BIN_DIR (a few minutes the first time)"
  local stage="$BIN_DIR/.yaml-build.$$"
  rm -rf "$stage"
  mkdir -p "$stage"
  # `go install pkg@version` builds outside any module; the host's go.mod needs -mod=mod to resolve its requirements.
  if ! (cd "$stage" && GOBIN="$stage" GOFLAGS="-mod=mod" go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$YAML_VERSION" >&2); then
    rm -rf "$stage"
    die "go install of pulumi-language-yaml $YAML_VERSION failed (see above)"
  fi
  mv "$stage/pulumi-language-yaml" "$YAML_HOST"
  rm -rf "$stage"
  echo "$YAML_VERSION" > "$YAML_STAMP"
  log "built pulumi-language-yaml $YAML_VERSION in $BIN_DIR"
}

# yaml_host_prefix makes sure the YAML host is there for the CLI in folder $1 and prints what PATH then needs added:
# nothing when that folder or PATH already has a host, or when the CLI is the cached one (the host sits beside it).
yaml_host_prefix() {
  local cli_dir="$1"
  if [ "$cli_dir" != "$BIN_DIR" ] && { [ -x "$cli_dir/pulumi-language-yaml" ] || command -v pulumi-language-yaml >/dev/null 2>&1; }; then
    return 0
  fi
  if ! cached_yaml_host_ok && ! build_yaml_host; then
    log "warning: pulumi-language-yaml is not installed and Go is not there to build it: \`runtime: yaml\` programs will not run"
    return 0
  fi
  [ "$cli_dir" = "$BIN_DIR" ] || echo ":$BIN_DIR"
}

if [ -z "${LIGHTFLEET_IGNORE_PATH_PULUMI:-}" ] && command -v pulumi >/dev/null 2>&1; then
  found="$(dirname "$(command -v pulumi)")"
  log "using pulumi from PATH: $found ($(pulumi version 2>/dev/null || echo 'version unknown'))"
  yaml="$(yaml_host_prefix "$found")"
  echo "$found$yaml:$(plugin_dir)"
  exit 0
fi

if [ -x "$BIN_DIR/pulumi" ] && "$BIN_DIR/pulumi" version >/dev/null 2>&1; then
  log "using cached pulumi $("$BIN_DIR/pulumi" version) from $BIN_DIR"
  yaml_host_prefix "$BIN_DIR" >/dev/null
  echo "$BIN_DIR:$(plugin_dir)"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "pulumi is not on PATH and Go is not installed to build it; install the Pulumi CLI or Go >= 1.25.11"

log "building pulumi $PULUMI_VERSION from Go modules into $BIN_DIR (takes several minutes the first time)"
WORK="$CACHE_ROOT/build-$PULUMI_VERSION"
mkdir -p "$WORK" "$BIN_DIR"
. "$(dirname "${BASH_SOURCE[0]}")/pulumi-gomod.sh"
pulumi_gomod lightfleet.local/pulumicli "$PULUMI_VERSION" > "$WORK/go.mod"
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
yaml_host_prefix "$BIN_DIR" >/dev/null
echo "$BIN_DIR:$(plugin_dir)"
