"""DPIA screening: cases from the guidelines' own examples and from schools, each with its source.

WP248 rev.01, section III.B.a, ends with a table of examples ("Examples of processing",
"Possible Relevant criteria", "DPIA likely to be required?"); the cases below named "WP248
example" are those rows, answered as the table answers them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pytest

from privdesk.domain import codes, dpia
from privdesk.domain.errors import UserError
from privdesk.domain.records import Activity, Dpia, Processor
from privdesk.domain.transfers import Chains


def answers(country: str | None, yes: Iterable[str], base: Iterable[dpia.Answer] = ()
            ) -> tuple[dpia.Answer, ...]:
    """Every question of ``country``'s screening answered: ``yes`` met, the rest not (the
    answers in ``base`` kept where given)."""
    kept = {a.criterion: a for a in base if a.met is not None}
    chosen = set(yes)
    return tuple(
        dpia.Answer(c.id, True, "DPO") if c.id in chosen
        else kept.get(c.id, dpia.Answer(c.id, False, "DPO"))
        for c in dpia.criteria_for(country))


def screened(activity: Activity, processors: Iterable[Processor], country: str | None
             ) -> tuple[tuple[dpia.Answer, ...], Chains]:
    chains = Chains(processors)
    names = {p.ref: p.name for p in chains.by_ref.values()}
    return dpia.prefill(activity, chains.transfers(activity), country, names=names), chains


def test_the_nine_wp248_criteria_and_the_two_national_lists_each_name_their_source() -> None:
    general = [c for c in dpia.CRITERIA if c.source == dpia.WP248]
    assert [c.item for c in general] == [str(n) for n in range(1, 10)]
    assert {c.source for c in dpia.CRITERIA} == {dpia.WP248, dpia.DATATILSYNET, dpia.IMY}
    assert tuple(c.id for c in dpia.CRITERIA) == codes.DPIA_CRITERIA
    # Datatilsynet's numbering could not be checked (docs/dpia.md): no invented numbers.
    assert [c.reference for c in dpia.criteria_for("NO") if c.source != dpia.WP248] == [
        "Datatilsynet"] * 6
    assert dpia.BY_ID["monitoring"].reference == "WP248 3"
    # Norway asks WP248 and Datatilsynet's list; IMY's list is WP248's nine criteria with
    # "two or more: a DPIA must be made" (imy.se, "Förteckning över när en
    # konsekvensbedömning ska göras"), so Sweden, like elsewhere, asks WP248's only.
    assert {c.source for c in dpia.criteria_for("NO")} == {dpia.WP248, dpia.DATATILSYNET}
    assert [c.id for c in dpia.criteria_for("SE")] == list(codes.DPIA_CRITERIA[:9])
    assert {c.source for c in dpia.criteria_for("DK")} == {dpia.WP248}


def test_a_swedish_screening_saved_with_the_retired_imy_questions_asks_for_a_new_one() -> None:
    """The se.* questions were encoded as if IMY's list had such items; a screening saved
    with them is out of date, and opening it asks the nine WP248 questions only."""
    activity = Activity(ref="PA-9", name="Learning platform", subjects=("pupils",))
    old = dpia.make_screening(
        answers(None, ["vulnerable"]) + (dpia.Answer("se.pupils", True, "DPO"),), "SE",
        dpia.fingerprint(activity, ()), "dpo", datetime(2026, 1, 5, tzinfo=UTC))
    screened_before = Activity(ref="PA-9", name="Learning platform", subjects=("pupils",),
                               dpia=Dpia(screening=old))
    assert dpia.out_of_date(screened_before, ())
    reopened = dpia.prefill(screened_before, (), "SE", old)
    assert "se.pupils" not in {a.criterion for a in reopened}
    assert dpia.decide(reopened, "SE").result == dpia.RECOMMENDED  # one criterion only


# ------------------------------------------------------------- WP248's table of examples


def test_wp248_example_hospital_genetic_and_health_data_requires_a_dpia() -> None:
    """WP248 example: "A hospital processing its patients' genetic and health data (hospital
    information system)": sensitive data, vulnerable data subjects, large scale."""
    decision = dpia.decide(answers(None, ["sensitive", "vulnerable", "large_scale"]), None)
    assert decision.result == dpia.REQUIRED
    assert decision.deciding == ("sensitive", "large_scale", "vulnerable")


def test_wp248_example_monitoring_employees_workstations_requires_a_dpia() -> None:
    """WP248 example: "A company systematically monitoring its employees' activities,
    including the monitoring of the employees' work station, internet activity, etc.":
    systematic monitoring, vulnerable data subjects."""
    decision = dpia.decide(answers(None, ["monitoring", "vulnerable"]), None)
    assert (decision.result, decision.deciding) == (dpia.REQUIRED, ("monitoring", "vulnerable"))


