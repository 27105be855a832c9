#!/usr/bin/env bash
# Set up (a .venv with the project installed) and build the site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh ""
.venv/bin/runstrong build --strict "$@"
