"""Country names the review reads: CLDR's, as Babel gives them, written out for the domain."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from privdesk.domain.policy.territories import TERRITORY_NAMES

ROOT = Path(__file__).resolve().parents[4]


def test_the_names_are_babels_cldr_names() -> None:
    spec = importlib.util.spec_from_file_location(
        "policy_territories", ROOT / "scripts" / "policy_territories.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    # When Babel moves, run scripts/policy_territories.py again.
    assert script.territory_names() == TERRITORY_NAMES


def test_each_language_names_the_countries_a_policy_may_place_data_in() -> None:
    assert TERRITORY_NAMES["Filippinene"] == TERRITORY_NAMES["Filippinerna"] == "PH"
    assert TERRITORY_NAMES["Marokko"] == TERRITORY_NAMES["Marocko"] == "MA"
    assert TERRITORY_NAMES["Kenya"] == "KE" and TERRITORY_NAMES["Serbien"] == "RS"
    assert "Man" not in TERRITORY_NAMES and "Georgia" not in TERRITORY_NAMES
