"""Records compare, hash and show themselves by their fields, as dataclasses do."""

from __future__ import annotations

import dataclasses

import pytest

from privdesk.domain import records as rec


def test_records_equal_by_value_and_only_within_their_class() -> None:
    one = rec.Processor(ref="DB-001", name="Skooler")
    assert one == rec.Processor(ref="DB-001", name="Skooler")
    assert hash(one) == hash(rec.Processor(ref="DB-001", name="Skooler"))
    assert one != rec.Processor(ref="DB-001", name="Skooler AS")
    assert one != rec.Activity(ref="DB-001", name="Skooler")
    assert len({one, rec.Processor(ref="DB-001", name="Skooler")}) == 1
    # Nested records and tuples of them take part, as in the undo history's comparisons.
    first = rec.Activity(ref="PA-001", name="Pupils", dpia=rec.Dpia(required=True))
    assert first == dataclasses.replace(first)
    assert first != dataclasses.replace(first, dpia=rec.Dpia(required=False))
    assert rec.Register(activities=(first,)) == rec.Register(activities=(first,))


def test_a_record_shows_every_field_by_name() -> None:
    contact = rec.Contact(name="Kari Nordmann", email="kari@example.no")
    assert repr(contact) == "Contact(name='Kari Nordmann', email='kari@example.no', phone=None)"


def test_records_stay_frozen_and_slotted() -> None:
    contact = rec.Contact(name="Kari")
    with pytest.raises(dataclasses.FrozenInstanceError):
        contact.name = "Ola"  # type: ignore[misc]
    assert not hasattr(contact, "__dict__")
