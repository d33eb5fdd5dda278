"""Language detection: each Nordic language and English, and a policy that switches mid-way."""

from __future__ import annotations

import pytest

from privdesk.domain.policy.language import detect_language
from privdesk.domain.policy.structure import parse_document

SAMPLES = {
    "nb": "Vi behandler personopplysninger om deg når du bruker tjenesten, og vi sletter dem "
          "når de ikke lenger er nødvendige. Du kan når som helst be om innsyn.",
    "nn": "Vi handsamar personopplysningar om deg når du brukar tenesta, og vi slettar dei "
          "når dei ikkje lenger trengst. Du kan når som helst be om innsyn i kva vi har.",
    "sv": "Vi behandlar dina personuppgifter när du använder tjänsten och raderar dem när de "
          "inte längre behövs. Du kan när som helst begära tillgång till uppgifterna.",
    "da": "Vi behandler dine personoplysninger, når du bruger tjenesten, og vi sletter dem, "
          "når de ikke længere er nødvendige. Du kan til enhver tid bede om indsigt i hvad "
          "vi har af oplysninger om dig.",
    "en": "We process your personal data when you use the service and delete it when it is "
          "no longer needed. You may ask for a copy of your data at any time.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_language_is_recognised(language: str) -> None:
    assert detect_language(SAMPLES[language]) == language


def test_too_little_text_gives_the_default() -> None:
    assert detect_language("912 345 678", default="sv") == "sv"


def test_a_mixed_policy_is_read_section_by_section() -> None:
    text = "\n\n".join([
        "1. About us", SAMPLES["en"], "2. Lagring", SAMPLES["nb"], "3. Rättigheter",
        SAMPLES["sv"],
    ])
    document = parse_document(text)
    assert [s.language for s in document.sections] == ["en", "nb", "sv"]
    assert {language for language, _ in document.languages} == {"en", "nb", "sv"}
    sentence = next(s for s in document.sentences if s.text.startswith("Vi behandlar"))
    assert sentence.language == "sv" and sentence.heading == "3. Rättigheter"
