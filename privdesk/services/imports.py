"""Reading an edited ROPA workbook back: what it would add and change, then applying it.

The plan is made once, here, for the window's preview and for ``privdesk import-ropa``; both
refuse a workbook with blocking problems, and both apply only what differs from the register.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privdesk.domain import kinds
from privdesk.domain import records as rec
from privdesk.domain.errors import N_, UserError

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService

# The kinds a ROPA workbook holds (its sheets), in the order the DPO reads a preview.
IMPORTED_KINDS = ("processors", "activities", "incidents")


@dataclass(frozen=True)
class Added:
    kind: str
    ref: str
    name: str


@dataclass(frozen=True)
class Changed:
    kind: str
    ref: str
    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ImportPlan:
    """What applying a workbook would do to the register as it was read."""

    source: str
    added: tuple[Added, ...]
    changed: tuple[Changed, ...]
    problems: tuple[Any, ...]  # the reader's problems: .blocking and .render(gettext)
    organisation: rec.Organisation | None  # the new organisation, None when unchanged
    replaces_organisation: bool
    upserts: tuple[Any, ...]
    organisation_version: int = 0  # what the organisation's change is based on

    @property
    def blocking(self) -> tuple[Any, ...]:
        return tuple(p for p in self.problems if p.blocking)

    @property
    def applicable(self) -> bool:
        return not self.blocking and bool(self.added or self.changed or self.organisation)


def changed_fields(old: Any, new: Any) -> tuple[str, ...]:
    """The names of the fields that differ between two records of one kind."""
    return tuple(f.name for f in dataclasses.fields(old)
                 if getattr(old, f.name) != getattr(new, f.name))


class Imports:
    """Plan and apply the import of a read workbook (``documents.ropa_import.read_ropa``)."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    def plan(self, result: Any, source: str = "") -> ImportPlan:
        """Compare what the workbook holds with the register: adds, changes and problems."""
        current = {kind: {r.ref: r for r in self.register.records(kind)}
                   for kind in IMPORTED_KINDS}

        def existing(kind: str, ref: str) -> Any:
            return current[kind].get(ref)

        added: list[Added] = []
        changed: list[Changed] = []
        upserts = []
        for record in result.upserts(existing):
            kind = kinds.kind_of(record).name
            name = str(getattr(record, "name", None) or getattr(record, "title", ""))
            old = existing(kind, record.ref)
            if old is None:
                added.append(Added(kind, record.ref, name))
            elif old != record:
                changed.append(Changed(kind, record.ref, name, changed_fields(old, record)))
            else:
                continue
            upserts.append(record)
        organisation_version = self.register.organisation_version()
        old_organisation = self.register.organisation()
        organisation = result.merged_organisation(old_organisation)
        return ImportPlan(
            source, tuple(added), tuple(changed), tuple(result.problems),
            organisation if organisation != old_organisation else None,
            old_organisation is not None, tuple(upserts), organisation_version)

    def check(self, plan: ImportPlan) -> None:
        """Refuse a workbook with problems that block it; nothing is changed."""
        if plan.blocking:
            raise UserError(N_("{count} problems in the workbook; nothing was changed"),
                            plan.source, count=len(plan.blocking))

    def apply_records(self, plan: ImportPlan) -> Change:
        """Create and update the workbook's records in one transaction (undone as one)."""
        self.check(plan)
        return self.register.apply(plan.upserts)

    def apply_organisation(self, plan: ImportPlan) -> Change | None:
        """Set the organisation the workbook's cover sheet names, when it differs."""
        self.check(plan)
        if plan.organisation is None:
            return None
        return self.register.set_organisation(plan.organisation, plan.organisation_version)
