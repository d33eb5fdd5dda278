"""The one-page PDF of a DPIA screening: read back as the DPO's file would be read."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from privdesk.documents.dpia_pdf import ScreeningInputs, render_screening
from privdesk.domain import dpia
from privdesk.domain.records import Activity, Dpia, Organisation

NOW = datetime(2026, 12, 3, 21, 0, tzinfo=UTC)
SCHOOL = Organisation(name="Strandvägens skola", country="SE", language="sv")


def _inputs(reason: str) -> ScreeningInputs:
    activity = Activity(ref="PA-7", name="Kamera vid entrén", subjects=("pupils", "staff"))
    answers = tuple(dpia.Answer(c.id, c.id in ("monitoring", "vulnerable"), reason)
                    for c in dpia.criteria_for("SE"))
    screening = dpia.make_screening(answers, "SE", dpia.fingerprint(activity, ()),
                                    "dpo@skola.se", NOW)
    stored = Activity(ref="PA-7", name="Kamera vid entrén", subjects=("pupils", "staff"),
                      dpia=Dpia(screening=screening))
    return ScreeningInputs(stored, answers, dpia.decide(answers, "SE"), screening, False)


def test_a_full_screening_with_long_reasons_fits_one_page_in_swedish() -> None:
    reason = ("Kameran vid entrén filmar elever och personal varje skoldag; bilderna sparas "
              "i sju dagar och granskas bara efter en incident.")
    reader = PdfReader(io.BytesIO(render_screening(_inputs(reason), SCHOOL, "sv", NOW)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Konsekvensbedömning krävs" in text
    assert "Systematisk övervakning" in text and "WP248 3" in text
    assert "dpo@skola.se" in text and "2026-12-03 22:00" in text  # Stockholm's time
    assert reader.metadata is not None and "PA-7" in str(reader.metadata.title)


def test_the_dpos_reason_is_printed_as_typed_never_as_markup() -> None:
    reason = "<b>not bold</b> & <font size=40>big</font>"
    text = PdfReader(io.BytesIO(render_screening(_inputs(reason), SCHOOL, "en", NOW))
                     ).pages[0].extract_text()
    assert "<b>not bold</b> & <font size=40>big</font>" in text.replace("\n", " ")
