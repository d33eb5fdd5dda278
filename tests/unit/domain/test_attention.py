"""What needs attention: breach clocks first, then deadlines, then the record's gaps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from privdesk.domain.attention import (
    BREACH,
    GAP,
    OVERDUE,
    RUNNING,
    SOON,
    attention,
    counts,
    local_today,
)
from privdesk.domain.records import (
    Activity,
    Agreement,
    DataSubject,
    Extension,
    IdentityCheck,
    Incident,
    Notification,
    Organisation,
    Processor,
    Register,
    Request,
    Requester,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday, 10:00 in Oslo
SCHOOL = Organisation(name="Testvik skole", country="NO")


def _complete_activity(**changes: object) -> Activity:
    values: dict[str, object] = {
        "ref": "PA-1", "name": "Pupil register", "legal_bases": ("6.1.e",),
        "retention": "Five years after the pupil leaves", "review_due": date(2027, 6, 1),
    }
    values.update(changes)
    return Activity(**values)  # type: ignore[arg-type]


def _request(**changes: object) -> Request:
    values: dict[str, object] = {
        "ref": "DSAR-1", "received": date(2026, 11, 2),
        "subject": DataSubject(name="Test Pupil", groups=("pupils",)),
        "requester": Requester(name="Test Parent", relation="guardian"),
        "identity": IdentityCheck(verified=True),
    }
    values.update(changes)
    return Request(**values)  # type: ignore[arg-type]


def _incident(aware: datetime, **changes: object) -> Incident:
    values: dict[str, object] = {"ref": "INC-1", "title": "Lost laptop", "aware_at": aware}
    values.update(changes)
    return Incident(**values)  # type: ignore[arg-type]


def _items(register: Register) -> list[tuple[str, str, int]]:
    return [(i.ref, i.topic, i.urgency) for i in attention(register, NOW)]


def test_a_complete_register_needs_nothing() -> None:
    register = Register(organisation=SCHOOL, activities=(_complete_activity(),),
                        processors=(Processor(ref="VEN-1", name="Host", dpa=Agreement(
                            signed=date(2025, 1, 1), review_due=date(2027, 12, 1))),))
    assert attention(register, NOW) == []


def test_a_running_breach_clock_comes_first_with_its_hours() -> None:
    register = Register(
        organisation=SCHOOL,
        activities=(_complete_activity(legal_bases=()),),
        processors=(Processor(ref="VEN-1", name="Host", dpa=Agreement(
            signed=date(2025, 1, 1), review_due=date(2026, 1, 1))),),
        incidents=(_incident(NOW - timedelta(hours=30)),),
    )
    items = attention(register, NOW)
    first = items[0]
    assert (first.kind, first.ref, first.topic, first.urgency) == (
        "incidents", "INC-1", "incident_clock", BREACH)
    assert first.hours == pytest.approx(42.0)
    assert first.render() == ("INC-1 Lost laptop: 42 hours left to notify the authority "
                              "(by 2026-11-25 03:00:00+00:00)")
    # A breach clock comes before an agreement review that is long overdue.
    assert [i.topic for i in items] == ["incident_clock", "agreement_expired", "no_legal_basis"]


def test_a_breach_past_72_hours_is_overdue() -> None:
    register = Register(organisation=SCHOOL,
                        incidents=(_incident(NOW - timedelta(hours=80)),))
    (item,) = attention(register, NOW)
    assert item.urgency == BREACH
    assert item.hours is not None and item.hours < 0
    assert item.params["hours"] == 8


@pytest.mark.parametrize("changes", [
    {"authority_notified_at": NOW - timedelta(hours=2)},
    {"notifications": (Notification(at=NOW - timedelta(hours=2)),)},
    {"decision_note": "Encrypted laptop, key safe: no risk, not notified.",
     "decided_not_to_notify_at": NOW - timedelta(hours=1)},
    {"status": "closed"},
])
def test_a_notified_decided_or_closed_breach_has_no_clock(changes: dict[str, object]) -> None:
    register = Register(organisation=SCHOOL,
                        incidents=(_incident(NOW - timedelta(hours=30), **changes),))
    assert attention(register, NOW) == []


def test_a_decision_note_alone_leaves_the_clock_running() -> None:
    """Issue 17: typing the reasons is not deciding; only the explicit decision stops it."""
    register = Register(organisation=SCHOOL, incidents=(_incident(
        NOW - timedelta(hours=80), decision_note="Probably no risk, still checking."),))
    (item,) = attention(register, NOW)
    assert item.urgency == BREACH and item.topic == "incident_clock"


def test_requests_by_days_left_and_overdue() -> None:
    register = Register(organisation=SCHOOL, requests=(
        _request(ref="DSAR-LATE", received=date(2026, 10, 1)),
        _request(ref="DSAR-SOON", received=date(2026, 10, 27)),
        _request(ref="DSAR-NEW", received=date(2026, 11, 20)),
        _request(ref="DSAR-DONE", received=date(2026, 9, 1), status="answered"),
    ))
    items = attention(register, NOW)
    assert [(i.ref, i.urgency) for i in items] == [
        ("DSAR-LATE", OVERDUE), ("DSAR-SOON", RUNNING), ("DSAR-NEW", SOON)]
    # 2026-10-27 + one month = 2026-11-27, a Friday: four days left.
    assert items[1].params["days"] == 4
    assert items[1].params["date"] == date(2026, 11, 27)
    assert items[0].render() == ("DSAR-LATE (Test Pupil): the answer was due 2026-11-02, "
                                 "21 days ago")


def test_an_extension_notice_is_due_within_the_first_month() -> None:
    extended = _request(received=date(2026, 11, 2), status="extended",
                        extension=Extension(months=2, reasons="Twelve systems to search"))
    items = attention(Register(organisation=SCHOOL, requests=(extended,)), NOW)
    notice = [i for i in items if i.topic == "extension_notice"]
    assert len(notice) == 1
    assert notice[0].params["date"] == date(2026, 12, 2)
    # The answer itself is now due at the end of the extension.
    due = [i for i in items if i.topic == "request_due"][0]
    assert due.params["date"] == date(2027, 2, 2)
    told = _request(received=date(2026, 11, 2), status="extended", extension=Extension(
        months=2, reasons="Twelve systems", notified=date(2026, 11, 20)))
    assert [i.topic for i in attention(Register(organisation=SCHOOL, requests=(told,)), NOW)
            ] == ["request_due"]


def test_an_unverified_identity_is_shown() -> None:
    request = _request(received=date(2026, 11, 20), identity=IdentityCheck(verified=False))
    topics = {i.topic for i in attention(Register(organisation=SCHOOL, requests=(request,)),
                                          NOW)}
    assert topics == {"request_due", "identity_unverified"}


def test_processor_agreements() -> None:
    register = Register(organisation=SCHOOL, processors=(
        Processor(ref="VEN-1", name="No agreement"),
        Processor(ref="VEN-2", name="Expired", dpa=Agreement(
            signed=date(2024, 1, 1), review_due=date(2026, 11, 1))),
        Processor(ref="VEN-3", name="Due soon", dpa=Agreement(
            signed=date(2024, 1, 1), review_due=date(2026, 12, 15))),
        Processor(ref="VEN-4", name="Fine", dpa=Agreement(
            signed=date(2024, 1, 1), review_due=date(2028, 1, 1))),
        Processor(ref="VEN-5", name="Another controller", role="independent_controller"),
    ))
    assert _items(register) == [
        ("VEN-2", "agreement_expired", OVERDUE),
        ("VEN-3", "agreement_review", SOON),
        ("VEN-1", "agreement_missing", GAP),
    ]


def test_activity_gaps_and_reviews() -> None:
    register = Register(organisation=SCHOOL, activities=(
        _complete_activity(ref="PA-1", legal_bases=(), retention=None, review_due=None),
        _complete_activity(ref="PA-2", review_due=date(2026, 10, 1)),
        _complete_activity(ref="PA-3", review_due=date(2026, 12, 1)),
        _complete_activity(ref="PA-4", role="processor", legal_bases=()),
        _complete_activity(ref="PA-5", legal_bases=(), status="retired"),
        _complete_activity(ref="PA-6", retention=None, retention_period="P5Y"),
    ))
    assert _items(register) == [
        ("PA-2", "review_overdue", OVERDUE),
        ("PA-3", "review_soon", SOON),
        ("PA-1", "no_legal_basis", GAP),
        ("PA-1", "no_retention", GAP),
        ("PA-1", "no_review_date", GAP),
    ]


def test_render_formats_values_through_the_callers_function() -> None:
    register = Register(organisation=SCHOOL, activities=(
        _complete_activity(review_due=date(2026, 10, 1)),))
    (item,) = attention(register, NOW)

    def text(value: object) -> str:
        return value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)

    assert item.render(lambda s: s.replace("the review was due", "revisjon var"), text) == (
        "PA-1 Pupil register: revisjon var 01.10.2026")


def test_the_day_is_the_schools_day() -> None:
    late_evening = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # 00:30 on the 23rd in Oslo
    assert local_today(late_evening, "NO") == date(2026, 11, 23)
    assert local_today(late_evening, None) == date(2026, 11, 22)
    with pytest.raises(ValueError):
        local_today(datetime(2026, 11, 22, 23, 30), "NO")  # noqa: DTZ001 - the refused case


def test_counts() -> None:
    register = Register(
        activities=(_complete_activity(),),
        incidents=(_incident(NOW), _incident(NOW, ref="INC-2", status="closed")),
        requests=(_request(), _request(ref="DSAR-2", status="answered")),
    )
    found = counts(register)
    assert (found.activities, found.processors, found.open_incidents, found.open_requests) == (
        1, 0, 1, 1)


@pytest.mark.parametrize(("language", "late", "left"), [
    ("en", "the answer was due 2026-11-23, 1 day ago", "answer by 2026-11-25, 1 day left"),
    ("nb", "svarfristen var 2026-11-23, for 1 dag siden", "svar innen 2026-11-25, 1 dag igjen"),
    ("sv", "svaret skulle ha lämnats 2026-11-23, för 1 dag sedan",
     "svara senast 2026-11-25, 1 dag kvar"),
])
def test_one_day_is_said_in_the_singular(language: str, late: str, left: str) -> None:
    from privdesk.i18n import translation

    # On Tuesday 24 November: due on Monday (yesterday) and on Wednesday (tomorrow).
    register = Register(organisation=SCHOOL, requests=(
        _request(ref="DSAR-LATE", received=date(2026, 10, 23)),
        _request(ref="DSAR-SOON", received=date(2026, 10, 25)),
    ))
    gettext = translation(language).gettext
    texts = [item.render(gettext) for item in attention(register, NOW + timedelta(days=1))]
    assert texts == [f"DSAR-LATE (Test Pupil): {late}", f"DSAR-SOON (Test Pupil): {left}"]


def test_a_long_overdue_breach_clock_counts_days() -> None:
    from privdesk.i18n import translation

    register = Register(organisation=SCHOOL, incidents=(
        _incident(NOW - timedelta(hours=72 + 908.8)),))
    (item,) = attention(register, NOW)
    assert item.render() == ("INC-1 Lost laptop: the 72 hours ran out 37 days ago; notify the "
                             "authority now or record the decision")
    assert "for 37 dager siden" in item.render(translation("nb").gettext)
    register = Register(organisation=SCHOOL, incidents=(_incident(NOW - timedelta(hours=73)),))
    assert "ran out 1 hour ago" in attention(register, NOW)[0].render()


def test_transfers_without_a_valid_safeguard_are_shown() -> None:
    """A vendor in the US with no safeguard (Art. 44), reached through the activity's
    processor, and Morocco under an "adequacy decision" that does not exist (Art. 45(3)),
    are shown; a UK support desk (adequacy) and a DPF-certified US vendor are not."""
    from privdesk.domain.records import Transfer

    signed = Agreement(signed=date(2025, 1, 1), review_due=date(2027, 12, 1))
    register = Register(organisation=SCHOOL, processors=(
        Processor(ref="VEN-1", name="App", country="NO", dpa=signed),
        Processor(ref="VEN-2", name="Tracker Inc", country="US", role="subprocessor",
                  parent="VEN-1", dpa=signed),
        Processor(ref="VEN-3", name="Helpdesk Ltd", country="GB", dpa=signed),
    ), activities=(
        _complete_activity(ref="PA-1", processors=("VEN-1",)),
        _complete_activity(ref="PA-2", transfers=(
            Transfer(country="MA", recipient="Support partner", safeguard="adequacy"),)),
        _complete_activity(ref="PA-3", processors=("VEN-3",), transfers=(
            Transfer(country="US", recipient="Stats LLC", safeguard="dpf"),)),
    ))
    items = attention(register, NOW)
    assert [(i.ref, i.topic, i.urgency) for i in items] == [
        ("PA-1", "transfer_without_safeguard", GAP),
        ("PA-2", "transfer_without_safeguard", GAP),
    ]
    assert items[0].render() == (
        "PA-1 Pupil register: data goes outside the EEA without a valid safeguard: "
        "Tracker Inc (US)")


def test_special_categories_without_an_article_9_condition_are_shown() -> None:
    """Health data is a special category: Art. 9(1) forbids processing it unless a
    condition of Art. 9(2) applies, so an activity without one is shown."""
    register = Register(organisation=SCHOOL, activities=(
        _complete_activity(ref="PA-1", data_categories=("identity", "health")),
        _complete_activity(ref="PA-2", data_categories=("health",),
                           special_conditions=("9.2.g",)),
        _complete_activity(ref="PA-3", data_categories=("identity",)),
    ))
    assert _items(register) == [("PA-1", "special_without_condition", GAP)]


def test_a_dpia_required_but_not_done_and_an_outgrown_screening_are_shown() -> None:
    """Art. 35(1): the assessment comes before the processing; a screening whose activity
    changed where its answers look asks to be done again (``domain/dpia.py``)."""
    from privdesk.domain import dpia
    from privdesk.domain.records import Dpia, replace

    required = _complete_activity(dpia=Dpia(required=True))
    found = attention(Register(organisation=SCHOOL, activities=(required,)), NOW)
    assert [(i.topic, i.urgency) for i in found] == [("dpia_not_done", GAP)]
    assert "a DPIA is required but not done" in found[0].render()
    done = replace(required, dpia=Dpia(required=True, done=date(2026, 1, 5)))
    assert attention(Register(organisation=SCHOOL, activities=(done,)), NOW) == []
    answers = [dpia.Answer(c.id, False) for c in dpia.criteria_for("NO")]
    screening = dpia.make_screening(answers, "NO", dpia.fingerprint(done, ()), "dpo", NOW)
    screened = replace(done, dpia=replace(done.dpia, screening=screening))
    assert attention(Register(organisation=SCHOOL, activities=(screened,)), NOW) == []
    grown = replace(screened, data_categories=("identity", "health"))
    topics = [i.topic for i in attention(Register(organisation=SCHOOL, activities=(grown,)),
                                         NOW)]
    assert "dpia_screening_out_of_date" in topics
