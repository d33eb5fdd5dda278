"""Time to the first paint of the privdesk window against a bare PySide6 window with a table.

Both run as fresh child processes (offscreen), alternately, N times each; the figure is the
best wall time from starting the process to the first paint of its main window. Our child
runs the real ``privdesk --db FILE`` start path (argument parsing, settings, language,
opening and migrating the register, the lists) on the demo register; the floor child imports
PySide6, fills a QStandardItemModel with the same number of rows and shows it in a
QTableView inside a QMainWindow. Target: at most 1.5×.

    .venv/bin/python benchmarks/bench_startup.py [RUNS]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.5
ROOT = Path(__file__).resolve().parent.parent

# Installed in each child before anything else: print once the first main window paints, exit.
PROBE = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print("painted", flush=True)
            os._exit(0)
        return False
probe = FirstPaint()
app.installEventFilter(probe)
"""

OURS = PROBE + """
from privdesk.app import main
main(["--db", sys.argv[1]])
"""

# The same start, waiting instead until the register's lists are in the window (its title
# names the organisation once the register is attached).
FILLED = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Filled(QObject):
    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.WindowTitleChange and isinstance(watched, QMainWindow)
                and "Nordvik" in watched.windowTitle()):
            print("painted", flush=True)
            os._exit(0)
        return False
probe = Filled()
app.installEventFilter(probe)
from privdesk.app import main
main(["--db", sys.argv[1]])
"""

BARE = PROBE + """
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
model = QStandardItemModel(0, 8)
for row in range(5):
    model.appendRow([QStandardItem(f"cell {row}.{c}") for c in range(8)])
view = QTableView()
view.setModel(model)
window = QMainWindow()
window.setCentralWidget(view)
window.resize(1100, 700)
window.show()
app.exec()
"""


def first_paint(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                               text=True, env=env, cwd=ROOT, timeout=120)
    elapsed = time.perf_counter() - start
    if "painted" not in completed.stdout:
        raise SystemExit(f"the child never painted:\n{completed.stderr}")
    return elapsed


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory(prefix="privdesk-bench-") as folder:
        register = str(Path(folder) / "demo.sqlite")
        # Bytecode as an installed program has it (a wheel install compiles it): the warm-up
        # run writes our modules' __pycache__ (ignored by git), the timed runs read it.
        # Without this, a shell with PYTHONDONTWRITEBYTECODE=1 times compiling our sources at
        # every start. (PYTHONPYCACHEPREFIX would do it out of the tree, but it also hides
        # the site-packages' own bytecode and so slows SQLAlchemy, not the floor.)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "XDG_CONFIG_HOME": str(Path(folder) / "config")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "privdesk", "init", "--demo", "--db", register],
                       check=True, capture_output=True, env=env, cwd=ROOT)
        first_paint(OURS, register, env=env)  # warm the file cache and migrations
        first_paint(BARE, env=env)
        ours, bare, filled = [], [], []
        for _ in range(runs):
            ours.append(first_paint(OURS, register, env=env))
            bare.append(first_paint(BARE, env=env))
            filled.append(first_paint(FILLED, register, env=env))
    figure, floor = min(ours), min(bare)
    ratio = figure / floor
    verdict = "within target" if ratio <= TARGET else "OVER target"
    print(f"first paint: privdesk {figure * 1000:.0f} ms vs bare PySide6 table "
          f"{floor * 1000:.0f} ms -> ratio {ratio:.2f} (target <= {TARGET:g}; {verdict}; "
          f"best of {runs})")
    print(f"  the register's lists in the window: {min(filled) * 1000:.0f} ms "
          f"({min(filled) / floor:.2f}x the bare window; SQLAlchemy and the migration check "
          f"load after the first paint)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
