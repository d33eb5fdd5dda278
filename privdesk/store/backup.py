"""Online backups of a SQLite register (the backup API: page-consistent, WAL included), 0600.

A backup is copied under a hidden temporary name in the backup folder, synced, then renamed:
a kill while copying never leaves a broken file named like a good backup, and only whole
backups count among the ``KEEP`` kept. Backups follow the register's retention: each new backup
and ``rotate`` (``privdesk purge``) remove those older than the DPO's period, the new one never,
and ``erase_from_backups`` rewrites (or, when it cannot, removes) every backup that still holds
an erased record.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from privdesk.domain.deadlines import add_months
from privdesk.domain.retention import DEFAULT_MONTHS

KEEP = 10

# When this process started: a temporary older than this was left by a run that was killed
# while copying (a newer one may be another privdesk copying now).
_STARTED = time.time()


def backup_folder(register: Path) -> Path:
    """Where the backups of ``register`` are kept: a folder beside it."""
    return register.parent / f"{register.name}.backups"


def backup_sqlite(register: Path, label: str = "") -> Path:
    """Copy ``register`` into its backup folder and return the copy's path."""
    folder = backup_folder(register)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _remove_stale_temporaries(folder, register.stem)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{register.stem}-{stamp}{'-' + label if label else ''}.sqlite"
    temporary = folder / f".{target.name}.part"
    # sqlite3.connect would create the file with the umask's permissions (0644): create it first.
    os.close(os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    try:
        _copy(register, temporary)
        with open(temporary, "rb") as copied:
            os.fsync(copied.fileno())
        os.replace(temporary, target)
    except BaseException:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    _prune(folder, register.stem)
    rotate(register, rotation_limit(_backup_months(target), datetime.now(UTC).date()),
           keep=target)
    return target


def _backup_months(copy: Path) -> int:
    """The backups' retention period the DPO set in the register (copied into ``copy``), else
    the default (a register older than the periods has none)."""
    try:
        connection = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
        try:
            row = connection.execute(
                "SELECT months FROM retention_rule WHERE kind = 'backups'").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return DEFAULT_MONTHS["backups"]
    return DEFAULT_MONTHS["backups"] if row is None else int(row[0])


def rotation_limit(months: int, today: date) -> datetime:
    """The moment before which a backup is past a period of ``months`` (0: every backup)."""
    oldest = add_months(today, -months) if months else today + timedelta(days=1)
    return datetime(oldest.year, oldest.month, oldest.day, tzinfo=UTC)


def _copy(register: Path, copy_path: Path) -> None:
    source = sqlite3.connect(register)
    copy = sqlite3.connect(copy_path)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _temporary_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(f".{stem}-") + r"[0-9TZ]+(-[\w-]+)?\.sqlite\.part(-journal)?")


def _remove_stale_temporaries(folder: Path, stem: str) -> None:
    """Delete the temporaries (and their journals) that a killed earlier run left."""
    pattern = _temporary_pattern(stem)
    for entry in folder.iterdir():
        if not pattern.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file() and entry.stat().st_mtime < _STARTED:
                entry.unlink()


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk (POSIX only).
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(folder: Path, stem: str) -> None:
    # Hidden temporaries (".stem-….sqlite.part") never match: only whole backups count.
    copies = sorted(folder.glob(f"{stem}-*.sqlite"))
    for old in copies[:-KEEP]:
        old.unlink()


def restore_sqlite(copy: Path, register: Path) -> None:
    """Put a backup back in place of ``register`` (used when a migration fails its checks)."""
    source = sqlite3.connect(copy)
    target = sqlite3.connect(register)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def backups(register: Path) -> list[Path]:
    """The whole backups of ``register``, oldest first."""
    folder = backup_folder(register)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{register.stem}-*.sqlite"))


def rotate(register: Path, older_than: datetime, dry_run: bool = False,
           keep: Path | None = None) -> list[Path]:
    """Remove (or with ``dry_run`` only list) the backups copied before ``older_than``, all
    but ``keep`` (the backup just taken)."""
    limit = older_than.timestamp()
    due = [copy for copy in backups(register)
           if copy != keep and copy.stat().st_mtime < limit]
    if not dry_run:
        for copy in due:
            remove_copy(copy)
    return due


def remove_copy(copy: Path) -> None:
    """Delete a backup and whatever SQLite left beside it."""
    for name in (str(copy), f"{copy}-wal", f"{copy}-shm", f"{copy}-journal"):
        Path(name).unlink(missing_ok=True)


def erase_from_backups(register: Path, table: str, kind: str, ref: str,
                       document_kinds: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """Take the record ``kind``/``ref`` (its row in ``table``, its audit entries and its
    kept documents) out of every backup of ``register`` that holds it.

    A backup is rewritten in place (secure delete, then VACUUM, so the values leave the file);
    one that cannot be rewritten (damaged, or of a schema without these tables) is removed.
    Returns the backups rewritten and those removed; backups without the record are untouched.
    """
    rewritten: list[Path] = []
    removed: list[Path] = []
    for copy in backups(register):
        try:
            if _erase_from_copy(copy, table, kind, ref, tuple(document_kinds)):
                rewritten.append(copy)
        except sqlite3.Error:
            remove_copy(copy)
            removed.append(copy)
    return rewritten, removed


def _erase_from_copy(copy: Path, table: str, kind: str, ref: str,
                     document_kinds: tuple[str, ...]) -> bool:
    connection = sqlite3.connect(copy, isolation_level=None)
    try:
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("PRAGMA foreign_keys = ON")
        # Document kinds as parameters; an empty list matches nothing.
        marks = ", ".join("?" for _ in document_kinds) or "NULL"
        audit = f"(kind = ? AND ref = ?) OR (kind IN ({marks}) AND ref = ?)"
        audit_args = (kind, ref, *document_kinds, ref)
        documents = f"ref = ? AND kind IN ({marks})"
        document_args = (ref, *document_kinds)
        held = sum(connection.execute(query, args).fetchone()[0] for query, args in (
            (f"SELECT count(*) FROM {table} WHERE ref = ?", (ref,)),
            (f"SELECT count(*) FROM audit_entry WHERE {audit}", audit_args),
            (f"SELECT count(*) FROM sent_document WHERE {documents}",
             document_args)))
        if not held:
            return False
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"DELETE FROM {table} WHERE ref = ?", (ref,))
        connection.execute(f"DELETE FROM audit_entry WHERE {audit}", audit_args)
        connection.execute(f"DELETE FROM sent_document WHERE {documents}",
                           document_args)
        connection.execute("COMMIT")
        connection.execute("VACUUM")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return True
    finally:
        connection.close()
