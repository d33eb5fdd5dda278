#!/usr/bin/env bash
# The test command: installs what is missing (scripts/setup.sh --dev), then runs the code rules
# and the whole test suite. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check privdesk tests benchmarks scripts packaging setup.py
echo "== mypy --strict"; .venv/bin/mypy privdesk
echo "== import-linter"; .venv/bin/lint-imports
echo "== pytest"; .venv/bin/python -m pytest "$@"
