"""Reading an edited ROPA workbook back: what it would add and change, then applying it.

The plan is made once, here, for the window's preview and for ``privdesk import-ropa``; both
refuse a workbook with blocking problems, and both apply only what differs from the register.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privdesk.domain import dpia, kinds
from privdesk.domain import records as rec
from privdesk.domain.errors import N_, ConflictError, UserError
from privdesk.domain.incidents import local_text

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService

# The kinds a ROPA workbook holds (its sheets), in the order the DPO reads a preview.
IMPORTED_KINDS = ("processors", "activities", "incidents")
ORGANISATION = "organisation"
MAX_REFS_SHOWN = 20  # in the one-line refusal; the plan lists every conflict


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
    # (before, after) of each of ``fields``, in the same order.
    values: tuple[tuple[Any, Any], ...] = ()


@dataclass(frozen=True)
class Conflict:
    """A record the workbook would change that the register changed since the export: a
    colleague's save (``who`` and ``when``, local time) or a deletion (both empty)."""

    kind: str  # "organisation" for the cover's organisation
    ref: str
    name: str
    who: str = ""
    when: str = ""


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
    # Records changed in the register since the workbook was exported: the import is refused.
    conflicts: tuple[Conflict, ...] = ()
    # (kind, ref) -> the version each record to update had when the plan was made.
    expected_versions: Mapping[tuple[str, str], int] = dataclasses.field(default_factory=dict)

    @property
    def blocking(self) -> tuple[Any, ...]:
        return tuple(p for p in self.problems if p.blocking)

    @property
    def applicable(self) -> bool:
        return (not self.blocking and not self.conflicts
                and bool(self.added or self.changed or self.organisation))


def changed_fields(old: Any, new: Any) -> tuple[str, ...]:
    """The names of the fields that differ between two records of one kind."""
    return tuple(f.name for f in dataclasses.fields(old)
                 if getattr(old, f.name) != getattr(new, f.name))


@dataclass(frozen=True)
class Note:
    """Something the DPO should know about an import that does not stop it."""

    message: str
    blocking: bool = False
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        text = gettext(self.message) if gettext is not None else self.message
        return text.format(**self.params) if self.params else text


class Imports:
    """Plan and apply the import of a read workbook (``documents.ropa_import.read_ropa``)."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    def plan(self, result: Any, source: str = "") -> ImportPlan:
        """Compare what the workbook holds with the register: adds, changes, conflicts and
        problems.

        A workbook exported by privdesk carries each record's version: a record the workbook
        would change whose version in the register is no longer the one exported (a
        colleague's later save, a record created or deleted since) is a conflict, never
        applied. A workbook without versions (older exports, made by hand) is compared with the
        register as it is now; the reader notes that.
        """
        current: dict[str, dict[str, Any]] = {}
        versions: dict[str, dict[str, int]] = {}
        for kind in IMPORTED_KINDS:
            found, versions[kind] = self.register.versioned(kind)
            current[kind] = {r.ref: r for r in found}

        def existing(kind: str, ref: str) -> Any:
            return current[kind].get(ref)

        old_organisation = self.register.organisation()
        zone = kinds.zone_for(old_organisation.country if old_organisation else None)
        exported: Mapping[str, Mapping[str, int]] = getattr(result, "versions", {})
        notes: list[Note] = []
        if exported and not any(set(refs) & set(versions.get(kind, {}))
                                for kind, refs in exported.items()):
            # Not one of its records is here: the workbook comes from another register (a move,
            # a new laptop), not from an earlier state of this one. Its versions say nothing.
            exported = {}
            notes.append(Note(N_("the workbook was exported from another register: its "
                                 "records are compared with this register as it is now")))
        added: list[Added] = []
        changed: list[Changed] = []
        conflicts: list[Conflict] = []
        expected: dict[tuple[str, str], int] = {}
        upserts = []
        for record in result.upserts(existing):
            kind = kinds.kind_of(record).name
            name = str(getattr(record, "name", None) or getattr(record, "title", ""))
            old = existing(kind, record.ref)
            if old == record:
                continue
            if kind in exported:  # the workbook says which version it saw
                seen, now = exported[kind].get(record.ref), versions[kind].get(record.ref)
                if seen != now:
                    conflicts.append(self._conflict(kind, record.ref, name, now, zone))
                    continue
            if (isinstance(old, rec.Activity) and record.dpia.required != old.dpia.required
                    and dpia.contradicts(record.dpia.required, old.dpia.screening)):
                # The workbook sets "DPIA required" against the saved screening: the register
                # keeps its value (the window asks before such an edit; a workbook cannot).
                record = rec.replace(record, dpia=rec.replace(
                    record.dpia, required=old.dpia.required))
                notes.append(Note(N_("{ref}: \"DPIA required\" kept as the saved DPIA "
                                     "screening decided; screen the activity again to change "
                                     "it"), params={"ref": record.ref}))
            if old == record:
                continue
            if old is None:
                added.append(Added(kind, record.ref, name))
            else:
                fields = changed_fields(old, record)
                changed.append(Changed(kind, record.ref, name, fields, tuple(
                    (getattr(old, f), getattr(record, f)) for f in fields)))
                expected[(kind, record.ref)] = versions[kind][record.ref]
            upserts.append(record)
        organisation_version = self.register.organisation_version()
        organisation = result.merged_organisation(old_organisation)
        if organisation == old_organisation:
            organisation = None
        seen_organisation = (getattr(result, "organisation_version", None) if exported
                             else None)
        if (organisation is not None and seen_organisation is not None
                and seen_organisation != organisation_version):
            conflicts.append(self._conflict(ORGANISATION, ORGANISATION, organisation.name,
                                            organisation_version, zone))
            organisation = None
        problems = (*result.problems, *getattr(result, "cut_problems", lambda _e: ())(existing),
                    *notes)
        return ImportPlan(
            source, tuple(added), tuple(changed), tuple(problems), organisation,
            old_organisation is not None, tuple(upserts), organisation_version,
            tuple(conflicts), expected)

    def _conflict(self, kind: str, ref: str, name: str, version: int | None,
                  zone: str) -> Conflict:
        if not version:  # deleted from the register since the export (0: no organisation)
            return Conflict(kind, ref, name)
        if kind == ORGANISATION:
            who, when = self.register.organisation_saved()
        else:
            _, when, who = self.register.version(kind, ref)
        return Conflict(kind, ref, name, who, local_text(when, zone))

    def check(self, plan: ImportPlan) -> None:
        """Refuse a workbook with problems that block it, or with records a colleague changed
        since it was exported (all or nothing); nothing is changed."""
        if plan.blocking:
            raise UserError(N_("Problems in the workbook: {count}; nothing was changed"),
                            plan.source, count=len(plan.blocking))
        if plan.conflicts:
            refs = [c.ref for c in plan.conflicts]
            shown = ", ".join(refs[:MAX_REFS_SHOWN]) + (
                f" (+{len(refs) - MAX_REFS_SHOWN})" if len(refs) > MAX_REFS_SHOWN else "")
            raise ConflictError(N_(
                "changed in the register since the workbook was exported: {refs}; nothing was "
                "changed (export the register again and make the changes in the new workbook)"),
                plan.source, refs=shown)

    def apply(self, plan: ImportPlan) -> Change:
        """Create and update the workbook's records and set its organisation, in one
        transaction (undone as one); each change checked against the version it was planned
        on, so a save made after the preview is refused too."""
        self.check(plan)
        return self.register.apply(plan.upserts, plan.organisation, plan.organisation_version,
                                   plan.expected_versions)
