#!/usr/bin/env bash
# Installs what is missing, then starts privdesk (arguments are passed on, e.g. --demo).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/scripts/setup.sh"
exec "$here/.venv/bin/privdesk" "$@"
