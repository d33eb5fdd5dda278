"""The register's use cases: one call, one transaction, audit entries, and what changed."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import case, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from privdesk.domain import dpia, kinds
from privdesk.domain import records as rec
from privdesk.domain.codes import FIRST_YEAR, LAST_YEAR
from privdesk.domain.errors import N_, ConflictError, UserError
from privdesk.domain.incidents import local_text
from privdesk.domain.interchange import (
    build_record,
    check_processor_chain,
    read_record,
    to_json,
)
from privdesk.domain.retention import DOCUMENT_RECORD_KIND
from privdesk.store import models
from privdesk.store.database import Database
from privdesk.store.engine import advance_id_sequences
from privdesk.store.mapping import (
    COLUMN_LINKS,
    LINKS,
    audit_table,
    document_table,
    id_column,
    model,
    model_table,
    organisation_table,
    record_columns,
    row_record,
    table,
)

ORGANISATION = "organisation"
# The audit trail's entry for ``load --replace``: kind and ref REGISTER, action REPLACE.
REGISTER = "register"
REPLACE = "replace"


@dataclass(frozen=True)
class Change:
    """What one service call changed: (kind, ref) pairs, and each record as it was before."""

    created: tuple[tuple[str, str], ...] = ()
    updated: tuple[tuple[str, str], ...] = ()
    deleted: tuple[tuple[str, str], ...] = ()
    before: dict[tuple[str, str], Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _ in self.created + self.updated + self.deleted)


@dataclass
class _Draft:
    created: list[tuple[str, str]] = field(default_factory=list)
    updated: list[tuple[str, str]] = field(default_factory=list)
    deleted: list[tuple[str, str]] = field(default_factory=list)
    before: dict[tuple[str, str], Any] = field(default_factory=dict)

    def done(self) -> Change:
        return Change(tuple(self.created), tuple(self.updated), tuple(self.deleted), self.before)


def check_record(record: Any) -> None:
    """Refuse a record the interchange reader would refuse (a year outside 1900-2199, a
    control character, a ref too long): what the window, the command line and an import save
    is what ``load`` accepts, so a saved value never breaks a later list, letter or export."""
    try:
        data = to_json(record)
    except (OverflowError, ValueError):  # a moment too near the end of the calendar for UTC
        raise UserError(N_("a date or a moment is outside the years {first} to {last}"),
                        first=FIRST_YEAR, last=LAST_YEAR) from None
    read_record(type(record), data, "")


def kind_of(record: Any) -> str:
    """The name of a record's kind (``kinds.kind_of`` gives the whole kind)."""
    return kinds.kind_of(record).name


# Why "DPIA required" cannot be set so (``update``), by the value refused.
SCREENING_SAYS = {
    True: N_('the saved DPIA screening of {ref} found no DPIA required: screen the activity '
             'again rather than set "DPIA required" against it'),
    False: N_('the saved DPIA screening of {ref} found a DPIA required: screen the activity '
              'again rather than set "DPIA required" against it'),
}


