"""Closing a request: the day it was answered and, for other types than access, what was done."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from privdesk.domain import records as rec
from privdesk.domain.errors import UserError
from privdesk.services import open_register
from privdesk.services.requests import Requests

RECEIVED = date(2026, 11, 2)


def _request() -> rec.Request:
    return rec.Request(ref="DSAR-2026-001", kind="rectification", received=RECEIVED,
                       subject=rec.DataSubject(name="Emma Nilsen"),
                       requester=rec.Requester(name="Kari Nilsen", relation="guardian"),
                       note="Asked by phone first")


def test_an_answer_keeps_what_was_done_and_closes_the_request_once(tmp_path: Path) -> None:
    with open_register(tmp_path / "register.sqlite", actor="dpo@test") as service:
        requests = Requests(service)
        requests.create(_request())
        with pytest.raises(UserError):  # answered before it arrived: refused, nothing changed
            requests.mark_answered("DSAR-2026-001", date(2026, 11, 1), 1, outcome="Fixed")
        assert service.request("DSAR-2026-001").status == "open"
        requests.mark_answered("DSAR-2026-001", date(2026, 11, 20), 1,
                               outcome="  Birth date corrected in the pupil register ")
        answered = service.request("DSAR-2026-001")
        assert (answered.status, answered.answered) == ("answered", date(2026, 11, 20))
        assert answered.note == "Asked by phone first\n\nBirth date corrected in the pupil register"
        with pytest.raises(UserError):
            requests.mark_answered("DSAR-2026-001", date(2026, 11, 21), 2)
