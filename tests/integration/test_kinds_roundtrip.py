"""Every kind in the registry goes through load, dump and list; a kind the store lacks is refused.

Adding a kind to ``privdesk/domain/kinds.py`` makes these tests cover it: its records (the demo
register must hold some) are loaded, dumped and listed by the command line as they went in.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from support import run_cli

from privdesk.domain import interchange, kinds, records
from privdesk.domain.kinds import Kind, Link
from privdesk.services import RegisterService
from privdesk.services.demo import demo_register
from privdesk.store import mapping


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """A fifth kind of record that the store has no table for."""

    ref: str
    text: str = ""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RegisterWithNotes(records.Register):
    notes: tuple[Note, ...] = ()


NOTES = Kind(name="notes", record=Note, prefix="NOTE-", table="note", links=(),
             singular="Note", plural="Notes")


@pytest.fixture
def loaded(service: RegisterService) -> records.Register:
    register = demo_register()
    change = service.load(register)
    # load reports what it inserted: every record, nothing more.
    expected = [(kind.name, r.ref) for kind in kinds.load_order()
                for r in getattr(register, kind.name)]
    assert change.created == tuple(expected)
    return register


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda k: k.name)
def test_every_kind_round_trips_through_load_dump_and_list(
        kind: Kind, loaded: records.Register, database_target: str) -> None:
    wanted = [interchange.to_json(r) for r in getattr(loaded, kind.name)]
    assert wanted, f"the demo register holds no {kind.name}: add some to resources/demo"

    dumped = run_cli("dump", "--db", database_target)
    assert dumped.code == 0, dumped.stderr
    section = json.loads(dumped.stdout)[kind.name]
    assert sorted(section, key=lambda r: r["ref"]) == sorted(wanted, key=lambda r: r["ref"])

    listed = run_cli("list", kind.name, "--json", "--db", database_target)
    assert listed.code == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [row["ref"] for row in rows] == sorted(r["ref"] for r in wanted)
    by_ref = {r["ref"]: r for r in wanted}
    for row in rows:
        assert {k: v for k, v in row.items() if k in by_ref[row["ref"]]} == by_ref[row["ref"]]

    plain = run_cli("list", kind.name, "--db", database_target, "--lang", "en")
    assert plain.code == 0, plain.stderr
    assert all(r["ref"] in plain.stdout for r in wanted)


def test_load_reports_exactly_what_it_inserted(service: RegisterService) -> None:
    register = records.Register(
        processors=(records.Processor(ref="VEN-001", name="Host"),
                    records.Processor(ref="VEN-002", name="Sub", parent="VEN-001")),
        activities=(records.Activity(ref="PA-001", name="Grades", processors=("VEN-002",)),),
    )
    change = service.load(register)
    assert change.created == (("processors", "VEN-001"), ("processors", "VEN-002"),
                              ("activities", "PA-001"))
    assert service.snapshot() == register


def test_a_registered_kind_without_a_table_makes_load_refuse(
        service: RegisterService, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, NOTES))
    register = RegisterWithNotes(
        activities=(records.Activity(ref="PA-001", name="Grades"),),
        notes=(Note(ref="NOTE-001", text="kept nowhere"),),
    )
    with pytest.raises(LookupError, match="notes"):
        service.load(register)
    monkeypatch.undo()
    assert service.is_empty()


def test_records_of_an_unregistered_kind_make_load_refuse(service: RegisterService) -> None:
    register = RegisterWithNotes(
        activities=(records.Activity(ref="PA-001", name="Grades"),),
        notes=(Note(ref="NOTE-001"),),
    )
    with pytest.raises(LookupError, match="notes"):
        service.load(register)
    assert service.is_empty()


def test_the_store_keeps_every_kind_of_the_registry() -> None:
    mapping.check()
    assert list(mapping.TABLES) == list(kinds.names())
    with pytest.raises(LookupError, match="notes"):
        mapping.check((*kinds.KINDS, NOTES))
    linked = dataclasses.replace(kinds.kind("activities"),
                                 links=(Link("processors", "processors", table="note_activity"),))
    with pytest.raises(LookupError, match="note_activity"):
        mapping.check((linked,))
