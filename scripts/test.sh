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
.venv/bin/mypy  # over generator/ ([tool.mypy] in pyproject.toml)
.venv/bin/ruff format --check .  # one formatting: a diff shows the change, not the layout
.venv/bin/python -m pytest "$@"
