"""Writing files so that a crash never leaves half a file: temporary name, fsync, rename.

Every writer goes through ``StagedFile``, which refuses (``check_output``) to write onto a
folder, a register or its SQLite working files, or an existing file of another kind than the
document, so that ``--out`` or a save dialog can never replace the register.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from privdesk.domain.errors import N_, UserError

PRIVATE = 0o600

# When this process began writing files: a temporary older than this was left by an earlier run
# that was killed (SIGKILL, power loss) before it could remove it.
_STARTED = time.time()

# The kinds of document privdesk writes, and the refusal when another kind of file is there.
_NOT_THE_KIND = {
    "pdf": N_("the file exists and is not a PDF; privdesk leaves it as it is: choose another "
              "name"),
    "xlsx": N_("the file exists and is not an xlsx workbook; privdesk leaves it as it is: "
               "choose another name"),
    "json": N_("the file exists and is not a JSON file; privdesk leaves it as it is: choose "
               "another name"),
}
_SQLITE_HEADERS = (
    b"SQLite format 3\x00",
    b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83",  # a write-ahead log (-wal)
    b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7",  # a rollback journal (-journal)
)
_WORKING_FILES = ("-wal", "-shm", "-journal")


class Cancelled(Exception):
    """The user cancelled a document while it was being written; no file was left."""


def kind_of_file(path: str | os.PathLike[str]) -> str:
    """What an existing file holds, from its first bytes: ``pdf``, ``xlsx``, ``json``,
    ``html``, ``sqlite`` (a database or its journal), ``empty`` or ``other``."""
    with open(path, "rb") as handle:
        head = handle.read(64)
    if not head:
        return "empty"
    if head.startswith(_SQLITE_HEADERS):
        return "sqlite"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "other"
        return "xlsx" if "[Content_Types].xml" in names else "other"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if text.startswith(b"{"):
        return "json"
    if text.lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "other"


def check_output(target: str | os.PathLike[str], kind: str | None) -> None:
    """Refuse (UserError) to write a document of ``kind`` onto ``target`` when that would
    destroy something: a folder, a register or one of its working files (-wal, -shm,
    -journal), or an existing file that is not of ``kind`` (a ``kind_of_file`` word; None:
    not known yet, checked at the rename). An absent or empty file, or a document of the same
    kind (an earlier export), may be replaced."""
    path = Path(target)
    place = os.fspath(target)
    if path.is_dir():
        raise UserError(N_("this is a folder; name a file to write"), place)
    for suffix in _WORKING_FILES:
        register = path.with_name(path.name.removesuffix(suffix))
        if path.name.endswith(suffix) and register.is_file() and _is_sqlite(register):
            raise UserError(N_("this is a working file of the register {register}; privdesk "
                               "never writes a document over it"), place,
                            register=str(register))
    try:
        found = kind_of_file(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise UserError(N_("the file exists and cannot be read to check what it is: {reason}"),
                        place, reason=error.strerror or str(error)) from error
    if found == "sqlite":
        raise UserError(N_("this is a register (a SQLite database); privdesk never writes a "
                           "document over it"), place)
    if kind is None or found in ("empty", kind):
        return
    raise UserError(_NOT_THE_KIND.get(kind or "", N_(
        "the file exists and holds another kind of file; privdesk leaves it as it is: choose "
        "another name")), place)


def _is_sqlite(path: Path) -> bool:
    try:
        return kind_of_file(path) == "sqlite"
    except OSError:
        return False


class StagedFile:
    """A file being written under a hidden temporary name beside ``target``.

    ``handle`` takes the content; ``seal`` flushes and fsyncs it; ``commit`` checks the target
    again and renames the temporary into place (atomic: same folder); ``discard`` removes the
    temporary. Between ``seal`` and ``commit`` the document is whole on disk but not yet
    visible, which is when a letter is recorded in the register (``publish``). The temporary is
    created with ``mode`` (0600: documents hold personal data). Temporaries of ``target`` that
    a killed earlier run left behind are removed first.
    """

    def __init__(self, target: str | os.PathLike[str], kind: str | None = None,
                 mode: int = PRIVATE) -> None:
        self.target = Path(target)
        self.kind = kind
        check_output(self.target, kind)
        self.folder = self.target.parent if str(self.target.parent) else Path(".")
        _remove_stale_temporaries(self.folder, self.target.name)
        fd, temporary = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part",
                                         dir=self.folder)
        self.temporary = Path(temporary)
        try:
            _set_mode(fd, temporary, mode)
        except BaseException:
            os.close(fd)
            self.temporary.unlink(missing_ok=True)
            raise
        self.handle: BinaryIO = os.fdopen(fd, "wb")

    def seal(self) -> None:
        """Make the content durable under the temporary name."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()

    def commit(self) -> None:
        """Put the sealed file in place of ``target`` (refused as ``check_output`` says)."""
        # Without a kind given, what was written decides which existing file it may replace.
        check_output(self.target, self.kind or kind_of_file(self.temporary))
        os.replace(self.temporary, self.target)
        _fsync_folder(self.folder)

    def discard(self) -> None:
        """Remove the temporary; ``target`` stays as it was."""
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temporary)


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str], mode: int = PRIVATE,
                  kind: str | None = None) -> Iterator[BinaryIO]:
    """A file to write to that appears at ``target`` only when the block ends without error.

    On any exception, including ``Cancelled`` and a refusal of ``check_output``, the temporary
    file is removed and ``target`` is left as it was. Without ``kind``, what was written decides
    which existing file it may replace.
    """
    staged = StagedFile(target, kind, mode)
    try:
        yield staged.handle
        staged.seal()
        staged.commit()
    except BaseException:
        staged.discard()
        raise


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


