"""The review of fixture policies, checked as a DPO would: parties, countries, retention, flags.

The fixtures under tests/fixtures/policies are written for the project: Norwegian, Swedish,
English and mixed, with the tricky cases (negations, periods in words, a table-like layout).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from privdesk.domain import records
from privdesk.domain.interchange import read_record
from privdesk.domain.policy import catalogue_from_json, review_policy, review_to_json
from privdesk.domain.policy.catalogue import Catalogue
from privdesk.domain.policy.flags import FLAG_CODES

ROOT = Path(__file__).resolve().parents[4]
FIXTURES = ROOT / "tests" / "fixtures" / "policies"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return catalogue_from_json(json.loads((ROOT / "resources" / "vendors.json").read_text("utf-8")))


def review(text: str, catalogue: Catalogue, today: date = TODAY) -> dict[str, Any]:
    return review_to_json(review_policy(text, catalogue, today))


def fixture(name: str, catalogue: Catalogue) -> dict[str, Any]:
    return review((FIXTURES / name).read_text(encoding="utf-8"), catalogue)


def codes(result: dict[str, Any]) -> set[str]:
    return {f["code"] for f in result["flags"]}


def check_evidence(result: dict[str, Any], text: str) -> None:
    """Every evidence the review gives is a sentence of the policy, word for word."""
    flat = " ".join(text.split())
    for key in ("third_parties", "transfers", "retention", "legal_bases", "contacts",
                "data_locations", "flags"):
        for item in result[key]:
            if item.get("evidence") is not None:
                assert item["evidence"] in flat, item
    for flag in result["flags"]:
        assert flag["code"] in FLAG_CODES and flag["severity"] in ("high", "medium", "low")
        assert flag["message"]


def test_norwegian_policy_with_a_negated_transfer(catalogue: Catalogue) -> None:
    result = fixture("skolekassa_nb.txt", catalogue)
    assert result["language"] == "nb"
    assert result["vendor"] == {"name": "Skolekassa AS", "org_number": "912345678",
                                "country": "NO", "evidence": result["vendor"]["evidence"]}
    assert [(c["role"], c["email"]) for c in result["contacts"]] == [
        ("dpo", "ombud@skolekassa.example"), ("privacy", "personvern@skolekassa.example")]
    assert [(p["name"], p["country"], p["purpose"]) for p in result["third_parties"]] == [
        ("Vipps", "NO", "payments"), ("Microsoft Azure", "US", "hosting")]
    assert [(d["country"], d["party"]) for d in result["data_locations"]] == [
        ("IE", "Microsoft Azure")]
    # "Vi overfører ikke personopplysninger ut av EØS." is no transfer.
    assert result["transfers"] == []
    assert [r["period"] for r in result["retention"]] == ["P6M", "P5Y", "P1Y10D"]
    assert [b["basis"] for b in result["legal_bases"]] == ["6.1.b", "6.1.c"]
    assert {"identity", "contact", "financial"} <= set(result["data_categories"])
    assert result["children"]["parental_consent_below"] == 13
    assert result["response_time_days"] == 30
    assert result["authority"]["name"] == "Datatilsynet"
    assert result["policy_date"] == "2026-09-01"
    assert codes(result) == {"us_provider"}
    check_evidence(result, (FIXTURES / "skolekassa_nb.txt").read_text("utf-8"))


def test_swedish_policy_that_gives_grounds_for_every_kind_of_worry(catalogue: Catalogue) -> None:
    result = fixture("laromedel_sv.txt", catalogue)
    assert result["language"] == "sv"
    assert result["vendor"]["org_number"] == "556677-8899"
    assert result["vendor"]["country"] == "SE"
    parties = {p["name"]: p["country"] for p in result["third_parties"]}
    assert parties == {"Google Analytics": "US", "Meta Pixel": "US", "HelpDesk Pro": "IN"}
    assert [(t["country"], t["safeguard"], t["recipient"]) for t in result["transfers"]] == [
        ("IN", None, "HelpDesk Pro")]
    assert [(r["kind"], r["text"]) for r in result["retention"]] == [
        ("indefinite", "tills vidare")]
    assert result["response_time_days"] == 90
    assert codes(result) == {
        "indefinite_retention", "transfer_without_safeguard", "us_provider", "tracking_or_ads",
        "no_complaint_right", "special_categories_unprotected", "response_time_too_long",
        "outdated", "children_without_age_rule",
    }
    by_code = {f["code"]: f for f in result["flags"]}
    assert by_code["indefinite_retention"]["severity"] == "high"
    assert by_code["transfer_without_safeguard"]["evidence"].startswith("Support sköts")
    assert "spårningspixlar" in by_code["tracking_or_ads"]["evidence"]
    assert by_code["no_complaint_right"]["evidence"] is None
    outdated = [f["evidence"] for f in result["flags"] if f["code"] == "outdated"]
    assert "Behandlingen sker i enlighet med personuppgiftslagen." in outdated
    assert "Denna policy uppdaterades senast den 1 maj 2021." in outdated
    check_evidence(result, (FIXTURES / "laromedel_sv.txt").read_text("utf-8"))


def test_english_policy_with_negations_and_periods_in_words(catalogue: Catalogue) -> None:
    result = fixture("brightsum_en.txt", catalogue)
    assert result["language"] == "en"
    # "we do not use Google Analytics" names no third party.
    assert [(p["name"], p["country"]) for p in result["third_parties"]] == [
        ("Amazon Web Services", "US"), ("Zendesk", "US")]
    assert [(d["country"], d["party"]) for d in result["data_locations"]] == [
        ("DE", "Amazon Web Services")]
    assert [(t["country"], t["safeguard"], t["recipient"]) for t in result["transfers"]] == [
        ("US", "scc", "Zendesk")]
    assert [r["period"] for r in result["retention"]] == ["P2Y", "P7Y", "P18M"]
    assert [b["basis"] for b in result["legal_bases"]] == ["6.1.e", "6.1.f"]
    assert result["children"]["min_age"] == 13
    assert result["children"]["parental_consent_below"] == 16
    assert [(c["role"], c["email"]) for c in result["contacts"]] == [
        ("dpo", "dpo@brightsum.example"), ("privacy", "privacy@brightsum.example")]
    # Negated tracking ("We never use tracking pixels") raises nothing; only the US hosts do.
    assert codes(result) == {"us_provider"}
    check_evidence(result, (FIXTURES / "brightsum_en.txt").read_text("utf-8"))


def test_mixed_english_and_norwegian_policy(catalogue: Catalogue) -> None:
    result = fixture("mixed_en_nb.txt", catalogue)
    assert {x["language"] for x in result["languages"]} == {"en", "nb"}
    sections = {s["heading"]: s["language"] for s in result["sections"]}
    assert sections["1. About this policy"] == sections["2. Payments"] == "en"
    assert sections["3. Lagring av opplysninger"] == sections["5. Barn"] == "nb"
    assert result["vendor"]["name"] == "Ordlek"
    assert [p["name"] for p in result["third_parties"]] == ["Stripe"]
    assert [(r["kind"], r["period"]) for r in result["retention"]] == [
        ("event", None), ("period", "P1Y")]
    assert result["children"]["parental_consent_below"] == 13
    assert codes(result) == {"us_provider"}


@pytest.mark.parametrize("sentence", [
    "We do not transfer personal data outside the EEA.",
    "Vi overfører ikke personopplysninger til USA.",
    "Vi överför inte personuppgifter till USA.",
    "Personal data is never transferred to the United States.",
])
def test_a_negated_transfer_is_no_transfer(catalogue: Catalogue, sentence: str) -> None:
    result = review(f"Privacy policy for Testa\n\n{sentence}", catalogue)
    assert result["transfers"] == []
    assert "transfer_without_safeguard" not in codes(result)


@pytest.mark.parametrize(("sentence", "country"), [
    ("We may transfer personal data outside the EEA.", None),
    ("Vi overfører personopplysninger til USA.", "US"),
    ("Vi överför personuppgifter till Marocko.", "MA"),
])
def test_a_stated_transfer_without_mechanism_is_flagged(
        catalogue: Catalogue, sentence: str, country: str | None) -> None:
    result = review(f"Privacy policy for Testa\n\n{sentence}", catalogue)
    assert [t["country"] for t in result["transfers"]] == [country]
    flag = next(f for f in result["flags"] if f["code"] == "transfer_without_safeguard")
    assert flag["evidence"] == sentence and flag["severity"] == "high"


def test_a_transfer_to_an_adequate_country_needs_no_mechanism(catalogue: Catalogue) -> None:
    result = review("Privacy policy for Testa\n\nSupport data is processed in Switzerland.",
                    catalogue)
    assert [(t["country"], t["safeguard"], t["safeguard_source"])
            for t in result["transfers"]] == [("CH", "adequacy", "adequacy_list")]
    assert "transfer_without_safeguard" not in codes(result)


def test_no_flag_without_grounds_in_a_complete_policy(catalogue: Catalogue) -> None:
    text = ("Personvernerklæring for Lesefrukt\n\n"
            "Lesefrukt AS («Lesefrukt») lager en leseapp for elever i barneskolen. "
            "Elever under 13 år kan bare bruke appen med samtykke fra foresatte. "
            "Alle data lagres i Norge. Opplysningene slettes tre måneder etter at avtalen med "
            "skolen er avsluttet. Vi svarer innen 30 dager. Du kan klage til Datatilsynet. "
            "Kontakt personvernombudet på ombud@lesefrukt.example.\n\n"
            "Sist oppdatert 1. oktober 2026.")
    result = review(text, catalogue)
    assert result["flags"] == []
    assert [d["country"] for d in result["data_locations"]] == ["NO"]


def test_absence_flags_carry_no_evidence(catalogue: Catalogue) -> None:
    result = review("Privacy policy for Testa\n\nWe make a drawing app for adults.", catalogue)
    flags = {f["code"]: f for f in result["flags"]}
    assert {"no_contact", "no_complaint_right", "indefinite_retention"} <= set(flags)
    assert all(flags[c]["evidence"] is None
               for c in ("no_contact", "no_complaint_right", "indefinite_retention"))
    assert "children_without_age_rule" not in flags


def test_a_two_year_old_policy_is_outdated_the_day_after(catalogue: Catalogue) -> None:
    text = "Privacy policy for Testa\n\nLast updated: 1 March 2024."
    assert "outdated" not in codes(review(text, catalogue, date(2026, 3, 1)))
    assert "outdated" in codes(review(text, catalogue, date(2026, 3, 2)))


def test_flag_messages_come_in_the_chosen_language(catalogue: Catalogue) -> None:
    policy = review_policy((FIXTURES / "laromedel_sv.txt").read_text("utf-8"), catalogue, TODAY)

    def marked(message: str) -> str:
        return f"» {message}"

    result = review_to_json(policy, marked)
    assert all(f["message"].startswith("» ") for f in result["flags"])


def test_the_draft_is_a_processor_with_subprocessors_in_interchange_form(
        catalogue: Catalogue) -> None:
    draft = fixture("brightsum_en.txt", catalogue)["draft"]
    processors = [read_record(records.Processor, p, f"draft[{i}]")
                  for i, p in enumerate(draft["processors"])]
    vendor, *subs = processors
    assert (vendor.name, vendor.role, vendor.parent) == ("Brightsum Ltd", "processor", None)
    assert vendor.contact == "dpo@brightsum.example"
    assert [(s.name, s.role, s.parent, s.country, s.data_locations) for s in subs] == [
        ("Amazon Web Services", "subprocessor", vendor.ref, "US", ("DE",)),
        ("Zendesk", "subprocessor", vendor.ref, "US", ()),
    ]
    transfers = [read_record(records.Transfer, t, "t") for t in draft["transfers"]]
    assert [(t.country, t.recipient, t.safeguard) for t in transfers] == [
        ("US", subs[0].ref, "dpf"), ("US", subs[1].ref, "scc")]
    assert draft["transfer_basis"] == ["catalogue", "policy"]
