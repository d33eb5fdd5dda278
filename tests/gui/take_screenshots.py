"""Screenshots of each view in nb, sv and en (run under Xvfb; not a test).

    xvfb-run -a .venv/bin/python tests/gui/take_screenshots.py [/tmp/shots]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="privdesk-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from privdesk.gui.application import prepare_application
    from privdesk.gui.main_window import MainWindow
    from privdesk.gui.settings import Settings
    from privdesk.services import open_register
    from privdesk.services.demo import demo_register

    prepare_application()
    with open_register(str(work / "demo.sqlite")) as service:
        service.load(demo_register())
        from privdesk.domain.records import replace

        service.update(replace(service.activity("PA-001"), owner="Principal and maths teachers",
                               retention_period="P3M"))
        window = MainWindow(service, Settings(), today=lambda: date(2026, 11, 23))
        window.resize(1280, 760)
        window.show()
        window.finish_start()
        for language in ("nb", "sv", "en"):
            window.switch_language(language)
            for row, page in enumerate(p.name for p in window.pages):
                window.navigation.setCurrentRow(row)
                app.processEvents()
                window.grab().save(str(out / f"{language}-{row}-{page}.png"))
            window.navigation.setCurrentRow(1)
            window.activities.view.selectRow(0)
            editor = window.make_editor("activities", service.activity("PA-001"))
            editor.show()
            for tab in range(editor.tab_widget.count()):
                editor.tab_widget.setCurrentIndex(tab)
                app.processEvents()
                editor.grab().save(str(out / f"{language}-editor-activity-{tab}.png"))
            editor.widget("retention_by_category").add_row()  # no category chosen yet
            editor.tab_widget.setCurrentIndex(4)
            app.processEvents()
            editor.grab().save(str(out / f"{language}-editor-activity-invalid.png"))
            editor.modified = False
            editor.done(0)
            processor = window.make_editor("processors", service.processor("VEN-002"))
            processor.show()
            for tab in range(processor.tab_widget.count()):
                processor.tab_widget.setCurrentIndex(tab)
                app.processEvents()
                processor.grab().save(str(out / f"{language}-editor-processor-{tab}.png"))
            processor.done(0)
            from privdesk.gui.audit import AuditDialog
            from privdesk.gui.language import tr

            history = AuditDialog(tr("Processing activity"), "PA-001",
                                  service.audit("activities", "PA-001"), window)
            history.show()
            app.processEvents()
            history.grab().save(str(out / f"{language}-history.png"))
            history.done(0)
            from privdesk.gui.dialogs import CrashDialog

            crash = CrashDialog("privdesk crash report\nTraceback (most recent call last):\n"
                                "  ...\nRuntimeError: an example", window)
            crash.show()
            app.processEvents()
            crash.grab().save(str(out / f"{language}-crash.png"))
            crash.done(0)
        window.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
