"""``privdesk letter`` as a DPO runs it: load a register, write the letter, find it kept."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

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


# --- what a parent, the school and the authority expect of the letter (issue 16) ----------------

# The CLI dates the letter today: the requests below are received relative to today.
TODAY = datetime.now(ZoneInfo("Europe/Oslo")).date()  # the school's own day
LATE = (TODAY - timedelta(days=70)).isoformat()  # one month (Art. 12(3)) long past
FRESH = TODAY.isoformat()


def _request(ref: str, received: str, **changes: object) -> dict[str, object]:
    base = json.loads(json.dumps(REGISTER["requests"][0]))
    base.update(ref=ref, received=received, **changes)
    return base


def _register(tmp_path: Path, *requests: dict[str, object]) -> str:
    source = tmp_path / "register.json"
    document = {**REGISTER, "requests": [*REGISTER["requests"], *requests]}
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    target = str(tmp_path / "register.sqlite")
    loaded = run_cli("load", "--db", target, str(source))
    assert loaded.code == 0, loaded.stderr
    return target


def _letter(db: str, ref: str, out: Path, *options: str) -> Any:
    return run_cli("letter", "--db", db, "--request", ref, "--out", str(out), *options)


def test_a_late_letter_warns_on_stderr_and_says_it_is_late_and_apologises(tmp_path: Path) -> None:
    """Art. 12(3): answer within one month; a letter after that admits it and says sorry."""
    db = _register(tmp_path, _request("R-LATE", LATE))
    out = tmp_path / "late.pdf"
    result = _letter(db, "R-LATE", out, "--lang", "en")
    assert result.code == 0
    assert ("warning: The answer is late and no reason for the delay is recorded: the letter "
            "apologises but cannot say why.") in result.stderr.splitlines()
    text = text_of(out)
    assert "This answer is late: it was due by" in text
    assert "We apologise for the delay." in text
    assert "our answer was due by" in text and "and it is late" in text
    assert "our answer is due by" not in text


@pytest.mark.parametrize(("language", "late", "apology", "reason"), [
    ("nb", "Dette svaret kommer for sent", "Vi beklager forsinkelsen.",
     "Årsaken til forsinkelsen: Fagsystemet var nede i to uker."),
    ("sv", "Det här svaret kommer för sent", "Vi ber om ursäkt för förseningen.",
     "Orsaken till förseningen: Fagsystemet var nede i to uker."),
    ("en", "This answer is late", "We apologise for the delay.",
     "The reason for the delay: Fagsystemet var nede i to uker."),
])
def test_a_late_letter_gives_the_recorded_reason_in_each_language(
        tmp_path: Path, language: str, late: str, apology: str, reason: str) -> None:
    db = _register(tmp_path, _request("R-LATE", LATE,
                                      delay_reason="Fagsystemet var nede i to uker."))
    out = tmp_path / "late.pdf"
    result = _letter(db, "R-LATE", out, "--lang", language)
    assert result.code == 0, result.stderr
    assert any(line.startswith(("warning:", "advarsel:", "varning:"))
               for line in result.stderr.splitlines())
    text = text_of(out)
    for expected in (late, apology, reason):
        assert expected in text, expected


def test_an_extended_letter_within_the_extended_date_is_not_late(tmp_path: Path) -> None:
    """Art. 12(3): extended by up to two months, with the reasons told to the requester."""
    db = _register(tmp_path, _request(
        "R-EXT", LATE, status="extended",
        extension={"months": 2, "reasons": "Four systems searched by hand"}))
    out = tmp_path / "ext.pdf"
    result = _letter(db, "R-EXT", out, "--lang", "en")
    assert result.code == 0 and "late" not in result.stderr
    text = text_of(out)
    assert "We have extended the time limit to" in text
    assert "Four systems searched by hand" in text
    assert "late" not in text


def test_another_childs_name_refuses_the_letter_until_the_dpo_allows_it(tmp_path: Path) -> None:
    """Art. 15(4): the copy must not adversely affect others; the register's other data
    subjects are checked in every text written to the recipient."""
    db = _register(tmp_path, _request(
        "R-NAME", FRESH, withheld=[{"description": "A comment by TOR  ØDEGÅRD in group work",
                                    "reason": "His own data", "ground": "other_people"}]))
    out = tmp_path / "name.pdf"
    refused = _letter(db, "R-NAME", out, "--lang", "en")
    assert refused.code == 1
    assert refused.stderr.strip().endswith(
        "R-NAME: withheld item 1 names TOR  ØDEGÅRD, another person in the register: "
        "remove the name, or allow it if you have checked that giving it out is lawful "
        '(--allow-name "TOR  ØDEGÅRD")')
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not out.exists()

    allowed = _letter(db, "R-NAME", out, "--lang", "en", "--allow-name", "Tor Ødegård")
    assert allowed.code == 0, allowed.stderr
    assert "Tor Ødegård is named in the letter" in allowed.stderr
    assert "TOR  ØDEGÅRD" in text_of(out) or "TOR ØDEGÅRD" in text_of(out)
    with open_register(db) as service:
        entry = service.audit(ref="R-NAME")[-1]
    assert entry.field == "document"
    assert entry.after["allowed_names"] == ["Tor Ødegård"]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ("The controller, responsible for the processing of the data and for this answer, "
            "is: Lindeby skole Org. no. 911222333 Lindeveien 5, 7777 Lindeby",
            "write to our data protection officer: Mona Strand pvo@lindeby.example",
            "Mona Strand, data protection officer",
            "We give you the copy in electronic form, as this PDF document",
            "We have left out information about other people")),
    ("nb", ("Behandlingsansvarlig, som har ansvaret for behandlingen av opplysningene og for "
            "dette svaret, er: Lindeby skole", "Mona Strand, personvernombud",
            "Du får kopien i elektronisk form", "Vi har utelatt opplysninger om andre personer")),
    ("sv", ("Personuppgiftsansvarig, som ansvarar för behandlingen av uppgifterna och för det "
            "här svaret, är: Lindeby skole", "Mona Strand, dataskyddsombud",
            "Du får kopian i elektronisk form", "Vi har utelämnat uppgifter om andra personer")),
])
def test_the_letter_names_the_controller_and_says_what_was_left_out_and_in_which_form(
        tmp_path: Path, language: str, expected: tuple[str, ...]) -> None:
    """Art. 13(1)(a)/15: the controller and the DPO; Art. 15(3) electronic form when asked by
    e-mail; Art. 15(4) a plain sentence when other people's data were left out. The DPO's
    notes (on the request, its items and a transfer) never reach the parent."""
    requester = {"name": "Åse Ødegård", "relation": "guardian", "relation_basis": "Mother",
                 "email": "ase@example.com"}
    db = _register(tmp_path, _request(
        "R-FULL", FRESH, requester=requester, note="Asked the teacher on 2026-10-01",
        data=[{"activity": "PA-1", "item": "Bøker lest", "value": "14 bøker",
               "note": "Found in Boklogg; asked on 2026-10-01"}],
        withheld=[{"description": "A classmate's comment", "reason": "The classmate's data",
                   "ground": "other_people", "note": "Checked with the principal"}]))
    out = tmp_path / "full.pdf"
    result = _letter(db, "R-FULL", out, "--lang", language)
    assert result.code == 0, result.stderr
    if language == "en":  # LANGUAGE is unset: the command line speaks English
        assert ("warning: The requester has no postal address: the answer goes by e-mail, as a "
                "copy in electronic form.") in result.stderr.splitlines()
    text = text_of(out)
    for sentence in expected:
        assert sentence in text, sentence
    for internal in ("2026-10-01", "asked on", "Checked with the principal"):
        assert internal not in text


def test_a_letter_for_an_answered_request_is_dated_the_day_it_was_answered(
        tmp_path: Path) -> None:
    db = _register(tmp_path, _request("R-DONE", "2026-09-01", status="answered",
                                      answered="2026-09-20"))
    out = tmp_path / "done.pdf"
    result = _letter(db, "R-DONE", out, "--lang", "en")
    assert result.code == 0 and "late" not in result.stderr
    text = text_of(out)
    assert "Date 20 September 2026" in text
    assert "late" not in text
