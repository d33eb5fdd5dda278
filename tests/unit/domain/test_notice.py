"""The privacy notice's content from the register: its activities, its gaps, nothing internal."""

from __future__ import annotations

from datetime import date

import pytest

from privdesk.domain.errors import UserError
from privdesk.domain.notice import (
    MISSING_LEGAL_BASIS,
    MISSING_RETENTION,
    MISSING_SAFEGUARD,
    NoticeRefused,
    build_notice,
    choose_activities,
    notice_language,
)
from privdesk.domain.records import (
    Activity,
    Contact,
    Organisation,
    Processor,
    Transfer,
    replace,
)

SCHOOL = Organisation(name="Lindeby skole", country="NO", language="nb",
                      dpo=Contact(name="Mona Strand", email="pvo@lindeby.example"))
GRADES = Activity(ref="PA-1", name="Karakterer", purposes=("Vurdering",),
                  legal_bases=("6.1.e",), legal_basis_note="Opplæringslova § 3-1",
                  subjects=("pupils",), data_categories=("identity", "education"),
                  retention="Ut skolegangen", processors=("V-1",))
PAYROLL = Activity(ref="PA-2", name="Lønn", purposes=("Lønn",), legal_bases=("6.1.b",),
                   subjects=("staff",), retention="P5Y")
OLD = Activity(ref="PA-3", name="Gammel", subjects=("pupils",), status="retired")
FOR_OTHERS = Activity(ref="PA-4", name="Eksamen for kommunen", role="processor",
                      subjects=("pupils",))
CLOUD = Processor(ref="V-1", name="Skyen AS", country="NO", data_locations=("US",))


def notice(activities: list[Activity], **options: object) -> object:
    return build_notice(activities, [CLOUD], SCHOOL, audience="parents", language="nb",
                        today=date(2026, 12, 3), version=1, **options)  # type: ignore[arg-type]


def test_the_audience_chooses_the_active_activities_the_school_controls_about_its_people() -> None:
    register = [GRADES, PAYROLL, OLD, FOR_OTHERS]
    assert choose_activities(register, "parents") == [GRADES]
    assert choose_activities(register, "pupils") == [GRADES]
    assert choose_activities(register, "staff") == [PAYROLL]


def test_named_activities_are_taken_in_the_order_named_and_an_unknown_one_is_refused() -> None:
    assert choose_activities([GRADES, PAYROLL], "parents", ["PA-2", "PA-1"]) == [PAYROLL, GRADES]
    with pytest.raises(UserError) as refused:
        choose_activities([GRADES], "parents", ["PA-9"])
    assert "PA-9" in refused.value.render()


def test_an_activity_processed_for_another_controller_is_refused_when_named() -> None:
    with pytest.raises(UserError) as refused:
        choose_activities([GRADES, FOR_OTHERS], "parents", ["PA-1", "PA-4"])
    assert refused.value.render() == (
        "PA-4 “Eksamen for kommunen” is processed for another controller: it belongs in that "
        "controller's privacy notice, not in ours")


def test_an_audience_no_activity_concerns_is_refused() -> None:
    with pytest.raises(UserError):
        choose_activities([PAYROLL], "pupils")


def test_the_language_is_the_one_asked_for_else_the_organisations() -> None:
    assert notice_language("sv", SCHOOL) == "sv"
    assert notice_language(None, SCHOOL) == "nb"
    assert notice_language(None, None) == "en"


def test_gaps_refuse_the_notice_with_one_line_each_naming_the_activity() -> None:
    bare = Activity(ref="PA-5", name="Skoleskyss", purposes=("Skyss",), subjects=("pupils",))
    with pytest.raises(NoticeRefused) as refused:
        notice([GRADES, bare])
    lines = [gap.render() for gap in refused.value.gaps]
    # GRADES's processor keeps data in the US without a safeguard: a gap as well.
    assert len(lines) == 3
    assert any("PA-5" in line and "legal basis" in line for line in lines)
    assert any("PA-5" in line and "retention" in line for line in lines)
    assert any("PA-1" in line and "Skyen AS" in line and "safeguard" in line for line in lines)
    assert "3" in refused.value.render()


def test_marked_gaps_let_the_notice_through_saying_what_is_missing() -> None:
    bare = Activity(ref="PA-5", name="Skoleskyss", purposes=("Skyss",), subjects=("pupils",))
    made = build_notice([GRADES, bare], [CLOUD], SCHOOL, audience="parents", language="nb",
                        today=date(2026, 12, 3), version=2, mark_gaps=True)
    grades, transport = made.activities
    assert grades.missing == (MISSING_SAFEGUARD,)
    assert grades.transfers[0].safeguard is None
    assert set(transport.missing) == {MISSING_LEGAL_BASIS, MISSING_RETENTION}


def test_a_notice_without_an_organisation_is_refused_even_with_gaps_marked() -> None:
    with pytest.raises(NoticeRefused):
        build_notice([PAYROLL], [], None, audience="staff", language="en",
                     today=date(2026, 12, 3), version=1, mark_gaps=True)


def test_nothing_internal_reaches_the_notice() -> None:
    typed = Transfer(country="US", recipient="Skyen AS", safeguard="scc",
                     note="Asked Per on the phone; secret")
    activity = Activity(ref="PA-1", name="Karakterer", purposes=("Vurdering",),
                        legal_bases=("6.1.e",), subjects=("pupils",), retention="Ut året",
                        processors=("V-1",), transfers=(typed,), owner="Rektor Hansen",
                        security="Tofaktor", systems=("Visma",))
    made = notice([activity])
    flat = repr(made.activities)
    for internal in ("PA-1", "V-1", "secret", "Rektor Hansen", "Tofaktor", "Visma"):
        assert internal not in flat
    assert made.activities[0].anchor == "processing-1"
    assert made.activities[0].transfers[0].safeguard == "scc"
    assert made.refs == ("PA-1",)  # for the audit trail only


def test_activities_are_found_by_kind_of_data() -> None:
    payroll = Activity(ref="PA-2", name="Lønn", purposes=("Lønn",), legal_bases=("6.1.b",),
                       subjects=("staff",), retention="P5Y", data_categories=("identity",))
    made = build_notice([GRADES, payroll], [], SCHOOL, audience="staff", language="nb",
                        today=date(2026, 12, 3), version=1)
    found = dict(made.by_category())
    assert [a.name for a in found["education"]] == ["Karakterer"]
    assert [a.name for a in found["identity"]] == ["Karakterer", "Lønn"]
    assert not made.consent


def test_legitimate_interests_must_be_described() -> None:
    interests = Activity(ref="PA-6", name="Kameraovervåking", purposes=("Hindre hærverk",),
                         legal_bases=("6.1.f",), subjects=("staff",), retention="P7D")
    with pytest.raises(NoticeRefused) as refused:
        notice([interests])
    assert "legitimate interests" in refused.value.gaps[0].render()
    described = replace(interests, legal_basis_note="Verne skolens bygg mot hærverk")
    assert notice([described]).activities[0].statutory_basis == "Verne skolens bygg mot hærverk"
