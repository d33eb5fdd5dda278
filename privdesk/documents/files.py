"""Writing files so that a crash never leaves half a file: temporary name, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from privdesk.domain.errors import N_, UserError

PRIVATE = 0o600

# When this process began writing files: a temporary older than this was left by an earlier run
# that was killed (SIGKILL, power loss) before it could remove it.
_STARTED = time.time()


class Cancelled(Exception):
    """The user cancelled a document while it was being written; no file was left."""


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str], mode: int = PRIVATE) -> Iterator[BinaryIO]:
    """A file to write to that appears at ``target`` only when the block ends without error.

    The temporary file is hidden (a dot name) in the same folder, so the rename is atomic, and
    is created with ``mode`` (0600: documents hold personal data). On any exception, including
    ``Cancelled``, the temporary file is removed and ``target`` is left as it was. Temporaries
    of ``target`` that a killed earlier run left behind are removed first (they hold personal
    data and would otherwise stay forever).
    """
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    _remove_stale_temporaries(folder, path.name)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        _set_mode(fd, temporary, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(folder)


def _set_mode(fd: int, temporary: str, mode: int) -> None:
    """Give the open temporary file ``mode`` (mkstemp made it 0600 already on POSIX)."""
    # os.fchmod reached Windows only in Python 3.13 (the Windows build runs 3.11); chmod by
    # name does the same there, where a mode only sets or clears the read-only flag.
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(temporary, mode)


def write_atomic(target: str | os.PathLike[str], content: bytes, mode: int = PRIVATE) -> None:
    """Write ``content`` to ``target`` atomically with permission ``mode``."""
    with atomic_output(target, mode) as handle:
        handle.write(content)


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Delete ``.NAME.XXXXXXXX.part`` files in ``folder`` older than this process."""
    # mkstemp's random part is 8 characters of [a-z0-9_]; nothing else of the user's matches.
    pattern = re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}\.part")
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except OSError:
        return  # mkstemp will report an unusable folder
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if (entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < _STARTED):
                os.unlink(entry.path)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk (POSIX); Windows has no
    # directory handles to sync, so this is skipped there.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


Progress = Callable[[int, int], None]
"""A progress callback: ``(done, total)``; it may raise ``Cancelled`` to stop the work."""


def no_progress(done: int, total: int) -> None:
    """A progress callback that ignores progress."""


def read_input(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file the user named, or a UserError naming the file and why not."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UserError(N_("cannot read the file: {reason}"), os.fspath(path),
                        reason=error.strerror or str(error)) from error


def write_document(target: str | os.PathLike[str], content: bytes) -> None:
    """``write_atomic``, with a refusal the user can act on when the folder is not writable."""
    try:
        write_atomic(target, content)
    except OSError as error:
        raise UserError(N_("cannot write the file: {reason}"), os.fspath(target),
                        reason=error.strerror or str(error)) from error
