#!/usr/bin/env bash
# ensure-sdk-pyenv.sh: print the path of a Python interpreter whose virtualenv has the `pulumi` package of the CLI's
# version (and setuptools and wheel, to install a generated SDK without fetching build tools), creating it in the cache folder
# the first time. Used by the check that the generated Python SDK installs and imports (test/native/sdks.test.ts).
set -euo pipefail
PULUMI_VERSION="${LIGHTFLEET_PULUMI_VERSION:-v3.259.0}"
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
VENV="$CACHE_ROOT/sdk-pyenv-$PULUMI_VERSION"
PKGS=("pulumi==${PULUMI_VERSION#v}" "setuptools>=61" wheel)
log() { echo "ensure-sdk-pyenv: $*" >&2; }
command -v python3 >/dev/null 2>&1 || { log "error: python3 is not installed"; exit 1; }
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pulumi, setuptools, wheel" 2>/dev/null; then
  log "creating $VENV with ${PKGS[*]}"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PKGS[@]}" >&2
fi
echo "$VENV/bin/python"
