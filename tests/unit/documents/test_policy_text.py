"""Policy text from files: encodings, HTML without scripts or banners, PDF text layers, refusals."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest

from privdesk.documents.policy_text import (
    MAX_BYTES,
    policy_text,
    read_policy_text,
    text_from_html,
    vendor_catalogue,
)
from privdesk.domain.errors import UserError
from privdesk.domain.policy import review_policy, review_to_json

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "policies"
NORWEGIAN = "Personopplysninger slettes etter seks måneder. Spørsmål: personvern@æøå.example."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "cp1252", "latin-1"])
def test_plain_text_in_any_common_encoding(encoding: str) -> None:
    text = "Personvernerklæring – «Skolekassa»\n\n" + NORWEGIAN
    if encoding == "latin-1":
        text = text.replace("–", "-")  # Latin-1 has no dash
    assert policy_text(text.encode(encoding), "policy.txt") == text


def test_html_keeps_paragraphs_and_drops_scripts_banners_and_navigation() -> None:
    text = read_policy_text(FIXTURES / "fjordlaer_cookie_banner.html")
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Personvernerklæring"
    assert "Fjordlær AS («Fjordlær») lager et digitalt læremiddel i naturfag for elever på " \
           "ungdomstrinnet." in paragraphs
    assert "- Logger lagres i 90 dager." in paragraphs
    for hidden in ("Google Analytics", "Meta Pixel", "Godta alle", "USA", "Intercom",
                   "Facebook", "Hotjar", "gtag", "Hjem"):
        assert hidden not in text
    # The address the page hid from scrapers is decoded, as the browser would show it.
    assert "Personvernombudet nås på personvern@fjordlaer.example." in paragraphs


def test_the_review_of_an_html_policy_ignores_what_the_reader_never_sees() -> None:
    text = read_policy_text(FIXTURES / "fjordlaer_cookie_banner.html")
    result = review_to_json(review_policy(text, vendor_catalogue(), date(2026, 11, 23)))
    assert [(p["name"], p["country"]) for p in result["third_parties"]] == [("Elastx", "SE")]
    assert [d["country"] for d in result["data_locations"]] == ["SE"]
    assert result["transfers"] == []
    assert [r["period"] for r in result["retention"]] == ["P3M", "P90D"]
    assert result["contacts"] == [{"role": "dpo", "email": "personvern@fjordlaer.example",
                                   "evidence": "Personvernombudet nås på "
                                               "personvern@fjordlaer.example."}]
    assert result["flags"] == []


def test_a_section_about_cookies_is_not_taken_for_a_banner() -> None:
    html = ('<html><body><section id="cookies"><h2>Cookies</h2>'
            "<p>We use Hotjar to see how pages are used.</p></section></body></html>")
    assert "We use Hotjar to see how pages are used." in text_from_html(html)


def _pdf(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = 800
    for line in lines:
        canvas.drawString(50, y, line)
        y -= 16
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_pdf_text_layer_is_read_and_reviewed(tmp_path: Path) -> None:
    path = tmp_path / "policy.pdf"
    path.write_bytes(_pdf([
        "Privacy policy for Quizly",
        "",
        "Quizly uses Intercom for support chat. We keep chat messages for",
        "twelve months after the last message.",
        "You may complain to the supervisory authority.",
        "Contact: privacy@quizly.example",
    ]))
    text = read_policy_text(path)
    assert "Quizly uses Intercom for support chat." in text
    result = review_to_json(review_policy(text, vendor_catalogue(), date(2026, 11, 23)))
    assert [p["name"] for p in result["third_parties"]] == ["Intercom"]
    assert [r["period"] for r in result["retention"]] == ["P12M"]
    assert result["contacts"][0]["email"] == "privacy@quizly.example"


def test_a_pdf_without_text_is_refused(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path))
    canvas.rect(10, 10, 100, 100)
    canvas.save()
    with pytest.raises(UserError) as caught:
        read_policy_text(path)
    assert caught.value.place == str(path) and "text layer" in caught.value.message


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not really a PDF")
    with pytest.raises(UserError):
        read_policy_text(path)


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(UserError) as caught:
        read_policy_text(path)
    assert caught.value.place == str(path)


def test_a_file_over_20_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: the test writes no 20 MB
    with pytest.raises(UserError) as caught:
        read_policy_text(path)
    assert "20 MB" in caught.value.message


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        read_policy_text(tmp_path / "nothing.txt")
    assert caught.value.place.endswith("nothing.txt")


def test_the_dpos_own_vendors_join_the_catalogue(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps([{"name": "Matteland", "country": "DK", "category": "learning"}]),
                    encoding="utf-8")
    catalogue = vendor_catalogue([mine])
    result = review_to_json(review_policy("Privacy policy for X\n\nWe use Matteland in class.",
                                          catalogue, date(2026, 11, 23)))
    assert [(p["name"], p["country"]) for p in result["third_parties"]] == [("Matteland", "DK")]


def test_a_broken_vendor_file_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        vendor_catalogue([mine])
    assert caught.value.place == str(mine)
