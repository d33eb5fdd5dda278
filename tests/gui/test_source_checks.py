"""PySide6's source check answered for the standard library and loaded modules, not undone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from privdesk.gui.source_checks import skip_pyside_source_checks


def _table() -> dict[str, int]:
    table = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        pytest.skip("this PySide6 keeps no table of modules that may select a feature")
    return table


def test_the_standard_library_and_loaded_modules_are_answered() -> None:
    table = _table()
    skip_pyside_source_checks()
    assert all(name in table for name in sys.stdlib_module_names)
    assert all(name in table for name in list(sys.modules))
    assert table["typing"] in (0, -1) and table["privdesk.gui.source_checks"] in (0, -1)


def test_pyside_still_reads_a_module_loaded_later(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Modules we did not answer for keep PySide's own check: a module mentioning PySide6 is
    one that may select a feature (0), another is ignored (-1)."""
    table = _table()
    skip_pyside_source_checks()
    (tmp_path / "privdesk_probe_qt.py").write_text("from PySide6 import QtCore\n",
                                                   encoding="utf-8")
    (tmp_path / "privdesk_probe_plain.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("privdesk_probe_qt", "privdesk_probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        assert name not in table
    # An import statement, as in a module (PySide6 hooks ``__import__``, not importlib).
    __import__("privdesk_probe_qt")
    __import__("privdesk_probe_plain")
    assert table.pop("privdesk_probe_qt") == 0
    assert table.pop("privdesk_probe_plain") == -1
