"""The DPO's verbs on personal data breaches: record, edit, notify the authority, draft.

Each verb is one transaction through ``RegisterService`` (audited, returning the ``Change``)
and carries the version the DPO's form was based on. The rule that the first notification
stops the 72-hour clock (Art. 33(1)) lives here, once, for the window and the command line.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError
from privdesk.domain.incidents import ReportInputs, authority_notified_at, notifications

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService


class Incidents:
    """Verbs on the register's incidents."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    def create(self, incident: rec.Incident) -> Change:
        return self.register.create(incident)

    def edit(self, incident: rec.Incident, expected_version: int | None) -> Change:
        """Save the DPO's edit of the facts, the assessment or the decision."""
        return self.register.update(incident, expected_version)

    def record_notification(self, ref: str, notification: rec.Notification,
                            expected_version: int | None) -> Change:
        """Add a notification to the authority; the first initial one stops the clock."""
        incident = self.register.incident(ref)
        changes: dict[str, Any] = {"notifications": (*notifications(incident), notification)}
        if notification.kind == "initial" and incident.authority_notified_at is None:
            changes["authority_notified_at"] = notification.at
            # Notifying after all replaces an earlier decision not to.
            changes["decided_not_to_notify_at"] = None
            changes["authority_ref"] = notification.reference or incident.authority_ref
        elif notification.reference and not incident.authority_ref:
            changes["authority_ref"] = notification.reference
        return self.register.update(rec.replace(incident, **changes), expected_version)

    def decide_not_to_notify(self, ref: str, reasons: str, at: datetime | None,
                             expected_version: int | None) -> Change:
        """Record the DPO's explicit decision not to notify the authority, with its reasons.

        Only this verb (or a notification) takes an incident off the 72-hour clock: writing in
        the decision note alone changes nothing. Refused without reasons (Art. 33(5) asks for
        them) and once the authority has been notified.
        """
        incident = self.register.incident(ref)
        text = reasons.strip()
        if not text:
            raise UserError(N_("give the reasons for not notifying the authority"),
                            "decision_note")
        if authority_notified_at(incident) is not None:
            raise UserError(N_("the authority has already been notified of {ref}"),
                            "decided_not_to_notify_at", ref=ref)
        return self.register.update(
            rec.replace(incident, decision_note=text,
                        decided_not_to_notify_at=at or self.register.clock()),
            expected_version)

    def withdraw_decision(self, ref: str, expected_version: int | None) -> Change:
        """Undo the decision not to notify: the incident is back on the clock."""
        incident = self.register.incident(ref)
        return self.register.update(rec.replace(incident, decided_not_to_notify_at=None),
                                    expected_version)

    def report_inputs(self, ref: str, language: str | None = None,
                      now: datetime | None = None) -> ReportInputs:
        """What the notification draft is made of (in the organisation's language unless
        ``language`` is given)."""
        incident = self.register.incident(ref)
        organisation = self.register.organisation()
        chosen = language or (organisation.language if organisation else "en")
        return ReportInputs(incident, organisation, tuple(self.register.activities()),
                            tuple(self.register.processors()), chosen,
                            now or self.register.clock())

    def keep_report(self, inputs: ReportInputs, content: bytes, filename: str) -> str:
        """Keep the draft as written (its bytes and SHA-256, audited); returns the digest."""
        return self.register.record_document("breach_report", inputs.incident.ref,
                                             inputs.language, content, filename)
