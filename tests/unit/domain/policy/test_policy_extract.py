"""The review on phrasings seen to fail on policies outside the project (issue 19), one class
of failure at a time, in English, Norwegian and Swedish. The policies are a few sentences
written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from privdesk.domain import codes
from privdesk.domain.policy import catalogue_from_json, review_policy, review_to_json
from privdesk.domain.policy import vocabulary as v
from privdesk.domain.policy.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[4]
TODAY = date(2026, 12, 3)
CONTACT = "Write to privacy@example.test with questions. You can complain to Datatilsynet."


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return catalogue_from_json(json.loads((ROOT / "resources" / "vendors.json").read_text("utf-8")))


def review(text: str, catalogue: Catalogue) -> dict[str, Any]:
    return review_to_json(review_policy(text, catalogue, TODAY))


def flags(result: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in result["flags"] if f["code"] == code]


def transfers(result: dict[str, Any]) -> dict[str | None, str | None]:
    return {t["country"]: t["safeguard"] for t in result["transfers"]}


# --- Safeguards belong to the transfers their sentence names --------------------------------

def test_a_safeguard_for_the_us_leaves_partners_elsewhere_without_one(
        catalogue: Catalogue) -> None:
    result = review(
        "Support is provided by Kestrel Care Pvt Ltd in India and Harbor Desk Inc. in the "
        "Philippines.\nOur test team at Atlas Code SARL in Morocco may access production data "
        "when a fault cannot be reproduced.\nFor transfers to the United States we rely on "
        "standard contractual clauses and our servers are located in the United States.\n"
        + CONTACT, catalogue)
    assert transfers(result) == {"US": "scc", "IN": None, "PH": None, "MA": None}
    assert sorted(f["message"].split(" in ")[1].split(",")[0]
                  for f in flags(result, "transfer_without_safeguard")) == ["IN", "MA", "PH"]
    india = next(t for t in result["transfers"] if t["country"] == "IN")
    assert india["recipient"] == "Kestrel Care Pvt Ltd"


def test_a_safeguard_sentence_naming_no_country_covers_every_transfer(
        catalogue: Catalogue) -> None:
    result = review(
        "Our partner Lumen Lingua Pvt Ltd in India translates lesson texts.\n"
        "All transfers outside the EEA rely on the standard contractual clauses.\n" + CONTACT,
        catalogue)
    assert transfers(result) == {"IN": "scc"}
    assert not flags(result, "transfer_without_safeguard")


def test_a_safeguard_sentence_naming_a_recipient_covers_that_recipient_only(
        catalogue: Catalogue) -> None:
    result = review(
        "Support is handled by our partner Cedar Point Services LLC in the United States.\n"
        "Our translation partner Lumen Lingua Pvt Ltd in India receives lesson texts.\n"
        "Transfers to Cedar Point rely on standard contractual clauses.\n" + CONTACT, catalogue)
    assert transfers(result) == {"US": "scc", "IN": None}


def test_the_data_privacy_framework_covers_the_united_states_only(
        catalogue: Catalogue) -> None:
    result = review(
        "Vårt utvecklingsteam i Serbien kan få åtkomst till produktionsmiljön.\n"
        "Vi använder EU–US Data Privacy Framework för våra leverantörer.\n" + CONTACT, catalogue)
    assert transfers(result) == {"RS": None}


# --- A non-EEA party that performs part of the service or may access data -------------------

@pytest.mark.parametrize(("text", "country"), [
    ("Customer support is answered by Loop Contact Ltd, Kenya: it reads pupils' tickets.", "KE"),
    ("Brukerstøtte utføres av vår partner Sahel Digital SARL i Marokko.", "MA"),
    ("Utviklerteamet vårt i India kan få tilgang til produksjonsdata.", "IN"),
    ("Vår supportpartner Manila Helpdesk Inc. på Filippinerna besvarar ärenden.", "PH"),
])
def test_a_party_or_team_abroad_is_a_transfer_without_the_word(
        catalogue: Catalogue, text: str, country: str) -> None:
    result = review(text + "\n" + CONTACT, catalogue)
    assert transfers(result) == {country: None}
    assert len(flags(result, "transfer_without_safeguard")) == 1


# --- Words --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The United States CLOUD Act may let US authorities request data held by US providers.",
    "Amerikansk lov, blant annet CLOUD Act, kan gi amerikanske myndigheter tilgang til data "
    "hos amerikanske leverandører.",
])
def test_a_law_named_cloud_act_is_no_storage_place(catalogue: Catalogue, text: str) -> None:
    result = review("Data is stored in Germany.\n" + text + "\n" + CONTACT, catalogue)
    assert [loc["country"] for loc in result["data_locations"]] == ["DE"]
    assert result["transfers"] == []


@pytest.mark.parametrize(("line", "day"), [
    ("Sist endret 3. mars 2022", "2022-03-03"),
    ("Policyn gäller fr.o.m. 2024-05-01.", "2024-05-01"),
    ("This policy is effective as of 2 June 2024.", "2024-06-02"),
])
def test_the_policy_date_after_other_phrases(catalogue: Catalogue, line: str, day: str) -> None:
    result = review(line + "\n" + CONTACT, catalogue)
    assert result["policy_date"] == day
    assert [f["severity"] for f in flags(result, "outdated")] == ["low"]


@pytest.mark.parametrize("text", [
    "Pupils under 13 may only use the app with parental consent.",
    "Barn under 13 år kan bare bruke appen med foresattes samtykke.",
    "Elever under 13 år behöver vårdnadshavares samtycke för att skapa ett konto.",
])
def test_consent_phrased_with_an_adjective_is_a_consent_age(
        catalogue: Catalogue, text: str) -> None:
    result = review(text + "\n" + CONTACT, catalogue)
    assert result["children"]["parental_consent_below"] == 13
    assert not flags(result, "children_without_age_rule")


@pytest.mark.parametrize(("text", "vendor"), [
    ("Data lagres i Microsofts datasentre i Norge.", "Microsoft"),
    ("Vi använder Googles inloggning för elever.", "Google"),
    ("Appen kjører på Amazons skytjenester i Irland.", "Amazon Web Services"),
    ("Google's reCAPTCHA protects the sign-up form.", "Google"),
])
def test_a_genitive_names_a_known_vendor(catalogue: Catalogue, text: str, vendor: str) -> None:
    result = review(text + "\n" + CONTACT, catalogue)
    assert [p["name"] for p in result["third_parties"]] == [vendor]
    assert [f["code"] for f in flags(result, "us_provider")] == ["us_provider"]


@pytest.mark.parametrize("text", [
    "We use session recording and heatmaps to see where pupils get stuck.",
    "Vi bruker skjermopptak av økter og varmekart for å se hvordan elevene skriver.",
    "Hotjar spelar in värmekartor och sessionsinspelning av hur eleverna övar.",
])
def test_session_recording_and_heatmaps_are_tracking(catalogue: Catalogue, text: str) -> None:
    result = review("Pupils under 13 need parental consent.\n" + text + "\n" + CONTACT,
                    catalogue)
    assert flags(result, "tracking_or_ads")[0]["evidence"] == text


@pytest.mark.parametrize("text", [
    "Parental consent is not required for pupils under 16, because the school decides.",
    "Foresattes samtykke kreves ikke for elever under 16 år, fordi skolen bestemmer.",
])
def test_a_negated_consent_requirement_sets_no_consent_age(
        catalogue: Catalogue, text: str) -> None:
    result = review(text + "\n" + CONTACT, catalogue)
    assert result["children"]["parental_consent_below"] is None


def test_explicit_consent_not_required_is_no_safeguard(catalogue: Catalogue) -> None:
    result = review("Tjänsten innehåller uppgifter om elevers hälsa. Uttryckligt samtycke "
                    "krävs inte för detta.\n" + CONTACT, catalogue)
    assert flags(result, "special_categories_unprotected")


@pytest.mark.parametrize("text", [
    "Submitted texts are not deleted when the account is closed.",
    "Messages are retained for as long as we wish.",
    "Innleverte tekster slettes ikke når kontoen avsluttes.",
    "Personuppgifter i tjänsten gallras inte.",
    "Vi sparar uppgifterna så länge vi önskar.",
])
def test_retention_that_never_ends_is_flagged_high(catalogue: Catalogue, text: str) -> None:
    result = review(text + "\n" + CONTACT, catalogue)
    assert [f["severity"] for f in flags(result, "indefinite_retention")] == ["high"]
    assert flags(result, "indefinite_retention")[0]["evidence"] == text


def test_not_deleted_until_an_end_is_no_retention_without_end(catalogue: Catalogue) -> None:
    result = review("Invoices are not deleted until five years have passed.\n" + CONTACT,
                    catalogue)
    assert not [f for f in flags(result, "indefinite_retention") if f["severity"] == "high"]


@pytest.mark.parametrize("line", [
    "Du har rätt att lämna klagomål till Integritetsskyddsmyndigheten (IMY)",
    "Du kan lämna klagomål till Integritetsskyddsmyndigheten",
    "You can also complain to your data protection authority",
])
def test_a_complaint_line_without_a_full_stop_is_the_complaint_right(
        catalogue: Catalogue, line: str) -> None:
    result = review("Kontakt\nWrite to privacy@example.test.\n" + line + "\n", catalogue)
    assert result["complaint_right"] == line
    assert not flags(result, "no_complaint_right")


# --- "As long as necessary" next to concrete periods ---------------------------------------------

def test_as_long_as_necessary_introducing_a_period_is_not_flagged(catalogue: Catalogue) -> None:
    result = review("Lagring\nVi lagrer opplysningene så lenge det er nødvendig. Kontoen "
                    "slettes 12 måneder etter siste innlogging.\n" + CONTACT, catalogue)
    assert not flags(result, "indefinite_retention")


def test_as_long_as_necessary_with_only_an_example_period_is_flagged(
        catalogue: Catalogue) -> None:
    result = review("Lagring\nVi lagrer opplysningene så lenge det er nødvendig. For eksempel "
                    "oppbevares regnskap i fem år.\n" + CONTACT, catalogue)
    assert [f["severity"] for f in flags(result, "indefinite_retention")] == ["medium"]


# --- Countries from CLDR ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "country"), [
    ("Data is stored in Kenya.", "KE"),
    ("Opplysningane blir lagra på Filippinane.", "PH"),
    ("Uppgifterna lagras i Vietnam.", "VN"),
    ("Data lagres på servere i Kasakhstan.", "KZ"),
    ("Sikkerhetskopier lagres i USAs datasentre hos leverandøren.", "US"),
])
def test_countries_by_their_cldr_names_and_genitives(
        catalogue: Catalogue, text: str, country: str) -> None:
    result = review(text + "\n" + CONTACT, catalogue)
    assert country in {t["country"] for t in result["transfers"]}


def test_the_adequacy_list_is_the_one_of_codes() -> None:
    assert v.ADEQUATE_COUNTRIES is codes.ADEQUACY_COUNTRIES


# --- Flags resting on what a policy leaves out ------------------------------------------------

def test_a_flag_on_what_is_missing_has_no_quotation_and_names_what_was_looked_for(
        catalogue: Catalogue) -> None:
    result = review("We make a quiz app.\n", catalogue)
    missing = {f["code"]: f for f in result["flags"] if f["evidence"] is None}
    assert set(missing) == {"no_contact", "no_complaint_right", "indefinite_retention"}
    assert "contact point" in missing["no_contact"]["message"]
    assert "complain to a supervisory authority" in missing["no_complaint_right"]["message"]
    assert "retention period" in missing["indefinite_retention"]["message"]


# --- Found on the held-out policies (c17-c20) ---------------------------------------------------

def test_a_subprocessor_table_places_each_party_in_its_row_country(catalogue: Catalogue) -> None:
    result = review(
        "Northwind Forms LLC makes online forms.\n"
        "Subprocessor | Purpose | Location\nCloudflare | content delivery | United States\n"
        "Brightline Data Services Pvt. Ltd. | manual review | India\n"
        "Transfers to Cloudflare are covered by the EU-U.S. Data Privacy Framework.\n" + CONTACT,
        catalogue)
    assert {p["name"]: p["country"] for p in result["third_parties"]} == {
        "Cloudflare": "US", "Brightline Data Services Pvt. Ltd": "IN"}
    assert transfers(result) == {"US": "dpf", "IN": None}


def test_a_team_abroad_that_can_see_the_data_is_a_transfer_in_nynorsk(
        catalogue: Catalogue) -> None:
    result = review("Kundestøtta vår i Ukraina kan sjå opplysningane når dei hjelper "
                    "barnehagen.\nOpplysningane blir sletta seinast tre månader etter at barnet "
                    "sluttar.\n" + CONTACT, catalogue)
    assert transfers(result) == {"UA": None}
    assert [r["period"] for r in result["retention"]] == ["P3M"]


def test_a_product_named_after_we_use_is_a_third_party_and_recording_sessions_is_tracking(
        catalogue: Catalogue) -> None:
    text = "We use FullStory to record sessions so we can see where children get stuck."
    result = review("Pupils under 13 need parental consent.\n" + text + "\n" + CONTACT,
                    catalogue)
    assert [p["name"] for p in result["third_parties"]] == ["FullStory"]
    assert flags(result, "tracking_or_ads")[0]["evidence"] == text


def test_a_company_name_with_a_comma_before_its_suffix_is_the_vendor(
        catalogue: Catalogue) -> None:
    result = review("Northwind Forms, LLC Privacy Policy\n" + CONTACT, catalogue)
    assert result["vendor"]["name"] == "Northwind Forms LLC"
    assert result["vendor"]["country"] == "US"
