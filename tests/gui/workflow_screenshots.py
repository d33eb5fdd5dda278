"""Screenshots of each workflow in nb and sv, for review: ``xvfb-run -a python THIS [FOLDER]``.

Not a test: it writes PNGs (default /tmp/shots2) of the overview, the request steps, the
incident tabs, the export, import and policy dialogs, on the demo register plus a breach whose
clock is running.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from privdesk.documents.files import no_progress
from privdesk.documents.ropa_xlsx import write_ropa
from privdesk.domain import records as rec
from privdesk.gui import formatting
from privdesk.gui.export import DoneDialog, RopaExportDialog
from privdesk.gui.import_dialog import ImportDialog
from privdesk.gui.incidents_view import IncidentsView, NotificationDialog, QuickIncidentDialog
from privdesk.gui.language import set_language
from privdesk.gui.overview import OverviewPage
from privdesk.gui.pages import Snapshot
from privdesk.gui.policy_dialog import PolicyDialog
from privdesk.gui.requests_view import ExtensionDialog, NewRequestWizard, RequestsView
from privdesk.gui.settings import Settings
from privdesk.services import open_register
from privdesk.services.demo import demo_register

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
POLICY = Path(__file__).resolve().parents[1] / "fixtures" / "policies" / "skolekassa_nb.txt"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(app: QApplication, widget: QWidget, folder: Path, name: str) -> None:
    widget.show()
    settle(app)
    widget.grab().save(str(folder / f"{name}.png"))


def wait_pool(app: QApplication) -> None:
    QThreadPool.globalInstance().waitForDone(60_000)
    settle(app)


def shots(app: QApplication, folder: Path, language: str, work: Path) -> None:
    set_language(language)
    with open_register(work / f"{language}.sqlite", actor="dpo@example") as service:
        service.load(demo_register(language))
        service.create(rec.Incident(
            ref="INC-2026-003", title="Laptop with pupil reports stolen from a car",
            aware_at=NOW - timedelta(hours=9), breach_types=("confidentiality",),
            data_categories=("identity", "special_needs"), subject_groups=("pupils",),
            subjects_count=28, children=True, exposure="unknown", encrypted=False,
            malicious=True, activities=("PA-004",)))
        settings = Settings()

        overview = OverviewPage(now=lambda: NOW)
        overview.resize(1000, 640)
        overview.show_register(Snapshot(service.snapshot()))
        save(app, overview, folder, f"{language}-01-overview")

        view = RequestsView(service, settings, today=lambda: TODAY, minimum_duration=0)
        view.resize(1200, 820)
        view.select("DSAR-2026-001")
        save(app, view, folder, f"{language}-02-request")
        view.select("DSAR-2026-003")
        save(app, view, folder, f"{language}-03-request-missing")

        wizard = NewRequestWizard("DSAR-2026-004", TODAY, "NO")
        wizard.resize(640, 520)
        wizard.requester_page.name.setText("Per Hansen")
        wizard.requester_page.basis.setText("Foreldreansvar i elevregisteret")
        wizard.requester_page.email.setText("per.hansen@example.com")
        save(app, wizard, folder, f"{language}-04-wizard-requester")
        wizard.next()
        wizard.subject_page.name.setText("Sofie Hansen")
        wizard.subject_page.class_.setText("4A")
        save(app, wizard, folder, f"{language}-05-wizard-subject")
        wizard.next()
        wizard.identity_page.verified.setChecked(True)
        wizard.identity_page.method.setText("ID card")
        save(app, wizard, folder, f"{language}-06-wizard-identity")
        wizard.next()
        save(app, wizard, folder, f"{language}-07-wizard-summary")
        wizard.button(QWizard.WizardButton.CancelButton).click()

        extension = ExtensionDialog(service.request("DSAR-2026-001"), TODAY, "NO")
        extension.reasons.setPlainText("Records in four systems must be searched by hand.")
        save(app, extension, folder, f"{language}-08-extension")
        extension.close()

        view.select("DSAR-2026-001")
        view.preview_letter()
        wait_pool(app)
        assert view.preview is not None
        save(app, view.preview, folder, f"{language}-09-letter-preview")
        view.preview.close()
        view.remove_previews()
        view.close()

        incidents = IncidentsView(service, settings, now=lambda: NOW, refresh_ms=0,
                                  minimum_duration=0)
        incidents.resize(1200, 860)
        incidents.select("INC-2026-003")
        save(app, incidents, folder, f"{language}-10-incident-facts")
        incidents.tabs.setCurrentIndex(1)
        save(app, incidents, folder, f"{language}-11-incident-advice")
        incidents.tabs.setCurrentIndex(2)
        save(app, incidents, folder, f"{language}-12-incident-decision")
        quick = QuickIncidentDialog("INC-2026-004", NOW, "Europe/Oslo")
        save(app, quick, folder, f"{language}-13-incident-quick")
        quick.close()
        notice = NotificationDialog(service.incident("INC-2026-003"), NOW, "Europe/Oslo")
        save(app, notice, folder, f"{language}-14-incident-notification")
        notice.close()
        incidents.close()

        export = RopaExportDialog(service, settings, today=lambda: TODAY)
        save(app, export, folder, f"{language}-15-export")
        export.close()
        done = DoneDialog(work / "ROPA Nordvik skole 2026-11-23.xlsx", None)
        save(app, done, folder, f"{language}-16-export-done")
        done.close()

        edited = work / f"{language}-edited.xlsx"
        register = service.snapshot()
        write_ropa(rec.replace(register, activities=tuple(
            rec.replace(a, name=a.name + " (1.–7. trinn)") if a.ref == "PA-001" else a
            for a in register.activities) + (rec.Activity(
                ref="PA-006", name="Skolefoto", legal_bases=("6.1.a",),
                subjects=("pupils",)),)), edited, language, None, NOW, no_progress)
        importer = ImportDialog(service, settings)
        importer.read(edited)
        wait_pool(app)
        save(app, importer, folder, f"{language}-17-import-preview")
        importer.close()

        policy = PolicyDialog(service, settings, today=lambda: TODAY)
        policy.read(POLICY)
        wait_pool(app)
        policy.select_finding("subprocessor", "Microsoft Azure")
        save(app, policy, folder, f"{language}-18-policy")
        policy.close()

        from privdesk.gui.main_window import MainWindow

        window = MainWindow(service, settings, today=lambda: TODAY)
        window.message_ms = 0
        window.resize(1400, 900)
        window.finish_start()
        for row, name in ((0, "overview"), (3, "incidents"), (4, "requests")):
            window.navigation.setCurrentRow(row)
            save(app, window, folder, f"{language}-19-window-{name}")
        window.file_menu.popup(window.mapToGlobal(window.rect().topLeft()))
        settle(app)
        window.file_menu.grab().save(str(folder / f"{language}-20-file-menu.png"))
        window.file_menu.hide()
        window.close()


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("/tmp/shots2")
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(argv[:1])
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory(prefix="privdesk-shots-") as temporary:
        work = Path(temporary)
        QCoreApplication.setOrganizationName("privdesk-shots")
        QCoreApplication.setApplicationName("privdesk-shots")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(work / "settings"))
        formatting.load()
        for language in ("nb", "sv"):
            shots(app, folder, language, work)
    print(f"screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))


__all__: list[Any] = []
