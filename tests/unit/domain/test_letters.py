"""What blocks an access letter and what only warns (``domain/letters.py``)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from privdesk.domain.errors import UserError
from privdesk.domain.letters import (
    check_letter,
    is_electronic,
    is_late,
    letter_gaps,
    named_subjects,
)
from privdesk.domain.records import (
    DataItem,
    DataSubject,
    Extension,
    IdentityCheck,
    Organisation,
    Request,
    Requester,
    Withheld,
    replace,
)

SCHOOL = Organisation(name="Lindeby skole", country="NO", address="Lindeveien 5")
# Received Monday 2 November 2026: due Wednesday 2 December 2026 (one month, Art. 12(3)).
REQUEST = Request(
    ref="R-1", received=date(2026, 11, 2),
    subject=DataSubject(name="Sunniva Ødegård"),
    requester=Requester(name="Åse Ødegård", relation="guardian", relation_basis="Mother",
                        address="Lindeveien 40", email="ase@example.com"),
    identity=IdentityCheck(verified=True, method="BankID"),
    activities=("PA-1",),
    data=(DataItem(activity="PA-1", item="Bøker lest", value="14 bøker"),),
)
OTHERS = ["Emil Nilsen", "Sunniva Ødegård", "Åse Ødegård"]


def messages(request: Request, today: date | None = None) -> list[str]:
    return [gap.render() for gap in letter_gaps(request, SCHOOL, today=today)]


# --- late letters (Art. 12(3): without undue delay, at the latest within one month) ------------


def test_a_letter_after_the_due_date_without_a_reason_warns_that_none_is_recorded() -> None:
    assert not is_late(REQUEST, SCHOOL, date(2026, 12, 2))  # the due day itself is in time
    assert is_late(REQUEST, SCHOOL, date(2026, 12, 3))
    found = letter_gaps(REQUEST, SCHOOL, today=date(2026, 12, 3))
    late = [gap for gap in found if "late" in gap.message]
    assert [gap.blocks for gap in late] == [False]
    assert "no reason for the delay is recorded" in late[0].render()


def test_a_late_letter_with_a_recorded_reason_still_warns_but_says_it_gives_the_reason() -> None:
    found = messages(replace(REQUEST, delay_reason="The system was down"), today=date(2026, 12, 9))
    assert ("The answer is late: the letter says so, apologises and gives the reason for the "
            "delay.") in found


def test_an_extension_moves_the_date_after_which_a_letter_is_late() -> None:
    extended = replace(REQUEST, extension=Extension(months=2, reasons="Four systems"),
                       status="extended")
    # Extended by two months: due 2 February 2027 (a Tuesday).
    assert not is_late(extended, SCHOOL, date(2027, 1, 15))
    assert is_late(extended, SCHOOL, date(2027, 2, 3))
    assert not any("late" in text for text in messages(extended, today=date(2027, 1, 15)))


# --- another child's name in text meant for the recipient ---------------------------------------


def test_another_data_subjects_name_in_a_data_value_blocks_naming_the_item() -> None:
    leaking = replace(REQUEST, data=(DataItem(activity="PA-1", item="Group work",
                                              value="Wrote the poem with Emil Nilsen"),))
    with pytest.raises(UserError) as refused:
        check_letter(leaking, SCHOOL, others=OTHERS)
    assert refused.value.render() == (
        "R-1: the data item “Group work” names Emil Nilsen, another person in the register: "
        "remove the name, or allow it if you have checked that giving it out is lawful")


@pytest.mark.parametrize("written", [
    "emil nilsen", "EMIL  NILSEN", "Emil\nNilsen", "Emil Nilsens kommentar", "Emil Nilsen's",
])
def test_a_name_is_found_in_any_case_spacing_or_genitive(written: str) -> None:
    leaking = replace(REQUEST, withheld=(Withheld(description=f"A note by {written}",
                                                  reason="Other pupil"),))
    found = named_subjects(leaking, OTHERS)
    assert [gap.message.split(" names")[0] for gap in found] == ["withheld item {number}"]
    assert found[0].blocks
    # The name as written, without the genitive: what the DPO allows if it is lawful.
    named = found[0].params["name"]
    assert " ".join(named.split()).casefold() == "emil nilsen"
    assert named_subjects(leaking, OTHERS, allowed=[named]) == []


def test_a_text_naming_two_other_children_names_both() -> None:
    leaking = replace(REQUEST, delay_reason="Straße: Emil Nilsen and Lina Berg were ill")
    found = named_subjects(leaking, [*OTHERS, "Lina Berg"])
    assert [gap.params["name"] for gap in found] == ["Emil Nilsen", "Lina Berg"]


def test_a_name_written_with_decomposed_letters_is_still_the_name_but_other_letters_are_not(
        ) -> None:
    others = ["Åsmund Bjørnstad"]
    decomposed = unicodedata.normalize("NFD", "Åsmund Bjørnstad")
    assert decomposed != "Åsmund Bjørnstad"
    leaking = replace(REQUEST, delay_reason=f"We waited for {decomposed}")
    assert [gap.params["name"] for gap in named_subjects(leaking, others)] == [
        "Åsmund Bjørnstad"]
    # Diacritics are matched as written: "Asmund Bjornstad" is someone else's spelling.
    assert named_subjects(replace(REQUEST, delay_reason="Asmund Bjornstad"), others) == []


def test_part_of_a_name_or_a_longer_word_is_not_the_name() -> None:
    for text in ("Emil was absent", "Nilsen", "Emil Nilsenberg", "Xemil Nilsen"):
        leaking = replace(REQUEST, data=(DataItem(activity="PA-1", item="Note", value=text),))
        assert named_subjects(leaking, OTHERS) == [], text


def test_the_requesters_own_child_and_the_requester_are_not_flagged() -> None:
    own = replace(REQUEST, data=(DataItem(activity="PA-1", item="Name",
                                          value="SUNNIVA ØDEGÅRD, 4A; contact Åse Ødegård"),))
    assert named_subjects(own, OTHERS) == []


def test_every_text_the_letter_prints_is_checked_and_the_dpos_notes_are_not() -> None:
    named = "Emil Nilsen"
    places = {
        "the data item “{item}” names": replace(REQUEST, data=(DataItem(
            activity="PA-1", item="Item", value="v", source=f"{named}'s teacher"),)),
        "the reason for the delay names": replace(REQUEST, delay_reason=named),
        "the reasons for the extension name": replace(REQUEST, extension=Extension(
            months=1, reasons=f"Waiting for {named}")),
        "the requester's relation or identity check names": replace(
            REQUEST, identity=IdentityCheck(verified=True, method=f"Vouched for by {named}")),
    }
    for start, request in places.items():
        found = named_subjects(request, OTHERS)
        assert [gap.message.startswith(start) for gap in found] == [True], start
    with_notes = replace(REQUEST, note=named,
                         data=(DataItem(activity="PA-1", item="x", value="y", note=named),),
                         withheld=(Withheld(description="d", reason="r", note=named),))
    assert named_subjects(with_notes, OTHERS) == []


def test_a_name_the_dpo_allowed_is_not_flagged_but_another_one_still_is() -> None:
    leaking = replace(REQUEST, data=(DataItem(
        activity="PA-1", item="Siblings", value="Emil Nilsen and Lina Berg"),))
    others = [*OTHERS, "Lina Berg"]
    assert check_letter(leaking, SCHOOL, others=others,
                        allowed=["emil  nilsen", "Lina Berg"]) == []
    with pytest.raises(UserError, match="names Lina Berg"):
        check_letter(leaking, SCHOOL, others=others, allowed=["Emil Nilsen"])


def test_an_unverified_identity_is_refused_before_any_name() -> None:
    leaking = replace(REQUEST, identity=IdentityCheck(verified=False),
                      delay_reason="Emil Nilsen")
    with pytest.raises(UserError, match="identity is not verified"):
        check_letter(leaking, SCHOOL, others=OTHERS)


def test_a_missing_organisation_blocks() -> None:
    with pytest.raises(UserError, match="no organisation"):
        check_letter(REQUEST, None)


# --- warnings and the form of the copy -----------------------------------------------------------


def test_no_postal_address_warns_and_the_copy_goes_in_electronic_form() -> None:
    by_mail = replace(REQUEST, requester=replace(REQUEST.requester, address=None))
    assert is_electronic(by_mail) and not is_electronic(REQUEST)
    assert ("The requester has no postal address: the answer goes by e-mail, as a copy in "
            "electronic form.") in messages(by_mail)
    assert all(not gap.blocks for gap in check_letter(by_mail, SCHOOL))


def test_an_activity_without_data_items_warns() -> None:
    found = check_letter(replace(REQUEST, activities=("PA-1", "PA-2")), SCHOOL)
    assert [gap.render() for gap in found] == ["No data items are recorded for PA-2."]


def test_an_unverified_erasure_request_asks_for_the_check_before_acting_not_a_letter() -> None:
    """Issue 17: an erasure request is answered by erasing, not by privdesk's letter."""
    erasure = replace(REQUEST, kind="erasure", identity=IdentityCheck(verified=False))
    found = messages(erasure)
    assert ("the requester's identity is not verified: verify it before acting on the request"
            in found)
    assert not any("letter goes out" in text for text in found)
    assert any("letter goes out" in text for text in messages(
        replace(REQUEST, identity=IdentityCheck(verified=False))))
