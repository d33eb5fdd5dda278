#!/usr/bin/env bash
# Starts privdesk from the source (arguments are passed on, e.g. --demo). The first start
# installs what running needs (scripts/setup.sh); later starts go straight to the program.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/scripts/setup.sh"
exec "$here/.venv/bin/privdesk" "$@"
