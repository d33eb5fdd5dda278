"""The demo school in the DPO's language: its own words in nb and sv, English unchanged."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from privdesk.documents.access_letter import render_access_letter
from privdesk.domain import interchange
from privdesk.services import open_register
from privdesk.services.demo import demo_register

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"


def test_the_english_demo_is_the_shipped_file() -> None:
    shipped = (DEMO / "nordvik-skole.json").read_bytes()
    assert demo_register() == interchange.loads(shipped)
    assert demo_register("en") == interchange.loads(shipped)


@pytest.mark.parametrize(("language", "activity", "item"), [
    ("nb", "Matematikktrening i Numetry", "ferdighetsnivå"),
    ("sv", "Matematikträning i Numetry", "färdighetsnivå"),
])
def test_the_demo_school_writes_in_the_chosen_language(language: str, activity: str,
                                                       item: str) -> None:
    register = demo_register(language)
    numetry = next(a for a in register.activities if a.ref == "PA-001")
    assert numetry.name == activity
    assert item in numetry.data_items
    english = demo_register()
    # Codes, references, vendors and people are the same in every language.
    assert [a.ref for a in register.activities] == [a.ref for a in english.activities]
    assert [p.name for p in register.processors] == [p.name for p in english.processors]
    assert [r.subject.name for r in register.requests] == [
        r.subject.name for r in english.requests]


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_every_worded_text_of_the_demo_is_translated(language: str) -> None:
    words = json.loads((DEMO / f"nordvik-skole.{language}.json").read_text(encoding="utf-8"))
    english = json.loads((DEMO / "nordvik-skole.json").read_text(encoding="utf-8"))
    from privdesk.services.demo import WORDED

    found: set[str] = set()

    def walk(value: object, key: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in WORDED:
            found.add(value)

    walk(english, "")
    people_and_vendors = {p["name"] for p in english["processors"]} | {
        english["organisation"]["name"]}
    untranslated = {text for text in found if text and text not in words}
    assert untranslated <= people_and_vendors | _names_of_people(english) | {
        "Nextgen Classroom", "NexaLearn", "Numetry Skole", "Nordvik kommune", "Opplæringslova",
        "Level 12", "1 340", "Emma Nilsen, 5B"}, sorted(untranslated - people_and_vendors)


def _names_of_people(data: dict) -> set[str]:  # type: ignore[type-arg]
    names = set()
    for request in data.get("requests", []):
        for part in ("requester", "subject"):
            names.add(request[part]["name"])
    for key in ("dpo", "representative"):
        if data["organisation"].get(key):
            names.add(data["organisation"][key].get("name", ""))
    return names


def test_a_norwegian_demo_letter_is_norwegian_throughout(tmp_path: Path) -> None:
    with open_register(tmp_path / "demo.sqlite", actor="dpo@test") as service:
        service.load(demo_register("nb"))
        request = service.request("DSAR-2026-001")
        content = render_access_letter(request, service.organisation(), service.activities(),
                                       service.processors(), "nb", date(2026, 11, 23))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
                    .split())
    assert "Matematikktrening i Numetry" in text
    for english in ("Mathematics practice", "Skill level", "Name and class", "Points this term",
                    "Assignment: Vikings", "skill level", "Following each pupil"):
        assert english not in text, english


@pytest.mark.parametrize(("language", "own", "foreign"), [
    ("en", ("Mathematics practice in Numetry", "Your right"),
     ("Matematikktrening", "Innsyn", "personopplysninger", "personuppgifter")),
    ("nb", ("Matematikktrening i Numetry", "Innsyn i personopplysninger"),
     ("Mathematics practice", "Skill level", "Your right", "Matematikträning")),
    ("sv", ("Matematikträning i Numetry", "Tillgång till personuppgifter"),
     ("Mathematics practice", "Matematikktrening", "Your right")),
])
def test_the_demo_letter_is_in_the_demo_language(tmp_path: Path, language: str,
                                                  own: tuple[str, ...],
                                                  foreign: tuple[str, ...]) -> None:
    """As ``privdesk init --demo --lang en`` then ``privdesk letter``: the letter takes the
    requester's language, which is the demo's."""
    from privdesk.documents.access_letter import render_letter
    from privdesk.services.requests import Requests

    with open_register(tmp_path / "demo.sqlite", actor="dpo@test") as service:
        service.load(demo_register(language))
        inputs = Requests(service).letter_inputs("DSAR-2026-001", today=date(2026, 11, 23))
        content = render_letter(inputs)
    assert inputs.language == language
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for words in own:
        assert words in text, words
    for words in foreign:
        assert words not in text, words


@pytest.mark.parametrize("language", ["en", "nb", "sv"])
def test_the_demo_screened_what_needs_a_dpia_and_did_the_dpias_it_requires(
        language: str) -> None:
    """The demo's "DPIA required" follows saved screenings (issue 23): the homework help
    (PA-002) and the special needs plans (PA-004) are screened, their DPIAs done, and the
    overview asks neither for a DPIA nor for a new screening, in every language."""
    from datetime import UTC, datetime

    from privdesk.domain import dpia
    from privdesk.domain.attention import attention

    register = demo_register(language)
    screened = {a.ref: a for a in register.activities if a.dpia.screening is not None}
    assert sorted(screened) == ["PA-002", "PA-004"]
    for activity in screened.values():
        screening = activity.dpia.screening
        assert screening is not None
        assert dpia.decide(screening.answers, "NO").result == screening.result == dpia.REQUIRED
        assert activity.dpia.required is True and activity.dpia.done is not None
        assert not dpia.contradicts(activity.dpia.required, screening)
    topics = {(i.ref, i.topic) for i in attention(register, datetime(2026, 12, 3, tzinfo=UTC))}
    assert not {t for t in topics if t[1].startswith("dpia")}, topics
