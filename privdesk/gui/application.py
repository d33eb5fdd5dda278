"""Starting the window: the QApplication, the language, the register, and the self-test.

Before the first paint only Qt and the register are imported; Babel (dates) loads right after
the window is shown, the document libraries when a document is first made.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

APPLICATION_ID = "no.privdesk.Privdesk"
ORGANISATION = "privdesk"
APPLICATION = "privdesk"

log = logging.getLogger(__name__)


def demo_target() -> str:
    """A fresh demo register in a temporary folder (a newcomer's first look)."""
    from privdesk.services import open_register
    from privdesk.services.demo import demo_register

    folder = Path(tempfile.mkdtemp(prefix="privdesk-demo-"))
    target = str(folder / "demo-register.sqlite")
    with open_register(target) as service:
        service.load(demo_register())
    return target


def prepare_application(window_icon: bool = True) -> object:
    """The QApplication with our names set (before the first QSettings) and the saved language;
    without ``window_icon``, the icon is left to ``set_window_icon`` (after the first paint:
    its SVG loads Qt's SVG plugin, milliseconds the register on screen does not need)."""
    from PySide6.QtWidgets import QApplication

    from privdesk.gui import settings
    from privdesk.gui.language import default_language, set_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain("privdesk.no")
    if isinstance(app, QApplication):
        app.setDesktopFileName(APPLICATION_ID)
        if window_icon:
            set_window_icon(app)
    saved = settings.Settings().get(settings.LANGUAGE)
    set_language(default_language(saved or None))
    return app


def set_window_icon(app: Any) -> None:
    """The application's icon on its windows (also on those already shown)."""
    app.setWindowIcon(_application_icon())


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
    return ok and _self_test_preview()


def _self_test_preview() -> bool:
    """The letter's preview renders a page (PDFium's library is in the build)."""
    import io

    from reportlab.pdfgen import canvas

    from privdesk.gui.pdf_pages import page_images

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "privdesk")
    pdf.save()
    images = page_images(buffer.getvalue(), 200)
    return len(images) == 1 and not images[0].isNull()


def run_application(target: str | None, demo: bool = False, self_test: bool = False,
                    collecting: bool = True) -> int:
    """Show the main window on the register; with ``self_test``, build it offscreen and quit.

    The window is shown (and painted) before the register is opened: SQLAlchemy and the
    migrations take longer to load than Qt itself, and the DPO sees the window at once while
    the lists fill a moment later. Qt's messages go to the log meanwhile. ``collecting``: turn
    Python's garbage collector back on once the register is open (``app.main`` holds it off
    while starting).
    """
    held = _HeldMessages()
    restore_qt_messages = route_qt_messages(held)
    try:
        return _run_window(target, demo, self_test, held, collecting)
    finally:
        restore_qt_messages()


def _run_window(target: str | None, demo: bool, self_test: bool,
                held: _HeldMessages, collecting: bool) -> int:
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from privdesk.gui.source_checks import skip_pyside_source_checks

    skip_pyside_source_checks()
    from privdesk.gui.main_window import MainWindow

    app = prepare_application(window_icon=self_test)
    assert isinstance(app, QApplication)
    window = MainWindow(None)
    early = None if self_test or demo else _read_first(window, target)
    window.show()
    if self_test:
        held.release()
        _collect(collecting)
        return _run_self_test(app, window, target, demo)
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook
    opener = _Opener(app, window, target, demo, early, held, collecting)
    try:
        opener.schedule()
        code = int(app.exec())
        log.info("window closed")
        return opener.code if opener.code else code
    finally:
        opener.close()
        sys.excepthook = previous_hook


def _collect(collecting: bool) -> None:
    """Python's garbage collector on again (``app.main`` holds it off while starting)."""
    if collecting:
        gc.enable()


def _excepthook(kind: type[BaseException], value: BaseException, traceback: Any) -> None:
    """The crash dialog's hook, loaded when first needed (QMessageBox and the report's
    modules are not on the way to the first paint)."""
    from privdesk.gui import dialogs

    dialogs.excepthook(kind, value, traceback)


def _log_window_started() -> None:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    log.info("window shown: PySide6 %s, Qt %s, platform plugin %s", pyside_version,
             qVersion(), QGuiApplication.platformName())


def _read_first(window: Any, target: str | None) -> object | None:
    """Fill the window's first screen before it is shown, when the register is a current
    SQLite file (sqlite3 alone: the rows are in the first paint, SQLAlchemy loads after it);
    the snapshot read, or None (the window then opens the register after its first paint)."""
    from privdesk.gui.pages import Snapshot
    from privdesk.services import read_register, resolve_target

    versions: dict[str, dict[str, int]] = {}
    try:
        register = read_register(target, versions=versions)
    except Exception:  # noqa: BLE001 - the full open after the paint reports what is wrong
        log.exception("the register could not be read before it was opened")
        return None
    if register is None:
        return None
    snapshot = Snapshot(register, versions)
    window.show_read(snapshot, resolve_target(target))
    return snapshot


