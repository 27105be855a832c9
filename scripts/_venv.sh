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
# The install is editable: a change to the code needs no new install, only a change to
# pyproject.toml (dependencies, entry points) or to the extras asked for. The stamp says what the
# last install was made from; when it matches, pip is not run again (it took 10-20 s each time).
stamp=".venv/.runstrong-install"
wanted="$(.venv/bin/python -c 'import hashlib, sys; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest(), sys.version.split()[0], sys.argv[1])' "$spec")"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ] || [ ! -x .venv/bin/runstrong ]; then
  # uv (from PyPI, into .venv) installs the same packages as pip in a fraction of the time: a
  # fresh clone's install (CI's every run) 45-55 s with pip -> ~15 s, uv included, ~5 s with
  # its download cache (~/.cache/uv) warm. Without it (no network, no wheel for this machine),
  # pip does it, as before. Neither compiles byte code: it is written as modules are first
  # imported, for the few hundred a run imports, not for every file of ~70 packages.
  pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-compile)
  if { [ -x .venv/bin/uv ] || "${pip[@]}" uv 2>/dev/null; } \
    && .venv/bin/uv pip install --quiet --python .venv/bin/python -e "$spec"; then
    :
  else
    echo "uv could not install the project; pip installs it instead" >&2
    "${pip[@]}" -e "$spec" 2> >(grep -v "^WARNING: Location" >&2)
  fi
  # Where PYTHONDONTWRITEBYTECODE is set, no run ever writes that byte code: every run of
  # runstrong (and of the tests) compiled ~1,500 modules again, ~1.9 s of a one-edit build of
  # 900 exercises. Compiled here once instead (the project's own modules too; an edited one is
  # compiled in memory as before).
  if [ -n "${PYTHONDONTWRITEBYTECODE:-}" ]; then
    .venv/bin/python -m compileall -q -j0 .venv/lib generator >/dev/null || true
  fi
  echo "$wanted" > "$stamp"
fi
