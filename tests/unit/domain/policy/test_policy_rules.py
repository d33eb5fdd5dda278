"""Single sentences a DPO meets again and again, and what each must (and must not) yield."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from privdesk.domain.policy import catalogue_from_json, review_policy, review_to_json
from privdesk.domain.policy.catalogue import Catalogue
from privdesk.domain.policy.rules import is_negated

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return catalogue_from_json(json.loads((ROOT / "resources" / "vendors.json").read_text("utf-8")))


def review(sentence: str, catalogue: Catalogue) -> dict[str, Any]:
    text = f"Privacy policy for Testa\n\n{sentence}"
    return review_to_json(review_policy(text, catalogue, date(2026, 11, 23)))


def flags(result: dict[str, Any]) -> set[str]:
    return {f["code"] for f in result["flags"]}


@pytest.mark.parametrize(("sentence", "negated"), [
    ("We do not transfer data outside the EEA.", True),
    ("Vi overfører ikke data ut av EØS.", True),
    ("Vi överför inte data utanför EES.", True),
    ("We transfer data outside the EEA.", False),
    ("We transfer data outside the EEA, but not to Russia.", False),
    ("We transfer not only names but also e-mail addresses outside the EEA.", False),
])
def test_negation_scope(sentence: str, negated: bool) -> None:
    start = sentence.index("EE") if "EE" in sentence else sentence.index("EØS")
    assert is_negated(sentence, start, start + 3) is negated


def test_a_list_of_server_locations(catalogue: Catalogue) -> None:
    result = review("Our servers are located in Ireland and the United States.", catalogue)
    assert [d["country"] for d in result["data_locations"]] == ["IE", "US"]
    assert [(t["country"], t["safeguard"]) for t in result["transfers"]] == [("US", None)]
    assert "transfer_without_safeguard" in flags(result)


def test_contact_us_in_capitals_is_no_country(catalogue: Catalogue) -> None:
    result = review("CONTACT US\n\nWe send data to our partners from here.", catalogue)
    assert result["transfers"] == []


@pytest.mark.parametrize(("sentence", "safeguard"), [
    ("We rely on the EU-US Data Privacy Framework when data is transferred to the United "
     "States.", "dpf"),
    ("Kundeservice håndteres av Zendesk, Inc. i USA på grunnlag av EUs standardavtaler (SCC).",
     "scc"),
    ("Vi överför uppgifter till USA med stöd av EU-kommissionens standardavtalsklausuler.",
     "scc"),
    ("Data is sent to Japan under the adequacy decision for Japan.", "adequacy"),
])
def test_a_named_safeguard(catalogue: Catalogue, sentence: str, safeguard: str) -> None:
    result = review(sentence, catalogue)
    assert [t["safeguard"] for t in result["transfers"]] == [safeguard]
    assert "transfer_without_safeguard" not in flags(result)


def test_privacy_shield_is_no_safeguard_and_makes_the_policy_outdated(
        catalogue: Catalogue) -> None:
    result = review("Our transfers to the US rely on the Privacy Shield.", catalogue)
    assert {"transfer_without_safeguard", "outdated"} <= flags(result)


@pytest.mark.parametrize(("sentence", "kind", "severity"), [
    ("We keep your data until further notice.", "indefinite", "high"),
    ("Vi lagrer opplysningene inntil videre.", "indefinite", "high"),
    ("Uppgifterna sparas tills vidare.", "indefinite", "high"),
    ("We keep your data for as long as necessary.", "vague", "medium"),
    ("Uppgifterna sparas så länge det behövs.", "vague", "medium"),
])
def test_retention_without_end(catalogue: Catalogue, sentence: str, kind: str,
                               severity: str) -> None:
    result = review(sentence, catalogue)
    assert [r["kind"] for r in result["retention"]] == [kind]
    flag = next(f for f in result["flags"] if f["code"] == "indefinite_retention")
    assert flag["severity"] == severity and flag["evidence"] == sentence


@pytest.mark.parametrize("sentence", [
    "We retain your data for as long as your account is active.",
    "Vi lagrer ikke opplysningene på ubestemt tid, men sletter dem etter seks måneder.",
    "Uppgifterna sparas i högst 24 månader.",
])
def test_retention_with_an_end_raises_no_flag(catalogue: Catalogue, sentence: str) -> None:
    result = review(sentence, catalogue)
    assert result["retention"] and "indefinite_retention" not in flags(result)


def test_the_users_own_deletion_is_no_retention_statement(catalogue: Catalogue) -> None:
    assert review("You can delete your account at any time.", catalogue)["retention"] == []


@pytest.mark.parametrize(("sentence", "days", "flagged"), [
    ("We will respond to your request within one month, which may be extended by two further "
     "months.", 30, False),
    ("We answer requests within 45 days.", 45, True),
    ("Vi svarer på henvendelser innen tre måneder.", 90, True),
    ("Vi besvarar din begäran inom 30 dagar.", 30, False),
])
def test_response_time(catalogue: Catalogue, sentence: str, days: int, flagged: bool) -> None:
    result = review(sentence, catalogue)
    assert result["response_time_days"] == days
    assert ("response_time_too_long" in flags(result)) is flagged


@pytest.mark.parametrize(("sentence", "flagged"), [
    ("We process health data about pupils, such as allergies.", True),
    ("We process health data about pupils, such as allergies, only with explicit consent.",
     False),
    ("We do not collect health data.", False),
    ("Vi behandler helseopplysninger om elever.", True),
])
def test_special_categories(catalogue: Catalogue, sentence: str, flagged: bool) -> None:
    assert ("special_categories_unprotected" in flags(review(sentence, catalogue))) is flagged


@pytest.mark.parametrize(("sentence", "min_age", "parental"), [
    ("Barn under 13 år får inte använda tjänsten.", 13, None),
    ("The service is not intended for children under 16.", 16, None),
    ("Elever under 15 år trenger samtykke fra foresatte.", None, 15),
    ("Children under 13 need the consent of a parent.", None, 13),
])
def test_age_rules(catalogue: Catalogue, sentence: str, min_age: int | None,
                   parental: int | None) -> None:
    result = review(sentence, catalogue)
    assert (result["children"]["min_age"], result["children"]["parental_consent_below"]) == (
        min_age, parental)
    assert "children_without_age_rule" not in flags(result)


def test_pupils_without_an_age_rule(catalogue: Catalogue) -> None:
    sentence = "Denne tjenesten er ment for elever på barneskolen."
    flag = next(f for f in review(sentence, catalogue)["flags"]
                if f["code"] == "children_without_age_rule")
    assert flag["evidence"] == sentence


@pytest.mark.parametrize(("sentence", "parties"), [
    ("We use Zoom for lessons and Vimeo for videos.", [("Zoom", "US"), ("Vimeo", "US")]),
    ("Vi bruker ikke Google Analytics.", []),
    ("Vi deler data med vår leverandør Kodeverket AS i Norge.", [("Kodeverket AS", "NO")]),
    ("Vi har sider på sosiale medier (Facebook, YouTube).",
     [("Facebook", "US"), ("YouTube", "US")]),
])
def test_third_parties(catalogue: Catalogue, sentence: str,
                       parties: list[tuple[str, str]]) -> None:
    result = review(sentence, catalogue)
    assert [(p["name"], p["country"]) for p in result["third_parties"]] == parties


def test_social_media_pages_are_no_us_provider_in_the_chain(catalogue: Catalogue) -> None:
    result = review("Vi har sider på sosiale medier (Facebook, YouTube).", catalogue)
    assert "us_provider" not in flags(result)
    assert [p["purpose"] for p in result["third_parties"]] == ["social_media", "social_media"]
    assert len(result["draft"]["processors"]) == 1


def test_a_flattened_table_row_is_the_evidence_of_its_cells(catalogue: Catalogue) -> None:
    row = "För att följa bokföringslagen. Namn och uppgifter om köp. Rättslig förpliktelse. Sju år."
    result = review(row, catalogue)
    assert [(r["period"], r["evidence"]) for r in result["retention"]] == [("P7Y", row)]
    assert [(b["basis"], b["evidence"]) for b in result["legal_bases"]] == [("6.1.c", row)]


def test_a_heading_in_capitals_names_no_company(catalogue: Catalogue) -> None:
    result = review("CHILDREN AS USERS OF THE SERVICE\n\nWe serve schools.", catalogue)
    assert result["third_parties"] == []
