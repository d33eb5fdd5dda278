"""Failures of the database or the disk that a user causes or can mend, as one UserError.

A colleague's long write holding the lock, a full disk, a file the system will not let grow,
a server that refuses or drops the connection: each is said in one translated line, by the
command line (``cli.run``) and the window (``gui.dialogs.excepthook``) alike. Anything not
named here stays a bug, with its report. The reason shown is the driver's or the system's own
words, never a statement's parameters (they are register values).
"""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import DBAPIError

from privdesk.domain.errors import N_, UserError

# What SQLite says (sqlite3 gives its messages, not its codes, before Python 3.11's
# sqlite_errorname) when another connection holds the lock past the busy timeout.
_SQLITE_BUSY = ("database is locked", "database table is locked", "database schema is locked")
_SQLITE_FULL = ("database or disk is full",)
_SQLITE_IO = ("disk i/o error", "attempt to write a readonly database",
              "unable to open database file")
# The system's refusals to write or read that the user can mend (space, quota, size limit,
# permissions, a read-only disk, a device that failed).
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_OS_REFUSALS = {errno.EFBIG, errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO, errno.ENOENT,
                errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG}


def as_user_error(error: BaseException) -> UserError | None:
    """The refusal to show for ``error``, or None when it is a bug."""
    if isinstance(error, UserError):
        return error
    if isinstance(error, DBAPIError):
        return _database(error)
    if isinstance(error, sqlite3.OperationalError):
        return _sqlite(str(error))
    if isinstance(error, OSError):
        return _system(error)
    return None


def _database(error: DBAPIError) -> UserError | None:
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        return _sqlite(str(original))
    if isinstance(original, OSError):
        return _system(original)
    reason = " ".join(str(original).split())
    module = type(original).__module__ or ""
    if not module.startswith("psycopg"):
        return None
    name = type(original).__name__
    if name in ("LockNotAvailable", "QueryCanceled", "DeadlockDetected",
                "SerializationFailure"):
        return UserError(N_("the register is busy: a colleague's change holds it; nothing was "
                            "changed, try again in a moment"))
    if name == "DiskFull":
        return UserError(N_("the database server's disk is full; nothing was changed: "
                            "{reason}"), reason=reason)
    if error.statement is None or error.connection_invalidated or name in (
            "OperationalError", "InterfaceError"):
        # Failed while connecting (a bad option in the URL, a refused login) or the
        # connection was lost: the server's words say which.
        return UserError(N_("cannot reach the register's database server; nothing was "
                            "changed: {reason}"), reason=reason)
    return None


def _sqlite(message: str) -> UserError | None:
    lowered = message.lower()
    if lowered.startswith(_SQLITE_BUSY):
        return UserError(N_("the register is busy: another program (or another privdesk) has "
                            "been writing to it for a while; nothing was changed, try again "
                            "in a moment"))
    if lowered.startswith(_SQLITE_FULL):
        return UserError(N_("the disk that holds the register is full; nothing was changed"))
    if lowered.startswith(_SQLITE_IO):
        return UserError(N_("the register cannot be written ({reason}); nothing was changed"),
                         reason=message)
    return None


def _system(error: OSError) -> UserError | None:
    place = "" if error.filename is None else str(error.filename)
    reason = error.strerror or str(error)
    if error.errno in _DISK_FULL:
        return UserError(N_("the disk is full: {reason}"), place, reason=reason)
    if error.errno in _OS_REFUSALS:
        return UserError(N_("the system refused: {reason}"), place, reason=reason)
    return None
