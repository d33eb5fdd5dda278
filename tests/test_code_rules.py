"""The import layers hold: import-linter's contracts (pyproject.toml) pass on the code as it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_layer_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_starting_the_cli_loads_no_document_library() -> None:
    code = ("import sys, privdesk.cli as c; c.build_parser(); "
            "print(sorted(m for m in ('reportlab', 'openpyxl', 'babel', 'PySide6', 'pypdf') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
