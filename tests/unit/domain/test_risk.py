"""ENISA's severity arithmetic and the notification advice against the EDPB's and WP29's cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from privdesk.domain import risk
from privdesk.domain.records import Incident

AWARE = datetime.fromisoformat("2026-11-20T09:15:00+01:00")


def incident(**facts: Any) -> Incident:
    return Incident(ref="INC-T-1", title="Test incident", aware_at=AWARE, **facts)


# --- the arithmetic ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("dpc", "ei", "cb", "score", "band"),
    [
        (1, 1.0, 0.0, 1.0, "low"),
        (1, 1.0, 0.75, 1.75, "low"),
        (2, 1.0, 0.0, 2.0, "medium"),  # the band starts at 2 inclusive
        (4, 0.5, 0.75, 2.75, "medium"),
        (3, 1.0, 0.0, 3.0, "high"),
        (3, 1.0, 0.5, 3.5, "high"),  # well inside the high band
        (4, 0.75, 0.75, 3.75, "high"),
        (4, 1.0, 0.0, 4.0, "very_high"),
        (4, 1.0, 2.0, 6.0, "very_high"),
        (4, 0.25, 0.5, 1.5, "low"),
    ],
)
def test_severity_is_dpc_times_ei_plus_cb(dpc: int, ei: float, cb: float, score: float,
                                          band: str) -> None:
    result = risk.severity(dpc, ei, cb)
    assert (result.score, result.band) == (score, band)


@pytest.mark.parametrize(("dpc", "ei", "cb"), [(0, 1.0, 0.0), (5, 1.0, 0.0), (2, 0.3, 0.0),
                                               (2, 1.0, 2.25)])
def test_values_outside_the_scales_are_refused(dpc: int, ei: float, cb: float) -> None:
    with pytest.raises(ValueError):
        risk.severity(dpc, ei, cb)


@pytest.mark.parametrize(
    ("categories", "dpc"),
    [
        (("identity", "contact"), 1),  # simple
        (("identity", "behaviour"), 2),  # behavioural
        (("identity", "financial"), 3),  # financial
        (("identity", "health"), 4),  # sensitive
        (("identity", "criminal"), 4),
        (("identity", "special_needs"), 3),  # simple + 2: assumptions about health
        (("national_id",), 3),
        (("credentials",), 3),
        ((), 1),
    ],
)
def test_dpc_takes_the_highest_category(categories: tuple[str, ...], dpc: int) -> None:
    assert risk.data_processing_context(incident(data_categories=categories))[0] == dpc


def test_children_raise_the_dpc_but_never_above_four() -> None:
    assert risk.data_processing_context(
        incident(data_categories=("identity",), children=True))[0] == 2
    assert risk.data_processing_context(
        incident(data_categories=("identity",), subject_groups=("pupils",)))[0] == 2
    assert risk.data_processing_context(
        incident(data_categories=("health",), vulnerable=True))[0] == 4


def test_ease_of_identification() -> None:
    assert risk.ease_of_identification(incident(data_categories=("identity",)))[0] == 1.0
    assert risk.ease_of_identification(
        incident(data_categories=("health",), encrypted=True, key_compromised=False))[0] == 0.25
    # Encryption without knowing the key is safe does not count.
    assert risk.ease_of_identification(
        incident(data_categories=("identity", "health"), encrypted=True))[0] == 1.0
    assert risk.ease_of_identification(
        incident(data_categories=("education",), subjects_count=24))[0] == 0.75
    assert risk.ease_of_identification(
        incident(data_categories=("behaviour",), subjects_count=5000))[0] == 0.5


@pytest.mark.parametrize(
    ("facts", "cb"),
    [
        ({"breach_types": ("confidentiality",), "exposure": "none"}, 0.0),
        ({"breach_types": ("confidentiality",), "exposure": "known_untrusted"}, 0.25),
        ({"breach_types": ("confidentiality",), "exposure": "public"}, 0.5),
        ({"breach_types": ("confidentiality",)}, 0.5),  # unknown exposure counts as unknown
        ({"breach_types": ("integrity",), "backup_available": True}, 0.0),
        ({"breach_types": ("integrity",), "backup_available": False}, 0.25),
        ({"breach_types": ("availability",), "backup_available": True,
          "restored_within_hours": 3}, 0.0),
        ({"breach_types": ("availability",), "backup_available": True,
          "restored_within_hours": 48}, 0.25),
        ({"breach_types": ("availability",), "backup_available": False}, 0.5),
        ({"breach_types": ("availability",), "backup_available": True,
          "restored_within_hours": 2, "malicious": True, "exfiltrated": False}, 0.5),
        ({"breach_types": ("confidentiality", "integrity", "availability"),
          "exposure": "public", "backup_available": False, "malicious": True}, 2.0),
    ],
)
def test_circumstances_add_up(facts: dict[str, Any], cb: float) -> None:
    assert risk.circumstances(incident(**facts))[0] == cb


def test_the_interchange_example_and_its_json() -> None:
    """The class list with special-needs notes e-mailed to the wrong parent group."""
    example = incident(
        breach_types=("confidentiality",), data_categories=("identity", "special_needs"),
        subject_groups=("pupils",), subjects_count=26, records_count=26, children=True,
        vulnerable=False, exposure="known_untrusted", malicious=False, encrypted=False,
        key_compromised=False, recovered_or_deleted_by_recipient=False)
    result = risk.assess(example)
    document = risk.to_json(result)
    assert document["severity"] == {"dpc": 4, "ei": 1, "cb": 0.25, "score": 4.25,
                                     "band": "very_high"}
    assert document["notify_authority"] is True and document["notify_subjects"] is True
    assert document["notify_by"] == "2026-11-23T08:15:00+00:00"
    reasons = document["reasons"]
    assert isinstance(reasons, list) and all(isinstance(r, str) and r for r in reasons)
    assert any("children" in r for r in reasons)


# --- beyond the guidelines' cases (those are in test_risk_edpb_examples.py) -----------------

def test_a_few_ordinary_addresses_to_known_recipients_need_no_notification() -> None:
    """WP250 annex (x) with a handful of ordinary addresses: documented, not notified."""
    result = risk.assess(incident(breach_types=("confidentiality",),
                                  data_categories=("contact",), subjects_count=8,
                                  malicious=False, exposure="known_untrusted"))
    assert (result.notify_authority, result.notify_subjects) == (False, False)
    assert any("Art. 33(5)" in reason.render() for reason in result.reasons)
    # The same mistake with hundreds of addresses is notified (WP250: "a large number").
    many = risk.assess(incident(breach_types=("confidentiality",),
                                data_categories=("contact",), subjects_count=800,
                                malicious=False, exposure="known_untrusted"))
    assert (many.notify_authority, many.notify_subjects) == (True, False)


def test_recipients_who_deleted_the_data_exempt_telling_the_people() -> None:
    """Art. 34(3)(b): the class list went to the wrong parents, who confirmed deletion."""
    facts = {"breach_types": ("confidentiality",), "data_categories": ("identity", "health"),
             "children": True, "subjects_count": 26, "malicious": False,
             "exposure": "known_untrusted"}
    kept = risk.assess(incident(**facts, recovered_or_deleted_by_recipient=False))
    deleted = risk.assess(incident(**facts, recovered_or_deleted_by_recipient=True))
    assert (kept.notify_authority, kept.notify_subjects) == (True, True)
    assert (deleted.notify_authority, deleted.notify_subjects) == (True, False)
    assert any("34(3)(b)" in reason.render() for reason in deleted.reasons)


def test_a_compromised_key_removes_the_encryption_exemption() -> None:
    stolen = {"breach_types": ("confidentiality",), "data_categories": ("identity", "health"),
              "malicious": True, "exfiltrated": True, "exposure": "unknown", "encrypted": True}
    safe = risk.assess(incident(**stolen, key_compromised=False))
    lost = risk.assess(incident(**stolen, key_compromised=True))
    assert (safe.notify_authority, safe.notify_subjects) == (False, False)
    assert any("34(3)(a)" in reason.render() for reason in safe.reasons)
    assert (lost.notify_authority, lost.notify_subjects) == (True, True)


def test_very_many_people_may_be_told_by_a_public_communication() -> None:
    result = risk.assess(incident(breach_types=("confidentiality",),
                                  data_categories=("identity", "health"),
                                  subjects_count=25_000, exposure="public", malicious=True))
    assert result.notify_subjects and result.public_communication
    assert any("34(3)(c)" in reason.render() for reason in result.reasons)


def test_ransomware_without_known_exfiltration_is_treated_as_possible_copying() -> None:
    established = incident(breach_types=("availability",), data_categories=("identity",),
                           malicious=True, exfiltrated=False, backup_available=True,
                           restored_within_hours=2)
    unknown = replace(established, exfiltrated=None)
    assert risk.assess(established).notify_authority is False
    assessed = risk.assess(unknown)
    assert assessed.notify_authority is True
    assert any("copied" in reason.render() for reason in assessed.reasons)


def test_nothing_recorded_errs_on_the_side_of_notifying() -> None:
    result = risk.assess(incident())
    assert result.notify_authority is True and result.notify_subjects is False
    assert any("Art. 33(4)" in reason.render() for reason in result.reasons)


def test_late_notification_asks_for_the_reasons() -> None:
    late = incident(breach_types=("confidentiality",), data_categories=("identity", "health"),
                    exposure="known_untrusted",
                    authority_notified_at=datetime.fromisoformat("2026-11-24T10:00:00+01:00"))
    texts = [reason.render() for reason in risk.assess(late).reasons]
    assert any("96.8 hours" in text and "must be given" in text for text in texts)
    explained = replace(late, delay_reason="The processor's report arrived incomplete.")
    texts = [reason.render() for reason in risk.assess(explained).reasons]
    assert any("reasons for the delay are recorded" in text for text in texts)


def test_reasons_are_translated_at_the_edge() -> None:
    from privdesk.i18n import translation

    result = risk.assess(incident(breach_types=("confidentiality",),
                                  data_categories=("identity", "special_needs"), children=True,
                                  exposure="known_untrusted"))
    english = risk.to_json(result)["reasons"]
    norwegian = risk.to_json(result, translation("nb").gettext)["reasons"]
    assert isinstance(english, list) and isinstance(norwegian, list)
    assert len(english) == len(norwegian)


def test_an_outage_reason_counts_its_hours_in_the_right_form() -> None:
    """Issue 17: "unavailable for 1 hours" / "1 timer"; one hour is singular, 1.5 plural."""
    from privdesk.domain.errors import NP_
    from privdesk.domain.risk import Reason

    message = NP_("The data were unavailable for {hours} hour.",
                  "The data were unavailable for {hours} hours.")
    assert Reason(message, {"hours": "1"}, 1).render() == "The data were unavailable for 1 hour."
    assert Reason(message, {"hours": "1.5"}, 1.5).render() == (
        "The data were unavailable for 1.5 hours.")
