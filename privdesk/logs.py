"""The support log: a rotating file in the user's log folder that also keeps crashes.

What goes in: events (started, register opened), paths, versions and tracebacks; never a
field of the register. A traceback is written by ``safe_traceback`` (the crash report uses it
too): frames and exception types, and only the messages that cannot hold a register value.
Starting costs little: the standard library's ``logging.handlers`` (about 10 ms to import) is
loaded when the first line is written, not at start; the fault handler's file is opened at
start, so that a crash of Qt or SQLite while starting is kept.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any, cast

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

# Exceptions whose message Python writes about the code (a missing name or attribute, a failed
# import), never about data. Any other message may quote a value: a KeyError its key, a
# ValueError or TypeError a record's repr, a database error the failing row (PostgreSQL's
# "DETAIL: Failing row contains (...)"), so it is withheld. Exact types, not subclasses: a
# library's subclass may write what it likes.
_CODE_MESSAGES: frozenset[type[BaseException]] = frozenset({
    AttributeError, NameError, UnboundLocalError, ImportError, ModuleNotFoundError,
    IndexError, ZeroDivisionError, RecursionError, NotImplementedError, MemoryError,
})
# How much of a failed SQL statement a report keeps: its text has placeholders, not values.
_STATEMENT_CHARS = 2000
_CAUSE = "The above exception was the direct cause of the following exception:"
_CONTEXT = "During handling of the above exception, another exception occurred:"


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
    handler.setFormatter(SafeFormatter(FORMAT, DATE_FORMAT))
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


def safe_traceback(kind: type[BaseException], value: BaseException | None,
                   tb: TracebackType | None) -> str:
    """A traceback that holds nothing from the register, chained exceptions included.

    Frames (file, line, function, source line) and exception types are kept; a message only
    when Python writes it about the code (see ``_CODE_MESSAGES``). A database error keeps its
    statement (placeholders, never the parameters) and the driver's error code; an OSError its
    error number and description, not the file name (a letter may be named after a pupil).
    """
    chain: list[tuple[BaseException | None, TracebackType | None, str]] = []
    seen: set[int] = set()
    current, current_tb, heading = value, tb, ""
    while True:
        chain.append((current, current_tb, heading))
        if current is None:
            break
        seen.add(id(current))
        if current.__cause__ is not None:
            following, heading = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            following, heading = current.__context__, _CONTEXT
        else:
            break
        if id(following) in seen:
            break
        current, current_tb = following, following.__traceback__
    lines: list[str] = []
    for index, (error, error_tb, _) in enumerate(reversed(chain)):
        if index:
            lines += ["", chain[len(chain) - index][2], ""]
        if error_tb is not None:
            lines.append("Traceback (most recent call last):")
            lines += [frame.rstrip("\n") for frame in traceback.format_tb(error_tb)]
        lines += _safe_exception_lines(type(error) if error is not None else kind, error)
    return "\n".join(lines)


def _safe_exception_lines(kind: type[BaseException], error: BaseException | None) -> list[str]:
    """The last lines of a traceback: the type, and what of the exception may be shown."""
    name = kind.__qualname__
    module = kind.__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    if error is None:
        return [name]
    if kind in _CODE_MESSAGES:
        return [f"{name}: {error}" if str(error) else name]
    lines = [f"{name} (message withheld: it may hold register values)"]
    if isinstance(error, OSError) and error.errno is not None:
        lines.append(f"  errno {error.errno}: {error.strerror}")
    # SQLAlchemy's StatementError: the SQL as sent, with placeholders for the values.
    statement = getattr(error, "statement", None)
    if isinstance(statement, str) and module.startswith("sqlalchemy"):
        shown = " ".join(statement.split())
        if len(shown) > _STATEMENT_CHARS:
            shown = shown[:_STATEMENT_CHARS] + " [...]"
        lines.append(f"  SQL: {shown}")
    # The drivers' error codes: sqlite3 (3.11+) and psycopg name the error without data.
    for attribute in ("sqlite_errorname", "sqlstate"):
        code = getattr(error, attribute, None)
        if isinstance(code, str) and code.isascii() and len(code) <= 64:
            lines.append(f"  {attribute}: {code}")
    return lines


class SafeFormatter(logging.Formatter):
    """A formatter whose tracebacks are ``safe_traceback``'s (the log file's)."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        kind, value, tb = cast(
            "tuple[type[BaseException], BaseException | None, TracebackType | None]", ei)
        return safe_traceback(kind, value, tb)

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached logging's own traceback text on the record: never
        # write that one, make ours (and leave the record as it was for the others).
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return stack_info  # frames and source lines only: no values


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
