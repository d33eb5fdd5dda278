"""The vendor catalogue: privdesk's own entries, the DPO's additions, and bad entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privdesk.domain.codes import COUNTRIES, SAFEGUARDS
from privdesk.domain.errors import UserError
from privdesk.domain.policy.catalogue import CATEGORIES, catalogue_from_json

CATALOGUE = Path(__file__).resolve().parents[4] / "resources" / "vendors.json"


def shipped() -> dict[str, object]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_shipped_catalogue_covers_the_vendors_schools_meet() -> None:
    catalogue = catalogue_from_json(shipped())
    by_name = {v.name: v for v in catalogue.vendors}
    for name, country in [("Stripe", "US"), ("Google Analytics", "US"), ("Hotjar", "MT"),
                          ("Intercom", "US"), ("Microsoft", "US"), ("Amazon Web Services", "US"),
                          ("Zoom", "US"), ("Vimeo", "US"), ("Feide", "NO"), ("Skolon", "SE"),
                          ("Elastx", "SE"), ("Zendesk", "US"), ("Mailchimp", "US"),
                          ("Sentry", "US"), ("Cloudflare", "US")]:
        assert by_name[name].country == country, name
    for vendor in catalogue.vendors:
        assert vendor.country is None or vendor.country in COUNTRIES
        assert vendor.safeguard is None or vendor.safeguard in SAFEGUARDS
        assert vendor.category in CATEGORIES
    names = [n for v in catalogue.vendors for n in {n.casefold() for n in v.names}]
    assert len(names) == len(set(names)), "an alias names two vendors"


def test_a_longer_name_hides_a_shorter_one() -> None:
    catalogue = catalogue_from_json(shipped())
    found = [v.name for _, _, v in catalogue.matches("We use Google Analytics and Google Drive.")]
    assert found == ["Google Analytics", "Google"]


def test_names_match_as_written() -> None:
    catalogue = catalogue_from_json(shipped())
    assert catalogue.matches("a zoom lens and a stripe of paint") == []


def test_the_dpos_entries_are_added_and_win() -> None:
    extra = [{"name": "Numetry Cloud", "country": "NO", "category": "hosting"},
             {"name": "Hotjar", "country": "IE", "category": "analytics"}]
    catalogue = catalogue_from_json(shipped(), extra)
    by_name = {v.name: v for v in catalogue.vendors}
    assert by_name["Numetry Cloud"].country == "NO"
    assert by_name["Hotjar"].country == "IE"


@pytest.mark.parametrize(("entry", "place"), [
    ({"country": "NO"}, "mine.json[0].name"),
    ({"name": "X", "country": "XX"}, "mine.json[0].country"),
    ({"name": "X", "category": "magic"}, "mine.json[0].category"),
    ({"name": "X", "safeguard": "trust"}, "mine.json[0].safeguard"),
    ({"name": "X", "aliases": "Y"}, "mine.json[0].aliases"),
])
def test_a_wrong_entry_is_refused_with_its_place(entry: dict[str, object], place: str) -> None:
    with pytest.raises(UserError) as caught:
        catalogue_from_json(shipped(), [entry], extra_source="mine.json")
    assert caught.value.place == place


def test_an_entry_for_a_known_vendor_keeps_what_it_does_not_name() -> None:
    catalogue = catalogue_from_json(shipped(), [{"name": "stripe", "country": "IE"}])
    stripe = next(v for v in catalogue.vendors if v.name.casefold() == "stripe")
    assert (stripe.country, stripe.category, stripe.safeguard) == ("IE", "payments", "dpf")
    assert "Stripe, Inc." in stripe.aliases
