"""Writing files so that a crash never leaves half a file: temporary name, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE = 0o600


class Cancelled(Exception):
    """The user cancelled a document while it was being written; no file was left."""


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str], mode: int = PRIVATE) -> Iterator[BinaryIO]:
    """A file to write to that appears at ``target`` only when the block ends without error.

    The temporary file is hidden (a dot name) in the same folder, so the rename is atomic, and
    is created with ``mode`` (0600: documents hold personal data). On any exception, including
    ``Cancelled``, the temporary file is removed and ``target`` is left as it was.
    """
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        os.fchmod(fd, mode)
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


def write_atomic(target: str | os.PathLike[str], content: bytes, mode: int = PRIVATE) -> None:
    """Write ``content`` to ``target`` atomically with permission ``mode``."""
    with atomic_output(target, mode) as handle:
        handle.write(content)


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
