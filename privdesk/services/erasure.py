"""The DPO's verbs on the register's own records: erase a person's request or incident,
set the retention periods, purge what is due (Art. 5(1)(e), Art. 17).

An erasure is one transaction: the record, its data items and links, its kept documents and
every audit entry that holds its values go; one audit entry stays as a tombstone (who, when,
why, which kinds of record and how many) with no personal data. On SQLite the freed pages are
zeroed (``secure_delete``), the file is rebuilt (VACUUM) and the WAL checkpointed and truncated,
so the values leave the file; the backups holding the record are rewritten or removed.
Free text elsewhere that names the person is listed for the DPO to review, never changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from privdesk.domain import kinds, retention
from privdesk.domain import records as rec
from privdesk.domain.deadlines import add_months
from privdesk.domain.errors import N_, UserError
from privdesk.domain.interchange import to_json
from privdesk.store import backup, models
from privdesk.store.mapping import audit_table, document_table, model, table

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService

# The audit trail's action for a tombstone.
ERASE = "erase"
# The kinds of record ``erase`` takes: those that hold a person (a request's child and
# parent, an incident's account of what happened).
ERASABLE = ("requests", "incidents")
PURGE_REASON = "retention period ended"
# How long the file's clean-up waits for a colleague's open read (milliseconds).
SCRUB_WAIT_MS = 1000


@dataclass(frozen=True, slots=True)
class Mention:
    """A place outside the erased record whose text names the person: for the DPO to review.

    ``where`` is "record" (a record's field) or "audit" (a remaining audit entry of a record).
    """

    where: str
    kind: str
    ref: str
    field: str | None


@dataclass(frozen=True, slots=True)
class ErasurePlan:
    """What an erasure of ``kind``/``ref`` takes away, and what it leaves for the DPO."""

    kind: str
    ref: str
    in_register: bool  # False for a record deleted earlier, whose values the trail still holds
    data_items: int
    documents: tuple[str, ...]  # the kept documents' file names
    audit_entries: int
    mentions: tuple[Mention, ...]
    names: tuple[str, ...] = field(repr=False)  # the person's names (never stored)

    def counts(self) -> dict[str, int]:
        """The tombstone's counts: how many of each kind of record went."""
        found = {self.kind: 1 if self.in_register else 0, "data_items": self.data_items,
                 "documents": len(self.documents), "audit_entries": self.audit_entries}
        return {k: v for k, v in found.items() if v}


@dataclass(frozen=True, slots=True)
class ErasureResult:
    """What an erasure did, for the DPO to be told."""

    plan: ErasurePlan
    at: datetime
    change: Change
    # SQLite: True when the file was rebuilt and the WAL emptied (False: a colleague's open
    # read kept the WAL; run again later); None on a server database.
    files_clean: bool | None
    backups_rewritten: tuple[Path, ...] = ()
    backups_removed: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What ``purge`` found due and (unless a dry run) erased."""

    due: tuple[retention.Due, ...]
    backups: tuple[Path, ...]
    erased: tuple[ErasureResult, ...] = ()


class Erasure:
    """Erasure and retention of the register's own records."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    # ------------------------------------------------------------ erasure

    def plan(self, kind: str, ref: str) -> ErasurePlan:
        """What ``erase`` would take away (refused when the register holds nothing of it)."""
        with self.register.database.sessions() as session, session.begin():
            return self._plan(session, kind, ref)

    def _plan(self, session: Session, kind: str, ref: str) -> ErasurePlan:
        if kind not in ERASABLE:
            raise UserError(N_("only requests and incidents can be erased, not {kind}"),
                            kind=kind)
        current = self.register._read(session, kind, [ref])
        audit = session.execute(select(audit_table()).where(self._audit_of(kind, ref))
                                .where(audit_table().c.action != ERASE)
                                .order_by(audit_table().c.id)).mappings().all()
        documents = session.execute(select(document_table().c.filename)
                                    .where(self._documents_of(kind, ref))
                                    .order_by(document_table().c.id)).scalars().all()
        if not current and not audit and not documents:
            raise UserError(N_('there is nothing of "{ref}" in {kind} to erase'),
                            ref=ref, kind=kind)
        # The person's names, from the record or, once deleted, from what the trail kept.
        states = [to_json(current[0])] if current else []
        states += [v for row in audit for v in (row["before"], row["after"])
                   if isinstance(v, dict)]
        names = _names(kind, states)
        data_items = len(current[0].data) if current and kind == "requests" else 0
        mentions = self._mentions(session, kind, ref, names) if names else ()
        return ErasurePlan(kind, ref, bool(current), data_items, tuple(documents), len(audit),
                           mentions, names)

    @staticmethod
    def _audit_of(kind: str, ref: str) -> Any:
        t = audit_table()
        documents = retention.document_kinds(kind)
        return and_(t.c.ref == ref, or_(t.c.kind == kind, t.c.kind.in_(documents)))

    @staticmethod
    def _documents_of(kind: str, ref: str) -> Any:
        t = document_table()
        return and_(t.c.record_kind == kind, t.c.ref == ref)

    def _mentions(self, session: Session, kind: str, ref: str,
                  names: tuple[str, ...]) -> tuple[Mention, ...]:
        found: dict[Mention, None] = {}
        for other in kinds.KINDS:
            for record in self.register._read(session, other.name):
                if other.name == kind and record.ref == ref:
                    continue
                for name, value in to_json(record).items():
                    if retention.names_in(value, names):
                        found[Mention("record", other.name, record.ref, name)] = None
        t = audit_table()
        for row in session.execute(select(t.c.kind, t.c.ref, t.c.field, t.c.before, t.c.after)
                                   .where(~self._audit_of(kind, ref))
                                   .order_by(t.c.id)):
            if retention.names_in([row.before, row.after], names):
                found[Mention("audit", row.kind, row.ref, row.field)] = None
        return tuple(found)

    def erase(self, kind: str, ref: str, reason: str) -> ErasureResult:
        """Erase ``kind``/``ref`` with everything that holds its values; leave a tombstone.

        Refused without a reason, or with a reason that names the person (the tombstone must
        hold no personal data). Not undoable.
        """
        from privdesk.services.register import Change

        reason = " ".join(reason.split())
        if not reason:
            raise UserError(N_("say why the record is erased (--reason)"))
        at = self.register.clock()
        with self.register._transaction() as session:
            plan = self._plan(session, kind, ref)
            if retention.names_in(reason, plan.names):
                raise UserError(N_("the reason names the person whose record is erased; "
                                   "write it without their name"))
            self._erase(session, plan, reason, at)
        change = Change(deleted=((kind, ref),) if plan.in_register else ())
        return self._after(plan, at, change)

    def _erase(self, session: Session, plan: ErasurePlan, reason: str, at: datetime,
               extra: Mapping[str, Any] | None = None) -> None:
        kind, ref = plan.kind, plan.ref
        # Link rows go with the record (ON DELETE CASCADE).
        session.execute(delete(model(kind)).where(table(kind).c.ref == ref))
        session.execute(delete(models.DocumentRow).where(self._documents_of(kind, ref)))
        session.execute(delete(models.AuditRow).where(self._audit_of(kind, ref))
                        .where(audit_table().c.action != ERASE))
        session.execute(insert(models.AuditRow), [{
            "at": at, "actor": self.register.actor, "kind": kind, "ref": ref,
            "action": ERASE, "field": None, "before": None,
            "after": {"reason": reason, "removed": plan.counts(), **(extra or {})}}])

    def _after(self, plan: ErasurePlan, at: datetime, change: Change) -> ErasureResult:
        """Make the values leave the file and the backups (SQLite)."""
        files_clean = self.scrub_files()
        path = self.register.database.path
        rewritten: list[Path] = []
        removed: list[Path] = []
        if path is not None:
            rewritten, removed = backup.erase_from_backups(
                path, table(plan.kind).name, plan.kind, plan.ref,
                retention.document_kinds(plan.kind))
        return ErasureResult(plan, at, change, files_clean, tuple(rewritten), tuple(removed))

    def scrub_files(self) -> bool | None:
        """SQLite: rebuild the file and empty the WAL, so deleted values leave both; True
        when done, False when a colleague's open read kept part of the WAL. None on a server."""
        if self.register.database.path is None:
            return None
        import sqlite3

        from privdesk.store.engine import BUSY_TIMEOUT_MS

        with self.register.database.engine.connect() as connection:
            raw: Any = connection.connection.dbapi_connection
            # A colleague's open read holds the WAL: wait a moment for it, not a write's while.
            raw.execute(f"PRAGMA busy_timeout = {SCRUB_WAIT_MS}")
            try:
                # secure_delete is on for every connection (store.engine); VACUUM also drops
                # what a page rebalance left in unused space.
                raw.execute("VACUUM")
                busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.OperationalError:
                return False
            finally:
                raw.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        return not busy

    # ------------------------------------------------------------ retention

    def retention_months(self) -> dict[str, int]:
        """The retention period of each kind in months (the DPO's, else the default)."""
        months = dict(retention.DEFAULT_MONTHS)
        with self.register.database.sessions() as session:
            for row in session.execute(select(models.RetentionRow.kind,
                                              models.RetentionRow.months)):
                if row.kind in months:
                    months[row.kind] = int(row.months)
        return months

    def set_retention(self, periods: Mapping[str, int]) -> dict[str, int]:
        """Set the retention period (months) of the kinds given; audited."""
        for kind, months in periods.items():
            retention.check_months(kind, months)
        at = self.register.clock()
        old = self.retention_months()
        with self.register._transaction() as session:
            for kind, months in periods.items():
                if old[kind] == months:
                    continue
                session.execute(delete(models.RetentionRow)
                                .where(models.RetentionRow.kind == kind))
                session.execute(insert(models.RetentionRow), [{
                    "kind": kind, "months": months, "updated_at": at,
                    "updated_by": self.register.actor}])
                self.register._audit(session, at, "retention", kind, "update", "months",
                                     old[kind], months)
        return self.retention_months()

    def today(self) -> date:
        organisation = self.register.organisation()
        return self.register.clock().astimezone(
            ZoneInfo(kinds.zone_for(organisation.country if organisation else None))).date()

    def due(self, today: date | None = None,
            register: rec.Register | None = None) -> list[retention.Due]:
        """The closed records and kept documents whose retention period has run out
        (``register``: the requests and incidents as the caller already read them)."""
        today = today or self.today()
        months = self.retention_months()
        if register is None:
            register = rec.Register(organisation=self.register.organisation(),
                                    requests=tuple(self.register.requests()),
                                    incidents=tuple(self.register.incidents()))
        organisation = register.organisation
        zone = ZoneInfo(kinds.zone_for(organisation.country if organisation else None))
        a = audit_table()
        with self.register.database.sessions() as session:
            last = {(kind, ref): changed.astimezone(zone).date()
                    for kind, ref, changed in session.execute(
                        select(a.c.kind, a.c.ref, func.max(a.c.at))
                        .where(a.c.kind.in_(ERASABLE), a.c.action.in_(("create", "update")))
                        .group_by(a.c.kind, a.c.ref))}
        found = retention.due_records(register, last, months, today)
        t = document_table()
        with self.register.database.sessions() as session:
            # Letters and reports about a person; a privacy notice or a DPIA screening names
            # no one and is kept as the school's record of what it said.
            for row in session.execute(select(t.c.id, t.c.kind, t.c.record_kind, t.c.ref,
                                              t.c.written_at)
                                       .where(t.c.kind.in_(tuple(retention.DOCUMENT_RECORD_KIND)))
                                       .order_by(t.c.id)):
                written = row.written_at.astimezone(zone).date()
                ends = add_months(written, months["documents"])
                if ends <= today:
                    found.append(retention.Due("documents", row.ref, written, ends, row.kind,
                                               row.id))
        return sorted(found, key=lambda d: (d.due, d.kind, d.ref))

    def due_backups(self) -> list[retention.Due]:
        """The backups past their period, as reminders (``ref``: the backup's file name)."""
        months = self.retention_months()["backups"]
        zone = ZoneInfo(kinds.zone_for(None))
        found = []
        for copy in self.backups_due(dry_run=True):
            copied = datetime.fromtimestamp(copy.stat().st_mtime, UTC).astimezone(zone).date()
            found.append(retention.Due("backups", copy.name, copied, add_months(copied, months)))
        return found

    def backups_due(self, dry_run: bool = True) -> list[Path]:
        """The backups older than their period (removed unless ``dry_run``)."""
        path = self.register.database.path
        if path is None:
            return []
        limit = backup.rotation_limit(self.retention_months()["backups"], self.today())
        return backup.rotate(path, limit, dry_run=dry_run)

    def purge(self, dry_run: bool = False, today: date | None = None) -> PurgeResult:
        """Erase every record and document whose retention period has run out, and rotate
        the backups; with ``dry_run`` only list them."""
        due = self.due(today)
        if dry_run:
            return PurgeResult(tuple(due), tuple(self.backups_due(dry_run=True)))
        erased: list[ErasureResult] = []
        records = [d for d in due if d.kind != "documents"]
        for item in records:
            erased.append(self.erase(item.kind, item.ref, PURGE_REASON))
        gone = {(d.kind, d.ref) for d in records}
        documents = [d for d in due if d.kind == "documents"
                     and (retention.DOCUMENT_RECORD_KIND.get(d.document or ""), d.ref) not in gone]
        if documents:
            self._erase_documents(documents)
        return PurgeResult(tuple(due), tuple(self.backups_due(dry_run=False)), tuple(erased))

    def _erase_documents(self, documents: Iterable[retention.Due]) -> None:
        """Erase kept documents whose period ran out (their record stays); a tombstone each."""
        at = self.register.clock()
        d, a = document_table(), audit_table()
        with self.register._transaction() as session:
            for item in documents:
                row = session.execute(select(d.c.kind, d.c.ref, d.c.written_at)
                                      .where(d.c.id == item.document_id)).first()
                if row is None:
                    continue
                session.execute(delete(models.DocumentRow).where(d.c.id == item.document_id))
                entries: Any = session.execute(
                    delete(models.AuditRow).where(a.c.kind == row.kind, a.c.ref == row.ref,
                                                  a.c.field == "document",
                                                  a.c.at == row.written_at))
                session.execute(insert(models.AuditRow), [{
                    "at": at, "actor": self.register.actor, "kind": row.kind, "ref": row.ref,
                    "action": ERASE, "field": "document", "before": None,
                    "after": {"reason": PURGE_REASON,
                              "removed": {"documents": 1, "audit_entries": entries.rowcount}}}])
        self.scrub_files()

    def tombstones(self, after: date | None = None) -> list[rec.AuditEntry]:
        """Every erasure the trail records, oldest first; with ``after``, those made after
        the end of that day (what a register rebuilt as of then leaves out)."""
        t = audit_table()
        query = select(t).where(t.c.action == ERASE).order_by(t.c.id)
        if after is not None:
            query = query.where(t.c.at >= self.register._day_end(after))
        with self.register.database.sessions() as session:
            rows = session.execute(query).mappings().all()
        return [rec.AuditEntry(at=r["at"], actor=r["actor"], kind=r["kind"], ref=r["ref"],
                               action=r["action"], field=r["field"], before=r["before"],
                               after=r["after"]) for r in rows]

    def erased_since(self, day: date) -> list[retention.Erased]:
        """The records erased after the end of ``day`` (what its as-of register leaves out):
        refs, moments and counts, no personal data."""
        return retention.erased_records(self.tombstones(after=day))


def read_retention(session: Session) -> rec.Retention | None:
    """The periods the DPO set (None where a kind keeps its default; None when none is set)."""
    rows = {row.kind: int(row.months) for row in session.execute(
        select(models.RetentionRow.kind, models.RetentionRow.months))
        if row.kind in retention.RETENTION_KINDS}
    return rec.Retention(**rows) if rows else None


def write_retention(service: RegisterService, session: Session, at: datetime,
                    periods: rec.Retention) -> None:
    """Make the DPO's periods those of ``periods`` (``None``: the default), auditing each
    period that changes (what ``load`` does with a file's retention)."""
    held = {row.kind: int(row.months) for row in session.execute(
        select(models.RetentionRow.kind, models.RetentionRow.months))}
    for kind in retention.RETENTION_KINDS:
        months: int | None = getattr(periods, kind)
        if held.get(kind) == months:
            continue
        session.execute(delete(models.RetentionRow).where(models.RetentionRow.kind == kind))
        if months is not None:
            session.execute(insert(models.RetentionRow), [{
                "kind": kind, "months": months, "updated_at": at,
                "updated_by": service.actor}])
        old = held.get(kind, retention.DEFAULT_MONTHS[kind])
        new = retention.DEFAULT_MONTHS[kind] if months is None else months
        if old != new:
            service._audit(session, at, "retention", kind, "update", "months", old, new)


def _names(kind: str, states: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    """The names of the person a record is about (a request's subject and requester)."""
    found: dict[str, None] = {}
    for state in states:
        if kind == "requests":
            for key in ("subject", "requester"):
                part = state.get(key)
                if isinstance(part, dict) and isinstance(part.get("name"), str):
                    name = " ".join(part["name"].split())
                    if name:
                        found[name] = None
    return tuple(found)