class _Opener:
    """Opens the register once the window has painted (or soon after, if it never paints)."""

    def __init__(self, app: Any, window: Any, target: str | None, demo: bool,
                 early: object | None = None, held: _HeldMessages | None = None,
                 collecting: bool = True) -> None:
        self.app, self.window, self.target, self.demo = app, window, target, demo
        self.early = early  # the snapshot the window already shows (``_read_first``)
        self.held = held
        self.collecting = collecting
        self.stack = ExitStack()
        self.filter: Any = None  # the window's first paint (``schedule``)
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
        if self.filter is not None:
            self.window.removeEventFilter(self.filter)
        if self.held is not None:
            self.held.release()
        set_window_icon(self.app)
        from privdesk.domain.errors import UserError
        from privdesk.gui import dialogs
        from privdesk.services import open_register

        _log_window_started()
        try:
            target = self.target
            if self.demo:
                target = demo_target()
                self.stack.callback(shutil.rmtree, str(Path(target).parent), True)
            service = self.stack.enter_context(open_register(target))
            log.info("register opened: %s", service.database.target)
            self.window.attach(service, self.early)
        except UserError as error:
            # The msgid, not the rendered text: a filled-in message may quote the input.
            log.info("register not opened: %s: %s", error.place, error.message)
            print(f"privdesk: {error.render()}", file=sys.stderr)
            dialogs.show_user_error(self.window, error)
            self.code = 1
            self.app.exit(1)
            return
        finally:
            _collect(self.collecting)
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
    """The application's icon from its theme folder (X11 shows none unless the window asks).

    The SVG is always there (the source); the PNGs of ``hicolor/<size>/apps/`` are build
    outputs of ``packaging/make_icons.py`` and are added when present. The SVG goes first: the
    icon then takes Qt's SVG icon engine, which draws any size the PNGs do not cover.
    """
    from PySide6.QtGui import QIcon

    from privdesk.resource_files import resource

    icon = QIcon()
    theme = resource("icons", "hicolor")
    svg = theme / "scalable" / "apps" / f"{APPLICATION_ID}.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    folders = {f.name: f for f in theme.iterdir()} if theme.is_dir() else {}
    for name in sorted(folders, key=lambda n: (len(n), n)):  # 16x16 … 512x512
        png = folders[name] / "apps" / f"{APPLICATION_ID}.png"
        if name != "scalable" and png.is_file():
            icon.addFile(str(png))
    return icon


_QT_LEVELS = {"QtDebugMsg": logging.DEBUG, "QtInfoMsg": logging.INFO,
              "QtWarningMsg": logging.WARNING, "QtCriticalMsg": logging.ERROR,
              "QtFatalMsg": logging.CRITICAL}


class _HeldMessages:
    """Qt's messages kept back from the log until the window's first paint (then written):
    the first line of a run creates the log file and loads ``logging.handlers``, which would
    otherwise delay the register on screen (the platform plugins warn as the window shows)."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str, str]] | None = []

    def release(self) -> None:
        lines, self.lines = self.lines, None
        for level, category, message in lines or ():
            logging.getLogger("privdesk.qt").log(level, "%s: %s", category, message)


def route_qt_messages(held: _HeldMessages | None = None) -> Callable[[], None]:
    """Qt's own messages into the log, and on to where they went before; returns the undo.

    Without a previous Python handler they went to stderr in Qt's format, so they still do.
    With ``held``, they reach the log when ``held.release()`` is called (or at the undo).
    """
    from PySide6.QtCore import (
        QMessageLogContext,
        QtMsgType,
        qFormatLogMessage,
        qInstallMessageHandler,
    )

    qt_log = logging.getLogger("privdesk.qt")
    previous: Any = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        # ``category`` is there at run time; the type stubs of PySide6 6.10 do not name it.
        category = getattr(context, "category", None) or "default"
        level = _QT_LEVELS.get(kind.name, logging.WARNING)
        if held is not None and held.lines is not None:
            held.lines.append((level, category, message))
        else:
            qt_log.log(level, "%s: %s", category, message)
        if previous is not None:
            previous(kind, context, message)
        elif sys.stderr is not None:  # a windowed Windows build has no stderr
            print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    previous = qInstallMessageHandler(handler)

    def restore() -> None:
        qInstallMessageHandler(previous)
        if held is not None:
            held.release()

    return restore
