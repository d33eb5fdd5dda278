"""The tables of the register (SQLAlchemy 2.0 typed models); the schema itself is built by Alembic.

Scalar fields of the records are columns of the same name; nested values and lists of text are
JSON columns holding the interchange form; references between records are link tables with
foreign keys, so that the database itself refuses a dangling reference.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from privdesk.store.types import UTCDateTime, ref_string

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class Tracked:
    """Columns every editable record has: the optimistic-locking version and who changed it."""

    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)


class OrganisationRow(Tracked, Base):
    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    org_number: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(5))
    address: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    dpo: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    representative: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ActivityRow(Tracked, Base):
    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(ref_string(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    purposes: Mapped[list[Any]] = mapped_column(JSON)
    legal_bases: Mapped[list[Any]] = mapped_column(JSON)
    legal_basis_note: Mapped[str | None] = mapped_column(Text)
    special_conditions: Mapped[list[Any]] = mapped_column(JSON)
    joint_controllers: Mapped[list[Any]] = mapped_column(JSON)
    controllers: Mapped[list[Any]] = mapped_column(JSON)
    subjects: Mapped[list[Any]] = mapped_column(JSON)
    data_categories: Mapped[list[Any]] = mapped_column(JSON)
    data_items: Mapped[list[Any]] = mapped_column(JSON)
    recipients: Mapped[list[Any]] = mapped_column(JSON)
    transfers: Mapped[list[Any]] = mapped_column(JSON)
    retention: Mapped[str | None] = mapped_column(Text)
    retention_period: Mapped[str | None] = mapped_column(String(40))
    retention_by_category: Mapped[list[Any]] = mapped_column(JSON)
    security: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    automated_decisions: Mapped[str | None] = mapped_column(Text)
    dpia: Mapped[dict[str, Any]] = mapped_column(JSON)
    systems: Mapped[list[Any]] = mapped_column(JSON)
    owner: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    review_due: Mapped[date | None] = mapped_column(Date)

    __mapper_args__ = {"version_id_col": Tracked.version_id}


class ProcessorRow(Tracked, Base):
    __tablename__ = "processor"
    __table_args__ = (
        CheckConstraint("role IN ('processor', 'subprocessor', 'joint_controller', "
                        "'independent_controller')", name="role"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(ref_string(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    org_number: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    role: Mapped[str] = mapped_column(String(30))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("processor.id", ondelete="RESTRICT"), index=True
    )
    services: Mapped[str | None] = mapped_column(Text)
    data_locations: Mapped[list[Any]] = mapped_column(JSON)
    dpa: Mapped[dict[str, Any]] = mapped_column(JSON)
    certifications: Mapped[list[Any]] = mapped_column(JSON)
    contact: Mapped[str | None] = mapped_column(Text)
    policy_url: Mapped[str | None] = mapped_column(Text)

    __mapper_args__ = {"version_id_col": Tracked.version_id}


class IncidentRow(Tracked, Base):
    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(ref_string(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    aware_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reported_by_processor: Mapped[datetime | None] = mapped_column(UTCDateTime())
    breach_types: Mapped[list[Any]] = mapped_column(JSON)
    data_categories: Mapped[list[Any]] = mapped_column(JSON)
    subject_groups: Mapped[list[Any]] = mapped_column(JSON)
    subjects_count: Mapped[int | None] = mapped_column(Integer)
    records_count: Mapped[int | None] = mapped_column(Integer)
    children: Mapped[bool | None] = mapped_column(Boolean)
    vulnerable: Mapped[bool | None] = mapped_column(Boolean)
    exposure: Mapped[str | None] = mapped_column(String(30))
    exfiltrated: Mapped[bool | None] = mapped_column(Boolean)
    malicious: Mapped[bool | None] = mapped_column(Boolean)
    encrypted: Mapped[bool | None] = mapped_column(Boolean)
    key_compromised: Mapped[bool | None] = mapped_column(Boolean)
    backup_available: Mapped[bool | None] = mapped_column(Boolean)
    restored_within_hours: Mapped[float | None] = mapped_column(Float)
    recovered_or_deleted_by_recipient: Mapped[bool | None] = mapped_column(Boolean)
    consequences: Mapped[str | None] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
    measures_planned: Mapped[str | None] = mapped_column(Text)
    cause: Mapped[str | None] = mapped_column(String(30))
    discovery: Mapped[str | None] = mapped_column(Text)
    ongoing: Mapped[bool | None] = mapped_column(Boolean)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    data_location: Mapped[str | None] = mapped_column(Text)
    cross_border: Mapped[bool | None] = mapped_column(Boolean)
    other_authorities: Mapped[str | None] = mapped_column(Text)
    subjects_notice: Mapped[str | None] = mapped_column(Text)
    authority_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    authority_ref: Mapped[str | None] = mapped_column(Text)
    subjects_notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)
    decided_not_to_notify_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delay_reason: Mapped[str | None] = mapped_column(Text)
    notifications: Mapped[list[Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))

    __mapper_args__ = {"version_id_col": Tracked.version_id}


class RequestRow(Tracked, Base):
    __tablename__ = "request"
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(ref_string(100), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    received: Mapped[date] = mapped_column(Date)
    subject: Mapped[dict[str, Any]] = mapped_column(JSON)
    requester: Mapped[dict[str, Any]] = mapped_column(JSON)
    identity: Mapped[dict[str, Any]] = mapped_column(JSON)
    extension: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    data: Mapped[list[Any]] = mapped_column(JSON)
    withheld: Mapped[list[Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    answered: Mapped[date | None] = mapped_column(Date)
    delay_reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    __mapper_args__ = {"version_id_col": Tracked.version_id}


class ActivityProcessorLink(Base):
    """Which processors an activity uses, in the order the DPO gave them."""

    __tablename__ = "activity_processor"
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True
    )
    processor_id: Mapped[int] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class IncidentActivityLink(Base):
    """Which activities an incident touched."""

    __tablename__ = "incident_activity"
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class IncidentProcessorLink(Base):
    """Which processors were involved in an incident."""

    __tablename__ = "incident_processor"
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True
    )
    processor_id: Mapped[int] = mapped_column(
        ForeignKey("processor.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class RequestActivityLink(Base):
    """Which activities concern the data subject of a request."""

    __tablename__ = "request_activity"
    request_id: Mapped[int] = mapped_column(
        ForeignKey("request.id", ondelete="CASCADE"), primary_key=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    """One line of the append-only audit trail (who, when, which record, what changed)."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_kind_ref", "kind", "ref"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(ref_string(100), index=True)
    action: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(100))
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class DocumentRow(Base):
    """A letter or report as it was sent, with the register state it was written from."""

    __tablename__ = "sent_document"
    __table_args__ = (Index("ix_sent_document_record", "record_kind", "ref"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    # The kind of record the document was written for (with ``ref``, its request or incident):
    # what an erasure of that record removes with it.
    record_kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(ref_string(100), index=True)
    language: Mapped[str] = mapped_column(String(5))
    filename: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    written_by: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    audit_position: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class RetentionRow(Base):
    """How long the register keeps its own records of one kind once they are closed, as the
    DPO set it (a kind without a row keeps the default of ``domain.retention``)."""

    __tablename__ = "retention_rule"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    months: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(200))


class VendorRow(Tracked, Base):
    """A vendor the DPO added to the catalogue of common vendors (policy review)."""

    __tablename__ = "vendor_catalogue"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    aliases: Mapped[list[Any]] = mapped_column(JSON)
    country: Mapped[str | None] = mapped_column(String(2))
    safeguard: Mapped[str | None] = mapped_column(String(20))
    purpose: Mapped[str | None] = mapped_column(Text)
