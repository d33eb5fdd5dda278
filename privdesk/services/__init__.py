"""Use cases over the register: one call, one transaction, audited; frozen records out.

SQLAlchemy loads with the first ``open_register`` (or the first use of ``RegisterService``
or ``Change``), not with this package: ``read_register`` reads a current SQLite register
without it (the window's first screen, the commands that only read).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from privdesk.domain import records as rec

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService

__all__ = ["Change", "RegisterService", "open_register", "read_register", "resolve_target"]


def __getattr__(name: str) -> Any:
    if name in ("Change", "RegisterService"):
        from privdesk.services import register

        return getattr(register, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@contextmanager
def open_register(target: str | os.PathLike[str] | None = None,
                  actor: str | None = None, *, create: bool = True) -> Iterator[RegisterService]:
    """Open (migrate) the register named by ``target`` for the length of a block.

    ``create`` makes a missing register: the window's first start, ``init`` and ``load`` do;
    the commands that read or export pass False, so a mistyped ``--db`` creates nothing.
    """
    from privdesk.services.register import RegisterService
    from privdesk.store.database import open_database

    database = open_database(target, create=create)
    try:
        yield RegisterService(database, actor)
    finally:
        database.close()


def read_register(target: str | os.PathLike[str] | None, names: Iterable[str] | None = None,
                  versions: dict[str, dict[str, int]] | None = None) -> rec.Register | None:
    """The register named by ``target`` as ``RegisterService.snapshot`` reads it (only the
    kinds ``names``, default all), read with sqlite3 alone; None unless ``target`` is a
    SQLite file already at the current schema (then ``open_register`` opens, migrates or
    refuses it, and reads it through SQLAlchemy)."""
    from privdesk.store.plain_read import read_register as read_plain
    from privdesk.store.register_file import plain_path, resolve_target

    path = plain_path(resolve_target(target))
    if path is None:
        return None
    return read_plain(path, names, versions)


def resolve_target(target: str | os.PathLike[str] | None) -> str:
    """The register ``target`` names: itself, else $PRIVDESK_DB, else the default file."""
    from privdesk.store.register_file import resolve_target as resolve

    return resolve(target)
