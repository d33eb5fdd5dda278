"""The explicit decision not to notify: refused without reasons, replaced by a notification."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from privdesk.domain import records as rec
from privdesk.domain.attention import attention
from privdesk.domain.errors import UserError
from privdesk.services import open_register
from privdesk.services.incidents import Incidents

AWARE = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def test_only_the_explicit_decision_takes_the_incident_off_the_clock(tmp_path: Path) -> None:
    with open_register(tmp_path / "register.sqlite", actor="dpo@test") as service:
        incidents = Incidents(service)
        incidents.create(rec.Incident(ref="INC-1", title="Laptop stolen", aware_at=AWARE))
        later = AWARE + timedelta(hours=80)
        # The reasons saved as a note decide nothing.
        note = rec.replace(service.incident("INC-1"), decision_note="Encrypted; key safe.")
        incidents.edit(note, 1)
        assert [i.ref for i in attention(service.snapshot(), later)] == ["INC-1"]
        # Without reasons the decision is refused, nothing changed.
        with pytest.raises(UserError) as refused:
            incidents.decide_not_to_notify("INC-1", "  ", later, 2)
        assert refused.value.place == "decision_note"
        assert service.incident("INC-1").decided_not_to_notify_at is None
        incidents.decide_not_to_notify("INC-1", "Encrypted; key safe: no risk.", later, 2)
        decided = service.incident("INC-1")
        assert decided.decided_not_to_notify_at == later
        assert decided.decision_note == "Encrypted; key safe: no risk."
        assert attention(service.snapshot(), later) == []
        # Notifying after all replaces the decision; a second decision is then refused.
        incidents.record_notification("INC-1", rec.Notification(at=later), 3)
        notified = service.incident("INC-1")
        assert notified.decided_not_to_notify_at is None
        assert notified.authority_notified_at == later
        with pytest.raises(UserError):
            incidents.decide_not_to_notify("INC-1", "No risk.", later, 4)
