"""Typed settings: values come back with their type from the INI file of the test."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from privdesk.gui import settings


def test_settings_round_trip_with_their_types(qt_settings: Path) -> None:
    store = settings.Settings()
    assert store.get(settings.LANGUAGE) == ""
    assert store.get(settings.GEOMETRY) == QByteArray()
    store.set(settings.LANGUAGE, "sv")
    store.set(settings.GEOMETRY, QByteArray(b"\x01\x02"))
    store.set(settings.hidden_columns("activities"), "owner,systems")
    store.sync()
    again = settings.Settings()
    assert again.get(settings.LANGUAGE) == "sv"
    assert again.get(settings.GEOMETRY) == QByteArray(b"\x01\x02")
    assert again.get(settings.hidden_columns("activities")) == "owner,systems"
    assert str(qt_settings) in QSettings().fileName()
