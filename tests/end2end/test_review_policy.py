"""``privdesk review-policy`` as a DPO or a script runs it: JSON, a report, refusals."""

from __future__ import annotations

import json
from pathlib import Path

from support import run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
SPEC_KEYS = {"language", "vendor", "contacts", "third_parties", "data_locations", "transfers",
             "retention", "legal_bases", "data_categories", "children", "response_time_days",
             "authority", "policy_date", "flags", "draft"}


def test_json_output_is_the_specified_document_and_nothing_else() -> None:
    result = run_cli("review-policy", str(FIXTURES / "laromedel_sv.txt"), "--json",
                     "--lang", "en")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) >= SPEC_KEYS
    assert document["language"] == "sv"
    assert document["vendor"]["name"] == "Lärplattform Nord AB"
    assert {"code": "transfer_without_safeguard", "severity": "high"}.items() <= \
        next(f for f in document["flags"] if f["code"] == "transfer_without_safeguard").items()
    assert document["retention"][0]["evidence"] == "Uppgifterna sparas tills vidare."


def test_flag_messages_follow_the_chosen_language() -> None:
    english = json.loads(run_cli("review-policy", str(FIXTURES / "laromedel_sv.txt"), "--json",
                                 "--lang", "en").stdout)
    swedish = json.loads(run_cli("review-policy", str(FIXTURES / "laromedel_sv.txt"), "--json",
                                 "--lang", "sv").stdout)
    assert [f["code"] for f in english["flags"]] == [f["code"] for f in swedish["flags"]]
    assert [f["message"] for f in english["flags"]] != [f["message"] for f in swedish["flags"]]


def test_the_report_is_written_in_the_chosen_language() -> None:
    english = run_cli("review-policy", str(FIXTURES / "skolekassa_nb.txt"), "--lang", "en")
    assert english.code == 0, english.stderr
    assert "Third parties" in english.stdout and "Microsoft Azure (US)" in english.stdout
    assert "P6M" in english.stdout
    norwegian = run_cli("review-policy", str(FIXTURES / "skolekassa_nb.txt"), "--lang", "nb")
    assert norwegian.code == 0
    assert "Tredjeparter" in norwegian.stdout and "Third parties" not in norwegian.stdout


def test_html_policy_from_the_command_line() -> None:
    result = run_cli("review-policy", str(FIXTURES / "fjordlaer_cookie_banner.html"), "--json")
    document = json.loads(result.stdout)
    assert [p["name"] for p in document["third_parties"]] == ["Elastx"]
    assert document["flags"] == []


def test_a_file_that_is_no_policy_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(bytes(range(256)) * 8)
    result = run_cli("review-policy", str(path), "--json", "--lang", "en")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    result = run_cli("review-policy", str(tmp_path / "none.pdf"))
    assert result.code == 1 and "Traceback" not in result.stderr


def test_the_registers_processors_extend_the_catalogue(tmp_path: Path) -> None:
    register = tmp_path / "r.sqlite"
    document = {
        "format": "privdesk-register", "version": 1,
        "organisation": {"name": "Norrby skola", "country": "SE", "language": "sv"},
        "activities": [], "incidents": [], "requests": [],
        "processors": [
            {"ref": "VEN-1", "name": "Räknesmart", "country": "DK"},
            {"ref": "VEN-2", "name": "Stripe", "country": "IE"},
        ],
    }
    (tmp_path / "r.json").write_text(json.dumps(document), encoding="utf-8")
    assert run_cli("load", "--db", str(register), str(tmp_path / "r.json")).code == 0
    policy = tmp_path / "policy.txt"
    policy.write_text("Integritetspolicy för Exempel\n\nVi använder Räknesmart i undervisningen "
                      "och Stripe för betalningar.", encoding="utf-8")
    result = run_cli("review-policy", str(policy), "--json", "--db", str(register))
    assert result.code == 0, result.stderr
    parties = {p["name"]: (p["country"], p["purpose"])
               for p in json.loads(result.stdout)["third_parties"]}
    assert parties == {"Räknesmart": ("DK", "other"), "Stripe": ("IE", "payments")}
    # Without --lang, the report speaks the register organisation's language.
    report = run_cli("review-policy", str(policy), "--db", str(register))
    assert "Tredje parter" in report.stdout


def test_reviewing_without_a_register_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    result = run_cli("review-policy", str(FIXTURES / "mixed_en_nb.txt"), "--db", str(missing))
    assert result.code == 0 and not missing.exists()
