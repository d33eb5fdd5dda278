"""Starting the window: the QApplication, the language, the register, and the self-test.

Before the first paint only Qt and the register are imported; Babel (dates) loads right after
the window is shown, the document libraries when a document is first made.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

APPLICATION_ID = "no.privdesk.Privdesk"
ORGANISATION = "privdesk"
APPLICATION = "privdesk"


def demo_target() -> str:
    """A fresh demo register in a temporary folder (a newcomer's first look)."""
    from privdesk.services import open_register
    from privdesk.services.demo import demo_register

    folder = Path(tempfile.mkdtemp(prefix="privdesk-demo-"))
    target = str(folder / "demo-register.sqlite")
    with open_register(target) as service:
        service.load(demo_register())
    return target


def prepare_application() -> object:
    """The QApplication with our names set (before the first QSettings) and the saved language."""
    from PySide6.QtWidgets import QApplication

    from privdesk.gui import settings
    from privdesk.gui.language import default_language, set_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain("privdesk.no")
    if isinstance(app, QApplication):
        app.setDesktopFileName(APPLICATION_ID)
    saved = settings.Settings().get(settings.LANGUAGE)
    set_language(default_language(saved or None))
    return app


def _self_test_window(window: object, app: object) -> bool:
    """The window shows the demo lists in each language and answers its shortcuts."""
    from privdesk.gui import settings
    from privdesk.gui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    ok = window.isVisible() and window.service.database.target is not None
    original = window.settings.get(settings.LANGUAGE)
    for language in ("nb", "sv", "en"):
        window.switch_language(language)
        ok = ok and bool(window.windowTitle())
    window.finish_start()
    window.navigation.setCurrentRow(1)
    window.search.setText("zzzz-no-such-thing")
    ok = ok and window.activities.model.rowCount() == 0
    window.search.clear()
    window.settings.set(settings.LANGUAGE, original)
    return ok


def run_application(target: str | None, demo: bool = False, self_test: bool = False) -> int:
    """Show the main window on the register; with ``self_test``, build it offscreen and quit."""
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from privdesk.domain.errors import UserError
    from privdesk.gui import dialogs
    from privdesk.services import open_register

    app = prepare_application()
    assert isinstance(app, QApplication)
    folder: str | None = None
    previous_hook = sys.excepthook
    try:
        if demo:
            target = demo_target()
            folder = str(Path(target).parent)
        with open_register(target) as service:
            from privdesk.gui.main_window import MainWindow

            window = MainWindow(service)
            window.show()
            if self_test:
                app.processEvents()
                ok = _self_test_window(window, app)
                window.close()
                # Packaging (issue 10): the self-test also writes a workbook and a letter.
                from privdesk.selftest import run_document_checks
                with tempfile.TemporaryDirectory(prefix="privdesk-selftest-") as documents:
                    problems = run_document_checks(Path(documents))
                sys.stderr.writelines(f"privdesk: self-test: {p}\n" for p in problems)
                return 0 if ok and not problems else 1
            sys.excepthook = dialogs.excepthook
            QTimer.singleShot(0, window.finish_start)
            return int(app.exec())
    except UserError as error:
        print(f"privdesk: {error.render()}", file=sys.stderr)
        return 1
    finally:
        sys.excepthook = previous_hook
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
