"""Sentences and their place: abbreviations, dates, numbering and list introductions."""

from __future__ import annotations

from privdesk.domain.policy.structure import parse_document, split_sentences


def test_abbreviations_and_dates_do_not_end_a_sentence() -> None:
    text = ("Vi bruker f.eks. Stripe, jf. GDPR art. 6 nr. 1 bokstav b. Erklæringen er "
            "oppdatert 04.07.2022.Den gjelder alle tjenester. Se t.ex. avsnitt 3.")
    assert split_sentences(text) == [
        "Vi bruker f.eks. Stripe, jf. GDPR art. 6 nr. 1 bokstav b.",
        "Erklæringen er oppdatert 04.07.2022.",
        "Den gjelder alle tjenester.",
        "Se t.ex. avsnitt 3.",
    ]


def test_an_enumerated_paragraph_keeps_its_letter() -> None:
    assert split_sentences("A. Bruk av appen. Skolen bestemmer.") == [
        "A. Bruk av appen.", "Skolen bestemmer."]


def test_sections_headings_and_list_introductions() -> None:
    text = ("Privacy policy\n\n1. Who we share data with\n\nThird parties we use:\n"
            "Stripe: payments for subscriptions.\n- Purposes:\nSupport: answers questions.\n\n"
            "4.4 You may complain to the authority.")
    document = parse_document(text)
    stripe = next(s for s in document.sentences if s.text.startswith("Stripe"))
    assert stripe.intro == "Third parties we use:"
    assert stripe.heading == "1. Who we share data with"
    support = next(s for s in document.sentences if s.text.startswith("Support"))
    assert support.intro == "Purposes:"
    # The clause number is not part of the evidence sentence.
    assert document.sentences[-1].text == "You may complain to the authority."


def test_wrapped_lines_of_a_pdf_join_into_one_paragraph() -> None:
    document = parse_document("We keep invoices for seven\nyears after the sale.\n\nNext part.")
    assert document.sentences[0].text == "We keep invoices for seven years after the sale."
