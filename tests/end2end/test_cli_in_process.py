"""The in-process runner of the command line behaves as a child process would, and cleans up.

Most command-line tests run ``privdesk`` through its entry function in the test's process
(``support.run_cli``); these tests keep that runner honest: the same run gives the same exit
status and output as ``python -m privdesk``, and a run leaves nothing behind in the process
that could make the next test depend on this one.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from support import run_cli, run_cli_subprocess


def _process_state() -> dict[str, Any]:
    return {
        "environ": dict(os.environ), "cwd": os.getcwd(), "tempdir": tempfile.tempdir,
        "streams": (sys.stdin, sys.stdout, sys.stderr),
        "hooks": (sys.excepthook, threading.excepthook),
        "handlers": list(logging.getLogger().handlers),
        "level": logging.getLogger("privdesk").level,
    }


def test_a_run_leaves_the_process_as_it_found_it(tmp_path: Path) -> None:
    before = _process_state()
    result = run_cli("init", "--db", str(tmp_path / "r.sqlite"),
                     env={"PRIVDESK_LOG_DIR": str(tmp_path / "log"), "TMPDIR": str(tmp_path),
                          "LANG": "sv_SE.UTF-8"})
    assert result.code == 0, result.stderr
    assert _process_state() == before
    # The run itself saw its environment: the support log went where it said.
    assert (tmp_path / "log" / "faults.log").exists()


@pytest.mark.parametrize("arguments", [
    ("list", "activities", "--db", "{missing}", "--lang", "nb"),
    ("list", "vendors"),
    ("--version",),
])
def test_in_process_and_child_process_runs_agree(tmp_path: Path,
                                                 arguments: tuple[str, ...]) -> None:
    filled = [a.format(missing=tmp_path / "missing.sqlite") for a in arguments]
    assert run_cli(*filled) == run_cli_subprocess(*filled)
    assert not (tmp_path / "missing.sqlite").exists()


def test_a_bug_is_reported_and_logged_as_in_a_child(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    demo_register: Path) -> None:
    def broken(*_: object) -> int:
        raise RuntimeError("a bug in list")

    monkeypatch.setattr("privdesk.cli.register.run_list", broken)
    result = run_cli("list", "activities", "--db", str(demo_register),
                     env={"PRIVDESK_LOG_DIR": str(tmp_path / "log")})
    assert result.code == 1
    assert "Traceback" in result.stderr and "RuntimeError: a bug in list" in result.stderr
    log = (tmp_path / "log" / "privdesk.log").read_text(encoding="utf-8")
    assert "unhandled exception" in log and "RuntimeError (message withheld" in log


def test_the_window_is_never_started_in_the_test_process() -> None:
    with pytest.raises(ValueError, match="run_cli_subprocess"):
        run_cli("--self-test")
