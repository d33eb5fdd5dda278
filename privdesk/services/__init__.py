"""Use cases over the register: one call, one transaction, audited; frozen records out."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from privdesk.services.register import Change, RegisterService
from privdesk.store.database import open_database

__all__ = ["Change", "RegisterService", "open_register"]


@contextmanager
def open_register(target: str | os.PathLike[str] | None = None,
                  actor: str | None = None, *, create: bool = True) -> Iterator[RegisterService]:
    """Open (migrate) the register named by ``target`` for the length of a block.

    ``create`` makes a missing register: the window's first start, ``init`` and ``load`` do;
    the commands that read or export pass False, so a mistyped ``--db`` creates nothing.
    """
    database = open_database(target, create=create)
    try:
        yield RegisterService(database, actor)
    finally:
        database.close()
