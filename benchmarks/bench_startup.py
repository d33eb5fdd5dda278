"""Start to the register's rows painted in the window, against a bare PySide6 table window.

What the DPO waits for is the register on screen, not an empty frame. Both run as fresh child
processes (offscreen), in turn, N times each; the figure is the median of the pair-by-pair
ratios (so that the machine's speed drifting between runs cancels out), with each side's median
wall time from starting the process to the first paint of a table view that holds rows. Our
child runs the real ``privdesk --db FILE`` start path (argument parsing, settings, language,
reading the register, the lists) on the demo register; the floor child imports PySide6, fills
a QStandardItemModel with as many rows and shows it in a QTableView inside a QMainWindow.
Target: at most 1.5x. The second line is the first paint of the window (empty or not).

The probe watches only the views it needs: the viewport of each table or tree view given a
model, and, for the frame, the main window once shown. (An event filter on the whole
application, as it was until December 2026, ran Python for every event of every widget: about
1,700 events for our window against 280 for the floor, 4 % of our figure spent on measuring.)

    .venv/bin/python benchmarks/bench_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.5
ROOT = Path(__file__).resolve().parent.parent

# Installed in each child before anything else: print once a table (or tree) view holding rows
# paints (the register's rows on screen), or, with "frame" as the first argument, once the main
# window first paints at all; then exit. Only the watched objects' events reach Python.
PROBE = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTreeView
app = QApplication(sys.argv[:1])
FRAME = sys.argv[1] == "frame"
PAINT = QEvent.Type.Paint
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == PAINT:
            view = watched.parent()
            if FRAME or (view.model() is not None and view.model().rowCount() > 0):
                print("painted", flush=True)
                os._exit(0)
        return False
probe = FirstPaint()
def watch_rows(view_class):
    set_model = view_class.setModel
    def watched_set_model(self, model):
        set_model(self, model)
        self.viewport().installEventFilter(probe)
    view_class.setModel = watched_set_model
def watch_frame():
    show = QMainWindow.show
    def watched_show(self):
        self.installEventFilter(probe)
        show(self)
    QMainWindow.show = watched_show
if FRAME:
    watch_frame()
else:
    watch_rows(QTableView)
    watch_rows(QTreeView)
"""

OURS = PROBE + """
from privdesk.app import main
main(["--db", sys.argv[2]])
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
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 25
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
        first_paint(OURS, "rows", register, env=env)  # warm the file cache and bytecode
        first_paint(BARE, "rows", env=env)
        rows, bare, frame = [], [], []
        for _ in range(runs):
            rows.append(first_paint(OURS, "rows", register, env=env))
            bare.append(first_paint(BARE, "rows", env=env))
            frame.append(first_paint(OURS, "frame", register, env=env))
    pairs = [r / b for r, b in zip(rows, bare, strict=True)]
    ratio = statistics.median(pairs)
    low, _middle, high = statistics.quantiles(pairs, n=4)
    frame_ratio = statistics.median(f / b for f, b in zip(frame, bare, strict=True))
    figure, floor = statistics.median(rows), statistics.median(bare)
    verdict = "within target" if ratio <= TARGET else "OVER target"
    print(f"start -> the register's rows painted: privdesk {figure * 1000:.0f} ms vs floor "
          f"(bare PySide6 table window) {floor * 1000:.0f} ms -> ratio {ratio:.2f} "
          f"(target <= {TARGET:g}; {verdict}; median of {runs} pairs, half of them within "
          f"{low:.2f}-{high:.2f})")
    print(f"  start -> first paint of the window: {statistics.median(frame) * 1000:.0f} ms "
          f"({frame_ratio:.2f}x the floor)")
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
