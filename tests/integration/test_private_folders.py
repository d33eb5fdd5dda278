"""The folders that hold a register are made 0700 whatever the umask (even ``umask 000``)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from privdesk.services import RegisterService
from privdesk.store import backup
from privdesk.store.database import default_register, open_database


@pytest.fixture
def umask_000() -> Iterator[None]:
    """The process's umask at 000 for the test (the test runs in one thread), then put back."""
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_000")
def test_the_user_data_folder_and_its_backups_are_private_under_umask_000(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "missing" / "share"))
    register = default_register()
    assert register.parent == tmp_path / "missing" / "share" / "privdesk"
    database = open_database()
    try:
        RegisterService(database, actor="dpo").is_empty()
    finally:
        database.close()
    assert mode(register) == 0o600
    # Every folder privdesk had to make, the data home's parents included (as XDG asks).
    for folder in (register.parent, tmp_path / "missing" / "share", tmp_path / "missing"):
        assert mode(folder) == 0o700, folder
    copy = backup.backup_sqlite(register, "test")
    assert mode(copy.parent) == 0o700 and mode(copy) == 0o600


@pytest.mark.usefixtures("umask_000")
def test_a_named_register_in_a_new_folder_gets_a_private_folder(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    target = tmp_path / "new" / "deeper" / "register.sqlite"
    open_database(target).close()
    assert mode(target.parent) == mode(target.parent.parent) == 0o700
    assert mode(target) == 0o600
    assert mode(tmp_path) == 0o755  # a folder that was there is left as it was