def _cannot_write(target: str | os.PathLike[str], error: OSError) -> UserError:
    return UserError(N_("cannot write the file: {reason}"), os.fspath(target),
                     reason=error.strerror or str(error))


def stage_document(target: str | os.PathLike[str], content: bytes,
                   kind: str | None = None) -> StagedFile:
    """``content`` written and synced beside ``target``, not yet in place (``publish`` or
    ``commit`` it); a UserError the user can act on when it cannot be written."""
    try:
        staged = StagedFile(target, kind)
    except OSError as error:
        raise _cannot_write(target, error) from error
    try:
        staged.handle.write(content)
        staged.seal()
    except BaseException as error:
        staged.discard()
        if isinstance(error, OSError):
            raise _cannot_write(target, error) from error
        raise
    return staged


def publish(staged: StagedFile, keep: Callable[[], object]) -> None:
    """Record a staged document in the register (``keep``), then put it in place.

    In this order a document on disk is always one the register records as sent: a kill
    before ``keep`` commits leaves only a hidden temporary (removed by the next write), a
    failing ``keep`` removes it, and a rename that fails after the record is said so.
    """
    try:
        keep()
    except BaseException:
        staged.discard()
        raise
    try:
        staged.commit()
    except (OSError, UserError) as error:
        staged.discard()
        reason = (error.strerror or str(error)) if isinstance(error, OSError) else error.render()
        raise UserError(N_("the document is recorded in the register as sent, but it could not "
                           "be saved under this name: {reason}"), os.fspath(staged.target),
                        reason=reason) from error


def write_document(target: str | os.PathLike[str], content: bytes, kind: str | None = None,
                   keep: Callable[[], object] | None = None) -> None:
    """Write a document atomically (0600), with a refusal the user can act on when it cannot
    be; with ``keep``, the register records it before it appears (``publish``)."""
    staged = stage_document(target, content, kind)
    if keep is not None:
        publish(staged, keep)
        return
    try:
        staged.commit()
    except BaseException as error:
        staged.discard()
        if isinstance(error, OSError):
            raise _cannot_write(target, error) from error
        raise
