"""The registry of record kinds: refs, load order, consistency with the records, time zones."""

from __future__ import annotations

import dataclasses

import pytest

from privdesk.domain import interchange, kinds, records
from privdesk.domain.kinds import Kind, Link, next_ref, zone_for


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    ref: str
    text: str = ""
    activities: tuple[str, ...] = ()


NOTES = Kind(name="notes", record=Note, prefix="NOTE-", table="note",
             links=(Link("activities", "activities", table="note_activity"),),
             singular="Note", plural="Notes")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RegisterWithNotes(records.Register):
    notes: tuple[Note, ...] = ()


def test_next_ref_counts_on_from_the_highest_and_leaves_gaps() -> None:
    assert next_ref([], "PA-") == "PA-001"
    assert next_ref(["PA-001", "PA-005"], "PA-") == "PA-006"
    assert next_ref(["PA-010", "PA-9"], "PA-") == "PA-011"
    assert next_ref(["PA-999"], "PA-") == "PA-1000"


def test_next_ref_ignores_other_prefixes_and_forms() -> None:
    refs = ["VEN-009", "PA-7b", "pa-050", "PA-2025-001", "XPA-020", "PA-", "PA-٣"]
    assert next_ref(refs, "PA-") == "PA-001"
    assert next_ref(refs, "VEN-") == "VEN-010"


def test_each_kind_makes_refs_with_its_prefix() -> None:
    assert kinds.kind("activities").next_ref(["PA-002", "VEN-007"]) == "PA-003"
    assert kinds.kind("processors").next_ref(["PA-002", "VEN-007"]) == "VEN-008"
    refs = ["INC-2025-004", "INC-2026-001", "DSAR-2026-002"]
    assert kinds.kind("incidents").next_ref(refs, 2026) == "INC-2026-002"
    assert kinds.kind("incidents").next_ref(refs, 2027) == "INC-2027-001"
    assert kinds.kind("requests").next_ref(refs, 2026) == "DSAR-2026-003"


def test_a_yearly_prefix_needs_the_year() -> None:
    with pytest.raises(ValueError, match="per year"):
        kinds.kind("requests").next_ref([])


def test_zone_for_the_countries_of_the_authorities() -> None:
    assert zone_for("NO") == "Europe/Oslo"
    assert zone_for("SE") == "Europe/Stockholm"
    assert zone_for("se") == "Europe/Stockholm"
    assert zone_for("DK") == "UTC"
    assert zone_for("") == "UTC"
    assert zone_for(None) == "UTC"


def test_load_order_puts_every_kind_after_those_it_refers_to() -> None:
    order = [k.name for k in kinds.load_order()]
    assert order == ["processors", "activities", "incidents", "requests"]
    for position, kind in enumerate(kinds.load_order()):
        for link in kind.links:
            if link.target != kind.name:
                assert order.index(link.target) < position, (kind.name, link.field)


def test_each_kind_names_the_kinds_it_refers_to() -> None:
    assert kinds.kind("incidents").refers_to == {"activities", "processors"}
    assert kinds.kind("requests").refers_to == {"activities"}
    assert kinds.kind("processors").refers_to == {"processors"}
    assert kinds.kind("requests").link("data").item == "activity"


def test_load_order_refuses_a_circle() -> None:
    a = dataclasses.replace(NOTES, name="a", links=(Link("activities", "b", table="x"),))
    b = dataclasses.replace(NOTES, name="b", links=(Link("activities", "a", table="y"),))
    with pytest.raises(ValueError, match="circle"):
        kinds.load_order((a, b))


def test_the_registry_matches_the_register_and_the_interchange() -> None:
    kinds.check()
    assert kinds.names() == tuple(records.RECORD_TYPES)
    sections = list(interchange.register_to_json(records.Register()))
    assert sections == ["format", "version", *records.SETTINGS, *kinds.names()]
    for kind in kinds.KINDS:
        assert kinds.kind_of(kind.record.__new__(kind.record)) is kind
        assert kind.singular and kind.plural


def test_a_kind_the_register_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="notes"):
        kinds.check((*kinds.KINDS, NOTES))
    with pytest.raises(ValueError, match="requests"):
        kinds.check(kinds.KINDS[:-1])


def test_a_link_to_no_kind_is_refused() -> None:
    broken = dataclasses.replace(kinds.kind("activities"),
                                 links=(Link("processors", "vendors", table="x"),))
    with pytest.raises(ValueError, match="vendors"):
        kinds.check((broken, *kinds.KINDS[1:]))


def test_records_of_an_unregistered_kind_are_refused_not_dropped() -> None:
    register = RegisterWithNotes(notes=(Note(ref="NOTE-001"),))
    with pytest.raises(LookupError, match="notes"):
        kinds.lists(register)
    with pytest.raises(LookupError, match="notes"):
        interchange.register_to_json(register)
    # An empty list of an unknown kind loses nothing.
    assert kinds.lists(RegisterWithNotes())[kinds.kind("activities")] == ()


def test_an_unknown_name_is_a_bug() -> None:
    with pytest.raises(LookupError, match="vendors"):
        kinds.kind("vendors")
    with pytest.raises(TypeError):
        kinds.kind_of(Note(ref="NOTE-001"))
