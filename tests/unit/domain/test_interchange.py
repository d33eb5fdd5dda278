"""The interchange reader refuses each kind of bad input with the place named."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from privdesk.domain import interchange
from privdesk.domain.errors import UserError


def document(**sections: Any) -> dict[str, Any]:
    return {"format": "privdesk-register", "version": 1, **sections}


def same(written: Any, given: Any) -> bool:
    """Equal, where moments count as equal when they are the same instant (written in UTC)."""
    if isinstance(given, dict):
        return written.keys() >= given.keys() and all(same(written[k], given[k]) for k in given)
    if isinstance(given, list):
        return len(written) == len(given) and all(map(same, written, given))
    if isinstance(given, str) and "T" in given and given[:4].isdigit():
        return datetime.fromisoformat(written) == datetime.fromisoformat(given)
    return bool(written == given)


def refusal(data: Any) -> str:
    with pytest.raises(UserError) as caught:
        interchange.loads(data if isinstance(data, str) else json.dumps(data))
    return caught.value.render()


def test_demo_round_trips_field_by_field(demo_json: str) -> None:
    original = json.loads(demo_json)
    written = interchange.register_to_json(interchange.loads(demo_json))
    for kind in ("activities", "processors", "incidents", "requests"):
        for before, after in zip(original[kind], written[kind], strict=True):
            # The written form may add fields this version knows; it never drops or alters one.
            for name, value in before.items():
                assert same(after[name], value), (kind, before["ref"], name)
    assert interchange.loads(interchange.dumps(interchange.loads(demo_json))) == \
        interchange.loads(demo_json)


def test_moments_keep_their_instant(demo_json: str) -> None:
    incident = interchange.loads(demo_json).incidents[0]
    assert incident.aware_at.isoformat() == "2026-11-20T15:40:00+01:00"
    assert interchange.to_json(incident)["aware_at"] == "2026-11-20T14:40:00+00:00"


def test_duration_in_words_is_refused_with_its_place() -> None:
    message = refusal(document(activities=[
        {"ref": "PA-1", "name": "A"}, {"ref": "PA-2", "name": "B"}, {"ref": "PA-3", "name": "C"},
        {"ref": "PA-4", "name": "D", "retention_period": "two years"}]))
    assert message == 'activities[3].retention_period: "two years" is not an ISO 8601 duration'


@pytest.mark.parametrize(("data", "expected"), [
    (document(activities=[{"ref": "PA-1", "name": 5}]),
     "activities[0].name: expected text, found 5"),
    (document(activities=[{"ref": "PA-1", "name": "A", "legal_bases": ["6.1.x"]}]),
     'activities[0].legal_bases[0]: "6.1.x" is not one of the codes'),
    (document(activities=[{"ref": "PA-1", "name": "A", "review_due": "2026-02-30"}]),
     'activities[0].review_due: "2026-02-30" is not a possible date'),
    (document(activities=[{"ref": "PA-1", "name": "A", "review_due": "30.06.2027"}]),
     'activities[0].review_due: "30.06.2027" is not a date (YYYY-MM-DD)'),
    (document(activities=[{"ref": "PA-1", "name": "A", "colour": "red"}]),
     "activities[0].colour: unknown field"),
    (document(activities=[{"ref": "PA-1", "name": "A", "processors": ["VEN-9"]}]),
     'activities[0].processors[0]: "VEN-9" refers to no record in processors'),
    (document(processors=[{"ref": "V1", "name": "A", "parent": "V2"},
                          {"ref": "V2", "name": "B", "parent": "V1"}]),
     "processors[0].parent: the chain of parents loops back to"),
    (document(activities=[{"ref": "PA-1", "name": "A"}, {"ref": "PA-1", "name": "B"}]),
     'activities[1].ref: "PA-1" is used twice'),
    (document(incidents=[{"ref": "I1", "title": "T", "aware_at": "2026-11-20T09:15:00"}]),
     "incidents[0].aware_at: \"2026-11-20T09:15:00\" is not a moment with a UTC offset"),
    (document(incidents=[{"ref": "I1", "title": "T", "aware_at": "2026-11-20T09:15:00+01:00",
                          "subjects_count": -3}]),
     "incidents[0].subjects_count: must not be negative"),
    (document(incidents=[{"ref": "I1", "title": "T", "aware_at": "2026-11-20T09:15:00+01:00",
                          "children": "yes"}]),
     "incidents[0].children: expected true or false"),
    (document(requests=[{"ref": "R1", "received": "2026-11-02",
                         "subject": {"name": "Emma"}, "requester": {"name": "Kari",
                                                                    "relation": "aunt"}}]),
     'requests[0].requester.relation: "aunt" is not one of the codes'),
    (document(processors=[{"ref": "V1", "name": "A", "country": "XX"}]),
     'processors[0].country: "XX" is not an ISO 3166-1 country code'),
    (document(activities=[{"name": "A"}]), "activities[0].ref: a value is required"),
    (document(activities={"ref": "PA-1"}), "activities: expected a list"),
    ({"format": "something-else", "version": 1}, 'format: expected "privdesk-register"'),
    (document(version=2), "version: version 2 is not supported"),
    ("this is not JSON {", "the file is not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "the file is not valid JSON"),
])
def test_each_refusal_names_the_place(data: Any, expected: str) -> None:
    assert refusal(data).startswith(expected)


def test_huge_text_is_refused() -> None:
    message = refusal(document(activities=[{"ref": "PA-1", "name": "x" * 200_000}]))
    assert message.startswith("activities[0].name: text is too long")


def test_refusal_is_translated() -> None:
    from privdesk.i18n import translation

    with pytest.raises(UserError) as caught:
        interchange.loads(json.dumps(document(activities=[{"ref": "PA-1", "name": 5}])))
    norwegian = caught.value.render(translation("nb").gettext)
    assert norwegian.startswith("activities[0].name: ")
    assert "expected text" not in norwegian


def test_retention_periods_round_trip_and_an_old_file_has_none() -> None:
    from privdesk.domain import records

    register = interchange.loads(json.dumps(document(retention={"requests": 120,
                                                                 "backups": 0})))
    assert register.retention == records.Retention(requests=120, backups=0)
    written = interchange.register_to_json(register)["retention"]
    assert written == {"requests": 120, "incidents": None, "documents": None, "backups": 0}
    assert interchange.loads(interchange.dumps(register)) == register
    assert interchange.loads(json.dumps(document())).retention is None


@pytest.mark.parametrize(("retention", "message"), [
    ({"requests": 1201}, "retention.requests: a retention period is 0 to 1200 months, not 1201"),
    ({"incidents": -1}, "retention.incidents: must not be negative"),
    ({"backups": "3 months"}, 'retention.backups: expected a whole number, found 3 months'),
    ({"letters": 36}, "retention.letters: unknown field"),
    ([36], "retention: expected an object, found [36]"),
])
def test_a_bad_retention_period_is_refused_with_its_place(retention: Any, message: str) -> None:
    assert refusal(document(retention=retention)) == message
