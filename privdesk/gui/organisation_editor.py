"""The school's own details (the controller): name, number, address, country, DPO, representative,
and how long the register keeps its own records.

Saved through ``services.organisation`` from the version the form showed, as one undo step. The
country is picked by name and the supervisory authority it answers to is shown beside it. The
retention periods are saved through ``services.erasure`` (not undoable, like every setting).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from privdesk.domain import codes, retention
from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.gui.country_picker import CountryPicker, country_name
from privdesk.gui.editors import EMPTY, RecordEditor
from privdesk.gui.fields import ChoiceField, LongTextField, TextField
from privdesk.gui.language import current, tr

if TYPE_CHECKING:
    from privdesk.gui.main_window import MainWindow

# The supervisory authority of the countries privdesk writes for (Art. 51).
AUTHORITIES = {
    "NO": N_("Datatilsynet"),
    "SE": N_("Integritetsskyddsmyndigheten (IMY)"),
}
CONTACTS = ("dpo", "representative")


def authority_text(country: str | None) -> str:
    """Whom the school answers to, in words, for the country chosen."""
    if not country or country not in codes.COUNTRIES:
        return ""
    if country in AUTHORITIES:
        return tr("Supervisory authority: {authority}", authority=tr(AUTHORITIES[country]))
    if country in codes.EEA_COUNTRIES:
        return tr("Supervisory authority: the data protection authority of {country}",
                  country=country_name(country))
    return tr("{country} is outside the EEA: name a representative in the EEA (Art. 27)",
              country=country_name(country))


class OrganisationEditor(RecordEditor):
    """Every field of the organisation (docs/interchange.md, ``organisation``)."""

    record_type = rec.Organisation
    title_new = N_("Record your school")
    title_edit = N_("Organisation")
    tabs = (N_("Organisation"),)
    kind_label = N_("the organisation")

    def __init__(self, record: rec.Organisation | None, parent: QWidget | None = None,
                 periods: Mapping[str, int] | None = None) -> None:
        # The register's retention periods in months (None: the form leaves them out).
        self.periods = dict(periods) if periods is not None else None
        self.retention_boxes: dict[str, tuple[QLabel, QSpinBox]] = {}
        super().__init__(record, (), parent)
        self.tab_widget.tabBar().hide()  # one page: the tab's name is the window's title
        # Tall enough to show the whole form without scrolling, where the screen allows.
        # (the form's layout knows its height before the dialog is shown; its widget does not)
        (form,) = self.pages.values()
        room = self.screen().availableGeometry().height() - 60
        self.resize(self.fontMetrics().averageCharWidth() * 110,
                    min(form.sizeHint().height() + 120, room))

    def blank(self) -> dict[str, Any]:
        # A Swedish-speaking DPO most likely records a Swedish school.
        language = current() if current() in ("nb", "sv") else "nb"
        return {"country": "SE" if language == "sv" else "NO", "language": language}

    def build(self) -> None:
        (page,) = self.tabs
        form = self.pages[page]
        self.add("name", N_("&Name:"), TextField(required=True), page,
                 N_("The school or municipality, as it signs its letters"))
        self.add("org_number", N_("&Organisation number:"), TextField(), page)
        self.add("address", N_("A&ddress:"), LongTextField(), page)
        self.add("email", N_("&E-mail:"), TextField(), page)
        self.add("phone", N_("&Phone:"), TextField(), page)
        self.add("country", N_("&Country:"), CountryPicker(), page,
                 N_("Where the school is established: its deadlines, holidays and authority"))
        self.authority = QLabel()
        self.authority.setWordWrap(True)
        form.addRow("", self.authority)
        self.add("language", N_("&Language of letters:"),
                 ChoiceField("languages", codes.LANGUAGES), page)
        self.dpo_heading = self._heading(form)
        self.add("dpo.name", N_("DPO's na&me:"), TextField(), page)
        self.add("dpo.email", N_("DPO's e-ma&il:"), TextField(), page)
        self.add("dpo.phone", N_("DPO's p&hone:"), TextField(), page)
        self.representative_heading = self._heading(form)
        self.add("representative.name", N_("&Representative:"), TextField(), page,
                 N_("Only for an organisation outside the EEA (Art. 27)"))
        self.add("representative.email", N_("Represen&tative's e-mail:"), TextField(), page)
        self.add("representative.phone", N_("Representati&ve's phone:"), TextField(), page)
        self.fields["country"].widget.edited.connect(self._show_authority)
        self.retention_heading = None
        if self.periods is not None:
            self.retention_heading = self._heading(form)
            for kind in retention.RETENTION_KINDS:
                box = QSpinBox()
                box.setRange(0, retention.MAX_MONTHS)
                box.setValue(self.periods[kind])
                label = QLabel()
                label.setBuddy(box)
                form.addRow(label, box)
                self.retention_boxes[kind] = (label, box)
                box.valueChanged.connect(lambda _value: self._set_modified(True))
        self._texts()

    @staticmethod
    def _heading(form: Any) -> QLabel:
        heading = QLabel()
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        form.addRow(heading)
        return heading

    def _texts(self) -> None:
        self.dpo_heading.setText(tr("Data protection officer"))
        self.representative_heading.setText(tr("Representative in the EEA"))
        self.authority.setAccessibleName(tr("Supervisory authority"))
        if self.retention_heading is not None:
            self.retention_heading.setText(tr("How long the register keeps its own records"))
            self.retention_heading.setToolTip(tr(
                "Closed requests and incidents from closing, letters from writing, backups "
                "from copying; privdesk purge erases what is past its period"))
        for kind, (label, box) in self.retention_boxes.items():
            label.setText(tr("{title}, months:", title=tr(retention.KIND_TITLES[kind])))
            box.setAccessibleName(tr(retention.KIND_TITLES[kind]))
        self._show_authority()

    def _show_authority(self) -> None:
        self.authority.setText(authority_text(self.fields["country"].widget.value()))

    def retranslate(self) -> None:
        super().retranslate()
        self._texts()

    def _title(self) -> str:
        return tr(self.title_new if self.original is None else self.title_edit)

    def retention_months(self) -> dict[str, int]:
        """The periods the form holds, in months, by kind."""
        return {kind: box.value() for kind, (_label, box) in self.retention_boxes.items()}

    def data(self) -> dict[str, Any]:
        data = super().data()
        for contact in CONTACTS:
            # A contact with nothing filled in is no contact.
            if not any(data.get(contact, {}).values()):
                data[contact] = None
        return data

    def check(self, data: dict[str, Any]) -> Any:
        if not data.get("name"):
            raise UserError(EMPTY, "name")
        country = data.get("country")
        if not country:
            raise UserError(N_("choose the country the school is in"), "country")
        if country not in codes.COUNTRIES:
            raise UserError(N_('"{value}" is not a country in the list'), "country",
                            value=country)
        for contact in CONTACTS:
            if data.get(contact) and not data[contact].get("name"):
                raise UserError(N_("give a name with the e-mail or phone"), f"{contact}.name")
        return super().check(data)


def edit_organisation(window: MainWindow) -> OrganisationEditor:
    """Open the editor on the register's organisation; Save is one undoable service call."""
    from privdesk.gui.commands import VerbCommand
    from privdesk.services.erasure import Erasure
    from privdesk.services.organisation import Organisation

    verbs = Organisation(window.service)
    organisation, version = verbs.current()
    erasure = Erasure(window.service)
    periods = erasure.retention_months()
    editor = OrganisationEditor(organisation, window, periods)

    def saved(edited: rec.Organisation | None) -> None:
        if edited is None:
            return
        changed = {kind: months for kind, months in editor.retention_months().items()
                   if periods.get(kind) != months}
        if changed:
            try:
                erasure.set_retention(changed)
            except UserError as error:
                window.report(error)
            else:
                window.reload(frozenset({"requests", "incidents"}))
        command = VerbCommand(window.service, tr("Edit the organisation"),
                              lambda expected: verbs.edit(edited, expected), version,
                              window.on_change, window.report)
        if window.run(command):
            window.tell(tr("Saved the organisation {name}", name=edited.name))

    window.open_editor(editor, saved)
    return editor


__all__ = ["AUTHORITIES", "OrganisationEditor", "authority_text", "edit_organisation"]