class RegisterService:
    """Every read and edit of one register; the GUI and the command line call only this."""

    def __init__(
        self, database: Database, actor: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.database = database
        self.actor = actor or database.actor()
        self.clock = clock

    # ------------------------------------------------------------ plumbing

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self.database.writes() as session, session.begin():
            yield session

    def _audit(self, session: Session, at: datetime, kind: str, ref: str, action: str,
               field_name: str | None, before: Any, after: Any) -> None:
        session.execute(insert(models.AuditRow), [{
            "at": at, "actor": self.actor, "kind": kind, "ref": ref, "action": action,
            "field": field_name, "before": before, "after": after,
        }])

    @staticmethod
    def _ids(session: Session, kind: str, refs: Iterable[str] | None = None) -> dict[str, int]:
        t = table(kind)
        query = select(t.c.ref, t.c.id)
        if refs is not None:
            wanted = list(set(refs))
            if not wanted:
                return {}
            query = query.where(t.c.ref.in_(wanted))
        return {ref: id_ for ref, id_ in session.execute(query)}

    # ------------------------------------------------------------ reading

    def _read(self, session: Session, kind: str, refs: Sequence[str] | None = None,
              versions: dict[str, int] | None = None) -> list[Any]:
        t = table(kind)
        query = select(t).order_by(t.c.ref)
        if refs is not None:
            query = query.where(t.c.ref.in_(list(refs)))
        rows = session.execute(query).mappings().all()
        if versions is not None:  # read with the rows: the versions the records were read at
            versions.update((row["ref"], int(row["version_id"])) for row in rows)
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        links: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for field_name, (link, own, other_kind, other) in LINKS.get(kind, {}).items():
            lt, ot = link.__table__, table(other_kind)
            query_links = (
                select(lt.c[own], ot.c.ref)
                .join(ot, ot.c.id == lt.c[other])
                .order_by(lt.c[own], lt.c.position)
            )
            if refs is not None:
                query_links = query_links.where(lt.c[own].in_(ids))
            for own_id, other_ref in session.execute(query_links):
                links[own_id][field_name].append(other_ref)
        # Single references kept in a column (a processor's parent): their rows' refs.
        referred: dict[str, dict[int, str]] = {}
        for field_name, other_kind in COLUMN_LINKS.get(kind, ()):
            column = id_column(field_name)
            wanted = {row[column] for row in rows if row[column] is not None}
            ot = table(other_kind)
            referred[field_name] = {id_: ref for id_, ref in session.execute(
                select(ot.c.id, ot.c.ref).where(ot.c.id.in_(wanted)))} if wanted else {}
        result = []
        for row in rows:
            own_links = {name: list(links[row["id"]].get(name, ()))
                         for name in LINKS.get(kind, {})}
            single = {name: found.get(row[id_column(name)]) for name, found in referred.items()}
            result.append(row_record(kind, row, own_links, single))
        return result

    def records(self, kind: str) -> list[Any]:
        """All records of a kind, sorted by ref."""
        with self.database.sessions() as session:
            return self._read(session, kind)

    def versioned(self, kind: str) -> tuple[list[Any], dict[str, int]]:
        """All records of a kind and the version each was read at, by ref: what a form's
        edit is based on, so that a colleague's later save is not overwritten."""
        versions: dict[str, int] = {}
        with self.database.sessions() as session:
            return self._read(session, kind, versions=versions), versions

    def activities(self) -> list[rec.Activity]:
        return self.records("activities")

    def processors(self) -> list[rec.Processor]:
        return self.records("processors")

    def incidents(self) -> list[rec.Incident]:
        return self.records("incidents")

    def requests(self) -> list[rec.Request]:
        return self.records("requests")

    def get(self, kind: str, ref: str) -> Any:
        """One record; a UserError naming the ref when there is none."""
        with self.database.sessions() as session:
            found = self._read(session, kind, [ref])
        if not found:
            raise UserError(N_('there is no record "{ref}" in {kind}'), ref=ref, kind=kind)
        return found[0]

    def activity(self, ref: str) -> rec.Activity:
        return self.get("activities", ref)  # type: ignore[no-any-return]

    def processor(self, ref: str) -> rec.Processor:
        return self.get("processors", ref)  # type: ignore[no-any-return]

    def incident(self, ref: str) -> rec.Incident:
        return self.get("incidents", ref)  # type: ignore[no-any-return]

    def request(self, ref: str) -> rec.Request:
        return self.get("requests", ref)  # type: ignore[no-any-return]

    def version(self, kind: str, ref: str) -> tuple[int, datetime, str]:
        """The record's version, when it was last changed and by whom (optimistic locking)."""
        t = table(kind)
        with self.database.sessions() as session:
            row = session.execute(
                select(t.c.version_id, t.c.updated_at, t.c.updated_by).where(t.c.ref == ref)
            ).first()
        if row is None:
            raise UserError(N_('there is no record "{ref}" in {kind}'), ref=ref, kind=kind)
        return int(row[0]), row[1], str(row[2])

    def organisation(self) -> rec.Organisation | None:
        with self.database.sessions() as session:
            row = session.execute(select(organisation_table())).mappings().first()
        if row is None:
            return None
        data = {k: v for k, v in row.items()
                if k not in ("id", "version_id", "updated_at", "updated_by")}
        return build_record(rec.Organisation, data)

    def snapshot(self, versions: dict[str, dict[str, int]] | None = None) -> rec.Register:
        """The whole register, read in one transaction so that it is consistent; when given,
        ``versions`` is filled with the version each record was read at (kind -> ref ->
        version; the organisation's under ``"organisation"``), what an export carries so that
        its import is checked against it."""
        with self.database.sessions() as session, session.begin():
            org = session.execute(select(organisation_table())).mappings().first()
            lists = {kind: tuple(self._read(session, kind, versions=None if versions is None
                                            else versions.setdefault(kind, {})))
                     for kind in kinds.names()}
            from privdesk.services.erasure import read_retention

            periods = read_retention(session)
        if versions is not None and org is not None:
            versions[ORGANISATION] = {ORGANISATION: int(org["version_id"])}
        organisation = None
        if org is not None:
            organisation = build_record(rec.Organisation, {
                k: v for k, v in org.items()
                if k not in ("id", "version_id", "updated_at", "updated_by")})
        return rec.Register(organisation=organisation, retention=periods, **lists)

    def is_empty(self) -> bool:
        with self.database.sessions() as session:
            if session.execute(select(func.count()).select_from(models.OrganisationRow)).scalar():
                return False
            return not any(
                session.execute(select(func.count()).select_from(model(k))).scalar()
                for k in kinds.names()
            )

    def audit(self, kind: str | None = None, ref: str | None = None) -> list[rec.AuditEntry]:
        """The audit trail, oldest first, of everything or of one record."""
        t = audit_table()
        query = select(t).order_by(t.c.id)
        if kind is not None:
            query = query.where(t.c.kind == kind)
        if ref is not None:
            query = query.where(t.c.ref == ref)
        with self.database.sessions() as session:
            rows = session.execute(query).mappings().all()
        return [rec.AuditEntry(at=r["at"], actor=r["actor"], kind=r["kind"], ref=r["ref"],
                                   action=r["action"], field=r["field"], before=r["before"],
                                   after=r["after"]) for r in rows]

    # ------------------------------------------------------------ checks

    def _check_references(self, session: Session, kind: str, record: Any,
                          chain: bool = True) -> None:
        """Refuse a reference to nothing; with ``chain``, a processor chain that loops (a read
        of every processor: ``apply`` passes False and checks the chain once at its end)."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for link in kinds.kind(kind).links:
            value = getattr(record, link.field)
            if link.table is not None:
                wanted[link.target].update(value)
            elif link.item is not None:
                wanted[link.target].update(getattr(item, link.item) for item in value)
            elif value is not None:
                if link.target == kind and value == record.ref:
                    raise UserError(N_("a processor cannot be its own parent"), link.field)
                wanted[link.target].add(value)
        for other_kind, refs in wanted.items():
            missing = sorted(refs - set(self._ids(session, other_kind, refs)))
            if missing:
                raise UserError(N_('"{value}" refers to no record in {kind}'), record.ref,
                                value=missing[0], kind=other_kind)
        if kind == "processors" and chain:
            others = [p for p in self._read(session, "processors") if p.ref != record.ref]
            check_processor_chain([*others, record])

    # ------------------------------------------------------------ writing

    def _insert(self, session: Session, kind: str, record: Any, at: datetime) -> int:
        values = record_columns(kind, record)
        values.update(version_id=1, updated_at=at, updated_by=self.actor)
        values.update(self._column_links(session, kind, record))
        new_id = session.execute(insert(model(kind)).returning(table(kind).c.id),
                                 [values]).scalar_one()
        self._write_links(session, kind, new_id, record)
        return int(new_id)

    def _column_links(self, session: Session, kind: str, record: Any) -> dict[str, int | None]:
        """The id columns of the record's single references (a processor's ``parent_id``)."""
        values: dict[str, int | None] = {}
        for field_name, other_kind in COLUMN_LINKS.get(kind, ()):
            ref = getattr(record, field_name)
            values[id_column(field_name)] = (self._ids(session, other_kind, [ref])[ref]
                                             if ref else None)
        return values

    def _write_links(self, session: Session, kind: str, own_id: int, record: Any) -> None:
        for field_name, (link, own, other_kind, other) in LINKS.get(kind, {}).items():
            session.execute(delete(link).where(link.__table__.c[own] == own_id))
            refs = list(dict.fromkeys(getattr(record, field_name)))
            ids = self._ids(session, other_kind, refs)
            if refs:
                session.execute(insert(link), [
                    {own: own_id, other: ids[ref], "position": i} for i, ref in enumerate(refs)
                ])

    def _create(self, session: Session, draft: _Draft, record: Any, at: datetime,
                chain: bool = True) -> None:
        kind = kind_of(record)
        check_record(record)
        if self._ids(session, kind, [record.ref]):
            raise UserError(N_('"{ref}" is already used in {kind}'), "ref", ref=record.ref,
                            kind=kind)
        if not record.ref.strip():
            raise UserError(N_("must not be empty"), "ref")
        self._check_references(session, kind, record, chain)
        self._insert(session, kind, record, at)
        self._audit(session, at, kind, record.ref, "create", None, None, to_json(record))
        draft.created.append((kind, record.ref))
        draft.before[(kind, record.ref)] = None

    def _update(self, session: Session, draft: _Draft, record: Any, at: datetime,
                expected_version: int | None = None, chain: bool = True,
                check_screening: bool = False) -> None:
        kind = kind_of(record)
        current = self._read(session, kind, [record.ref])
        if not current:
            raise UserError(N_('there is no record "{ref}" in {kind}'), ref=record.ref, kind=kind)
        old = current[0]
        if (check_screening and isinstance(record, rec.Activity)
                and record.dpia.required != old.dpia.required
                and dpia.contradicts(record.dpia.required, record.dpia.screening)):
            raise UserError(SCREENING_SAYS[bool(record.dpia.required)], ref=record.ref)
        old_json, new_json = to_json(old), to_json(record)
        changed = [name for name in new_json if old_json.get(name) != new_json[name]]
        t = table(kind)
        row = session.execute(select(t.c.id, t.c.version_id, t.c.updated_at, t.c.updated_by)
                              .where(t.c.ref == record.ref)).one()
        if expected_version is not None and row.version_id != expected_version:
            # The moment as the DPO's own clocks show it (the organisation's zone, named).
            country = session.execute(select(organisation_table().c.country)).scalar()
            raise ConflictError(
                N_("{who} changed this record at {when} since you opened it; "
                   "reload it to see their change"),
                record.ref, who=row.updated_by,
                when=local_text(row.updated_at, kinds.zone_for(country)))
        if not changed:
            return
        check_record(record)
        self._check_references(session, kind, record, chain)
        values = record_columns(kind, record)
        values.update(version_id=row.version_id + 1, updated_at=at, updated_by=self.actor)
        values.update(self._column_links(session, kind, record))
        result = session.execute(
            update(t).where(t.c.id == row.id, t.c.version_id == row.version_id).values(values))
        # SQLAlchemy 2.0 types this as a CursorResult, 2.1 as a Result: rowcount either way.
        if cast(Any, result).rowcount != 1:  # pragma: no cover - a race
            raise ConflictError(N_("someone changed this record at the same moment; reload it"),
                                record.ref)
        self._write_links(session, kind, row.id, record)
        for name in changed:
            self._audit(session, at, kind, record.ref, "update", name, old_json.get(name),
                        new_json[name])
        draft.updated.append((kind, record.ref))
        draft.before.setdefault((kind, record.ref), old)

    def _referrers(self, session: Session, kind: str, ref: str) -> list[Any]:
        """Records that refer to ``ref``, each with the reference removed."""
        changed = []
        for other in kinds.KINDS:
            links = [link for link in other.links if link.target == kind]
            if not links:
                continue
            for record in self._read(session, other.name):
                updates: dict[str, Any] = {}
                for link in links:
                    value = getattr(record, link.field)
                    if link.table is not None and ref in value:
                        updates[link.field] = tuple(r for r in value if r != ref)
                    elif link.item is not None and any(
                            getattr(item, link.item) == ref for item in value):
                        # Items hold what was given out (a request's copy of the data): they
                        # are kept as they were, so the record they name cannot go.
                        raise UserError(
                            N_("{ref} cannot be deleted: the copy of the data in request {other} "
                               "names it"), ref, ref=ref, other=record.ref)
                    elif link.table is None and link.item is None and value == ref:
                        updates[link.field] = None
                if updates:
                    changed.append(rec.replace(record, **updates))
        return changed

    def _delete(self, session: Session, draft: _Draft, kind: str, ref: str, at: datetime) -> None:
        current = self._read(session, kind, [ref])
        if not current:
            raise UserError(N_('there is no record "{ref}" in {kind}'), ref=ref, kind=kind)
        for referrer in self._referrers(session, kind, ref):
            self._update(session, draft, referrer, at)
        session.execute(delete(model(kind)).where(table(kind).c.ref == ref))
        # A reference, not a second copy of the record: the trail's earlier entries hold its
        # values (``as_of`` rebuilds it from them), and an erasure removes those.
        self._audit(session, at, kind, ref, "delete", None, {"ref": ref}, None)
        draft.deleted.append((kind, ref))
        draft.before[(kind, ref)] = current[0]

    def create(self, record: Any) -> Change:
        """Add a new record; refused if its ref is taken or a reference points nowhere."""
        draft, at = _Draft(), self.clock()
        with self._transaction() as session:
            self._create(session, draft, record, at)
        return draft.done()

    def update(self, record: Any, expected_version: int | None = None,
               against_screening: bool = False) -> Change:
        """Replace a record by ref; with ``expected_version``, refuse if someone else saved.

        An activity whose "DPIA required" is changed to contradict its saved DPIA screening
        (``dpia.contradicts``) is refused unless ``against_screening``: the DPO confirmed it
        (the window asks; the command line screens the activity instead)."""
        draft, at = _Draft(), self.clock()
        with self._transaction() as session:
            self._update(session, draft, record, at, expected_version,
                         check_screening=not against_screening)
        return draft.done()

    def delete(self, kind: str, ref: str) -> Change:
        """Remove a record; references to it are removed from other records (audited too)."""
        draft, at = _Draft(), self.clock()
        with self._transaction() as session:
            self._delete(session, draft, kind, ref, at)
        return draft.done()

    def restore(self, change: Change) -> Change:
        """Put back every record ``change`` touched as it was before (the undo of a change)."""
        draft, at = _Draft(), self.clock()
        with self._transaction() as session:
            for kind, ref in reversed(change.created):
                if kind == ORGANISATION:
                    continue  # a register without one cannot be restored: the first one stays
                if self._ids(session, kind, [ref]):
                    self._delete(session, draft, kind, ref, at)
            for kind, ref in change.deleted:
                if not self._ids(session, kind, [ref]):
                    record = change.before[(kind, ref)]
                    # Restore without references first; the referrers' own restore adds them.
                    self._create(session, draft, record, at)
            for kind, ref in change.updated:
                before = change.before[(kind, ref)]
                if kind == ORGANISATION:
                    self._set_organisation(session, draft, before, None, at)
                elif before is not None and self._ids(session, kind, [ref]):
                    self._update(session, draft, before, at)
        return draft.done()

    def apply(self, upserts: Iterable[Any], organisation: rec.Organisation | None = None,
              organisation_version: int | None = None,
              expected_versions: Mapping[tuple[str, str], int] | None = None) -> Change:
        """Create or update each record by ref, and set ``organisation`` when given, all in one
        transaction (an import: a kill leaves all of it or none of it).

        With ``expected_versions`` ((kind, ref) to the version the import was planned on; a
        record not named there is expected not to exist), a record a colleague saved, created
        or deleted since is refused, as is the organisation when ``organisation_version``
        differs (``set_organisation``). Work grows linearly with the records: each is read by
        its ref, and the processors' chain is checked once, at the end.
        """
        draft, at = _Draft(), self.clock()
        pending = list(upserts)
        with self._transaction() as session:
            # Each kind after those it refers to, parents before children, so references resolve.
            order = {kind.name: i for i, kind in enumerate(kinds.load_order())}
            parents = {p.ref: p.parent for p in pending if isinstance(p, rec.Processor)}
            pending.sort(key=lambda r: (order[kind_of(r)], _depth(r, parents)))
            for record in pending:
                kind = kind_of(record)
                expected = (None if expected_versions is None
                            else expected_versions.get((kind, record.ref), 0))
                if expected == 0 or (expected is None
                                     and not self._ids(session, kind, [record.ref])):
                    self._create(session, draft, record, at, chain=False)
                else:
                    self._update(session, draft, record, at, expected, chain=False)
            if any(kind == "processors" for kind, _ in draft.created + draft.updated):
                check_processor_chain(self._read(session, "processors"))
            if organisation is not None:
                self._set_organisation(session, draft, organisation, organisation_version, at)
        return draft.done()

    def organisation_version(self) -> int:
        """The organisation's version (what an edit of it is based on); 0 before there is one."""
        with self.database.sessions() as session:
            found = session.execute(select(organisation_table().c.version_id)).scalar()
        return 0 if found is None else int(found)

    def organisation_saved(self) -> tuple[str, datetime]:
        """Who last saved the organisation, and when (it must exist)."""
        t = organisation_table()
        with self.database.sessions() as session:
            row = session.execute(select(t.c.updated_by, t.c.updated_at)).one()
        return str(row[0]), row[1]

    def set_organisation(self, organisation: rec.Organisation,
                         expected_version: int | None = None) -> Change:
        """Set the organisation (the controller) of the register; with ``expected_version``,
        refused when a colleague saved it since (as a record's edit is)."""
        draft, at = _Draft(), self.clock()
        with self._transaction() as session:
            self._set_organisation(session, draft, organisation, expected_version, at)
        return draft.done()

    def _set_organisation(self, session: Session, draft: _Draft, organisation: rec.Organisation,
                          expected_version: int | None, at: datetime) -> None:
        t = organisation_table()
        check_record(organisation)
        new = to_json(organisation)
        row = session.execute(select(t)).mappings().first()
        current = 0 if row is None else row["version_id"]
        if expected_version is not None and current != expected_version:
            who, when = ((row["updated_by"], row["updated_at"]) if row is not None
                         else (self.actor, at))
            raise ConflictError(
                N_("{who} changed this record at {when} since you opened it; "
                   "reload it to see their change"), ORGANISATION, who=who,
                when=local_text(when, kinds.zone_for(row["country"] if row else None)))
        if row is None:
            session.execute(insert(t), [{**new, "id": 1, "version_id": 1, "updated_at": at,
                                         "updated_by": self.actor}])
            self._audit(session, at, ORGANISATION, ORGANISATION, "create", None, None, new)
            draft.created.append((ORGANISATION, ORGANISATION))
            draft.before[(ORGANISATION, ORGANISATION)] = None
            return
        old = {k: row[k] for k in new}
        changed = [k for k in new if old[k] != new[k]]
        if changed:
            session.execute(update(t).where(t.c.id == row["id"]).values(
                **new, version_id=row["version_id"] + 1, updated_at=at,
                updated_by=self.actor))
            for name in changed:
                self._audit(session, at, ORGANISATION, ORGANISATION, "update", name,
                            to_json(old[name]), new[name])
            draft.updated.append((ORGANISATION, ORGANISATION))
            draft.before.setdefault((ORGANISATION, ORGANISATION), build_record(
                rec.Organisation, {k: v for k, v in row.items()
                                   if k not in ("id", "version_id", "updated_at", "updated_by")}))

    def load(self, register: rec.Register, replace: bool = False) -> Change:
        """Put a whole register in, in one transaction: all or nothing.

        Refused when the register already holds records, unless ``replace`` is given; then
        everything is replaced: a SQLite register is first copied to a backup (kept under the
        backups' retention), and the audit trail records one "replace" entry with how many
        records of each kind were replaced and the SHA-256 of the replaced register's
        interchange text, not a copy of every record. The change names exactly the records
        inserted; a register holding records of a kind the registry or the store does not know
        is refused (a LookupError), never half loaded.
        """
        at = self.clock()
        draft = _Draft()
        lists = kinds.lists(register)
        order = kinds.load_order()
        copy = None
        if replace and self.database.path is not None and not self.is_empty():
            from privdesk.store.backup import backup_sqlite

            copy = backup_sqlite(self.database.path, "before-replace")
        with self._transaction() as session:
            if not replace and not self._empty(session):
                raise UserError(N_("the register is not empty; load refuses to mix two registers "
                                   "(use --replace to replace it)"))
            if replace and not self._empty(session):
                from privdesk.domain.interchange import dumps

                held: dict[str, Any] = {kind.name: tuple(self._read(session, kind.name))
                                        for kind in order}
                replaced = rec.Register(**held)
                self._audit(session, at, REGISTER, REGISTER, REPLACE, None, None, {
                    "count": {kind.name: len(getattr(replaced, kind.name)) for kind in order},
                    "sha256": hashlib.sha256(dumps(replaced).encode("utf-8")).hexdigest(),
                    "backup": copy.name if copy is not None else None})
            if replace:
                for kind in reversed(order):
                    # Single references (a processor's parent) may point within the kind.
                    columns = {id_column(name): None for name, _ in COLUMN_LINKS[kind.name]}
                    if columns:
                        session.execute(update(table(kind.name)).values(columns))
                    session.execute(delete(model(kind.name)))
            if register.organisation is not None:
                t = organisation_table()
                session.execute(delete(t))
                new = to_json(register.organisation)
                session.execute(insert(t), [{**new, "id": 1, "version_id": 1, "updated_at": at,
                                             "updated_by": self.actor}])
                self._audit(session, at, ORGANISATION, ORGANISATION, "create", None, None, new)
            if register.retention is not None:
                # A file without periods (written before they were in the format) keeps the
                # register's own: replacing must not shorten a period the DPO set.
                from privdesk.services.erasure import write_retention

                write_retention(self, session, at, register.retention)
            draft.created.extend(self._bulk_insert(session, order, lists, at))
        return draft.done()

    def _bulk_insert(self, session: Session, order: Sequence[kinds.Kind],
                     lists: dict[kinds.Kind, tuple[Any, ...]], at: datetime
                     ) -> list[tuple[str, str]]:
        """Insert whole lists with explicit ids, so links need no read-back (the load path).

        Kinds go in ``order`` (each after those it refers to); returns the (kind, ref) of
        every record inserted.
        """
        from sqlalchemy import bindparam

        audit: list[dict[str, Any]] = []
        inserted: list[tuple[str, str]] = []
        ids: dict[str, dict[str, int]] = {}
        stamp = {"version_id": 1, "updated_at": at, "updated_by": self.actor}
        for kind in order:
            name, items = kind.name, lists[kind]
            t = table(name)  # a LookupError for a kind the store has no table for
            start = (session.execute(select(func.max(t.c.id))).scalar() or 0) + 1
            ids[name] = {r.ref: start + i for i, r in enumerate(items)}
            rows = []
            for record in items:
                as_json = to_json(record)
                values = record_columns(name, record, as_json)
                values.update(stamp, id=ids[name][record.ref])
                values.update((id_column(field_name), None)
                              for field_name, _ in COLUMN_LINKS[name])
                rows.append(values)
                audit.append({"at": at, "actor": self.actor, "kind": name, "ref": record.ref,
                              "action": "create", "field": None, "before": None,
                              "after": as_json})
                inserted.append((name, record.ref))
            if rows:
                session.execute(insert(t), rows)
            # Single references after the rows, as they may point within the kind.
            for field_name, other_kind in COLUMN_LINKS[name]:
                referring = [{"i": ids[name][r.ref], "p": ids[other_kind][getattr(r, field_name)]}
                             for r in items if getattr(r, field_name)]
                if referring:
                    session.execute(
                        update(t).where(t.c.id == bindparam("i"))
                        .values({id_column(field_name): bindparam("p")})
                        .execution_options(synchronize_session=False),
                        referring)
            for field_name, (link, own, other_kind, other) in LINKS[name].items():
                link_rows = [
                    {own: ids[name][record.ref], other: ids[other_kind][ref], "position": i}
                    for record in items
                    for i, ref in enumerate(dict.fromkeys(getattr(record, field_name)))
                ]
                if link_rows:
                    session.execute(insert(model_table(link)), link_rows)
        if audit:
            session.execute(insert(audit_table()), audit)
        advance_id_sequences(session, [table(kind.name) for kind in order])
        return inserted

    def _empty(self, session: Session) -> bool:
        if session.execute(select(func.count()).select_from(models.OrganisationRow)).scalar():
            return False
        return not any(session.execute(select(func.count()).select_from(model(k))).scalar()
                       for k in kinds.names())

    # ------------------------------------------------------------ history

    def _zone(self) -> ZoneInfo:
        organisation = self.organisation()
        return ZoneInfo(kinds.zone_for(organisation.country if organisation else None))

    def _day_end(self, day: date) -> datetime:
        return datetime.combine(day + timedelta(days=1), time(0), self._zone()).astimezone(UTC)

    def first_change(self) -> datetime | None:
        """When the register's first record was made (the audit trail's first entry)."""
        t = audit_table()
        with self.database.sessions() as session:
            found: datetime | None = session.execute(select(func.min(t.c.at))).scalar()
        return found

    def record_dates(self, day: date | None = None
                     ) -> dict[str, dict[str, tuple[datetime | None, datetime]]]:
        """When each record was created and last changed (kind -> ref -> (created, updated)),
        from the audit trail; with ``day``, as the register stood at the end of that day."""
        t = audit_table()
        created = func.max(case((t.c.action == "create", t.c.at)))
        query = (select(t.c.kind, t.c.ref, created, func.max(t.c.at))
                 .where(t.c.kind.in_(kinds.names()), t.c.action.in_(("create", "update")),
                        or_(t.c.field.is_(None), t.c.field != "document"))
                 .group_by(t.c.kind, t.c.ref))
        if day is not None:
            query = query.where(t.c.at < self._day_end(day))
        found: dict[str, dict[str, tuple[datetime | None, datetime]]] = {}
        with self.database.sessions() as session:
            for kind, ref, first, last in session.execute(query):
                found.setdefault(kind, {})[ref] = (first, last)
        return found

    def as_of(self, day: date) -> rec.Register:
        """The register as it stood at the end of ``day`` (the organisation's local day).

        Rebuilt from the audit trail by undoing, newest first, every change made after then.
        Refused (a UserError) for a day that ended before the register's first record: there
        is nothing to show, and an empty workbook would suggest an empty register.
        """
        first = self.first_change()
        end = self._day_end(day)
        if first is None or first >= end:
            shown = first.astimezone(self._zone()).date().isoformat() if first else "–"
            raise UserError(N_("the register did not exist yet at the end of {day} (its first "
                               "record is from {first})"), day=day.isoformat(), first=shown)
        t = audit_table()
        with self.database.sessions() as session:
            later = session.execute(
                select(t).where(t.c.at >= end).order_by(t.c.id.desc())).mappings().all()
        if any(entry["action"] == REPLACE or (entry["action"] == "delete"
                                              and not _whole_record(entry["before"]))
               for entry in later):
            # A later delete or ``load --replace`` kept no copy of what it removed: rebuild
            # forward from the trail instead of backward from today's register.
            return self._replayed(end)
        current = self.snapshot()
        organisation = current.organisation
        state: dict[str, dict[str, Any]] = {
            kind.name: {r.ref: to_json(r) for r in items}
            for kind, items in kinds.lists(current).items()
        }
        org_state: dict[str, Any] | None = to_json(organisation) if organisation else None
        for entry in later:
            kind, ref, action = entry["kind"], entry["ref"], entry["action"]
            if kind == ORGANISATION:
                if action == "create":
                    org_state = None
                elif action == "update" and org_state is not None:
                    org_state[entry["field"]] = entry["before"]
                continue
            if kind not in state:
                continue
            if action == "create":
                state[kind].pop(ref, None)
            elif action == "delete":
                state[kind][ref] = entry["before"]
            elif action == "update" and ref in state[kind]:
                state[kind][ref][entry["field"]] = entry["before"]
        lists: dict[str, Any] = {
            kind.name: tuple(build_record(kind.record, state[kind.name][ref])
                             for ref in sorted(state[kind.name]))
            for kind in kinds.KINDS
        }
        return rec.Register(
            organisation=build_record(rec.Organisation, org_state) if org_state else None,
            **lists,
        )

    def _replayed(self, end: datetime) -> rec.Register:
        """The register before ``end`` rebuilt forward from the trail: each create's record,
        each update's new value, each delete, erasure and replace applied in order."""
        state: dict[str, dict[str, Any]] = {kind.name: {} for kind in kinds.KINDS}
        org_state: dict[str, Any] | None = None
        t = audit_table()
        with self.database.sessions() as session:
            entries = session.execute(
                select(t).where(t.c.at < end).order_by(t.c.id)).mappings().all()
        for entry in entries:
            kind, ref, action = entry["kind"], entry["ref"], entry["action"]
            if action == REPLACE:
                for records in state.values():
                    records.clear()
            elif kind == ORGANISATION:
                if action == "create" and isinstance(entry["after"], dict):
                    org_state = dict(entry["after"])
                elif action == "update" and org_state is not None:
                    org_state[entry["field"]] = entry["after"]
            elif kind in state:
                if action == "create" and isinstance(entry["after"], dict):
                    state[kind][ref] = dict(entry["after"])
                elif action in ("delete", "erase"):
                    state[kind].pop(ref, None)
                elif action == "update" and ref in state[kind]:
                    state[kind][ref][entry["field"]] = entry["after"]
        lists: dict[str, Any] = {
            kind.name: tuple(build_record(kind.record, state[kind.name][ref])
                             for ref in sorted(state[kind.name]))
            for kind in kinds.KINDS
        }
        return rec.Register(
            organisation=build_record(rec.Organisation, org_state) if org_state else None,
            **lists)

    # ------------------------------------------------------------ documents

    def record_document(self, kind: str, ref: str, language: str, content: bytes,
                        filename: str, **details: Any) -> str:
        """Keep a letter or report as sent; returns its SHA-256. ``details`` (what the DPO
        decided for this document) go into its audit entry."""
        digest = hashlib.sha256(content).hexdigest()
        at = self.clock()
        with self._transaction() as session:
            position = session.execute(select(func.max(models.AuditRow.id))).scalar() or 0
            session.execute(insert(models.DocumentRow), [{
                "kind": kind, "record_kind": DOCUMENT_RECORD_KIND.get(kind, kind), "ref": ref,
                "language": language, "filename": filename,
                "written_at": at, "written_by": self.actor, "sha256": digest,
                "audit_position": position, "content": content,
            }])
            self._audit(session, at, kind, ref, "create", "document", None,
                        {"sha256": digest, "filename": filename, "language": language,
                         **details})
        return digest

    def documents(self, ref: str) -> list[dict[str, Any]]:
        """The letters and reports kept for a record, oldest first (without their content)."""
        t = document_table()
        with self.database.sessions() as session:
            rows = session.execute(select(t.c.kind, t.c.language, t.c.filename, t.c.written_at,
                                          t.c.written_by, t.c.sha256, t.c.audit_position)
                                   .where(t.c.ref == ref).order_by(t.c.id)).mappings().all()
        return [dict(row) for row in rows]


def _whole_record(value: Any) -> bool:
    """True when a delete entry's ``before`` holds the record (trails written before deletes
    kept only a reference), not just ``{"ref": …}``."""
    return isinstance(value, dict) and len(value) > 1


def _depth(record: Any, parents: Mapping[str, str | None]) -> int:
    """How many of the pending processors' parents are above ``record`` (0 for the others)."""
    if not isinstance(record, rec.Processor):
        return 0
    depth, parent, seen = 0, record.parent, set()
    while parent is not None and parent in parents and parent not in seen:
        seen.add(parent)
        depth, parent = depth + 1, parents[parent]
    return depth
