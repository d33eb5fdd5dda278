"""``privdesk --self-test``: the window builds offscreen on a register and quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_runs_in_a_child_process(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    completed = subprocess.run(
        [sys.executable, "-m", "privdesk", "--self-test", "--db", str(tmp_path / "r.sqlite")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert "Traceback" not in completed.stderr
    assert (tmp_path / "r.sqlite").exists()


def test_only_qt_and_the_register_load_before_the_first_paint(tmp_path: Path) -> None:
    """Babel, reportlab and openpyxl wait until they are needed."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from privdesk.gui.application import prepare_application\n"
        "prepare_application()\n"
        "from privdesk.services import open_register\n"
        "from privdesk.gui.main_window import MainWindow\n"
        f"with open_register({str(tmp_path / 'r.sqlite')!r}) as service:\n"
        "    window = MainWindow(service)\n"
        "    window.show()\n"
        "    app.processEvents()\n"
        "    heavy = sorted(m for m in ('babel', 'reportlab', 'openpyxl', 'pypdf')\n"
        "                   if m in sys.modules)\n"
        "    print(','.join(heavy) or 'none')\n"
        "    window.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               env=env, cwd=ROOT, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1] == "none"


def test_the_first_screen_loads_only_what_it_shows(tmp_path: Path, demo_register: Path) -> None:
    """Started on a list, the window paints the register's rows before the database layer,
    the message boxes, the undo commands, the interchange checks and the overview's
    deadlines load (they follow right after the paint)."""
    script = (
        "import os, sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from PySide6.QtWidgets import QApplication, QTableView\n"
        "app = QApplication(sys.argv[:1])\n"
        "class Rows(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        view = watched.parent()\n"
        "        if (event.type() == QEvent.Type.Paint and isinstance(view, QTableView)\n"
        "                and watched is view.viewport() and view.model().rowCount()):\n"
        "            loaded = sorted(m for m in WAITING if m in sys.modules)\n"
        "            print('painted', view.model().rowCount(), ','.join(loaded) or 'none',\n"
        "                  flush=True)\n"
        "            os._exit(0)\n"
        "        return False\n"
        "WAITING = ('sqlalchemy', 'alembic', 'privdesk.gui.dialogs', 'privdesk.gui.commands',\n"
        "           'privdesk.domain.interchange', 'privdesk.domain.attention',\n"
        "           'privdesk.gui.welcome', 'privdesk.gui.editors')\n"
        "rows = Rows()\n"
        "app.installEventFilter(rows)\n"
        "from privdesk.app import main\n"
        f"main(['--db', {str(demo_register)!r}])\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               env=env, cwd=ROOT, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["painted", "5", "none"]
