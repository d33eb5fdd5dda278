"""Emitting our own signals safely: PySide6 6.12.0 returns ``True`` from ``emit()`` unowned.

Every ``SignalInstance.emit()`` called from Python gives back ``True`` without a reference of
its own, so each call takes one reference from ``True``; after enough emits Python aborts with
"bool_dealloc: deallocating True or False" (seen at exit after a few editor sessions). Found
while building issue 6; no upstream report found yet. ``emit()`` here checks once whether the
running PySide6 has the defect and, if so, gives the reference back. Call it instead of
``signal.emit(...)`` everywhere in privdesk.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


def _emit_steals_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.fired.emit()
    stolen = before - sys.getrefcount(True)
    for _ in range(max(stolen, 0)):  # give back what the probe itself took
        _give_back(True)
    return stolen >= 4


def _give_back(value: bool) -> None:
    import ctypes  # loaded only on a PySide6 with the defect

    ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


_DEFECT = _emit_steals_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, keeping ``True``'s reference count whole on PySide6 6.12.0."""
    result = signal.emit(*args)
    if _DEFECT and isinstance(result, bool):
        _give_back(result)
