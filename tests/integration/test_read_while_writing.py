"""SQLite: a read never waits for a writer (WAL's concurrent readers); two writers queue."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from privdesk.domain import records
from privdesk.services import RegisterService
from privdesk.store.database import open_database

# The register's busy_timeout (engine.py): what a read refused by the lock used to wait.
BUSY_TIMEOUT_S = 5.0


@pytest.fixture
def service(empty_register: Path) -> Iterator[RegisterService]:
    database = open_database(empty_register)
    yield RegisterService(database, actor="dpo")
    database.close()


@pytest.fixture
def colleague(empty_register: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection, holding the write lock (as a long ``load`` does)."""
    connection = sqlite3.connect(empty_register, isolation_level=None, timeout=0)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE activity SET name = name")  # a write in flight
    yield connection
    if connection.in_transaction:
        connection.rollback()
    connection.close()


def test_a_read_does_not_wait_for_a_writer(service: RegisterService,
                                           colleague: sqlite3.Connection) -> None:
    started = time.monotonic()
    assert service.activities() == []
    assert service.snapshot().activities == ()  # a consistent read in one transaction
    assert service.is_empty()
    # Before, every read began IMMEDIATE: it waited the whole busy_timeout, then failed
    # with "database is locked".
    assert time.monotonic() - started < BUSY_TIMEOUT_S / 5


def test_two_writers_still_queue(service: RegisterService,
                                 colleague: sqlite3.Connection) -> None:
    asking = threading.Event()

    def before_execute(*arguments: object) -> None:
        if str(arguments[2]).startswith("BEGIN IMMEDIATE"):  # (connection, cursor, statement…)
            asking.set()

    event.listen(service.database.engine, "before_cursor_execute", before_execute)
    outcome: list[object] = []

    def write() -> None:
        try:
            outcome.append(service.create(records.Activity(ref="PA-1", name="Maths")))
        except Exception as error:  # noqa: BLE001 - reported to the test below
            outcome.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    assert asking.wait(BUSY_TIMEOUT_S)  # the write is asking for the lock...
    writer.join(0.3)  # ...and waits for it (a deferred BEGIN would have failed at once)
    assert writer.is_alive() and not outcome
    colleague.commit()
    writer.join(BUSY_TIMEOUT_S)
    assert not writer.is_alive()
    assert outcome and not isinstance(outcome[0], Exception), outcome
    assert [a.ref for a in service.activities()] == ["PA-1"]
