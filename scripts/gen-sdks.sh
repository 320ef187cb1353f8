#!/usr/bin/env bash
# gen-sdks.sh [-o DIR] [LANGUAGE...]: generate the SDKs of the native provider from provider/native/schema.json with
# `pulumi package gen-sdk`, one folder a language under DIR (default sdks/, git-ignored). LANGUAGE is nodejs, python,
# go or dotnet; without one, every language whose generator is here. nodejs, python and go come from the generators
# of the CLI's Pulumi version (scripts/ensure-sdk-codegen.sh); dotnet needs Pulumi's .NET language host
# (pulumi-language-dotnet) on PATH, which its own repository ships.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$REPO_ROOT/sdks"
if [ "${1:-}" = "-o" ]; then OUT="$2"; shift 2; fi
log() { echo "gen-sdks: $*" >&2; }

export PATH="$(bash "$REPO_ROOT/scripts/ensure-pulumi.sh"):$PATH"
# The code generators go on PATH only here: as language plugins they generate code and run no program.
export PATH="$(bash "$REPO_ROOT/scripts/ensure-sdk-codegen.sh"):$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true

languages=("$@")
if [ ${#languages[@]} -eq 0 ]; then
  languages=(nodejs python go)
  if command -v pulumi-language-dotnet >/dev/null 2>&1; then
    languages+=(dotnet)
  else
    log "dotnet skipped: no pulumi-language-dotnet on PATH (Pulumi's .NET language host, with a .NET SDK)"
  fi
fi

mkdir -p "$OUT"
for lang in "${languages[@]}"; do
  status=0
  pulumi package gen-sdk "$REPO_ROOT/provider/native/schema.json" --language "$lang" -o "$OUT" >"$OUT/.gen-sdk.log" 2>&1 || status=$?
  # The CLI warns that the generators come from PATH, which is where this script put them.
  grep -v "^warning: using pulumi-language-" "$OUT/.gen-sdk.log" >&2 || true
  rm -f "$OUT/.gen-sdk.log"
  [ "$status" -eq 0 ] || { log "error: pulumi package gen-sdk --language $lang failed"; exit 1; }
done
