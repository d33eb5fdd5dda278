"""``pdf.fit``: one line shortened with an ellipsis, in a number of measurements that grows with
the logarithm of the text (issue 20: a 100,000-character name hung the letter)."""

from __future__ import annotations

import io
import math
import random
import re
from unittest import mock

import pytest
from reportlab.pdfbase import pdfmetrics

from privdesk.documents import pdf


def _fit_one_character_at_a_time(text: str, font: str, size: float, width: float) -> str:
    """The old ``fit``: what the result must still be, character for character."""
    text = " ".join(pdf._UNPRINTABLE.sub("", text).split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _counting(budget: int) -> tuple[mock._patch[object], list[int]]:
    """A patch of the width function that counts its calls and fails past ``budget`` (so the
    old one-character-at-a-time ``fit`` fails at once rather than hanging the test)."""
    calls: list[int] = []
    real = pdfmetrics.stringWidth

    def measure(text: str, font: str, size: float, *args: object) -> float:
        calls.append(len(text))
        assert len(calls) <= budget, f"more than {budget} measurements"
        return real(text, font, size, *args)

    return mock.patch.object(pdf.pdfmetrics, "stringWidth", measure), calls


@pytest.fixture(autouse=True)
def fonts() -> None:
    pdf.register_fonts()


@pytest.mark.parametrize("length", [100_000, 1_000_000])
def test_a_huge_name_is_measured_a_logarithmic_number_of_times(length: int) -> None:
    # One measurement of the whole text, then one per halving of the cut point.
    budget = 2 + math.ceil(math.log2(length))
    patch, calls = _counting(budget)
    with patch:
        line = pdf.fit("Å" * length, pdf.FONT_BOLD, 13, pdf.TEXT_WIDTH)
    assert len(calls) <= budget
    assert line.endswith("…") and set(line[:-1]) == {"Å"}
    assert pdfmetrics.stringWidth(line, pdf.FONT_BOLD, 13) <= pdf.TEXT_WIDTH
    assert pdfmetrics.stringWidth(line[:-1] + "Å…", pdf.FONT_BOLD, 13) > pdf.TEXT_WIDTH


def test_the_line_is_the_one_the_old_fit_drew() -> None:
    rng = random.Random(20)
    alphabet = "aiWM .,–æøåÆØÅáŋđŧšžč中\u200b\u00ad\x07\n\t"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        width = rng.choice([0.0, 1.0, 20.0, 100.0, 300.0, pdf.TEXT_WIDTH])
        size = rng.choice([8, 8.5, 13])
        assert pdf.fit(text, pdf.FONT, size, width) == \
            _fit_one_character_at_a_time(text, pdf.FONT, size, width), (text, width, size)


def test_text_that_fits_is_kept_whole() -> None:
    assert pdf.fit("Nordvik  skole\n", pdf.FONT, 8, pdf.TEXT_WIDTH) == "Nordvik skole"


def test_a_huge_running_header_is_measured_in_a_bounded_number_of_characters() -> None:
    # fit() runs on every page (the running header): each measurement is of a prefix about
    # one line long, not of the whole name.
    patch, calls = _counting(40)
    with patch:
        line = pdf.fit("Å" * 1_000_000, pdf.FONT, 8, pdf.TEXT_WIDTH)
    assert line.endswith("…")
    assert sum(calls) < 20 * int(4 * pdf.TEXT_WIDTH / 8)


def test_a_long_unbroken_run_is_shown_whole_in_groups() -> None:
    name = "Ŋ" + "e" * 19_998 + "<"
    shown = pdf.escape(name)
    assert " " not in shown  # the reader sees no space that is not in the data
    groups = shown.split("\u200b")
    assert "".join(groups).replace("&lt;", "<") == name  # every character, in order
    assert max(len(group) for group in groups) <= 16 + len("&lt;")
    assert len(groups) == 1250


def test_runs_of_a_usual_length_are_left_as_they_are() -> None:
    link = "https://example.no/" + "a" * 181  # 200 characters
    assert pdf.escape(f"see {link} & more") == f"see {link} &amp; more"


def test_a_long_unbroken_name_in_a_paragraph_reads_back_whole() -> None:
    from pypdf import PdfReader

    name = "Åse" + "ø" * 19_997
    content = pdf.render([pdf.paragraph(name, pdf.styles().body)],
                         pdf.DocumentMeta(title="t", author="a", subject="s", language="nb",
                                          invariant=True))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # The text layer holds the invisible break opportunities, nothing else that is not the name.
    assert re.sub(r"Page\d+of\d+", "", "".join(text.replace("\u200b", "").split())) == name
