"""Helpers for tests that act as a user would: run the command line and read what it printed.

``run_cli`` runs the ``privdesk`` entry function (``privdesk.app.main``) in the test's own
process: a run costs milliseconds instead of a Python start and its imports. It puts back
everything a run changes in the process (environment, working folder, standard streams, the
support log's handlers and hooks, the temporary folder, the start time that
``documents.files`` takes for the process's), so each call is as independent as a fresh
process. ``run_cli_subprocess`` starts ``python -m privdesk`` for the few tests that are about
the process itself (its start, exit status and output as a shell sees them, a kill, a
resource limit, an audit hook, a fresh process's umask).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CompletedCli:
    code: int
    stdout: str
    stderr: str


def run_cli_subprocess(*args: str, env: dict[str, str] | None = None,
                       stdin: str | None = None, timeout: float = 300,
                       python: bool = False) -> CompletedCli:
    """Run ``python -m privdesk ARGS`` (with ``python``: ``python ARGS``) in a child process
    and capture what it prints."""
    program = [sys.executable] if python else [sys.executable, "-m", "privdesk"]
    completed = subprocess.run(
        [*program, *args], capture_output=True, text=True,
        env={**os.environ, **(env or {})}, input=stdin, timeout=timeout, cwd=ROOT,
    )
    return CompletedCli(completed.returncode, completed.stdout, completed.stderr)


def _starts_the_window(args: tuple[str, ...]) -> bool:
    """No subcommand (a word that is not an option or the value of ``--db``): the window."""
    words = [a for i, a in enumerate(args)
             if not a.startswith("-") and (i == 0 or args[i - 1] != "--db")]
    return not words and not any(a in ("-h", "--help", "--version") for a in args)


def run_cli(*args: str, env: dict[str, str] | None = None,
            stdin: str | None = None) -> CompletedCli:
    """Run ``privdesk ARGS`` through its entry function in this process; capture its output.

    ``env`` is laid over the environment for the run only, as for a child process. The exit
    code is what ``main`` returns, or the code of the ``SystemExit`` it raises (argparse: 2 for
    a usage error, 0 after ``--version``); an unhandled exception is reported on stderr through
    ``sys.excepthook`` (so the support log gets it, as in a real run) with exit code 1.
    """
    if _starts_the_window(args):  # never in the test's process (it may hold a QApplication)
        raise ValueError(f"privdesk {' '.join(args)} starts the window: use run_cli_subprocess")
    from privdesk import logs
    from privdesk.app import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with _isolated_process_state(env, stdin, stdout, stderr):
        logs_started_before = logs._started is not None
        try:
            code = _exit_code(main(list(args)))
        except SystemExit as leaving:
            code = _exit_code(leaving.code, stderr)
        except Exception as error:  # noqa: BLE001 - what the interpreter does at the top level
            sys.excepthook(type(error), error, error.__traceback__)
            code = 1
        finally:
            if not logs_started_before:
                logs.stop()
    return CompletedCli(code, stdout.getvalue(), stderr.getvalue())


def _exit_code(value: object, stderr: io.StringIO | None = None) -> int:
    """The process's exit status for ``return value`` or ``raise SystemExit(value)``."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    print(value, file=stderr or sys.stderr)  # what the interpreter does with a message
    return 1


@contextlib.contextmanager
def _isolated_process_state(env: dict[str, str] | None, stdin: str | None,
                            stdout: io.StringIO, stderr: io.StringIO) -> Iterator[None]:
    """Give a run the environment, folder, streams and start time of a fresh child process."""
    from privdesk.documents import files

    saved_environ = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_hooks = sys.excepthook, threading.excepthook
    saved_started = files._STARTED
    saved_tempdir = tempfile.tempdir
    try:
        os.environ.update(env or {})
        if env and "TMPDIR" in env:
            tempfile.tempdir = None  # gettempdir() reads $TMPDIR again, as a new process would
        os.chdir(ROOT)
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin or ""), stdout, stderr
        # The interpreter's own hooks, as a new process has them (not pytest-qt's, which
        # would fail the test for an exception the run reports as a child would).
        sys.excepthook, threading.excepthook = sys.__excepthook__, threading.__excepthook__
        # A new process begins writing files now: temporaries left before it are stale.
        files._STARTED = time.time()
        yield
    finally:
        files._STARTED = saved_started
        tempfile.tempdir = saved_tempdir
        sys.excepthook, threading.excepthook = saved_hooks
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_environ)
