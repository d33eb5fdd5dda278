"""Test set-up shared by every suite: an isolated home, offscreen Qt, the gui marker."""

from __future__ import annotations

import os
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
    """A path for a fresh SQLite register in the test's own folder."""
    return tmp_path / "register.sqlite"


@pytest.fixture
def demo_json() -> str:
    return (ROOT / "resources" / "demo" / "nordvik-skole.json").read_text(encoding="utf-8")


