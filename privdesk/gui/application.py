"""Starting the window: the QApplication, the language, the register, and the self-test.

Before the first paint only Qt and the register are imported; Babel (dates) loads right after
the window is shown, the document libraries when a document is first made.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

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
        app.setWindowIcon(_application_icon())
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
    """Show the main window on the register; with ``self_test``, build it offscreen and quit.

    The window is shown (and painted) before the register is opened: SQLAlchemy and the
    migrations take longer to load than Qt itself, and the DPO sees the window at once while
    the lists fill a moment later.
    """
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from privdesk.gui import dialogs
    from privdesk.gui.main_window import MainWindow

    app = prepare_application()
    assert isinstance(app, QApplication)
    window = MainWindow(None)
    window.show()
    if self_test:
        return _run_self_test(app, window, target, demo)
    previous_hook = sys.excepthook
    sys.excepthook = dialogs.excepthook
    opener = _Opener(app, window, target, demo)
    try:
        opener.schedule()
        code = int(app.exec())
        return opener.code if opener.code else code
    finally:
        opener.close()
        sys.excepthook = previous_hook


class _Opener:
    """Opens the register once the window has painted (or soon after, if it never paints)."""

    def __init__(self, app: Any, window: Any, target: str | None, demo: bool) -> None:
        self.app, self.window, self.target, self.demo = app, window, target, demo
        self.stack = ExitStack()
        self.done = False
        self.code = 0

    def schedule(self) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        opener = self

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    QTimer.singleShot(0, opener.open)
                return False

        self.filter = FirstPaint()
        self.window.installEventFilter(self.filter)
        QTimer.singleShot(250, self.open)  # a window that stays hidden never paints

    def open(self) -> None:
        if self.done:
            return
        self.done = True
        self.window.removeEventFilter(self.filter)
        from privdesk.domain.errors import UserError
        from privdesk.gui import dialogs
        from privdesk.services import open_register

        try:
            target = self.target
            if self.demo:
                target = demo_target()
                self.stack.callback(shutil.rmtree, str(Path(target).parent), True)
            service = self.stack.enter_context(open_register(target))
            self.window.attach(service)
        except UserError as error:
            print(f"privdesk: {error.render()}", file=sys.stderr)
            dialogs.show_user_error(self.window, error)
            self.code = 1
            self.app.exit(1)
            return
        self.window.finish_start()

    def close(self) -> None:
        self.stack.close()


def _run_self_test(app: Any, window: Any, target: str | None, demo: bool) -> int:
    from privdesk.domain.errors import UserError
    from privdesk.services import open_register

    app.processEvents()
    folder: str | None = None
    try:
        if demo:
            target = demo_target()
            folder = str(Path(target).parent)
        with open_register(target) as service:
            window.attach(service)
            ok = _self_test_window(window, app)
            window.close()
        # Packaging (issue 10): the self-test also writes a workbook and a letter.
        from privdesk.selftest import run_document_checks
        with tempfile.TemporaryDirectory(prefix="privdesk-selftest-") as documents:
            problems = run_document_checks(Path(documents))
        sys.stderr.writelines(f"privdesk: self-test: {p}\n" for p in problems)
        return 0 if ok and not problems else 1
    except UserError as error:
        print(f"privdesk: {error.render()}", file=sys.stderr)
        return 1
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _application_icon() -> QIcon:
    """The application's icon in every size shipped (X11 shows none unless the window asks)."""
    from PySide6.QtGui import QIcon

    from privdesk.resource_files import resource

    icon = QIcon()
    sizes = resource("icons", "hicolor")
    for size in ("16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256"):
        png = sizes / size / f"{APPLICATION_ID}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon
