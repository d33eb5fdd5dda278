"""Screenshots of the first run and the organisation editor in nb, sv and en (Xvfb; not a test).

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python tests/gui/first_run_screenshots.py [/tmp/first-run]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/first-run")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="privdesk-first-run-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from privdesk.domain import records as rec
    from privdesk.gui.application import prepare_application
    from privdesk.gui.main_window import MainWindow
    from privdesk.gui.organisation_editor import OrganisationEditor
    from privdesk.gui.settings import Settings
    from privdesk.services import open_register

    prepare_application()
    with open_register(str(work / "register.sqlite")) as service:
        window = MainWindow(service, Settings(), today=lambda: date(2026, 12, 3))
        window.show()
        window.finish_start()
        for language in ("nb", "sv", "en"):
            window.switch_language(language)
            window.navigation.setCurrentRow(0)
            app.processEvents()
            window.grab().save(str(out / f"{language}-first-run.png"))
            window.navigation.setCurrentRow(1)
            app.processEvents()
            window.grab().save(str(out / f"{language}-first-run-activities.png"))
            editor = OrganisationEditor(None, window)
            editor.show()
            app.processEvents()
            editor.grab().save(str(out / f"{language}-organisation-new.png"))
            editor.done(0)
            school = rec.Organisation(
                name="Solbacka skola" if language == "sv" else "Nordvik skole",
                org_number="212000-0001" if language == "sv" else "974 123 456",
                country="SE" if language == "sv" else "NO", language=language
                if language != "en" else "nb",
                address="Skolvägen 1\n123 45 Solbacka" if language == "sv"
                else "Skoleveien 1\n8000 Nordvik",
                email="post@skole.example", phone="+47 75 00 00 00",
                dpo=rec.Contact(name="Maja Lind", email="personvern@kommune.example"))
            editor = OrganisationEditor(school, window)
            editor.show()
            app.processEvents()
            editor.grab().save(str(out / f"{language}-organisation-edit.png"))
            editor.done(0)
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
