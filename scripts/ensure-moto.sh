#!/usr/bin/env bash
# ensure-moto.sh: print the path of a Python interpreter that has moto's S3 server (an S3-compatible API used as a
# Pulumi state backend in the team tests), creating a virtualenv in the cache folder the first time.
set -euo pipefail
CACHE_ROOT="${LIGHTFLEET_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/lightfleet}"
VENV="$CACHE_ROOT/motoenv"
log() { echo "ensure-moto: $*" >&2; }
command -v python3 >/dev/null 2>&1 || { log "error: python3 is not installed"; exit 1; }
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import moto.server, flask, flask_cors" 2>/dev/null; then
  log "creating $VENV with moto[s3] and its server"
  python3 -m venv "$VENV" >&2
  # moto[server] would pull in every AWS service's dependencies; the S3 backend needs only these.
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[s3]" flask flask-cors >&2
fi
echo "$VENV/bin/python"
