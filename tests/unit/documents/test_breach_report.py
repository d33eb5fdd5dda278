"""The notification draft carries what Datatilsynet's and IMY's forms ask, in nb, sv and en."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from privdesk.documents.breach_report import render_breach_report
from privdesk.domain.records import Incident, Organisation


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


INCIDENT = Incident(
    ref="INC-2026-010", title="Class list e-mailed to the wrong parents",
    aware_at=moment("2026-11-20T09:15:00+01:00"),
    occurred_at=moment("2026-11-20T08:00:00+01:00"),
    ended_at=moment("2026-11-20T11:00:00+01:00"),
    breach_types=("confidentiality",), data_categories=("identity", "special_needs"),
    subject_groups=("pupils",), subjects_count=26, children=True, exposure="known_untrusted",
    malicious=False, cause="human_error",
    discovery="A parent phoned the school office at 09:10.",
    data_location="Deleted by 24 of 26 recipients; two have not answered.",
    cross_border=True, other_authorities="Datatilsynet (Denmark): two families live there.",
    subjects_notice="Letter to each family on 21 November.",
    measures="Recall sent; recipients asked to delete.",
    measures_planned="Class lists only through the learning platform from January.",
)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


LABELS = {
    "nb": ("Årsak til bruddet", "Menneskelig feil", "Hvordan bruddet ble oppdaget",
           "Pågår bruddet fortsatt?", "Nei, det opphørte", "Hvor opplysningene er nå",
           "Planlagte tiltak", "Hvordan de ble informert, eller hvorfor ikke",
           "Andre berørte tilsynsmyndigheter", "Skolen ble kjent med bruddet"),
    "sv": ("Orsak till incidenten", "Mänskligt misstag", "Hur incidenten upptäcktes",
           "Pågår incidenten fortfarande?", "Nej, den upphörde", "Var uppgifterna finns nu",
           "Planerade åtgärder", "Hur de informerades, eller varför inte",
           "Andra berörda tillsynsmyndigheter", "Skolan fick kännedom om incidenten"),
    "en": ("Cause of the breach", "Human error", "How the breach was discovered",
           "Is the breach still going on?", "No, it ended", "Where the data are now",
           "Measures planned", "How they were informed, or why not",
           "Other supervisory authorities concerned", "The school became aware of the breach"),
}


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_the_draft_answers_the_authorities_form_questions(language: str) -> None:
    school = Organisation(name="Nordvik skole", country="NO" if language == "nb" else "SE")
    text = pdf_text(render_breach_report(INCIDENT, school, (), (), language,
                                         moment("2026-11-21T12:00:00+01:00")))
    for label in LABELS[language]:
        assert label in text, label
    for answer in ("A parent phoned the school office at 09:10.",
                   "Deleted by 24 of 26 recipients; two have not answered.",
                   "Datatilsynet (Denmark): two families live there.",
                   "Letter to each family on 21 November.",
                   "Recall sent; recipients asked to delete.",
                   "Class lists only through the learning platform from January."):
        assert answer in text, answer
    # Taken and planned are two answers, in that order.
    assert text.index("Recall sent") < text.index("Class lists only through")


def test_the_swedish_draft_has_no_norwegian() -> None:
    school = Organisation(name="Ekbacka skola", country="SE")
    text = pdf_text(render_breach_report(INCIDENT, school, (), (), "sv",
                                         moment("2026-11-21T12:00:00+01:00")))
    for norwegian in ("Skolen", "kjennskap", "ikke", "bruddet", "opplysninger", "Tiltak"):
        assert norwegian not in text, norwegian


def test_a_decision_not_to_notify_is_stated_with_its_moment() -> None:
    decided = Incident(ref="INC-2026-011", title="Encrypted laptop stolen",
                       aware_at=moment("2026-11-20T09:15:00+01:00"),
                       breach_types=("confidentiality",), data_categories=("identity",),
                       exposure="unknown", malicious=True,
                       decision_note="Encrypted, key safe: no risk.",
                       decided_not_to_notify_at=moment("2026-11-20T15:00:00+01:00"))
    text = pdf_text(render_breach_report(decided, Organisation(name="Nordvik skole",
                                                               country="NO"), (), (), "en",
                                         moment("2026-11-25T12:00:00+01:00")))
    assert "the DPO decided on 20 November 2026 at 15:00 CET not to notify" in text
    assert "Decided not to notify the authority 20 November 2026 at 15:00 CET" in text
    assert "deadline passed" not in text and "Reasons for the delay" not in text
