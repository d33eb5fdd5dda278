"""The support log: where it is, what a line looks like, crashes kept, and a light start."""

from __future__ import annotations

import faulthandler
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from platformdirs import user_log_path

from privdesk import __version__, logs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(folder))
    yield folder
    logs.stop()


def _child(code: str, log_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, logs.LOG_DIR_VARIABLE: str(log_dir)}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_log_folder_is_the_platforms_unless_the_environment_names_one(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(logs.LOG_DIR_VARIABLE, raising=False)
    assert logs.log_folder() == user_log_path("privdesk", appauthor=False)
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path))
    assert logs.log_folder() == tmp_path
    assert logs.log_file() == tmp_path / "privdesk.log"


def test_a_line_goes_to_the_rotating_file_after_the_start_line(log_dir: Path) -> None:
    logs.start()
    assert not (log_dir / "privdesk.log").exists()  # nothing logged yet, nothing written
    logging.getLogger("privdesk.test").info("register opened: %s", "/tmp/r.sqlite")
    logging.getLogger("privdesk.test").debug("not kept")
    lines = (log_dir / "privdesk.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert f"INFO privdesk [{os.getpid()}] privdesk {__version__} started: Python" in lines[0]
    assert lines[1].endswith(f"INFO privdesk.test [{os.getpid()}] register opened: /tmp/r.sqlite")
    [handler] = [h for h in logging.getLogger().handlers
                 if isinstance(h, logs._DeferredRotatingFile)]
    assert isinstance(handler.target, RotatingFileHandler)
    assert (handler.target.maxBytes, handler.target.backupCount) == (1_000_000, 5)
    logs.stop()
    assert handler not in logging.getLogger().handlers


def test_an_unhandled_exception_is_logged_then_handed_on(
        log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handed_on: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _kind, value, _tb: handed_on.append(value))
    logs.start()
    try:
        raise RuntimeError("the unexpected")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    text = (log_dir / "privdesk.log").read_text(encoding="utf-8")
    assert "CRITICAL privdesk" in text and "unhandled exception" in text
    assert "Traceback" in text and "RuntimeError (message withheld" in text
    assert "RuntimeError: the unexpected" not in text  # a message may quote the register
    assert [str(e) for e in handed_on] == ["the unexpected"]


def test_a_threads_exception_is_logged_then_handed_on(
        log_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    handed_on: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", handed_on.append)
    logs.start()
    try:
        raise ValueError("in a worker")
    except ValueError as error:
        # As a thread that failed would call it (a real one would also reach pytest's own
        # thread-exception check).
        threading.excepthook(threading.ExceptHookArgs(
            (ValueError, error, error.__traceback__, threading.current_thread())))
    text = (log_dir / "privdesk.log").read_text(encoding="utf-8")
    assert "unhandled exception in thread MainThread" in text
    assert "ValueError (message withheld" in text and "ValueError: in" not in text
    assert len(handed_on) == 1


def test_start_and_stop_leave_the_process_as_it_was(log_dir: Path) -> None:
    before = (sys.excepthook, threading.excepthook, list(logging.getLogger().handlers),
              faulthandler.is_enabled())
    logs.start()
    logs.start()  # once only
    assert faulthandler.is_enabled()
    assert len(logging.getLogger().handlers) == len(before[2]) + 1
    header = (log_dir / "faults.log").read_text(encoding="utf-8")
    assert header.startswith(f"privdesk {__version__} [{os.getpid()}] started ")
    logs.stop()
    after = (sys.excepthook, threading.excepthook, list(logging.getLogger().handlers),
             faulthandler.is_enabled())
    assert after == before


def test_an_unusable_log_folder_leaves_privdesk_working(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path / "a-file" / "logs"))
    handlers = list(logging.getLogger().handlers)
    try:
        logs.start()
        logging.getLogger("privdesk").info("nowhere to go")
        assert logging.getLogger().handlers == handlers
    finally:
        logs.stop()


def test_a_crash_of_the_process_is_kept_in_the_fault_file(tmp_path: Path) -> None:
    done = _child("from privdesk import logs; logs.start(); "
                  "import faulthandler; faulthandler._sigsegv()", tmp_path)
    assert done.returncode != 0
    faults = (tmp_path / "faults.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in faults
    assert faults.startswith(f"privdesk {__version__} [")


def test_an_uncaught_exception_of_a_command_reaches_the_log_and_stderr(tmp_path: Path) -> None:
    done = _child("from privdesk import logs; logs.start(); raise LookupError('a bug')",
                  tmp_path)
    assert done.returncode == 1
    assert "LookupError: a bug" in done.stderr
    assert "LookupError (message withheld" in (tmp_path / "privdesk.log").read_text(
        encoding="utf-8")


def test_starting_the_log_is_light(tmp_path: Path) -> None:
    """logging.handlers (about 10 ms) waits for the first line: a quiet start never pays it."""
    done = _child("import sys; from privdesk import logs; logs.start(); "
                  "print(sorted(m for m in ('logging.handlers', 'socket') if m in sys.modules))",
                  tmp_path)
    assert done.stdout.strip() == "[]", done.stderr


def test_the_garbage_collector_is_on_again_after_a_command(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``main`` holds Python's collector off while starting (gui.application turns it on
    once the register is open); a command leaves it as it found it."""
    import gc

    from privdesk.app import main

    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path))
    assert gc.isenabled()
    try:
        with pytest.raises(SystemExit):  # argparse's way out after the version
            main(["--version"])
    finally:
        logs.stop()
    assert gc.isenabled() and capsys.readouterr().out.strip()
