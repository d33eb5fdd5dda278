"""Helpers for tests that act as a user would: run the command line in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CompletedCli:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None,
            timeout: float = 300) -> CompletedCli:
    """Run ``python -m privdesk ARGS`` in a child process and capture what it prints."""
    completed = subprocess.run(
        [sys.executable, "-m", "privdesk", *args], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, input=stdin, timeout=timeout, cwd=ROOT,
    )
    return CompletedCli(completed.returncode, completed.stdout, completed.stderr)