def test_wp248_example_the_same_monitoring_is_on_datatilsynets_list_in_norway() -> None:
    """Datatilsynet's list, systematic monitoring of employees: required in Norway by the
    list alone, with the list's item named first."""
    decision = dpia.decide(answers("NO", ["no.employees"]), "NO")
    assert (decision.result, decision.deciding) == (dpia.REQUIRED, ("no.employees",))


def test_wp248_example_credit_rating_database_requires_a_dpia() -> None:
    """WP248 example: "An institution creating a national level credit rating or fraud
    database": evaluation or scoring, automated decision-making with legal effect, prevents
    the exercise of a right or the use of a service, sensitive data."""
    decision = dpia.decide(answers(None, ["evaluation", "automated_decision", "sensitive",
                                          "prevents_rights"]), None)
    assert decision.result == dpia.REQUIRED
    assert len(decision.deciding) == 4


def test_wp248_example_online_magazine_mailing_list_meets_one_criterion_only() -> None:
    """WP248 example: "An online magazine using a mailing list to send a generic daily digest
    to its subscribers": large scale alone, "DPIA not likely to be required". With one
    criterion the screening recommends (never requires) a DPIA and names the criterion: the
    DPO's reasons record why none was made."""
    decision = dpia.decide(answers(None, ["large_scale"]), None)
    assert (decision.result, decision.deciding) == (dpia.RECOMMENDED, ("large_scale",))


def test_nothing_met_means_not_required_and_unanswered_questions_are_listed() -> None:
    assert dpia.decide(answers("SE", []), "SE") == dpia.Decision(dpia.NOT_REQUIRED, (), ())
    half = [dpia.Answer("vulnerable", True), dpia.Answer("sensitive", None)]
    decision = dpia.decide(half, None)
    assert decision.result == dpia.RECOMMENDED
    assert "sensitive" in decision.unanswered and not decision.complete
    with pytest.raises(UserError) as refused:
        dpia.make_screening(half, None, "x", "dpo", datetime(2026, 12, 3, tzinfo=UTC))
    assert "sensitive" in refused.value.params["criteria"]


# ------------------------------------------------------------- school cases

PUPILS_APP = Processor(ref="VEN-010", name="Læringsløype AS", country="NO",
                       data_locations=("NO",))
HOMEWORK_US = Processor(ref="VEN-011", name="HomeworkHub Inc.", country="US",
                        data_locations=("US",))


def test_school_learning_platform_with_learning_analytics_requires_a_dpia_in_norway() -> None:
    """School case: a learning platform whose analytics follow each pupil's progress.
    Datatilsynet's list: evaluating learning, coping and well-being in schools; WP248:
    evaluation (behaviour data, pre-filled) and vulnerable data subjects (pupils, pre-filled)."""
    platform = Activity(ref="PA-1", name="Learning platform with learning analytics",
                        subjects=("pupils",), data_categories=("identity", "education",
                                                               "behaviour"),
                        processors=("VEN-010",))
    base, _ = screened(platform, [PUPILS_APP], "NO")
    by_id = {a.criterion: a for a in base}
    assert by_id["vulnerable"].met is True and by_id["vulnerable"].prefilled
    assert "pupils" in by_id["vulnerable"].reason
    assert by_id["evaluation"].met is True
    assert by_id["sensitive"].met is False  # identity, education, behaviour: none of them
    assert by_id["no.learning"].met is None  # the register cannot tell: the DPO answers
    decision = dpia.decide(answers("NO", ["no.learning"], base), "NO")
    assert decision.result == dpia.REQUIRED
    assert decision.deciding == ("no.learning", "evaluation", "vulnerable")


def test_school_camera_at_the_entrance_requires_a_dpia() -> None:
    """School case: a camera at the school entrance filming pupils, staff and visitors. WP248
    criterion 3 (systematic monitoring, the DPO's answer: a camera is not in the register's
    fields) with criterion 7 (children and employees, pre-filled)."""
    camera = Activity(ref="PA-2", name="Camera at the school entrance",
                      subjects=("pupils", "staff", "visitors"), data_categories=("images",))
    base, _ = screened(camera, [], "SE")
    assert {a.criterion: a.met for a in base}["monitoring"] is None
    decision = dpia.decide(answers("SE", ["monitoring"], base), "SE")
    assert (decision.result, decision.deciding) == (dpia.REQUIRED, ("monitoring", "vulnerable"))


