"""Starting the window: the QApplication, the register, and the self-test used by packaging."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

APPLICATION_ID = "no.privdesk.Privdesk"


def demo_target() -> str:
    """A fresh demo register in a temporary folder (a newcomer's first look)."""
    from privdesk.services.demo import demo_register
    from privdesk.services import open_register

    folder = Path(tempfile.mkdtemp(prefix="privdesk-demo-"))
    target = str(folder / "demo-register.sqlite")
    with open_register(target) as service:
        service.load(demo_register())
    return target


def run_application(target: str | None, demo: bool = False, self_test: bool = False) -> int:
    """Show the main window on the register; with ``self_test``, build it offscreen and quit."""
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from privdesk.domain.errors import UserError
    from privdesk.services import open_register

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("privdesk")
    app.setOrganizationName("privdesk")
    app.setDesktopFileName(APPLICATION_ID)
    folder: str | None = None
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
                ok = window.isVisible() and service.database.target is not None
                window.close()
                # Packaging (issue 10): the self-test also writes a workbook and a letter.
                from privdesk.selftest import run_document_checks
                with tempfile.TemporaryDirectory(prefix="privdesk-selftest-") as documents:
                    problems = run_document_checks(Path(documents))
                sys.stderr.writelines(f"privdesk: self-test: {p}\n" for p in problems)
                return 0 if ok and not problems else 1
            return int(app.exec())
    except UserError as error:
        print(f"privdesk: {error.render()}", file=sys.stderr)
        return 1
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
