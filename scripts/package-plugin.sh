#!/usr/bin/env bash
# package-plugin.sh: builds the plugin release archive pulumi-resource-lightfleet-v<version>-<os>-<arch>.tar.gz that
# `pulumi plugin install resource lightfleet <version> --file <archive>` installs: the plugin script at the archive's
# root, the packed lightfleet with its production dependencies (and @pulumi/pulumi at the version lightfleet is
# built and tested with) under node_modules/. Node.js must be on the PATH where the plugin runs.
#
#   bash scripts/package-plugin.sh [--out DIR] [--check]     (npm run build first; npm run package-plugin does both)
#
# --check installs the archive into a temporary PULUMI_HOME with the real CLI and asks the installed plugin for its
# schema (`pulumi package get-schema lightfleet`), which must be lightfleet's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
out="$ROOT/dist"
check=false
while [ "$#" -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --check) check=true; shift ;;
    *) echo "package-plugin: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f dist/provider/native/main.js ] || { echo "package-plugin: no dist/provider/native/main.js: run npm run build first" >&2; exit 1; }

version="$(node -p 'require("./package.json").version')"
pulumi_version="$(node -p 'require("@pulumi/pulumi/package.json").version')"
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) arch="$(uname -m)" ;;
esac
archive="$out/pulumi-resource-lightfleet-v$version-$os-$arch.tar.gz"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)"
mkdir "$work/plugin"
echo '{ "private": true }' > "$work/plugin/package.json"
npm install --prefix "$work/plugin" --omit=dev --no-audit --no-fund --no-package-lock --prefer-offline --loglevel=error \
  "$tarball" "@pulumi/pulumi@$pulumi_version" >&2
rm "$work/plugin/package.json"
cp bin/pulumi-resource-lightfleet "$work/plugin/"
mkdir -p "$out"
tar -czf "$archive" -C "$work/plugin" .
echo "$archive"

if $check; then
  home="$work/pulumi-home"
  export PATH="$(bash scripts/ensure-pulumi.sh):$PATH"
  PULUMI_HOME="$home" PULUMI_SKIP_UPDATE_CHECK=true pulumi plugin install resource lightfleet "$version" --file "$archive" >&2
  name="$(PULUMI_HOME="$home" PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true \
    pulumi package get-schema lightfleet | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).name))')"
  [ "$name" = lightfleet ] || { echo "package-plugin: the installed plugin answered the schema of \"$name\"" >&2; exit 1; }
  echo "package-plugin: installed into a fresh PULUMI_HOME, the plugin answers GetSchema for lightfleet" >&2
fi
