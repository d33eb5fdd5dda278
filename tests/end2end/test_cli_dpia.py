"""``privdesk screen-dpia``: shown, answered, saved, refused and written as a one-page PDF."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader
from support import run_cli

from privdesk.domain import dpia


def _demo(tmp_path: Path) -> str:
    db = str(tmp_path / "r.sqlite")
    assert run_cli("init", "--db", db, "--demo").code == 0
    return db


def test_the_maths_app_with_learning_analytics_is_screened_and_saved(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    shown = run_cli("screen-dpia", "--db", db, "--activity", "PA-001", "--json", "--lang", "en")
    assert shown.code == 0, shown.stderr
    view = json.loads(shown.stdout)
    assert view["result"] == "required" and view["screened_at"] is None
    assert view["national_list"] == "datatilsynet"
    assert {"evaluation", "vulnerable"} <= set(view["deciding"])
    # Saving with questions unanswered is refused, nothing stored.
    refused = run_cli("screen-dpia", "--db", db, "--activity", "PA-001", "--save",
                      "--lang", "en")
    assert refused.code == 1 and "unanswered: automated_decision" in refused.stderr
    rest = ",".join(a["criterion"] for a in view["answers"] if a["met"] is None)
    saved = run_cli("screen-dpia", "--db", db, "--activity", "PA-001", "--save", "--json",
                    "--lang", "en", f"--answer={rest}=no:Not so for maths practice")
    assert saved.code == 0, saved.stderr
    after = json.loads(saved.stdout)
    assert after["screened_at"] and not after["unanswered"] and not after["out_of_date"]
    assert "Saved the DPIA screening of PA-001" in saved.stderr
    dumped = json.loads(run_cli("dump", "--db", db).stdout)
    activity = next(a for a in dumped["activities"] if a["ref"] == "PA-001")
    assert activity["dpia"]["required"] is True
    assert activity["dpia"]["screening"]["result"] == "required"
    answers = {a["criterion"]: a for a in activity["dpia"]["screening"]["answers"]}
    assert answers["large_scale"] == {"criterion": "large_scale", "met": False,
                                      "reason": "Not so for maths practice", "prefilled": False}


def test_bad_answers_are_refused_in_one_line(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    for bad in ("monitoring=perhaps", "colour=yes", "se.pupils=yes"):
        result = run_cli("screen-dpia", "--db", db, "--activity", "PA-001", "--answer", bad,
                         "--lang", "en")
        assert result.code == 1 and result.stderr.count("\n") == 1, (bad, result.stderr)
    missing = run_cli("screen-dpia", "--db", db, "--activity", "PA-999", "--lang", "en")
    assert missing.code == 1 and 'no record "PA-999"' in missing.stderr


def test_the_screening_as_a_one_page_pdf_in_swedish(tmp_path: Path) -> None:
    db = _demo(tmp_path)
    out = tmp_path / "screening.pdf"
    result = run_cli("screen-dpia", "--db", db, "--activity", "PA-004", "--out", str(out),
                     "--answer", "no.learning=yes:Individual plans follow each pupil",
                     "--lang", "sv")
    assert result.code == 0, result.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "PA-004" in text and "Individual plans follow each pupil" in text
    assert "WP248 4" in text and "Datatilsynet" in text
    assert dpia.SOURCES[dpia.DATATILSYNET] not in text  # written in Swedish, not English


def test_a_workbook_round_trip_keeps_the_screening(tmp_path: Path) -> None:
    """The workbook shows the screening but never reads it back: an import leaves it as
    saved (docs/cli.md, import-ropa)."""
    db = _demo(tmp_path)
    view = json.loads(run_cli("screen-dpia", "--db", db, "--activity", "PA-003",
                              "--json").stdout)
    rest = ",".join(a["criterion"] for a in view["answers"] if a["met"] is None)
    assert run_cli("screen-dpia", "--db", db, "--activity", "PA-003", "--save",
                   f"--answer={rest}=no").code == 0
    before = json.loads(run_cli("dump", "--db", db).stdout)
    book = tmp_path / "ropa.xlsx"
    assert run_cli("export-ropa", "--db", db, "--out", str(book)).code == 0
    assert run_cli("import-ropa", "--db", db, str(book)).code == 0
    after = json.loads(run_cli("dump", "--db", db).stdout)
    screened = [a["dpia"] for a in after["activities"] if a["ref"] == "PA-003"]
    assert screened == [a["dpia"] for a in before["activities"] if a["ref"] == "PA-003"]
    assert screened[0]["screening"]["answers"]
