"""``privdesk letter`` as a DPO runs it: load a register, write the letter, find it kept."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import run_cli

from privdesk.services import open_register

REGISTER = {
    "format": "privdesk-register", "version": 1,
    "organisation": {
        "name": "Lindeby skole", "org_number": "911222333", "country": "NO", "language": "nb",
        "address": "Lindeveien 5, 7777 Lindeby", "email": "post@lindeby.example",
        "dpo": {"name": "Mona Strand", "email": "pvo@lindeby.example", "phone": "+47 12 34 56 78"},
    },
    "activities": [
        {"ref": "PA-1", "name": "Leselogg", "purposes": ["Følge med på lesingen"],
         "legal_bases": ["6.1.e"], "data_categories": ["education"],
         "retention": "Ut skoleåret", "processors": ["V-1"]},
        {"ref": "PA-2", "name": "Skoleskyss", "purposes": ["Bestille skyss"],
         "data_categories": ["contact", "location"]},
    ],
    "processors": [
        {"ref": "V-1", "name": "Boklogg AS", "country": "NO", "role": "processor"},
    ],
    "requests": [
        {"ref": "R-1", "kind": "access", "received": "2026-11-02",
         "subject": {"name": "Sunniva Ødegård", "born": "2016-04-01", "class": "4A"},
         "requester": {"name": "Åse Ødegård", "relation": "guardian", "language": "sv",
                       "address": "Lindeveien 40, 7777 Lindeby"},
         "identity": {"verified": True, "method": "BankID", "at": "2026-11-02"},
         "activities": ["PA-1"],
         "data": [{"activity": "PA-1", "category": "education", "item": "Bøker lest",
                   "value": "14 bøker denne høsten", "source": "Boklogg"}]},
        {"ref": "R-2", "kind": "access", "received": "2026-11-05",
         "subject": {"name": "Tor Ødegård"},
         "requester": {"name": "Tor Ødegård", "relation": "self"},
         "identity": {"verified": True, "method": "In person at the office", "at": "2026-11-05"},
         "activities": [], "data": []},
        {"ref": "R-4", "kind": "access", "received": "2026-11-06",
         "subject": {"name": "Lina Ødegård"},
         "requester": {"name": "Lina Ødegård", "relation": "self"},
         "activities": [], "data": []},
        {"ref": "R-3", "kind": "erasure", "received": "2026-11-05",
         "subject": {"name": "Tor Ødegård"},
         "requester": {"name": "Tor Ødegård", "relation": "self"}},
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


def text_of(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_letter_is_written_privately_in_the_requesters_language_and_kept(
        register: str, tmp_path: Path) -> None:
    out = tmp_path / "letters" / "r-1.pdf"
    out.parent.mkdir()
    result = run_cli("letter", "--db", register, "--request", "R-1", "--out", str(out))
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["r-1.pdf"]
    text = text_of(out)
    # The requester wrote in Swedish: without --lang, the letter is in Swedish.
    for expected in ("Tillgång till personuppgifter om Sunniva Ødegård", "Åse Ødegård",
                     "Leselogg", "Boklogg AS", "14 bøker denne høsten", "Datatilsynet",
                     "2 december 2026", "Mona Strand"):
        assert expected in text, expected
    assert "Skoleskyss" not in text and "Tor Ødegård" not in text
    with open_register(register) as service:
        kept = service.documents("R-1")
    assert len(kept) == 1
    assert kept[0]["kind"] == "access_letter" and kept[0]["language"] == "sv"
    assert kept[0]["filename"] == "r-1.pdf"
    assert kept[0]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()


def test_lang_asked_for_wins_over_the_requesters(register: str, tmp_path: Path) -> None:
    out = tmp_path / "r-1-en.pdf"
    result = run_cli("letter", "--db", register, "--request", "R-1", "--out", str(out),
                     "--lang", "en")
    assert result.code == 0, result.stderr
    assert "Access to personal data about Sunniva Ødegård" in text_of(out)


def test_lang_chooses_when_the_requester_has_no_language(register: str, tmp_path: Path) -> None:
    out = tmp_path / "r-2.pdf"
    result = run_cli("letter", "--db", register, "--request", "R-2", "--out", str(out),
                     "--lang", "en")
    assert result.code == 0, result.stderr
    text = text_of(out)
    assert "No: we do not process any personal data about you." in text
    assert "Annex" not in text


def test_without_lang_the_organisations_language(register: str, tmp_path: Path) -> None:
    out = tmp_path / "r-2.pdf"
    assert run_cli("letter", "--db", register, "--request", "R-2", "--out", str(out)).code == 0
    assert "Nei: vi behandler ingen personopplysninger om deg." in text_of(out)


@pytest.mark.parametrize(("ref", "message"), [
    ("R-404", "R-404"),
    ("R-3", "not an access request"),
    ("R-4", "R-4: the requester's identity is not verified"),
])
def test_refusals_are_one_line_and_write_nothing(register: str, tmp_path: Path, ref: str,
                                                 message: str) -> None:
    out = tmp_path / "x.pdf"
    result = run_cli("letter", "--db", register, "--request", ref, "--out", str(out),
                     "--lang", "en")
    assert result.code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_folder_that_does_not_exist_is_refused(register: str, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "x.pdf"
    result = run_cli("letter", "--db", register, "--request", "R-1", "--out", str(out))
    assert result.code == 1 and str(out) in result.stderr
    assert "Traceback" not in result.stderr
    with open_register(register) as service:
        assert service.documents("R-1") == []


def test_request_and_out_are_required(register: str) -> None:
    assert run_cli("letter", "--db", register, "--request", "R-1").code == 2
    assert run_cli("letter", "--db", register, "--out", "x.pdf").code == 2


def test_a_register_without_an_organisation_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "register.json"
    without = {key: value for key, value in REGISTER.items() if key != "organisation"}
    source.write_text(json.dumps(without, ensure_ascii=False), encoding="utf-8")
    target = str(tmp_path / "register.sqlite")
    assert run_cli("load", "--db", target, str(source)).code == 0
    out = tmp_path / "x.pdf"
    result = run_cli("letter", "--db", target, "--request", "R-1", "--out", str(out),
                     "--lang", "en")
    assert result.code == 1 and "no organisation" in result.stderr
    assert not out.exists()
