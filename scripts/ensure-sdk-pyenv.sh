#!/usr/bin/env bash
# ensure-sdk-pyenv.sh: print the path of a Python interpreter whose virtualenv has the `pulumi` package of the CLI's
# version (and setuptools and wheel, to install a generated SDK without fetching build tools), creating it in the cache folder
# the first time. Used by the check that the generated Python SDK installs and imports (test/native/sdks.test.ts).
set -euo pipefail
PULUMI_VERSION="${LIGHTFLEET_PULUMI_VERSION:-v3.259.0}"
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
. "$(dirname "$0")/venv.sh"
ensure_venv "$CACHE_ROOT/sdk-pyenv-$PULUMI_VERSION" "pulumi, setuptools, wheel" "pulumi==${PULUMI_VERSION#v}" "setuptools>=61" wheel
