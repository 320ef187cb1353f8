#!/usr/bin/env bash
# ensure-pyenv.sh: print the path of a Python interpreter that has the official Zenlayer and JD Cloud SDKs,
# creating a virtualenv in the cache folder the first time. Used by the conformance tests.
set -euo pipefail
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
. "$(dirname "$0")/venv.sh"
ensure_venv "$CACHE_ROOT/pyenv" "zenlayercloud, jdcloud_sdk" zenlayercloud-sdk-python jdcloud-sdk
