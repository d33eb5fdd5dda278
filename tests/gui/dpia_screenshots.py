"""Screenshots of the DPIA screening form in nb and sv, for review (not a test):

    xvfb-run -a .venv/bin/python tests/gui/dpia_screenshots.py [FOLDER]

writes dpia-form-nb.png, dpia-form-sv.png (the homework app of the demo school, partly
answered) and dpia-activities-nb.png (the button on the activities page) to FOLDER (default
/tmp/shots).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from privdesk.gui.dpia_dialog import DpiaDialog
from privdesk.gui.language import set_language
from privdesk.gui.settings import Settings
from privdesk.services import open_register
from privdesk.services.demo import demo_register


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(path))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="privdesk-dpia-shots-"))
    QCoreApplication.setOrganizationName("privdesk-shots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    for language in ("nb", "sv"):
        set_language(language)
        with open_register(work / f"{language}.sqlite", actor="dpo@example") as service:
            service.load(demo_register(language))
            dialog = DpiaDialog(service, "PA-002", None)
            dialog.question("monitoring").no.setChecked(True)
            dialog.question("large_scale").no.setChecked(True)
            dialog.question("no.learning").yes.setChecked(True)
            dialog.question("no.learning").reason.setText(
                "Lekseappen viser lærer hver elevs framgang" if language == "nb"
                else "Läxappen visar läraren varje elevs framsteg")
            grab(app, dialog, out / f"dpia-form-{language}.png")
            dialog.close()
            if language == "nb":
                from privdesk.gui.main_window import MainWindow

                window = MainWindow(service, Settings())
                window.resize(1100, 600)
                window.navigation.setCurrentRow(1)
                window.activities.select("PA-002")
                grab(app, window, out / "dpia-activities-nb.png")
                window.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
