"""Erasing a request or an incident from the window: the confirmation (what goes, what stays
for review, not undoable, why) and the one service verb behind it, as ``privdesk erase``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privdesk.domain import kinds
from privdesk.domain.errors import N_, UserError
from privdesk.gui import dialogs
from privdesk.gui.language import gettext_function, tr, trn
from privdesk.gui.signals import emit
from privdesk.gui.workflow import Editing, name_controls, wrapped_label

if TYPE_CHECKING:
    from privdesk.services.erasure import ErasurePlan

# The fields of a request (and the free text of an incident) where a name is found, in words.
MENTION_FIELDS = {
    "subject": N_("Data subject"), "requester": N_("Requester"),
    "data": N_("Copy of the data"), "withheld": N_("Withheld"), "note": N_("Internal note"),
    "description": N_("Description"), "consequences": N_("Consequences"),
}


class EraseDialog(QDialog):
    """The confirmation of an erasure: what goes, what stays for review, and why (required).

    Not undoable: the dialog says so, and the window's Undo history is cleared after it, so
    that no earlier step can bring the person back.
    """

    def __init__(self, plan: ErasurePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from privdesk.domain.retention import removed_text

        self.setWindowTitle(tr("Erase {ref}", ref=plan.ref))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)
        layout = QVBoxLayout(self)
        what = removed_text(plan.counts(), gettext_function())
        if plan.kind == "incidents":
            text = tr("Erase {ref} for good: {what}. Its notification drafts and every "
                      "audit-trail entry holding its values go too, and so do the copies in "
                      "the register's backups. The audit trail keeps only who erased it, "
                      "when, why and how many records went.", ref=plan.ref, what=what)
        else:
            text = tr("Erase {ref} for good: {what}. Its letters and every audit-trail entry "
                      "holding its values go too, and so do the copies in the register's "
                      "backups. The audit trail keeps only who erased it, when, why and how "
                      "many records went.", ref=plan.ref, what=what)
        self.summary = wrapped_label(text)
        layout.addWidget(self.summary)
        self.warning = wrapped_label(tr(
            "This cannot be undone, and the Undo history is cleared."))
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        layout.addWidget(self.warning)
        self.mentions = QListWidget()
        self.mentions.setAccessibleName(tr("Places naming the person"))
        from privdesk.gui.values import field_title

        for mention in plan.mentions:
            known = mention.kind in kinds.names()
            kind = tr(kinds.kind(mention.kind).singular) if known else mention.kind
            own = MENTION_FIELDS.get(mention.field or "")
            field = tr(own) if own else field_title(mention.field) or "–"
            text = (tr("{kind} {ref}: {field}", kind=kind, ref=mention.ref, field=field)
                    if mention.where == "record"
                    else tr("{kind} {ref} (audit trail): {field}", kind=kind,
                            ref=mention.ref, field=field))
            QListWidgetItem(text, self.mentions)
        # An incident names no person in a field of its own: only the DPO can tell whom its
        # account names, and where else they are.
        self.review = wrapped_label(tr(
            "privdesk cannot tell whom an incident's account names: if it names people, look "
            "for them in the other records and their history afterwards.")
            if plan.kind == "incidents" and not plan.mentions else "")
        if plan.mentions:
            layout.addWidget(wrapped_label(tr(
                "These places name the person and stay as they are; review them afterwards:")))
            layout.addWidget(self.mentions)
        else:
            self.mentions.hide()
        if self.review.text():
            layout.addWidget(self.review)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Without the person's name"))
        label = QLabel(tr("&Why:"))
        label.setBuddy(self.reason)
        form.addRow(label, self.reason)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(tr("&Erase"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._validate)
        self._validate()
        name_controls(self)

    def _validate(self) -> None:
        self.erase_button.setEnabled(bool(self.reason.text().strip()))

    def reason_text(self) -> str:
        return self.reason.text().strip()


def ask_to_erase(parent: QWidget, editing: Editing, kind: str, ref: str) -> EraseDialog | None:
    """Show (window-modal) what erasing ``kind``/``ref`` takes away and ask why; erase on
    Erase. Returns the dialog shown (None when the service refused to plan it)."""
    from privdesk.services.erasure import Erasure

    try:
        plan = Erasure(editing.service).plan(kind, ref)
    except UserError as error:
        dialogs.show_user_error(parent, error)
        return None
    dialog = EraseDialog(plan, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.accepted.connect(lambda: erase(parent, editing, kind, ref, dialog.reason_text()))
    dialog.open()
    return dialog


def erase(parent: QWidget, editing: Editing, kind: str, ref: str, reason: str) -> None:
    """Erase ``kind``/``ref`` through the service, clear the Undo history and tell the DPO."""
    from privdesk.services.erasure import Erasure

    try:
        result = Erasure(editing.service).erase(kind, ref, reason)
    except UserError as error:
        dialogs.show_user_error(parent, error)
        return
    # No step before the erasure may bring the person back (an undone delete, a redo of
    # the creation, an edit's old values): the history goes with them.
    if editing.undo_stack is not None:
        editing.undo_stack.clear()
    emit(editing.changed, result.change)
    lines = [tr("Erased {ref}. The audit trail keeps who erased it, when and why.", ref=ref)]
    copies = len(result.backups_rewritten)
    if copies:
        lines.append(trn("Rewrote {count} backup without it.",
                         "Rewrote {count} backups without it.", copies))
    if result.backups_removed:
        lines.append(trn("Removed {count} backup that could not be rewritten.",
                         "Removed {count} backups that could not be rewritten.",
                         len(result.backups_removed)))
    if result.files_clean is False:
        lines.append(tr("Another program is reading the register, so its WAL file still "
                        "holds old pages: close it and run privdesk purge."))
    dialogs.inform(parent, "\n".join(lines))
