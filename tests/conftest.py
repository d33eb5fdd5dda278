"""Test set-up shared by every suite: an isolated home, offscreen Qt, the gui marker."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

# Before anything imports Qt or platformdirs: no screen, no user's real settings or register.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(os.environ.get("PRIVDESK_TEST_HOME", "/tmp/privdesk-test-home"))
for variable, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
    os.environ[variable] = str(_HOME / sub)
os.environ.pop("PRIVDESK_DB", None)
os.environ["LANG"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def register_path(tmp_path: Path) -> Path:
    """A path for a fresh SQLite register in the test's own folder (not created yet)."""
    return tmp_path / "register.sqlite"


@pytest.fixture(scope="session")
def template_registers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Registers made once per session by ``privdesk init``: "empty" and "demo" (the school).

    Creating and migrating a register costs far more than copying its file; tests that need a
    register to work on (not the creation itself) take a copy: ``empty_register`` or
    ``demo_register``.
    """
    from support import run_cli

    folder = tmp_path_factory.mktemp("templates")
    made = {"empty": folder / "empty.sqlite", "demo": folder / "demo.sqlite"}
    for name, path in made.items():
        result = run_cli("init", *(["--demo"] if name == "demo" else []), "--db", str(path))
        assert result.code == 0, result.stderr
        # Closed cleanly: the write-ahead log is folded in, the file alone is the register.
        assert not Path(f"{path}-wal").exists()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return made


def _copy_register(template: Path, target: Path) -> Path:
    shutil.copy(template, target)  # copies the mode too: 0600, as privdesk made it
    return target


@pytest.fixture
def empty_register(tmp_path: Path, template_registers: dict[str, Path]) -> Path:
    """A private copy of an empty register at the current schema (as ``privdesk init``)."""
    return _copy_register(template_registers["empty"], tmp_path / "empty-copy.sqlite")


@pytest.fixture
def demo_register(tmp_path: Path, template_registers: dict[str, Path]) -> Path:
    """A private copy of the demo school's register (as ``privdesk init --demo``)."""
    return _copy_register(template_registers["demo"], tmp_path / "demo-copy.sqlite")


@pytest.fixture
def demo_json() -> str:
    return (ROOT / "resources" / "demo" / "nordvik-skole.json").read_text(encoding="utf-8")


