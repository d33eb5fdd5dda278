"""Screenshots of the first run, the organisation editor, the activity editor, a request and an
incident in nb, sv and en, for review: ``xvfb-run -a python THIS [FOLDER [PREFIX]]`` (default
/work/shots and ``window``), named ``PREFIX-<language>-*.png``.

Not a test: it writes PNGs of what the DPO sees with the fields of issue 17 (dates in the
language's form, countries by name, periods as number and unit, the request types, the letter's
pages).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from privdesk.domain import records as rec
from privdesk.gui import formatting
from privdesk.gui.incidents_view import IncidentsView
from privdesk.gui.language import set_language
from privdesk.gui.main_window import MainWindow
from privdesk.gui.requests_view import NewRequestWizard, RequestsView
from privdesk.gui.settings import Settings
from privdesk.services import open_register
from privdesk.services.demo import demo_register

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
# The screenshots' own breach, in the language of the shot (the demo's records follow it too).
STOLEN = {"en": "Laptop with pupil reports stolen from a car",
          "nb": "Bærbar PC med elevrapporter stjålet fra en bil",
          "sv": "Bärbar dator med elevrapporter stulen ur en bil"}
FIVE_YEARS = {"en": "5 years", "nb": "5 år", "sv": "5 år"}


PREFIX = ["window"]


def save(app: QApplication, widget: QWidget, folder: Path, name: str) -> None:
    widget.show()
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(folder / f"{PREFIX[0]}-{name}.png"))


def first_run(app: QApplication, folder: Path, language: str, work: Path) -> None:
    """The window on an empty register (the welcome) and the organisation editor it opens."""
    from privdesk.gui.organisation_editor import OrganisationEditor

    with open_register(work / f"{language}-empty.sqlite", actor="dpo@example") as service:
        window = MainWindow(service, Settings(), today=lambda: TODAY)
        window.resize(1280, 800)
        window.show()
        window.finish_start()
        window.switch_language(language)
        window.navigation.setCurrentRow(0)
        save(app, window, folder, f"{language}-first-run")
        editor = OrganisationEditor(None, window)
        save(app, editor, folder, f"{language}-organisation-new")
        editor.done(0)
        window.close()


def shots(app: QApplication, folder: Path, language: str, work: Path) -> None:
    set_language(language)
    first_run(app, folder, language, work)
    with open_register(work / f"{language}.sqlite", actor="dpo@example") as service:
        service.load(demo_register(language))
        service.create(rec.Incident(
            ref="INC-2026-003", title=STOLEN[language],
            aware_at=NOW - timedelta(hours=9), breach_types=("confidentiality",),
            data_categories=("identity", "special_needs"), subject_groups=("pupils",),
            subjects_count=28, children=True, exposure="unknown", encrypted=False,
            malicious=True, activities=("PA-004",)))
        settings = Settings()
        window = MainWindow(service, settings, today=lambda: TODAY)
        window.resize(1280, 800)
        window.show()
        window.finish_start()
        for _ in range(5):
            app.processEvents()
        save(app, window, folder, f"{language}-overview")
        from privdesk.gui.organisation_editor import OrganisationEditor

        organisation = OrganisationEditor(service.organisation(), window)
        save(app, organisation, folder, f"{language}-organisation")
        organisation.done(0)
        editor = window.make_editor("activities", service.activity("PA-001"))
        editor.widget("dpia.done").set_value("2026-03-01")
        editor.widget("transfers").add_row({"country": "US", "recipient": "Google LLC",
                                            "safeguard": "dpf", "note": ""})
        editor.widget("retention_by_category").add_row({"category": "special_needs",
                                                        "retention": FIVE_YEARS[language]})
        for tab in range(editor.tab_widget.count()):
            editor.tab_widget.setCurrentIndex(tab)
            save(app, editor, folder, f"{language}-activity-{tab}")
        editor.modified = False
        editor.done(0)
        processor = window.make_editor("processors", service.processor("VEN-002"))
        save(app, processor, folder, f"{language}-processor")
        processor.modified = False
        processor.done(0)
        window.close()

        view = RequestsView(service, settings, today=lambda: TODAY, minimum_duration=0)
        view.resize(1200, 820)
        view.select("DSAR-2026-001")
        save(app, view, folder, f"{language}-request-access")
        view.select("DSAR-2026-003")
        save(app, view, folder, f"{language}-request-erasure")
        view.mark_sent()  # an erasure is closed with the day and what was erased
        save(app, view.answer_dialog, folder, f"{language}-request-erased")
        view.answer_dialog.done(0)
        view.select("DSAR-2026-001")
        view.preview_letter()
        QThreadPool.globalInstance().waitForDone(60_000)
        for _ in range(5):
            app.processEvents()
        if view.preview is not None:
            save(app, view.preview, folder, f"{language}-letter-preview")
            view.preview.close()
        view.remove_previews()
        view.close()
        wizard = NewRequestWizard("DSAR-2026-004", TODAY, "NO")
        wizard.resize(640, 560)
        wizard.requester_page.kind.setCurrentIndex(2)
        save(app, wizard, folder, f"{language}-wizard")
        wizard.close()

        incidents = IncidentsView(service, settings, now=lambda: NOW, refresh_ms=0,
                                  minimum_duration=0)
        incidents.resize(1200, 860)
        incidents.select("INC-2026-003")
        save(app, incidents, folder, f"{language}-incident-facts")
        incidents.tabs.setCurrentIndex(2)
        save(app, incidents, folder, f"{language}-incident-decision")
        incidents.close()


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("/work/shots")
    if len(argv) > 2:
        PREFIX[0] = argv[2]
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
        for language in ("nb", "sv", "en"):
            shots(app, folder, language, work)
    print(f"screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
