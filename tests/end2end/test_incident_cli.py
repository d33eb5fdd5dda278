"""``assess-incident`` and ``breach-report`` as a DPO runs them, checked as the DPO would."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import ROOT, run_cli

from privdesk.services import open_register

FIXTURES = ROOT / "tests" / "fixtures" / "incidents"
HOSTILE = "<font color=red>x</font> & <b>"


def pdf_text(path: Path) -> str:
    """The text of a PDF as ``pdftotext`` reads it, lines joined, spaces normalised."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.replace("\u00a0", " ").split())


# --- assess-incident --------------------------------------------------------------------------

def test_assess_prints_exactly_the_interchange_json() -> None:
    result = run_cli("assess-incident", str(FIXTURES / "class-list-special-needs.json"),
                     "--json", "--lang", "en")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["severity", "notify_authority", "notify_subjects", "notify_by",
                              "clock_starts_at", "reasons", "warnings"]
    assert document["warnings"] == [] and result.stderr == ""
    assert list(document["severity"]) == ["dpc", "ei", "cb", "score", "band"]
    severity = document["severity"]
    assert severity["score"] == severity["dpc"] * severity["ei"] + severity["cb"]
    assert severity["band"] == "very_high"
    assert document["notify_authority"] is True and document["notify_subjects"] is True
    # 09:15 in Oslo on 20 November is 08:15 UTC; plus 72 hours.
    assert document["notify_by"] == "2026-11-23T08:15:00+00:00"
    assert all(isinstance(r, str) and r.endswith(".") for r in document["reasons"])
    assert any("children" in r for r in document["reasons"])


def test_assess_reasons_in_norwegian_and_swedish() -> None:
    path = str(FIXTURES / "class-list-special-needs.json")
    norwegian = json.loads(run_cli("assess-incident", path, "--json", "--lang", "nb").stdout)
    swedish = json.loads(run_cli("assess-incident", path, "--json", "--lang", "sv").stdout)
    assert any("barn" in r for r in norwegian["reasons"])
    assert any("tilsynsmyndigheten" in r for r in norwegian["reasons"])
    assert any("tillsynsmyndigheten" in r for r in swedish["reasons"])
    assert norwegian["severity"] == swedish["severity"]


def test_assess_follows_the_facts_not_the_score() -> None:
    """Ransomware restored from backup within hours, nothing copied out: documented only."""
    result = run_cli("assess-incident", str(FIXTURES / "ransomware-restored-from-backup.json"),
                     "--json")
    document = json.loads(result.stdout)
    assert (document["notify_authority"], document["notify_subjects"]) == (False, False)
    assert any("Art. 33(5)" in r for r in document["reasons"])
    # The clock crosses the spring change: still 72 elapsed hours.
    assert document["notify_by"] == "2026-03-30T15:30:00+00:00"


def test_assess_readable_report_for_a_processor_report() -> None:
    result = run_cli("assess-incident", str(FIXTURES / "processor-reported.json"),
                     "--lang", "nb")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("INC-2026-005: ")
    # Aware Friday 15:00 CEST; clocks go back on Sunday; the deadline is Monday 14:00 CET.
    assert "Frist (72 timer): 2026-10-26 14:00 CET" in lines
    assert any("databehandler" in line for line in lines)


def test_assess_runs_the_clock_from_an_earlier_processor_report(tmp_path: Path) -> None:
    """Art. 33(2): the school was aware when the processor told it, whatever aware_at says."""
    path = tmp_path / "incident.json"
    path.write_text(json.dumps({
        "ref": "INC-1", "title": "Vendor's report filed late", "breach_types": ["availability"],
        "aware_at": "2026-11-20T12:00:00+01:00",
        "reported_by_processor": "2026-11-19T08:00:00+01:00"}), encoding="utf-8")
    result = run_cli("assess-incident", str(path), "--json", "--lang", "en")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["clock_starts_at"] == "2026-11-19T07:00:00+00:00"
    assert document["notify_by"] == "2026-11-22T07:00:00+00:00"  # not the 23rd
    assert len(document["warnings"]) == 1 and document["warnings"][0].startswith("aware_at: ")
    assert "Art. 33(2)" in document["warnings"][0]
    assert result.stderr.startswith(f"privdesk: {path}: warning: aware_at: ")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("not-json.json", "not valid JSON"),
        ("unknown-field.json", "breach_type: unknown field"),
        ("no-offset.json", "aware_at"),
        ("wrong-code.json", "exposure"),
        ("array.json", "expected an object"),
        ("whole-register.json", "format: unknown field"),
        ("does-not-exist.json", "cannot read the file"),
    ],
)
def test_assess_refuses_bad_files_in_one_line(name: str, says: str) -> None:
    result = run_cli("assess-incident", str(FIXTURES / name), "--json", "--lang", "en")
    assert result.code == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert name in result.stderr and says in result.stderr
    assert "Traceback" not in result.stderr


