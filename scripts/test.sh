#!/usr/bin/env bash
# Set up (the project with its test extras, plus Debian's Chromium for the browser tests)
# and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh "test"

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

.venv/bin/ruff check .
# mypy's cache in the user's cache folder, not in the clone: a fresh clone (CI) checks what an
# earlier run checked in ~1 s instead of ~13 s. mypy checks each entry against its module's
# source (size, then hash), so an entry of other code is never used; entries are written
# atomically, so two runs at once can share it.
export MYPY_CACHE_DIR="${MYPY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/runstrong-mypy}"
.venv/bin/mypy  # over generator/ ([tool.mypy] in pyproject.toml)
.venv/bin/ruff format --check .  # one formatting: a diff shows the change, not the layout
.venv/bin/python -m pytest "$@"
