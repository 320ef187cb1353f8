# venv.sh, sourced by the ensure-*pyenv scripts: ensure_venv DIR IMPORTS PKG... prints the interpreter of a virtualenv
# in DIR whose Python can `import IMPORTS`, creating it with the PKGs from PyPI the first time (or when it cannot).
ensure_venv() {
  local venv="$1" imports="$2" log="${0##*/}"
  shift 2
  command -v python3 >/dev/null 2>&1 || { echo "${log%.sh}: error: python3 is not installed" >&2; exit 1; }
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import $imports" 2>/dev/null; then
    echo "${log%.sh}: creating $venv with $*" >&2
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$@" >&2
  fi
  echo "$venv/bin/python"
}