def test_assess_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"ref": "INC-X", "title": "Skolebibliotek på Ø"}'.encode("latin-1"))
    result = run_cli("assess-incident", str(path))
    assert result.code == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- breach-report ----------------------------------------------------------------------------

@pytest.fixture
def demo(demo_register: Path) -> Path:
    return demo_register


HEADINGS = {
    "nb": ("Melding om brudd på personopplysningssikkerheten: utkast", "Datatilsynet",
           "Personvernombud (kontaktpunkt)", "Omtrentlig antall registrerte",
           "Risikovurdering", "Side 1 av"),
    "sv": ("Anmälan av personuppgiftsincident: utkast", "Datatilsynet",
           "Dataskyddsombud (kontaktpunkt)", "Ungefärligt antal registrerade",
           "Riskbedömning", "Sida 1 av"),
    "en": ("Personal data breach notification: draft", "Datatilsynet",
           "Data protection officer (contact point)", "Approximate number of data subjects",
           "Risk assessment", "Page 1 of"),
}


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_breach_report_from_the_demo_register(demo: Path, tmp_path: Path,
                                              language: str) -> None:
    out = tmp_path / f"INC-2026-001-{language}.pdf"
    result = run_cli("breach-report", "--db", str(demo), "--incident", "INC-2026-001",
                     "--out", str(out), "--lang", language)
    assert result.code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = pdf_text(out)
    for heading in HEADINGS[language]:
        assert heading in text, heading
    # Art. 33(3): the facts, the DPO, the consequences and the measures from the register.
    for fact in ("INC-2026-001", "DT-26/01234", "Ingrid Solberg",
                 "personvernombud@nordvik-kommune.example",
                 "Parents of another class learned which pupils receive adapted education.",
                 "class lists now shared only in the learning platform", "26"):
        assert fact in text, fact
    if language == "nb":
        # Datatilsynet's form: the breach, consequences, measures, informing, then contacts.
        assert text.index("1. Melding") < text.index("2. Tidspunkt for bruddet") < text.index(
            "4. De berørte") < text.index("5. Personopplysningene som er berørt") < text.index(
            "8. Varsling av de berørte") < text.index("9. Den behandlingsansvarlige")
    # The clock in Oslo time: aware 15:40 CET on 20 November, deadline three days later.
    assert "15:40 CET" in text and "23" in text
    reader = PdfReader(out)
    assert reader.metadata is not None and "INC-2026-001" in str(reader.metadata.title)
    assert str(reader.trailer["/Root"]["/Lang"]) == {"nb": "nb-NO", "sv": "sv-SE",
                                                     "en": "en-GB"}[language]
    # Kept as sent: the same bytes, in the requested language.
    with open_register(str(demo)) as service:
        kept = [d for d in service.documents("INC-2026-001") if d["kind"] == "breach_report"
                and d["filename"] == out.name]
    assert kept and kept[-1]["language"] == language
    assert kept[-1]["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler's pdffonts")
