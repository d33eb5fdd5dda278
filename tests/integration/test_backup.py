"""Backups of a SQLite register (privdesk/store/backup.py): each new backup rotates the older
ones by the DPO's backup period, and never removes itself."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Clock

from privdesk.services import RegisterService
from privdesk.services.demo import demo_register
from privdesk.services.erasure import Erasure
from privdesk.store.backup import backup_sqlite, backups
from privdesk.store.database import open_database

DAY = 86400


@pytest.fixture
def register(tmp_path: Path, clock: Clock) -> Iterator[tuple[Path, RegisterService]]:
    path = tmp_path / "register.sqlite"
    database = open_database(str(path))
    try:
        service = RegisterService(database, actor="dpo", clock=clock)
        service.load(demo_register("en"))
        yield path, service
    finally:
        database.close()


def _age(copy: Path, days: int) -> None:
    moment = time.time() - days * DAY
    os.utime(copy, (moment, moment))


def test_a_backup_older_than_the_period_goes_when_a_new_one_is_taken(
        register: tuple[Path, RegisterService]) -> None:
    path, _ = register
    old, recent = backup_sqlite(path, "old"), backup_sqlite(path, "recent")
    _age(old, 100)  # past the default 3 months
    _age(recent, 40)

    new = backup_sqlite(path, "before-replace")

    assert backups(path) == [recent, new]
    assert not old.exists()


def test_the_dpo_s_period_counts_and_the_new_backup_always_stays(
        register: tuple[Path, RegisterService]) -> None:
    path, service = register
    Erasure(service).set_retention({"backups": 1})
    month_old = backup_sqlite(path, "a")
    _age(month_old, 40)
    week_old = backup_sqlite(path, "b")
    _age(week_old, 7)
    assert backups(path) == [week_old]  # 40 days is past a period of one month

    Erasure(service).set_retention({"backups": 0})  # keep no backup beyond the newest
    new = backup_sqlite(path, "c")
    assert backups(path) == [new] and new.exists()
    newest = backup_sqlite(path, "d")
    assert backups(path) == [newest]
