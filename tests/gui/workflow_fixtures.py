"""Fixtures of the workflow tests: a demo register, the file dialogs patched, no workers left."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool

from privdesk.gui import desktop
from privdesk.services import RegisterService, open_register
from privdesk.services.demo import demo_register

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@dataclass
class Files:
    """What the patched file dialogs answer, and what was handed to the desktop to open."""

    save_as: list[Path] = field(default_factory=list)
    open_from: list[Path] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    opened: list[Path] = field(default_factory=list)


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> Files:
    """The file dialogs answer from lists the test fills; nothing is opened for real."""
    seen = Files()

    def ask_save_path(_parent: Any, title: str, suggested: Path, _filter: str,
                      suffix: str) -> Path | None:
        seen.asked.append(suggested.name)
        if not seen.save_as:
            return None
        chosen = seen.save_as.pop(0)
        return chosen if chosen.suffix == suffix else chosen.with_name(chosen.name + suffix)

    def ask_open_path(_parent: Any, title: str, _folder: Path, _filter: str) -> Path | None:
        seen.asked.append(title)
        return seen.open_from.pop(0) if seen.open_from else None

    def open_path(path: Path) -> bool:
        seen.opened.append(path)
        return True

    monkeypatch.setattr(desktop, "ask_save_path", ask_save_path)
    monkeypatch.setattr(desktop, "ask_open_path", ask_open_path)
    monkeypatch.setattr(desktop, "open_path", open_path)
    return seen


@pytest.fixture
def demo_service(tmp_path: Path) -> Iterator[RegisterService]:
    """The demo school's register in the test's own SQLite file."""
    with open_register(tmp_path / "workflow-register.sqlite", actor="dpo@test") as opened:
        opened.load(demo_register())
        yield opened


@pytest.fixture(autouse=True)
def workers_finished() -> Iterator[None]:
    """Fail a test that leaves a worker running (the pool must be idle when it ends)."""
    yield
    pool = QThreadPool.globalInstance()
    running = pool.activeThreadCount()
    pool.waitForDone(30_000)  # never leave a thread to the next test, even when failing
    assert running == 0, "a worker was still running when the test ended"


def wait_for_worker(qtbot: Any) -> None:
    """Wait until the pool's threads have returned (after the worker's last signal)."""
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0,
                    timeout=30_000)


def finished_run(qtbot: Any, owner: Any) -> Any:
    """The worker run ``owner`` (a dialog or view) started, once it has ended and its thread
    has returned."""
    run = owner.run
    assert run is not None
    qtbot.waitUntil(lambda: run.outcome is not None, timeout=30_000)
    wait_for_worker(qtbot)
    return run


def leftovers(folder: Path) -> list[str]:
    """Files in ``folder`` (temporaries of atomic writes included)."""
    return sorted(p.name for p in folder.iterdir())
