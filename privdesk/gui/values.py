"""A record's field and its value in the DPO's words: labels for codes, dates in the language's
form, lists joined. Used where the window shows what changed (history, import preview)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from typing import Any

from privdesk.domain import labels
from privdesk.domain.errors import N_
from privdesk.gui.formatting import format_date, format_moment
from privdesk.gui.language import tr

# Field names in words: the editors' labels (same msgids), without "&" and ":".
FIELD_TITLES = {
    "ref": N_("&Reference:"), "name": N_("&Name:"), "role": N_("Ro&le:"),
    "status": N_("S&tatus:"), "purposes": N_("&Purposes:"), "owner": N_("&Owner:"),
    "review_due": N_("Re&view due:"), "legal_bases": N_("Legal &bases:"),
    "legal_basis_note": N_("Basis in &law:"),
    "special_conditions": N_("&Special categories (Art. 9/10):"),
    "joint_controllers": N_("&Joint controllers:"),
    "controllers": N_("&Controllers (when we process for them):"),
    "subjects": N_("Data &subjects:"), "data_categories": N_("&Categories of data:"),
    "data_items": N_("Data &items:"), "source": N_("So&urce:"), "systems": N_("S&ystems:"),
    "automated_decisions": N_("&Automated decisions:"), "recipients": N_("&Recipients:"),
    "processors": N_("&Processors:"), "transfers": N_("&Transfers outside the EEA:"),
    "retention": N_("&Retention:"), "retention_period": N_("Retention &period:"),
    "retention_by_category": N_("Time limits per &category:"),
    "security": N_("&Security measures:"), "dpia": N_("DPIA"),
    "org_number": N_("&Organisation number:"), "country": N_("&Country:"),
    "parent": N_("Engaged &by:"), "services": N_("&Services:"),
    "data_locations": N_("&Data stored in:"), "certifications": N_("Cer&tifications:"),
    "contact": N_("Con&tact:"), "policy_url": N_("Privacy &policy:"),
    "dpa": N_("Processor agreement"), "title": N_("Title"),
    # Incidents: the incident form's labels.
    "description": N_("&Description:"), "occurred_at": N_("Happened:"),
    "aware_at": N_("&Aware since:"), "reported_by_processor": N_("Reported by processor"),
    "breach_types": N_("&Kind of breach:"), "subject_groups": N_("&People:"),
    "subjects_count": N_("&Number of people:"), "records_count": N_("Number of &records:"),
    "children": N_("C&hildren:"), "vulnerable": N_("&Vulnerable people:"),
    "exposure": N_("&Who could see it:"), "exfiltrated": N_("Data &taken away:"),
    "malicious": N_("&Malicious:"), "encrypted": N_("&Encrypted:"),
    "key_compromised": N_("Key co&mpromised:"), "backup_available": N_("&Backup available:"),
    "restored_within_hours": N_("Restored within (hours):"),
    "recovered_or_deleted_by_recipient": N_("Recovered or deleted by the recipient:"),
    "consequences": N_("Likely &consequences:"), "measures": N_("Measures taken:"),
    "measures_planned": N_("Measures p&lanned:"), "cause": N_("Cause:"),
    "discovery": N_("How it was discovered:"), "ongoing": N_("Ongoing:"),
    "ended_at": N_("Ended:"), "data_location": N_("Where the data are now:"),
    "cross_border": N_("Other EEA countries affected:"),
    "other_authorities": N_("Other authorities concerned:"),
    "subjects_notice": N_("How they were told, or &why not:"),
    "activities": N_("&Activities:"),
    "authority_notified_at": N_("Authority notified"),
    "authority_ref": N_("Authority's reference"),
    "subjects_notified_at": N_("People affected told"),
    "decision_note": N_("D&ecision and reasons:"),
    "decided_not_to_notify_at": N_("Decided not to notify"),
    "delay_reason": N_("Reasons for &delay:"),
    "notifications": N_("Notifications to the authority:"),
    # Requests: the request form's labels.
    "kind": N_("&Type:"), "received": N_("&Received:"), "subject": N_("Data subject"),
    "requester": N_("Requester"), "identity": N_("Identity"),
    "extension": N_("Extension"), "data": N_("Data given"), "withheld": N_("Withheld"),
    "answered": N_("Answered"), "note": N_("&Note:"),
    # The organisation: its editor's labels.
    "language": N_("&Language of letters:"), "address": N_("A&ddress:"),
    "email": N_("&E-mail:"), "phone": N_("&Phone:"), "dpo": N_("Data protection officer"),
    "representative": N_("&Representative:"),
}

# Fields holding codes of a group of ``domain.labels`` (by record kind where it differs).
CODE_GROUPS = {
    "legal_bases": "legal_bases", "special_conditions": "special_conditions",
    "data_categories": "data_categories", "subjects": "subjects",
    "breach_types": "breach_types", "exposure": "exposures", "cause": "breach_causes",
    "safeguard": "safeguards", "derogation": "derogations", "relation": "relations",
    "withheld_ground": "withheld_grounds",
}
KIND_GROUPS = {
    ("activities", "role"): "activity_roles", ("activities", "status"): "activity_statuses",
    ("processors", "role"): "processor_roles", ("incidents", "status"): "incident_statuses",
    ("requests", "status"): "request_statuses", ("requests", "kind"): "request_kinds",
}
EMPTY = N_("(none)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)\Z")
SHORT = 80


def field_title(name: str | None) -> str:
    """The editors' label of a field (``Owner``), or the field's name in words (for a field
    added later, until it has a label here; a test checks that every record field has one)."""
    if not name:
        return ""
    msgid = FIELD_TITLES.get(name)
    if msgid is None:
        return name.replace("_", " ").capitalize()
    return tr(msgid).replace("&", "").rstrip(":").strip()


def _group(kind: str | None, field: str | None) -> str | None:
    if field is None:
        return None
    group = KIND_GROUPS.get((kind or "", field)) or CODE_GROUPS.get(field)
    if group == "subjects":
        return "subjects"
    return group


def _scalar(value: Any, group: str | None) -> str:
    if isinstance(value, bool):
        return tr("Yes") if value else tr("No")
    if isinstance(value, datetime):
        return format_moment(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, str):
        if group is not None:
            return labels.label(group, value, tr)
        if ISO_DATE.match(value):
            return format_date(date.fromisoformat(value))
        if ISO_MOMENT.match(value):
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return format_moment(moment) if moment.tzinfo else value
        return value
    return str(value)


def value_text(value: Any, field: str | None = None, kind: str | None = None) -> str:
    """``value`` of ``field`` as the DPO reads it: codes as labels, dates in the language's
    form, lists joined with "; ", a nested record as its fields in words; nothing as (none)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if value is None or value == "" or value == () or value == [] or value == {}:
        return tr(EMPTY)
    group = _group(kind, field)
    if isinstance(value, list | tuple):
        return "; ".join(value_text(v, field, kind) for v in value)
    if isinstance(value, dict):
        name = value.get("name") or value.get("title")
        parts = [f"{field_title(k)}: {value_text(v, k, kind)}" for k, v in value.items()
                 if v not in (None, "", (), [], {}) and k not in ("name", "title")]
        text = ", ".join(parts)
        return f"{name} ({text})" if name and text else str(name or text or tr(EMPTY))
    return _scalar(value, group)


def shortened(text: str, limit: int = SHORT) -> str:
    """``text`` on one line, cut at a word with "…" when longer than ``limit``."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;") + "…"


def change_text(before: Any, after: Any, field: str | None = None, kind: str | None = None,
                limit: int = SHORT) -> tuple[str, str]:
    """A change as ``old → new`` (each shortened) and the same in full, for a tooltip."""
    old, new = value_text(before, field, kind), value_text(after, field, kind)
    return (f"{shortened(old, limit)} → {shortened(new, limit)}", f"{old}\n→\n{new}")
