"""Review a vendor's privacy policy: findings, flags and a draft processor, as JSON values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from privdesk.domain.codes import EEA_COUNTRIES
from privdesk.domain.policy.catalogue import Catalogue
from privdesk.domain.policy.extract import Findings, extract
from privdesk.domain.policy.flags import Flag, raise_flags
from privdesk.domain.policy.structure import parse_document

Gettext = Callable[[str], str]
DRAFT_PREFIX = "VEN-DRAFT-"


@dataclass(frozen=True, slots=True)
class Review:
    """What the first reading of a policy found and flagged."""

    findings: Findings
    flags: tuple[Flag, ...]
    draft: dict[str, Any]


def review_policy(text: str, catalogue: Catalogue, today: date,
                  fallback_name: str = "") -> Review:
    """Read ``text`` (a policy's plain text) against the vendor catalogue, as of ``today``."""
    document = parse_document(text)
    findings = extract(document, catalogue, today)
    flags = raise_flags(findings, today)
    return Review(findings=findings, flags=tuple(flags),
                  draft=draft_processors(findings, fallback_name))


def draft_processors(findings: Findings, fallback_name: str = "") -> dict[str, Any]:
    """The vendor as a processor with its subprocessors, and the transfers they imply (for the
    activity), in interchange form, for the DPO to confirm item by item."""
    vendor = findings.vendor
    ref = f"{DRAFT_PREFIX}1"
    contact = next((c.email for c in findings.contacts if c.email and c.role == "dpo"), None) \
        or next((c.email for c in findings.contacts if c.email), None)
    chained = {loc.party for loc in findings.data_locations if loc.party}
    processors: list[dict[str, Any]] = [{
        "ref": ref, "name": vendor.name or fallback_name or "?",
        "org_number": vendor.org_number, "country": vendor.country, "role": "processor",
        "parent": None, "services": None,
        "data_locations": sorted({loc.country for loc in findings.data_locations
                                  if loc.party is None or loc.party not in chained}),
        "dpa": {"signed": None, "review_due": None, "reference": None},
        "certifications": [c.value for c in findings.certifications],
        "contact": contact, "policy_url": None,
    }]
    transfers: list[dict[str, Any]] = []
    basis_of: list[str] = []
    stated = {(t.country, t.recipient): t for t in findings.transfers if t.country}
    for number, party in enumerate((p for p in findings.third_parties if p.processor), start=2):
        sub_ref = f"{DRAFT_PREFIX}{number}"
        locations = sorted({loc.country for loc in findings.data_locations
                            if loc.party == party.name})
        processors.append({
            "ref": sub_ref, "name": party.name, "org_number": None, "country": party.country,
            "role": "subprocessor", "parent": ref, "services": party.purpose,
            "data_locations": locations,
            "dpa": {"signed": None, "review_due": None, "reference": None},
            "certifications": [], "contact": None, "policy_url": None,
        })
        for country in sorted({c for c in [party.country, *locations] if c}):
            if country in EEA_COUNTRIES:
                continue
            # A safeguard the policy names for this party, or for the country without a party.
            said = stated.get((country, party.name)) or stated.get((country, None))
            if said is not None and said.safeguard:
                safeguard, basis = said.safeguard, "policy"
            elif party.usual_safeguard:
                safeguard, basis = party.usual_safeguard, "catalogue"
            else:
                safeguard, basis = "none", "none"
            transfers.append({"country": country, "recipient": sub_ref, "safeguard": safeguard,
                              "note": ""})
            basis_of.append(basis)
    # "transfer_basis" says, transfer by transfer, where the safeguard came from: the policy,
    # the catalogue's usual one, or nowhere ("none"); the DPO confirms each.
    return {"processors": processors, "transfers": transfers, "transfer_basis": basis_of}


def review_to_json(review: Review, gettext: Gettext | None = None) -> dict[str, Any]:
    """The review as the JSON of docs/policy-review.md (messages in ``gettext``'s
    language)."""
    f = review.findings
    children = f.children
    return {
        "language": f.language,
        "languages": [{"language": lang, "share": share} for lang, share in f.languages],
        "sections": [{"heading": h, "language": lang} for h, lang in f.sections if h],
        "vendor": {"name": f.vendor.name, "org_number": f.vendor.org_number,
                   "country": f.vendor.country, "evidence": f.vendor.evidence},
        "contacts": [
            {"role": c.role, "email": c.email, "evidence": c.evidence,
             **({"obfuscated": True} if c.obfuscated else {})}
            for c in f.contacts
        ],
        "third_parties": [
            {"name": p.name, "country": p.country, "purpose": p.purpose,
             "evidence": p.evidence, "source": p.source, "usual_safeguard": p.usual_safeguard}
            for p in f.third_parties
        ],
        "data_locations": [
            {"country": loc.country, "evidence": loc.evidence, "party": loc.party}
            for loc in f.data_locations
        ],
        "data_regions": [{"region": r.region, "evidence": r.evidence} for r in f.data_regions],
        "transfers": [
            {"country": t.country, "safeguard": t.safeguard, "evidence": t.evidence,
             "recipient": t.recipient, "safeguard_source": t.safeguard_source,
             "safeguard_evidence": t.safeguard_evidence}
            for t in f.transfers
        ],
        "retention": [
            {"text": r.text, "period": r.period, "kind": r.kind, "evidence": r.evidence}
            for r in f.retention
        ],
        "legal_bases": [{"basis": b.basis, "evidence": b.evidence} for b in f.legal_bases],
        "data_categories": [e.value for e in f.data_categories],
        "data_category_evidence": [{"category": e.value, "evidence": e.evidence}
                                   for e in f.data_categories],
        "children": {"min_age": children.min_age,
                     "parental_consent_below": children.parental_consent_below,
                     "evidence": children.evidence, "pupils_evidence": f.pupils},
        "response_time_days": f.response_time_days,
        "response_time_evidence": f.response_evidence,
        "authority": ({"name": f.authority.name, "country": f.authority.country,
                       "evidence": f.authority.evidence} if f.authority else None),
        "complaint_right": f.complaint,
        "policy_date": f.policy_date.isoformat() if f.policy_date else None,
        "policy_date_evidence": f.date_evidence,
        "flags": [
            {"code": flag.code, "severity": flag.severity, "message": flag.render(gettext),
             "evidence": flag.evidence}
            for flag in review.flags
        ],
        "draft": review.draft,
    }
