"""Online backups of a SQLite register (the backup API: page-consistent, WAL included), 0600."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

KEEP = 10


def backup_folder(register: Path) -> Path:
    """Where the backups of ``register`` are kept: a folder beside it."""
    return register.parent / f"{register.name}.backups"


def backup_sqlite(register: Path, label: str = "") -> Path:
    """Copy ``register`` into its backup folder and return the copy's path."""
    folder = backup_folder(register)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{register.stem}-{stamp}{'-' + label if label else ''}.sqlite"
    # sqlite3.connect would create the file with the umask's permissions (0644): create it first.
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    source = sqlite3.connect(register)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    _prune(folder, register.stem)
    return target


def _prune(folder: Path, stem: str) -> None:
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