def test_breach_report_fonts_are_embedded(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    assert run_cli("breach-report", "--db", str(demo), "--incident", "INC-2026-001",
                   "--out", str(out), "--lang", "nb").code == 0
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        assert "DejaVuSans" in line and line.split()[-5] == "yes", line  # the "emb" column


SWEDISH_SCHOOL = {
    "format": "privdesk-register", "version": 1,
    "organisation": {
        "name": "Ekbacka skola", "org_number": "212000-0001", "country": "SE", "language": "sv",
        "address": "Skolvägen 2, 123 45 Ekbacka", "email": "skola@ekbacka.example",
        "dpo": {"name": "Åsa Lind", "email": "dso@ekbacka.example", "phone": "+46 8 123 45"},
    },
    "activities": [{"ref": "PA-1", "name": "Elevhälsans journaler"}],
    "processors": [{"ref": "V-1", "name": "Journalia AB", "country": "SE", "role": "processor"}],
    "incidents": [{
        "ref": "INC-9", "title": f"Title {HOSTILE}",
        "description": f"Description {HOSTILE}\nsecond line",
        "aware_at": "2026-03-27T10:00:00+01:00",
        "reported_by_processor": "2026-03-27T10:00:00+01:00",
        "breach_types": ["confidentiality"], "data_categories": ["identity", "health"],
        "subject_groups": ["pupils"], "subjects_count": 14, "records_count": 30,
        "children": True, "exposure": "unknown", "malicious": False,
        "consequences": f"Consequences {HOSTILE}", "measures": f"Measures {HOSTILE}",
        "activities": ["PA-1"], "processors": ["V-1"],
        "authority_notified_at": "2026-03-31T09:00:00+02:00", "authority_ref": "IMY-2026-77",
        "notifications": [
            {"at": "2026-03-31T09:00:00+02:00", "kind": "initial", "reference": "IMY-2026-77",
             "note": f"Note {HOSTILE}"},
            {"at": "2026-04-03T12:00:00+02:00", "kind": "follow_up", "note": "More facts"},
        ],
        "delay_reason": f"Delay {HOSTILE}",
        "decision_note": f"Decision {HOSTILE}",
        "cause": "technical_failure", "discovery": "The vendor's status page",
        "ongoing": False, "ended_at": "2026-03-27T16:00:00+01:00",
        "data_location": "Restored on the vendor's servers", "cross_border": False,
        "subjects_notice": "Letters to the guardians", "measures_planned": "New vendor audit",
    }],
}


@pytest.fixture(scope="module")
def swedish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("se")
    source = folder / "ekbacka.json"
    source.write_text(json.dumps(SWEDISH_SCHOOL, ensure_ascii=False), encoding="utf-8")
    register = folder / "reg.sqlite"
    result = run_cli("load", "--db", str(register), str(source))
    assert result.code == 0, result.stderr
    return register


def test_breach_report_keeps_hostile_text_literal(swedish: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = run_cli("breach-report", "--db", str(swedish), "--incident", "INC-9",
                     "--out", str(out), "--lang", "en")
    assert result.code == 0, result.stderr
    text = pdf_text(out)
    for field in ("Title", "Description", "Consequences", "Measures", "Note", "Delay",
                  "Decision"):
        assert f"{field} {HOSTILE}" in text, field


def test_breach_report_for_imy_shows_the_late_clock_and_the_sequence(swedish: Path,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    assert run_cli("breach-report", "--db", str(swedish), "--incident", "INC-9",
                   "--out", str(out)).code == 0  # the organisation's language: Swedish
    text = pdf_text(out)
    assert "Anmälan av personuppgiftsincident: utkast" in text
    assert "Integritetsskyddsmyndigheten" in text
    # Aware Friday 10:00 CET; summer time starts on Sunday; the deadline is Monday 11:00 CEST.
    assert "30 mars 2026 kl. 11:00 CEST" in text
    assert "Anmälan gjordes för sent." in text
    assert "Skäl till förseningen (artikel 33.1)" in text
    assert "Komplettering" in text and "IMY-2026-77" in text and "More facts" in text
    # IMY's form: the organisation first; who is affected before which data; the severity
    # estimate before the measures.
    assert text.index("Personuppgiftsansvarig och kontaktpunkt") < text.index(
        "Tidpunkter för incidenten") < text.index("4. Incidentens art") < text.index(
        "5. De berörda") < text.index("6. Personuppgifterna som berörs") < text.index(
        "8. Riskbedömning") < text.index("9. Vidtagna eller föreslagna åtgärder")
    assert "Journalia AB" in text and "Elevhälsans journaler (PA-1)" in text
    # The form's questions beyond Art. 33(3), loaded from the interchange file.
    for answer in ("Orsak till incidenten Tekniskt fel", "Hur incidenten upptäcktes The "
                   "vendor's status page", "Nej, den upphörde 27 mars 2026 kl. 16:00 CET",
                   "Var uppgifterna finns nu Restored on the vendor's servers",
                   "Planerade åtgärder New vendor audit",
                   "Hur de informerades, eller varför inte Letters to the guardians",
                   "Skolan fick kännedom om incidenten"):
        assert answer in text, answer
    assert "Skolen" not in text


def test_breach_report_refuses_an_unknown_incident(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = run_cli("breach-report", "--db", str(demo), "--incident", "INC-NOPE",
                     "--out", str(out), "--lang", "en")
    assert result.code == 1 and "INC-NOPE" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_breach_report_without_an_organisation_names_no_authority(tmp_path: Path) -> None:
    source = tmp_path / "bare.json"
    source.write_text(json.dumps({"format": "privdesk-register", "version": 1, "incidents": [
        {"ref": "I-1", "title": "Only the bare facts",
         "aware_at": "2026-11-22T23:30:00+00:00"}]}), encoding="utf-8")
    register = tmp_path / "reg.sqlite"
    assert run_cli("load", "--db", str(register), str(source)).code == 0
    out = tmp_path / "report.pdf"
    result = run_cli("breach-report", "--db", str(register), "--incident", "I-1",
                     "--out", str(out), "--lang", "en")
    assert result.code == 0, result.stderr
    text = pdf_text(out)
    assert "Prepared for the data protection authority" in text
    assert "Datatilsynet" not in text and "IMY" not in text
    assert "25 November 2026 at 23:30 UTC" in text
