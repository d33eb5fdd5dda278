"""Screenshots of the DPIA screening form in nb and sv, for review (not a test):

    xvfb-run -a .venv/bin/python tests/gui/dpia_screenshots.py [FOLDER [PREFIX]]

writes PREFIX-form-nb.png (the demo school's homework help, with its saved screening, one
answer changed), PREFIX-form-sv.png (the maths app of the same school moved to Sweden, not
screened yet, partly answered: IMY's list asks WP248's criteria), PREFIX-activities-nb.png
(the button on the activities page) and PREFIX-editor-nb.png (the activity editor showing the
saved screening beside "DPIA required") to FOLDER (default /tmp/shots, PREFIX "dpia").
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
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
    prefix = sys.argv[2] if len(sys.argv) > 2 else "dpia"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="privdesk-dpia-shots-"))
    QCoreApplication.setOrganizationName("privdesk-shots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    from privdesk.gui import formatting

    formatting.load()  # dates as the window shows them once it has painted
    for language in ("nb", "sv"):
        set_language(language)
        with open_register(work / f"{language}.sqlite", actor="dpo@example") as service:
            service.load(demo_register(language))
            if language == "sv":  # a Swedish school: IMY's list, the maths app unscreened
                organisation = service.organisation()
                assert organisation is not None
                service.set_organisation(replace(organisation, country="SE"))
                dialog = DpiaDialog(service, "PA-001", None)
                dialog.question("monitoring").no.setChecked(True)
                dialog.question("large_scale").no.setChecked(True)
                dialog.question("innovative").yes.setChecked(True)
                dialog.question("innovative").reason.setText(
                    "Appen anpassar uppgifterna efter varje elevs svar")
            else:  # the homework help, screened in the demo; the DPO reconsiders one answer
                dialog = DpiaDialog(service, "PA-002", None)
                dialog.question("no.learning").yes.setChecked(True)
                dialog.question("no.learning").reason.setText(
                    "Leksehjelpen viser læreren hver elevs framgang")
            grab(app, dialog, out / f"{prefix}-form-{language}.png")
            dialog.close()
            if language == "nb":
                from privdesk.gui.editors import ActivityEditor
                from privdesk.gui.main_window import MainWindow

                window = MainWindow(service, Settings())
                window.resize(1100, 600)
                window.navigation.setCurrentRow(1)
                window.activities.select("PA-002")
                grab(app, window, out / f"{prefix}-activities-nb.png")
                window.close()
                editor = ActivityEditor(service.activity("PA-002"), [],
                                        service.processors())
                editor.tab_widget.setCurrentIndex(4)  # Retention and security: the DPIA
                editor.resize(760, 640)
                grab(app, editor, out / f"{prefix}-editor-nb.png")
                editor.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
