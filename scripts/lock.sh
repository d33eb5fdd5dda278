#!/usr/bin/env bash
# Writes the lock files in requirements/ from pyproject.toml: every package pinned with the
# hashes of its files, for every platform privdesk runs on (Linux, Windows, macOS), no index
# address. Nothing moves unless asked:
#   bash scripts/lock.sh                     keep every pin, add or drop what pyproject now asks
#   bash scripts/lock.sh --upgrade           move everything to the newest allowed versions
#   bash scripts/lock.sh --upgrade-package babel   move one package
# Then run bash scripts/test.sh, and commit the lock files with the change that needed them.
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-.venv/bin/uv}"
common=(--universal --python-version 3.11 --generate-hashes --no-header --quiet "$@")
# runtime: what start.sh installs, and what the frozen builds carry.
"$UV" pip compile "${common[@]}" pyproject.toml requirements/build.in --extra postgres \
    -o requirements/runtime.txt
# dev: the same pins, and the tools of the test command.
"$UV" pip compile "${common[@]}" pyproject.toml requirements/build.in --extra postgres \
    --extra dev -c requirements/runtime.txt -o requirements/dev.txt
# freeze: the same pins, and the freezer.
"$UV" pip compile "${common[@]}" pyproject.toml requirements/build.in requirements/freeze.in \
    --extra postgres -c requirements/runtime.txt -o requirements/freeze.txt