def test_school_homework_app_with_a_us_provider_requires_a_dpia() -> None:
    """School case: a homework app whose provider keeps the data in the United States. The
    transfer (derived from the processor chain, ``domain/transfers.py``) pre-fills criterion 9,
    the pupils criterion 7: two criteria, required (WP248: "in most cases")."""
    homework = Activity(ref="PA-3", name="Homework app", subjects=("pupils", "guardians"),
                        data_categories=("identity", "education"), processors=("VEN-011",))
    base, _ = screened(homework, [HOMEWORK_US], "NO")
    by_id = {a.criterion: a for a in base}
    assert by_id["prevents_rights"].met is True
    assert "HomeworkHub Inc. (US)" in by_id["prevents_rights"].reason
    decision = dpia.decide(answers("NO", [], base), "NO")
    assert (decision.result, decision.deciding) == (dpia.REQUIRED,
                                                    ("vulnerable", "prevents_rights"))


def test_school_class_list_in_a_spreadsheet_is_only_recommended() -> None:
    """School case: a class list (names, guardians' phone numbers) kept in a spreadsheet on the
    school's own drive. Children are vulnerable data subjects (WP248 criterion 7), nothing
    else is met: one criterion, a DPIA is recommended, not required."""
    class_list = Activity(ref="PA-4", name="Class list", subjects=("pupils", "guardians"),
                          data_categories=("identity", "contact"))
    base, _ = screened(class_list, [], "NO")
    decision = dpia.decide(answers("NO", [], base), "NO")
    assert (decision.result, decision.deciding) == (dpia.RECOMMENDED, ("vulnerable",))


def test_the_fingerprint_follows_what_the_answers_depend_on() -> None:
    """A new processor in the US or a new category asks for a new screening; a new review
    date does not."""
    homework = Activity(ref="PA-3", name="Homework app", subjects=("pupils",),
                        data_categories=("identity",), processors=("VEN-010",))
    chains = Chains([PUPILS_APP, HOMEWORK_US])
    first = dpia.fingerprint(homework, chains.transfers(homework))
    screening = dpia.make_screening(answers(None, ["vulnerable"]), None, first, "dpo",
                                    datetime(2026, 12, 3, tzinfo=UTC))
    stored = Activity(ref="PA-3", name="Homework app", subjects=("pupils",),
                      data_categories=("identity",), processors=("VEN-010",),
                      dpia=Dpia(screening=screening))
    assert not dpia.out_of_date(stored, chains.transfers(stored))
    from privdesk.domain.records import replace

    reviewed = replace(stored, review_due=datetime(2027, 1, 1, tzinfo=UTC).date())
    assert not dpia.out_of_date(reviewed, chains.transfers(reviewed))
    moved = replace(stored, processors=("VEN-011",))
    assert dpia.out_of_date(moved, chains.transfers(moved))
    health = replace(stored, data_categories=("identity", "health"))
    assert dpia.out_of_date(health, chains.transfers(health))


def test_a_stored_screening_is_shown_as_the_dpo_answered_it() -> None:
    activity = Activity(ref="PA-5", name="Staff e-mail", subjects=("staff",))
    given = answers("NO", ["no.employees"])
    screening = dpia.make_screening(given, "NO", "f", "dpo", datetime(2026, 12, 3, tzinfo=UTC))
    again = dpia.prefill(replace_dpia(activity, screening), (), "NO", screening)
    assert [(a.criterion, a.met) for a in again] == [(a.criterion, a.met) for a in given]


def replace_dpia(activity: Activity, screening: object) -> Activity:
    from privdesk.domain.records import replace

    return replace(activity, dpia=Dpia(screening=screening))  # type: ignore[no-any-return]


def test_answers_from_the_command_line() -> None:
    assert dpia.parse_answer("monitoring=yes:Camera at the door") == (dpia.Answer(
        "monitoring", True, "Camera at the door"),)
    assert dpia.parse_answer("large_scale=NO") == (dpia.Answer("large_scale", False, ""),)
    assert dpia.parse_answer("matching, innovative=no:Not: at all") == (
        dpia.Answer("matching", False, "Not: at all"),
        dpia.Answer("innovative", False, "Not: at all"))
    for bad in ("monitoring", "nonsense=yes", "monitoring=maybe", "monitoring,=no"):
        with pytest.raises(UserError):
            dpia.parse_answer(bad)
    base = (dpia.Answer("monitoring", None), dpia.Answer("sensitive", True, "health", True))
    merged = dpia.merge_answers(base, dpia.parse_answer("sensitive=no"))
    # The DPO's "no" does not carry the register's reason for "yes", nor its mark.
    assert merged[1] == dpia.Answer("sensitive", False, "", False)
    confirmed = dpia.merge_answers(base, dpia.parse_answer("sensitive=yes"))
    assert confirmed[1] == dpia.Answer("sensitive", True, "health", True)
    with pytest.raises(UserError):
        dpia.merge_answers(base, dpia.parse_answer("no.learning=yes"))
