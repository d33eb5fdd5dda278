"""The support log: a rotating file in the user's log folder that also keeps crashes.

What goes in: events (started, register opened), paths, versions and tracebacks; never a
field of the register. Starting costs little: the standard library's ``logging.handlers``
(about 10 ms to import) is loaded when the first line is written, not at start; the fault
handler's file is opened at start, so that a crash of Qt or SQLite while starting is kept.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from privdesk import __version__

LOG_DIR_VARIABLE = "PRIVDESK_LOG_DIR"
LOG_NAME = "privdesk.log"
FAULTS_NAME = "faults.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
# The fault file gets a line at every start; past this size it starts again (one old copy).
FAULTS_MAX_BYTES = 256_000
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"

log = logging.getLogger("privdesk")


def log_folder() -> Path:
    """Where the log is kept: $PRIVDESK_LOG_DIR, else the platform's log folder for privdesk.

    ``~/.local/state/privdesk/log`` on Linux, ``~/Library/Logs/privdesk`` on macOS,
    ``%LOCALAPPDATA%\\privdesk\\Logs`` on Windows (platformdirs, as for the register).
    """
    override = os.environ.get(LOG_DIR_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_log_path

    return user_log_path("privdesk", appauthor=False)


def log_file() -> Path:
    """The current log file (older ones are ``privdesk.log.1`` … ``.5`` beside it)."""
    return log_folder() / LOG_NAME


class _DeferredRotatingFile(logging.Handler):
    """A ``RotatingFileHandler`` made when the first line is written (see the module's doc)."""

    def __init__(self, path: Path, first: logging.LogRecord) -> None:
        super().__init__(logging.INFO)
        self.path = path
        self.target: logging.Handler | None = None
        # The start line, written (with its own time) before the first line of the run: a
        # run that logs nothing leaves nothing.
        self.first: logging.LogRecord | None = first

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.target is None:
                from logging.handlers import RotatingFileHandler

                self.target = RotatingFileHandler(self.path, maxBytes=MAX_BYTES,
                                                  backupCount=BACKUPS, encoding="utf-8")
                self.target.setFormatter(self.formatter)
            if self.first is not None:
                first, self.first = self.first, None
                self.target.handle(first)
            self.target.handle(record)
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        if self.target is not None:
            self.target.close()
        super().close()


class _Started:
    """What ``start`` changed, so that ``stop`` can put it back (tests start and stop)."""

    # A plain class: a dataclass costs milliseconds to define, at every start.
    def __init__(self) -> None:
        self.handler: logging.Handler | None = None
        self.faults: IO[str] | None = None
        self.excepthook: Any = None
        self.thread_excepthook: Any = None
        self.faults_were_enabled = False
        self.levels: dict[str, int] = {}


_started: _Started | None = None


def start() -> None:
    """Log to the rotating file, unhandled exceptions and fatal errors included (once).

    A log folder that cannot be made leaves privdesk working without a log.
    """
    global _started
    if _started is not None:
        return
    started = _Started()
    _started = started
    folder = log_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        started.faults = _open_faults(folder / FAULTS_NAME)
    except OSError:
        return
    started.faults_were_enabled = faulthandler.is_enabled()
    faulthandler.enable(started.faults, all_threads=True)
    first = log.makeRecord(log.name, logging.INFO, __file__, 0,
                           "privdesk %s started: Python %s on %s",
                           (__version__, sys.version.split()[0], sys.platform), None)
    handler = _DeferredRotatingFile(folder / LOG_NAME, first)
    handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    logging.getLogger().addHandler(handler)
    started.handler = handler
    started.levels = {"privdesk": log.level}
    log.setLevel(logging.INFO)
    started.excepthook, sys.excepthook = sys.excepthook, _log_unhandled
    started.thread_excepthook, threading.excepthook = threading.excepthook, _log_unhandled_thread


def stop() -> None:
    """Undo ``start``: close the files, put the hooks back."""
    global _started
    started, _started = _started, None
    if started is None:
        return
    if started.handler is not None:
        logging.getLogger().removeHandler(started.handler)
        started.handler.close()
        for name, level in started.levels.items():
            logging.getLogger(name).setLevel(level)
        if sys.excepthook is _log_unhandled:
            sys.excepthook = started.excepthook
        if threading.excepthook is _log_unhandled_thread:
            threading.excepthook = started.thread_excepthook
    if started.faults is not None:
        faulthandler.disable()
        if started.faults_were_enabled and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__, all_threads=True)
        started.faults.close()


def _open_faults(path: Path) -> IO[str]:
    """The fault handler's file, kept open for the process's life, headed by this start."""
    try:
        if path.stat().st_size > FAULTS_MAX_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except OSError:
        pass  # none yet, or another privdesk has it open (Windows): append to it
    handle = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open until the process ends
    handle.write(f"privdesk {__version__} [{os.getpid()}] started "
                 f"{time.strftime(DATE_FORMAT)}\n")
    handle.flush()
    return handle


def _log_unhandled(kind: type[BaseException], value: BaseException,
                   tb: TracebackType | None) -> None:
    """``sys.excepthook``: the traceback into the log, then shown as before."""
    if not issubclass(kind, KeyboardInterrupt):
        log.critical("unhandled exception", exc_info=(kind, value, tb))
    previous = _started.excepthook if _started is not None else None
    (previous or sys.__excepthook__)(kind, value, tb)


def _log_unhandled_thread(arguments: threading.ExceptHookArgs) -> None:
    """``threading.excepthook``: the same for a thread's exception."""
    if arguments.exc_value is not None and not isinstance(arguments.exc_value, SystemExit):
        log.critical("unhandled exception in thread %s",
                     arguments.thread.name if arguments.thread else "?",
                     exc_info=(arguments.exc_type, arguments.exc_value,
                               arguments.exc_traceback))
    previous = _started.thread_excepthook if _started is not None else None
    (previous or threading.__excepthook__)(arguments)
