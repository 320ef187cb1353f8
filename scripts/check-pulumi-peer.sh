#!/usr/bin/env bash
# check-pulumi-peer.sh: proves the @pulumi/pulumi peer range. For each version given (default: the lowest the range
# in package.json claims, and 3.259.0), it installs the packed lightfleet and that @pulumi/pulumi from the registry
# into a fresh project, type-checks a small program with `strict` on and the libraries' declarations checked too (zod's
# need `esModuleInterop`), then runs it under Pulumi's mocks: the Instance is constructed, its provider serialized, and
# its outputs come back.
#
#   bash scripts/check-pulumi-peer.sh [VERSION...]     (npm run build first)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  lowest="$(node -p 'require("./package.json").peerDependencies["@pulumi/pulumi"].replace(/^\^/, "")')"
  set -- "$lowest" 3.259.0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)"
tsc="$ROOT/node_modules/typescript/bin/tsc"

for version in "$@"; do
  start=$(date +%s)
  proj="$work/pulumi-$version"
  mkdir -p "$proj"
  cat > "$proj/package.json" <<'JSON'
{ "name": "peer-check", "private": true, "main": "bin/index.js" }
JSON
  cat > "$proj/tsconfig.json" <<'JSON'
{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "commonjs", "moduleResolution": "node", "esModuleInterop": true, "outDir": "bin", "types": ["node"] }, "files": ["index.ts"] }
JSON
  cat > "$proj/index.ts" <<'TS'
import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";

const created: string[] = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      created.push(args.type);
      return { id: `${args.name}-id`, state: { ...args.inputs, instanceIds: ["lhins-1", "lhins-2"] } };
    },
    call: (args) => args.inputs,
  },
  "peer-check",
  "dev",
  false,
);

const web = new Instance("web", {
  cloud: "lighthouse",
  region: "ap-guangzhou",
  bundleId: "bundle_gen_01",
  blueprintId: "lhbp-f1lkcd41",
  instanceChargePrepaid: { period: 1 },
  instanceCount: 2,
  instanceName: "web",
});

web.instanceIds.apply((ids) => {
  console.log(`RESULT ${JSON.stringify({ pulumi: require("@pulumi/pulumi/package.json").version, types: created, ids })}`);
});
TS
  (
    cd "$proj"
    npm install --no-audit --no-fund --loglevel=error "$tarball" "@pulumi/pulumi@$version" "@types/node@22" >"$proj/install.log" 2>&1 \
      || { cat "$proj/install.log"; echo "check-pulumi-peer: install with @pulumi/pulumi@$version failed"; exit 1; }
    node "$tsc" -p tsconfig.json || { echo "check-pulumi-peer: type check with @pulumi/pulumi@$version failed"; exit 1; }
    out="$(node bin/index.js)"
    echo "$out" | grep -q '^RESULT .*"types":\["pulumi-nodejs:dynamic/lightfleet:Instance"\].*"ids":\["lhins-1","lhins-2"\]' \
      || { echo "$out"; echo "check-pulumi-peer: the program did not construct an Instance with @pulumi/pulumi@$version"; exit 1; }
    echo "check-pulumi-peer: @pulumi/pulumi@$version ok in $(( $(date +%s) - start ))s: $(echo "$out" | grep '^RESULT ')"
  )
done
