"""Whatever text arrives, the review finishes and keeps its promises about evidence."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from privdesk.domain.policy import catalogue_from_json, review_policy, review_to_json

ROOT = Path(__file__).resolve().parents[4]
CATALOGUE = catalogue_from_json(
    json.loads((ROOT / "resources" / "vendors.json").read_text(encoding="utf-8")))
WORDS = st.sampled_from(
    "We do not transfer data outside the EEA USA Marokko Stripe Google Analytics lagres "
    "slettes sparas tills vidare innen 30 dager två år under 13 år samtykke foresatte "
    "Datatilsynet IMY klage org.nr 912 345 678 AS AB privacy@x.example 27.02.2024 : . , ; \n"
    "- «Vipps» ( ) art. 6.1.f".split(" ")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=80).map(" ".join))
def test_any_mix_of_policy_words_gives_a_review_with_sound_evidence(text: str) -> None:
    result = review_to_json(review_policy(text, CATALOGUE, date(2026, 11, 23)))
    flat = " ".join(text.split())
    for flag in result["flags"]:
        assert flag["evidence"] is None or " ".join(flag["evidence"].split()) in flat
    for key in ("third_parties", "transfers", "retention", "legal_bases"):
        for item in result[key]:
            assert " ".join(item["evidence"].split()) in flat


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_at_all_gives_a_review(text: str) -> None:
    result = review_to_json(review_policy(text, CATALOGUE, date(2026, 11, 23)))
    assert result["language"] in ("nb", "nn", "sv", "da", "en")
    json.dumps(result, ensure_ascii=False)
