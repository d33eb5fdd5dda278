"""Values the reader refuses because the program could not handle them afterwards (issue 20):
years outside 1900–2199, refs PostgreSQL cannot store or a reader cannot tell apart, control
characters in text, a name given twice in one object, a version that only equals 1.

The window's forms and ``import-ropa`` check records with the same ``read_record``, so these
rules hold there too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from privdesk.domain import interchange, records
from privdesk.domain.errors import UserError

ROOT = Path(__file__).resolve().parents[3]
DEMO = json.loads((ROOT / "resources" / "demo" / "nordvik-skole.json").read_text("utf-8"))
INCIDENT = {"ref": "INC-1", "title": "Lost laptop", "aware_at": "2026-11-20T09:15:00+01:00"}


def refusal(cls: type[Any], data: dict[str, Any]) -> str:
    with pytest.raises(UserError) as refused:
        interchange.read_record(cls, data, "")
    return refused.value.render()


@pytest.mark.parametrize(("field", "value"), [
    ("aware_at", "9999-12-31T22:00Z"), ("aware_at", "2200-01-01T00:00Z"),
    ("aware_at", "1899-12-31T23:59+00:00"), ("occurred_at", "0999-06-01T12:00Z"),
])
def test_a_moment_outside_the_years_is_refused(field: str, value: str) -> None:
    assert refusal(records.Incident, {**INCIDENT, field: value}) == \
        f'{field}: "{value}" is outside the years 1900 to 2199'


def test_the_years_at_the_edges_are_read() -> None:
    incident = interchange.read_record(records.Incident, {
        **INCIDENT, "occurred_at": "1900-01-01T00:00Z", "aware_at": "2199-12-31T23:59+14:00"},
        "")
    assert incident.aware_at.year == 2199


@pytest.mark.parametrize("value", ["9999-12-31", "2200-01-01", "1899-12-31"])
def test_a_date_outside_the_years_is_refused(value: str) -> None:
    activity = {"ref": "PA-1", "name": "Teaching", "review_due": value}
    assert refusal(records.Activity, activity) == \
        f'review_due: "{value}" is outside the years 1900 to 2199'


def test_a_ref_longer_than_the_database_column_is_refused() -> None:
    assert interchange.read_record(records.Activity, {"ref": "P" * 100, "name": "n"}, "")
    assert refusal(records.Activity, {"ref": "P" * 101, "name": "n"}) == \
        "ref: a ref is at most 100 characters (this one has 101)"


@pytest.mark.parametrize(("ref", "shown"), [
    ("PA-\x1b[31m1", "the text holds a control character (U+001B)"),
    ("PA-\x071", "the text holds a control character (U+0007)"),
    ("PA-9\nPA-10", "a ref may not hold the character U+000A"),
    ("PA-9\tPA-10", "a ref may not hold the character U+0009"),
    ("PA-001\u200b", "a ref may not hold the character U+200B (ZERO WIDTH SPACE)"),
    ("\u202ePA-001", "a ref may not hold the character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\u2066PA-001\u2069", "a ref may not hold the character U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("PA\u00a0001", "a ref may not hold the character U+00A0 (NO-BREAK SPACE)"),
    ("PA-1\u2028", "a ref may not hold the character U+2028 (LINE SEPARATOR)"),
])
def test_a_ref_with_an_invisible_or_control_character_is_refused(ref: str, shown: str) -> None:
    for cls, data in ((records.Activity, {"name": "n"}), (records.Incident, INCIDENT)):
        assert refusal(cls, {**data, "ref": ref}) == f"ref: {shown}"


def test_refs_in_the_nordic_alphabets_and_with_spaces_are_read() -> None:
    for ref in ("PA-001", "BEH Ø-12", "Behandling å/3", "ÁŊĐ-1"):
        assert interchange.read_record(records.Activity, {"ref": ref, "name": "n"}, "").ref == ref


@pytest.mark.parametrize("character", ["\x07", "\x1b", "\x08", "\x7f", "\x9b", "\x0c"])
def test_a_control_character_in_a_name_or_free_text_is_refused(character: str) -> None:
    code = f"U+{ord(character):04X}"
    assert refusal(records.Activity, {"ref": "PA-1", "name": f"A{character}B"}) == \
        f"name: the text holds a control character ({code})"
    assert refusal(records.Incident, {**INCIDENT, "description": f"x{character}"}) == \
        f"description: the text holds a control character ({code})"


def test_tabs_and_line_breaks_in_free_text_are_kept() -> None:
    text = "Line one\r\nline two\n\tindented"
    incident = interchange.read_record(records.Incident, {**INCIDENT, "description": text}, "")
    assert incident.description == text


@pytest.mark.parametrize("document", [
    '{"format": "x", "format": "privdesk-register", "version": 1}',
    '{"format": "privdesk-register", "version": 1, "activities": '
    '[{"ref": "PA-1", "name": "a", "name": "b"}]}',
])
def test_a_name_given_twice_in_one_object_is_refused(document: str) -> None:
    with pytest.raises(UserError) as refused:
        interchange.loads(document)
    assert "appears twice in one object" in refused.value.render()


def test_the_demo_has_no_name_twice() -> None:
    assert interchange.loads(json.dumps(DEMO)).activities


@pytest.mark.parametrize(("version", "shown"), [(True, "true"), (1.0, "1.0"), ("1", "1")])
def test_only_the_whole_number_1_is_version_1(version: object, shown: str) -> None:
    with pytest.raises(UserError) as refused:
        interchange.loads(json.dumps({**DEMO, "version": version}))
    assert refused.value.render() == \
        f"version: version {shown} is not supported (this program reads 1)"
