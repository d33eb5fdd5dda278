"""Spare PySide6 reading the source of every module imported after it.

Once loaded, PySide6 reads the source of each module an import statement names for the first
time after it, to find whether it mentions "PySide6" and so may select one of PySide's
``__feature__`` switches (PYSIDE-2029; napari#8584 measures the cost): ``typing``, ``inspect``,
``argparse`` and every module of ours among them, about 400 files read before the register is
on screen. privdesk selects no feature, so we give the answer ourselves for the standard
library's modules and those already loaded: -1, PySide's own "ignore this module" (0, "no
feature", would be the same while no module selects one). Our own modules loaded later are
still read by PySide (finding their names by listing our folders costs as much as it saves).
With a PySide6 that keeps no such table, nothing happens and PySide reads as before.
"""

from __future__ import annotations

import sys

_TABLE_MODULE = "shibokensupport.feature"
_TABLE = "pyside_feature_dict"


def skip_pyside_source_checks() -> None:
    """Answer PySide6's source check for the standard library and the modules loaded so far;
    nothing before PySide6 itself is loaded."""
    table = getattr(sys.modules.get(_TABLE_MODULE), _TABLE, None)
    if not isinstance(table, dict):
        return
    for name in (*sys.modules, *sys.stdlib_module_names):
        table.setdefault(name, -1)
