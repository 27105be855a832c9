# Shared by build-site.sh and test.sh: make .venv (Python >= 3.11) and install the project.
# Usage: source scripts/_venv.sh EXTRAS   (EXTRAS: "" or "test")

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "RunStrong needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
spec="."
[ -n "${1:-}" ] && spec=".[$1]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec" 2> >(grep -v "^WARNING: Location" >&2)
