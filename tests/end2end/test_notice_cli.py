"""``privdesk notice`` as a DPO runs it: write the notice, find each one kept with its version,
refused with one line per gap, never written over the register or another kind of file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import run_cli

from privdesk.services import open_register
from privdesk.services.notices import Notices

REGISTER = {
    "format": "privdesk-register", "version": 1,
    "organisation": {
        "name": "Lindeby skola", "country": "SE", "language": "sv",
        "address": "Lindvägen 5, 123 45 Lindeby", "email": "info@lindeby.example",
        "dpo": {"name": "Mona Strand", "email": "dso@lindeby.example"},
    },
    "activities": [
        {"ref": "PA-1", "name": "Betyg och bedömning", "purposes": ["Sätta betyg"],
         "legal_bases": ["6.1.e"], "legal_basis_note": "Skollagen 10 kap. 19 §",
         "subjects": ["pupils"], "data_categories": ["education"],
         "retention": "Enligt arkivlagen", "processors": ["V-1"]},
        {"ref": "PA-2", "name": "Skolskjuts", "purposes": ["Boka skjuts"],
         "subjects": ["pupils"], "data_categories": ["contact", "location"]},
        {"ref": "PA-3", "name": "Lön", "purposes": ["Betala lön"], "legal_bases": ["6.1.b"],
         "subjects": ["staff"], "retention": "P7Y"},
        {"ref": "PA-4", "name": "Prov rättade åt kommunen", "role": "processor",
         "purposes": ["Rätta prov"], "legal_bases": ["6.1.e"], "subjects": ["pupils"],
         "retention": "P1Y"},
    ],
    "processors": [
        {"ref": "V-1", "name": "Skolplattformen AB", "country": "SE", "role": "processor"},
    ],
}


@pytest.fixture
def register(tmp_path: Path) -> str:
    source = tmp_path / "register.json"
    source.write_text(json.dumps(REGISTER, ensure_ascii=False), encoding="utf-8")
    target = str(tmp_path / "register.sqlite")
    loaded = run_cli("load", "--db", target, str(source))
    assert loaded.code == 0, loaded.stderr
    return target


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_gap_refuses_the_notice_with_one_line_per_gap_and_writes_nothing(
        register: str, tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    result = run_cli("notice", "--db", register, "--out", str(out), "--lang", "en")
    assert result.code == 1
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if line.startswith("gap: ")] == [
        "gap: PA-2 “Skolskjuts”: no legal basis is recorded; choose the basis in Art. 6(1)",
        "gap: PA-2 “Skolskjuts”: no retention is recorded; say how long the data are kept",
    ]
    assert lines[-1].startswith("privdesk: the privacy notice is not written")
    assert not out.exists()
    with open_register(register, create=False) as service:
        assert Notices(service).history("parents") == []


def test_the_notice_is_written_in_the_organisations_language_and_kept_with_its_version(
        register: str, tmp_path: Path) -> None:
    out = tmp_path / "notice.pdf"
    first = run_cli("notice", "--db", register, "--out", str(out), "--activities", "PA-1")
    assert first.code == 0, first.stderr
    text = pdf_text(out)
    assert "Så använder Lindeby skola uppgifter om ditt barn" in text
    assert "Skollagen 10 kap. 19 §" in text and "Skolplattformen AB" in text
    assert "Integritetsskyddsmyndigheten" in text and "Box 8114, 104 20 Stockholm" in text
    assert "Skolskjuts" not in text and "Lön" not in text
    second = run_cli("notice", "--db", register, "--out", str(out), "--activities", "PA-1")
    assert second.code == 0, second.stderr
    assert "version 2" in pdf_text(out)
    with open_register(register, create=False) as service:
        kept = Notices(service).history("parents")
        audit = [entry for entry in service.audit(ref="notice-parents")]
    assert [document["language"] for document in kept] == ["sv", "sv"]
    assert kept[-1]["filename"] == "notice.pdf"
    assert [entry.after["version"] for entry in audit] == [1, 2]
    assert audit[-1].after["activities"] == ["PA-1"]


def test_marked_gaps_write_the_notice_saying_what_is_not_yet_recorded(
        register: str, tmp_path: Path) -> None:
    out = tmp_path / "notis.html"
    result = run_cli("notice", "--db", register, "--out", str(out), "--mark-gaps",
                     "--audience", "pupils", "--lang", "nb")
    assert result.code == 0, result.stderr
    assert "Skolskjuts" in result.stderr  # warned
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nb">' in page
    assert "Ikke registrert ennå: vi arbeider med det." in page
    assert "Slik bruker Lindeby skola opplysninger om deg" in page


def test_the_staff_notice_covers_the_staff_activities(register: str, tmp_path: Path) -> None:
    out = tmp_path / "staff.html"
    result = run_cli("notice", "--db", register, "--out", str(out), "--audience", "staff",
                     "--lang", "en")
    assert result.code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Lön" in page and "7 years" in page and "Betyg" not in page


@pytest.mark.parametrize("name", ["register.sqlite", "workbook.pdf", "page.html"])
def test_the_notice_is_never_written_over_the_register_or_another_kind_of_file(
        register: str, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    if name == "workbook.pdf":
        target.write_text("<!DOCTYPE html><html></html>", encoding="utf-8")
    elif name == "page.html":
        target.write_bytes(b"%PDF-1.4 not a page")
    before = target.read_bytes()
    result = run_cli("notice", "--db", register, "--out", str(target), "--activities", "PA-1")
    assert result.code == 1
    assert result.stderr.startswith("privdesk: ")
    assert target.read_bytes() == before


def test_a_file_that_is_neither_pdf_nor_html_is_refused(register: str, tmp_path: Path) -> None:
    result = run_cli("notice", "--db", register, "--out", str(tmp_path / "notice.docx"),
                     "--lang", "en")
    assert result.code == 1 and ".pdf or .html" in result.stderr


def test_an_activity_processed_for_another_controller_is_refused_in_one_line(
        register: str, tmp_path: Path) -> None:
    out = tmp_path / "notice.html"
    result = run_cli("notice", "--db", register, "--out", str(out), "--lang", "en",
                     "--activities", "PA-1", "PA-4")
    assert result.code == 1
    assert result.stderr.strip().splitlines() == [
        "privdesk: PA-4 “Prov rättade åt kommunen” is processed for another controller: it "
        "belongs in that controller's privacy notice, not in ours"]
    assert not out.exists()


def test_a_gap_names_the_country_in_the_chosen_language(tmp_path: Path) -> None:
    register = str(tmp_path / "demo.sqlite")
    assert run_cli("init", "--demo", "--db", register).code == 0
    result = run_cli("notice", "--db", register, "--out", str(tmp_path / "n.pdf"), "--lang",
                     "sv", "--activities", "PA-002")
    gaps = [line for line in result.stderr.splitlines() if "ScandiTek" in line]
    assert gaps == ["brist: PA-002 ”Homework help through NexaLearn”: överföringen till "
                    "ScandiTek i Marocko saknar giltig skyddsåtgärd; registrera en eller stoppa "
                    "överföringen"]
