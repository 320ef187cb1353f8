#!/usr/bin/env bash
# ensure-pyenv.sh: print the path of a Python interpreter that has the official Zenlayer and JD Cloud SDKs,
# creating a virtualenv in the cache folder the first time. Used by the conformance tests.
set -euo pipefail
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
VENV="$CACHE_ROOT/pyenv"
PKGS=(zenlayercloud-sdk-python jdcloud-sdk)
log() { echo "ensure-pyenv: $*" >&2; }
command -v python3 >/dev/null 2>&1 || { log "error: python3 is not installed"; exit 1; }
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import zenlayercloud, jdcloud_sdk" 2>/dev/null; then
  log "creating $VENV with ${PKGS[*]}"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PKGS[@]}" >&2
fi
echo "$VENV/bin/python"
