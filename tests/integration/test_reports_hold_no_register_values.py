"""A database error about a pupil's row: neither the crash report nor the log file quotes it."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from privdesk import logs
from privdesk.store import models
from privdesk.store.database import Database, open_database

CHILD = "Emma Nilsen"
PARENT = "Kari Nilsen"


@pytest.fixture
def database(database_target: str) -> Iterator[Database]:
    opened = open_database(database_target)
    yield opened
    opened.close()


def is_sqlite(target: str) -> bool:
    return not target.startswith("postgresql")


def _request_row(ref: str, status: str | None) -> dict[str, object]:
    return {
        "ref": ref, "kind": "access", "received": date(2026, 3, 2),
        "subject": {"name": CHILD, "relation": "pupil"},
        "requester": {"name": PARENT, "relation": "parent"},
        "identity": {"checked": False}, "extension": None, "data": [], "withheld": [],
        "status": status, "answered": None, "version_id": 1,
        "updated_at": datetime(2026, 3, 2, 9, 0, tzinfo=UTC), "updated_by": "dpo",
    }


def _provoke(database: Database, how: str) -> IntegrityError:
    """An IntegrityError on an insert whose parameters carry the child's name."""
    rows = {
        # NOT NULL broken: PostgreSQL's message quotes the whole failing row.
        "missing status": [_request_row("AR-2026-001", None)],
        # UNIQUE broken: PostgreSQL's message quotes the key, here the child's name.
        "duplicate ref": [_request_row(CHILD, "open"), _request_row(CHILD, "open")],
    }[how]
    with database.writes() as session, session.begin():
        try:
            for row in rows:
                session.execute(insert(models.RequestRow), [row])
        except IntegrityError as error:
            caught = error
        else:  # pragma: no cover - the insert must fail
            pytest.fail("the insert did not fail")
        session.rollback()
    # The error landed where meant: its statement's parameters hold the child's name...
    assert CHILD in repr(caught.params)
    # ...but SQLAlchemy does not print them (hide_parameters at the engine).
    assert "hidden due to hide_parameters=True" in str(caught)
    return caught


def _raise_in_the_window(error: IntegrityError) -> None:
    """As a slot of the window would: the database error escapes a service call."""
    raise RuntimeError("the service call failed") from error


@pytest.mark.parametrize("how", ["missing status", "duplicate ref"])
def test_a_database_error_about_a_pupil_leaves_no_name_in_report_or_log(
        database: Database, database_target: str, how: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from privdesk.gui import dialogs

    error = _provoke(database, how)
    if not is_sqlite(database_target) and how == "missing status":
        assert CHILD in str(error.orig)  # the server's message quotes the row itself
    try:
        _raise_in_the_window(error)
    except RuntimeError as raised:
        crash = (type(raised), raised, raised.__traceback__)

    report = dialogs.crash_report(*crash)
    assert CHILD not in report and PARENT not in report and "Nilsen" not in report
    # Still what a developer needs: where it happened, what failed, which statement.
    assert "_raise_in_the_window" in report and "_provoke" in report
    assert "sqlalchemy.exc.IntegrityError (message withheld" in report
    assert "SQL: INSERT INTO request" in report
    assert "The above exception was the direct cause of the following exception:" in report
    if is_sqlite(database_target):
        expected = {"missing status": "SQLITE_CONSTRAINT_NOTNULL",
                    "duplicate ref": "SQLITE_CONSTRAINT_UNIQUE"}[how]
        assert f"sqlite_errorname: {expected}" in report
    else:
        assert f"sqlstate: {'23502' if how == 'missing status' else '23505'}" in report

    monkeypatch.setenv(logs.LOG_DIR_VARIABLE, str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", lambda *_: None)
    # The crash dialog is modal: with a QApplication left by an earlier test it would wait for
    # a click. What it would show is the report checked above.
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_crash", shown.append)
    logs.start()
    try:
        dialogs.excepthook(*crash)  # the window's hook: logs the report
        sys.excepthook(*crash)  # the support log's own hook (the command line's)
        logging.getLogger("privdesk.test").exception("a caught bug", exc_info=crash)
    finally:
        logs.stop()
    log_text = (tmp_path / "logs" / "privdesk.log").read_text(encoding="utf-8")
    assert "privdesk crash report" in log_text and "unhandled exception" in log_text
    assert log_text.count("sqlalchemy.exc.IntegrityError (message withheld") == 3
    assert CHILD not in log_text and PARENT not in log_text and "Nilsen" not in log_text
    assert "Nilsen" not in capsys.readouterr().err  # the window's hook prints its report
    assert all("Nilsen" not in text for text in shown)


def test_a_message_is_kept_only_when_python_wrote_it_about_the_code() -> None:
    def report_of(error: BaseException) -> str:
        try:
            raise error
        except BaseException as raised:  # noqa: BLE001 - any exception, as a hook gets it
            return logs.safe_traceback(type(raised), raised, raised.__traceback__)

    assert "KeyError (message withheld" in report_of(KeyError(CHILD))
    assert CHILD not in report_of(ValueError(f"bad name {CHILD!r}"))
    assert CHILD not in report_of(FileNotFoundError(2, "No such file", f"/tmp/{CHILD}.pdf"))
    assert "errno 2: No such file" in report_of(FileNotFoundError(2, "No such file", "x"))
    assert report_of(AttributeError("'NoneType' object has no attribute 'ref'")).endswith(
        "AttributeError: 'NoneType' object has no attribute 'ref'")
