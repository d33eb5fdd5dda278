"""The words the documents share: durations, country names, and what loading them costs."""

from __future__ import annotations

import subprocess
import sys

from privdesk.documents.wording import AUTHORITIES, country_words, duration_words, gap_line
from privdesk.domain.letters import Gap
from privdesk.i18n import translation


def test_a_retention_period_reads_as_words_in_the_readers_language() -> None:
    assert duration_words("P1Y6M", translation("en").gettext) == "1 year, 6 months"
    assert duration_words("P5Y", translation("sv").gettext) == "5 år"
    assert duration_words("until the pupil leaves", translation("nb").gettext) == (
        "until the pupil leaves")


def test_a_country_is_named_in_the_readers_language() -> None:
    assert country_words("MA", "nb") == "Marokko"
    assert country_words("ma", "sv") == "Marocko"
    assert country_words("US", "en") == "United States"
    assert country_words("XX", "en") == "XX" and country_words(None, "en") == ""


def test_the_complaint_names_the_authority_of_each_country() -> None:
    assert set(AUTHORITIES) == {"NO", "SE"}


def test_the_notice_loads_neither_the_workbook_writer_nor_the_pdf_library() -> None:
    # The HTML notice needs the shared words, not openpyxl or reportlab (issue 22).
    code = ("import sys, privdesk.documents.notice_html; "
            "print(sorted(m for m in ('openpyxl', 'reportlab') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert shown.stdout.strip() == "[]"


def test_a_gap_names_its_country_in_the_language_of_its_line() -> None:
    gap = Gap("the transfer to {recipient} in {country} has no valid safeguard", True,
              {"recipient": "ScandiTek", "country": "MA"})
    assert gap_line(gap, translation("en").gettext, "en") == (
        "the transfer to ScandiTek in Morocco has no valid safeguard")
