"""What each list shows: its columns, in words of the UI language, and the agreement status."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from privdesk.domain.errors import N_
from privdesk.gui.formatting import format_date
from privdesk.gui.language import code_label, tr
from privdesk.gui.models import Column

if TYPE_CHECKING:
    from privdesk.domain import records as rec

# An agreement whose review falls within this many days is shown as due for review.
REVIEW_WARNING_DAYS = 60


def _codes(group: str, values: tuple[str, ...]) -> str:
    """Several codes in words; the same combination is joined once per column set."""
    key = (group, values)
    found = _joined.get(key)
    if found is None:
        found = _joined[key] = "; ".join(code_label(group, v) for v in values)
    return found


# Filled while one set of columns computes its text; emptied for each new set (language).
_joined: dict[tuple[str, tuple[str, ...]], str] = {}


def activity_columns(processor_names: Mapping[str, str]) -> list[Column]:
    _joined.clear()

    def processors(a: rec.Activity) -> str:
        return "; ".join(processor_names.get(ref, ref) for ref in a.processors)

    return [
        Column("ref", N_("Ref"), lambda a: a.ref),
        Column("name", N_("Name"), lambda a: a.name),
        Column("role", N_("Role"), lambda a: code_label("activity_roles", a.role)),
        Column("purposes", N_("Purposes"), lambda a: "; ".join(a.purposes), hidden=True),
        Column("legal_bases", N_("Legal bases"), lambda a: _codes("legal_bases", a.legal_bases)),
        Column("subjects", N_("Data subjects"), lambda a: _codes("subjects", a.subjects)),
        Column("data_categories", N_("Categories of data"),
               lambda a: _codes("data_categories", a.data_categories), hidden=True),
        Column("processors", N_("Processors"), processors),
        Column("retention", N_("Retention"), lambda a: a.retention or "", hidden=True),
        Column("systems", N_("Systems"), lambda a: "; ".join(a.systems), hidden=True),
        Column("owner", N_("Owner"), lambda a: a.owner or "", hidden=True),
        Column("status", N_("Status"), lambda a: code_label("activity_statuses", a.status)),
        Column("review_due", N_("Review due"), lambda a: format_date(a.review_due),
               value=lambda a: a.review_due),
    ]


def agreement_status(processor: rec.Processor, today: date) -> str:
    """``missing``, ``expired``, ``due``, ``ok`` or ``not_needed`` (another controller)."""
    if processor.role not in ("processor", "subprocessor"):
        return "not_needed"
    if processor.dpa.signed is None:
        return "missing"
    due = processor.dpa.review_due
    if due is not None and due < today:
        return "expired"
    if due is not None and due <= today + timedelta(days=REVIEW_WARNING_DAYS):
        return "due"
    return "ok"


def agreement_text(processor: rec.Processor, today: date) -> str:
    status = agreement_status(processor, today)
    due = format_date(processor.dpa.review_due)
    if status == "not_needed":
        return tr("Not needed (not a processor)")
    if status == "missing":
        return tr("Missing")
    if status == "expired":
        return tr("Expired: review was due {date}", date=due)
    if status == "due":
        return tr("Due for review by {date}", date=due)
    if due:
        return tr("In place, review by {date}", date=due)
    return tr("In place, signed {date}", date=format_date(processor.dpa.signed))


def processor_columns(today: date, users: Mapping[str, list[str]]) -> list[Column]:
    def country(p: rec.Processor) -> str:
        return p.country or ""

    return [
        Column("name", N_("Name"), lambda p: p.name),
        Column("ref", N_("Ref"), lambda p: p.ref),
        Column("country", N_("Country"), country),
        Column("role", N_("Role"), lambda p: code_label("processor_roles", p.role)),
        Column("agreement", N_("Processor agreement"), lambda p: agreement_text(p, today)),
        Column("data_locations", N_("Data stored in"), lambda p: ", ".join(p.data_locations)),
        Column("used_by", N_("Used by"), lambda p: ", ".join(users.get(p.ref, ()))),
        Column("services", N_("Services"), lambda p: p.services or ""),
    ]


def users_of_processors(activities: list[Any]) -> dict[str, list[str]]:
    """For each processor ref, the activities that use it."""
    users: dict[str, list[str]] = {}
    for activity in activities:
        for ref in activity.processors:
            users.setdefault(ref, []).append(activity.ref)
    return users
