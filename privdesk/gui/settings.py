"""UI state kept between runs (QSettings), each setting declared once with its type and default.

Only UI state lives here: window geometry, the language, hidden columns. Never register data,
never personal data (QSettings is a plain-text file or the registry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One key with its type and the value it has until the user changes it."""

    key: str
    type: type[T]
    default: T


LANGUAGE = Setting("ui/language", str, "")
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray, QByteArray())
SPLITTER = Setting("window/splitter", QByteArray, QByteArray())
VIEW = Setting("window/view", str, "activities")


def hidden_columns(view: str) -> Setting[str]:
    """The columns hidden in a list, as comma-separated keys (one setting per list)."""
    return Setting(f"columns/{view}/hidden", str, "")


class Settings:
    """Typed access to QSettings; construct after the application's names are set."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    def get(self, setting: Setting[T]) -> T:
        if not self._store.contains(setting.key):
            return setting.default
        # INI files give strings back; asking for the type converts them (2.1 pitfall).
        value = self._store.value(setting.key, setting.default, type=setting.type)
        return value if isinstance(value, setting.type) else setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, value)

    def sync(self) -> None:
        self._store.sync()
