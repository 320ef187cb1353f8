#!/usr/bin/env bash
# ensure-sdk-codegen.sh: print the folder of the code generators `pulumi package gen-sdk` runs as language plugins
# (pulumi-language-nodejs, -python, -go, built from scripts/sdk-codegen against the Pulumi version of the CLI),
# building them into the cache folder the first time and whenever their source changes; progress goes to stderr.
# The folder goes on PATH only for gen-sdk: these plugins generate code and run no program.
set -euo pipefail

PULUMI_VERSION="${LIGHTFLEET_PULUMI_VERSION:-v3.259.0}"
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$REPO_ROOT/scripts/sdk-codegen/main.go"
BIN_DIR="$CACHE_ROOT/sdk-codegen-$PULUMI_VERSION"
LANGUAGES=(nodejs python go)

log() { echo "ensure-sdk-codegen: $*" >&2; }
die() { log "error: $*"; exit 1; }

stamp="$(sha256sum "$SRC" | cut -d' ' -f1)"
if [ "$(cat "$BIN_DIR/source.sha256" 2>/dev/null)" = "$stamp" ] && [ -x "$BIN_DIR/pulumi-language-nodejs" ]; then
  echo "$BIN_DIR"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "Go is needed to build the SDK code generators"
log "building the SDK code generators of pulumi $PULUMI_VERSION into $BIN_DIR"
WORK="$BIN_DIR/build"
mkdir -p "$WORK"
cp "$SRC" "$WORK/main.go"
. "$(dirname "${BASH_SOURCE[0]}")/pulumi-gomod.sh"
pulumi_gomod lightfleet.local/sdkcodegen "$PULUMI_VERSION" > "$WORK/go.mod"
(
  cd "$WORK"
  export GOFLAGS="-mod=mod"
  go mod tidy >&2 || die "go mod tidy failed in $WORK"
  go build -trimpath -ldflags "-X main.version=${PULUMI_VERSION#v}" -o "$BIN_DIR/pulumi-language-nodejs.tmp" . >&2 || die "go build of the SDK code generators failed (see above)"
)
mv "$BIN_DIR/pulumi-language-nodejs.tmp" "$BIN_DIR/pulumi-language-nodejs"
# One binary under each language's name: it generates for the language its name says.
for lang in "${LANGUAGES[@]}"; do
  [ "$lang" = nodejs ] || ln -sf pulumi-language-nodejs "$BIN_DIR/pulumi-language-$lang"
done
echo "$stamp" > "$BIN_DIR/source.sha256"
log "built in $BIN_DIR"
echo "$BIN_DIR"
