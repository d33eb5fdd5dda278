"""The flags of docs/policy-review.md, raised from the findings, each with its evidence.

A flag that rests on something the policy says carries that sentence; a flag that rests on
what the policy leaves out (no contact point, no complaint right) carries none, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from privdesk.domain.codes import SPECIAL_CATEGORIES
from privdesk.domain.deadlines import add_months
from privdesk.domain.errors import N_
from privdesk.domain.policy.extract import Findings

FLAG_CODES = (
    "indefinite_retention", "transfer_without_safeguard", "us_provider", "tracking_or_ads",
    "no_complaint_right", "no_contact", "special_categories_unprotected",
    "response_time_too_long", "outdated", "children_without_age_rule",
)
SEVERITIES = ("high", "medium", "low")
# Parties that are no link in the processing chain: a vendor's social-media page, a tax office.
OUTSIDE_CHAIN = frozenset({"social_media", "authority"})


@dataclass(frozen=True, slots=True)
class Flag:
    """One flag: its code, severity, message (a msgid with parameters) and evidence."""

    code: str
    severity: str
    message: str
    evidence: str | None
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, gettext: Any = None) -> str:
        template = gettext(self.message) if gettext is not None else self.message
        params = {k: (gettext(p) if gettext is not None and k == "law" else p)
                  for k, p in self.params.items()}
        return template.format(**params)


def _retention_flags(findings: Findings) -> list[Flag]:
    indefinite = [r for r in findings.retention if r.kind == "indefinite"]
    if indefinite:
        return [Flag("indefinite_retention", "high",
                     N_("Data is kept without an end in time: \u201c{phrase}\u201d."),
                     indefinite[0].evidence, {"phrase": indefinite[0].text})]
    vague = [r for r in findings.retention if r.kind == "vague"]
    if vague:
        return [Flag("indefinite_retention", "medium",
                     N_("Data is kept \u201c{phrase}\u201d, with no period or end named; ask "
                        "the vendor for a retention period."),
                     vague[0].evidence, {"phrase": vague[0].text})]
    if not findings.retention:
        return [Flag("indefinite_retention", "medium",
                     N_("The policy names no retention period at all."), None)]
    return []


def _transfer_flags(findings: Findings) -> list[Flag]:
    flags = []
    for t in findings.transfers:
        if t.safeguard is not None:
            continue
        if t.country is None:
            flags.append(Flag("transfer_without_safeguard", "high",
                              N_("Data may go outside the EEA, and the policy names neither "
                                 "the country nor a transfer mechanism."), t.evidence))
        else:
            flags.append(Flag("transfer_without_safeguard", "high",
                              N_("Data is processed or stored in {country}, outside the EEA, "
                                 "and the policy names no transfer mechanism (adequacy, "
                                 "standard contractual clauses, DPF or BCR)."),
                              t.evidence, {"country": t.country}))
    return flags


def _us_flags(findings: Findings) -> list[Flag]:
    flags = []
    if findings.vendor.country == "US":
        flags.append(Flag("us_provider", "medium",
                          N_("{name} is a US provider: US law lets US authorities reach the "
                             "data it holds, even in EU data centres."),
                          findings.vendor.evidence, {"name": findings.vendor.name or "?"}))
    for p in findings.third_parties:
        if p.country == "US" and p.purpose not in OUTSIDE_CHAIN:
            flags.append(Flag("us_provider", "medium",
                              N_("{name} is a US provider: US law lets US authorities reach "
                                 "the data it holds, even in EU data centres."),
                              p.evidence, {"name": p.name}))
    return flags


def _special_flags(findings: Findings) -> list[Flag]:
    special = [e for e in findings.data_categories if e.value in SPECIAL_CATEGORIES]
    if not special or findings.special_safeguard:
        return []
    return [Flag("special_categories_unprotected", "high",
                 N_("The policy accepts special categories of data ({categories}) and names no "
                    "extra safeguard such as explicit consent or Art. 9 conditions."),
                 special[0].evidence, {"categories": ", ".join(e.value for e in special)})]


def _outdated_flags(findings: Findings, today: date) -> list[Flag]:
    flags = []
    if findings.policy_date is not None and add_months(findings.policy_date, 24) < today:
        flags.append(Flag("outdated", "low",
                          N_("The policy was last updated on {date}, more than two years ago."),
                          findings.date_evidence, {"date": findings.policy_date.isoformat()}))
    for law in findings.repealed:
        flags.append(Flag("outdated", "medium", N_("The policy cites {law}."), law.evidence,
                          {"law": law.value}))
    return flags


def raise_flags(findings: Findings, today: date) -> list[Flag]:
    """Every flag the findings give grounds for, most severe first."""
    flags: list[Flag] = []
    flags += _retention_flags(findings)
    flags += _transfer_flags(findings)
    flags += _us_flags(findings)
    if findings.tracking and findings.pupils:
        flags.append(Flag("tracking_or_ads", "high",
                          N_("Tracking, targeted advertising or profiling in a service that "
                             "children use."), findings.tracking))
    if findings.complaint is None:
        flags.append(Flag("no_complaint_right", "medium",
                          N_("The policy does not mention the right to complain to a "
                             "supervisory authority."), None))
    if not findings.contacts:
        flags.append(Flag("no_contact", "high",
                          N_("The policy gives no contact point for privacy questions or for a "
                             "data protection officer."), None))
    flags += _special_flags(findings)
    days = findings.response_time_days
    if days is not None and days > 31:
        flags.append(Flag("response_time_too_long", "medium",
                          N_("Requests are answered within {days} days, later than the one "
                             "month the GDPR allows."),
                          findings.response_evidence, {"days": days}))
    flags += _outdated_flags(findings, today)
    children = findings.children
    has_rule = children.min_age is not None or children.parental_consent_below is not None \
        or bool(children.other_rules)
    if findings.pupils and not has_rule:
        flags.append(Flag("children_without_age_rule", "medium",
                          N_("Pupils use the service, but the policy has no rule for "
                             "children's data (no minimum age, no parental consent)."),
                          findings.pupils))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(flags, key=lambda f: (order[f.severity], FLAG_CODES.index(f.code)))

