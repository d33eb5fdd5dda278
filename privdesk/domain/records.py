"""Frozen records of the register, one per kind of thing the interchange format holds.

Field metadata drives the interchange reader and writer (``domain/interchange.py``):
``codes`` names the allowed codes, ``kind`` a special text format (country, duration, email,
ref),
``json`` a name that differs from the attribute (``class`` is a Python keyword).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import Any

from privdesk.domain import codes


class _Record:
    """What every record shares: equality, hash and ``repr`` over its fields, as a dataclass
    would generate them, written once (generating them for each class took a third of the
    time to import the records, which the window waits for before its first paint)."""

    __slots__ = ()
    _values: Callable[[Any], tuple[Any, ...]] = staticmethod(lambda _record: ())

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = cls.__dict__.get("__slots__")
        if names:  # the class ``dataclass(slots=True)`` makes, its fields in order
            getter = attrgetter(*names)
            cls._values = staticmethod(
                getter if len(names) > 1 else lambda record: (getter(record),))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) == self._values(other)

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        names: tuple[str, ...] = type(self).__slots__
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._values(self), strict=True))
        return f"{type(self).__qualname__}({shown})"


def _codes(allowed: tuple[str, ...], *, free: bool = False) -> dict[str, Any]:
    return {"codes": allowed, "free": free}


def _kind(kind: str) -> dict[str, Any]:
    return {"kind": kind}


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Contact(_Record):
    """A person to write to: the DPO or the representative."""

    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Organisation(_Record):
    """The controller whose register this is (a school or a municipality)."""

    name: str
    org_number: str | None = None
    country: str = field(default="NO", metadata=_kind("country"))
    language: str = field(default="nb", metadata=_codes(codes.LANGUAGES))
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    dpo: Contact | None = None
    representative: Contact | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Transfer(_Record):
    """A transfer of personal data to a third country (Chapter V)."""

    country: str = field(metadata=_kind("country"))
    recipient: str
    safeguard: str = field(metadata=_codes(codes.SAFEGUARDS))
    note: str = ""
    # With ``safeguard: derogation``: which derogation of Art. 49(1) the transfer relies on.
    derogation: str | None = field(default=None, metadata=_codes(codes.DEROGATIONS))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class CategoryRetention(_Record):
    """How long one category of data is kept (Art. 30(1)(f): "where possible")."""

    category: str = field(metadata=_codes(codes.DATA_CATEGORIES))
    retention: str


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class ScreeningAnswer(_Record):
    """The DPO's answer to one question of a DPIA screening, with the reason given."""

    criterion: str = field(metadata=_codes(codes.DPIA_CRITERIA))
    met: bool
    reason: str = ""
    # True when the DPO confirmed the answer the register suggested, unchanged.
    prefilled: bool = False


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Screening(_Record):
    """A DPIA screening of an activity (``domain/dpia.py``): the answers, who gave them and
    when, the result, and a fingerprint of the activity's fields the answers depend on."""

    at: datetime
    by: str
    answers: tuple[ScreeningAnswer, ...] = ()
    result: str = field(metadata=_codes(codes.DPIA_RESULTS))
    # The country whose authority's list was asked (NO, SE; None: WP248 alone).
    country: str | None = field(default=None, metadata=_kind("country"))
    fingerprint: str = ""


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Dpia(_Record):
    """Whether a data protection impact assessment is required and when it was done."""

    required: bool | None = None
    done: date | None = None
    reference: str | None = None
    screening: Screening | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Activity(_Record):
    """A processing activity: one row of the Art. 30 record."""

    ref: str = field(metadata=_kind("ref"))
    name: str
    role: str = field(default="controller", metadata=_codes(codes.ACTIVITY_ROLES))
    purposes: tuple[str, ...] = ()
    legal_bases: tuple[str, ...] = field(default=(), metadata=_codes(codes.LEGAL_BASES))
    legal_basis_note: str | None = None
    special_conditions: tuple[str, ...] = field(
        default=(), metadata=_codes(codes.SPECIAL_CONDITIONS)
    )
    joint_controllers: tuple[str, ...] = ()
    # For Art. 30(2): the controllers on whose behalf the organisation processes.
    controllers: tuple[str, ...] = ()
    subjects: tuple[str, ...] = field(default=(), metadata=_codes(codes.SUBJECT_GROUPS, free=True))
    data_categories: tuple[str, ...] = field(default=(), metadata=_codes(codes.DATA_CATEGORIES))
    data_items: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    processors: tuple[str, ...] = field(default=(), metadata={"ref": "processors"})
    transfers: tuple[Transfer, ...] = ()
    retention: str | None = None
    retention_period: str | None = field(default=None, metadata=_kind("duration"))
    # Time limits per category of data where they differ from ``retention``.
    retention_by_category: tuple[CategoryRetention, ...] = ()
    security: str | None = None
    source: str | None = None
    automated_decisions: str | None = None
    dpia: Dpia = field(default_factory=Dpia)
    systems: tuple[str, ...] = ()
    owner: str | None = None
    status: str = field(default="active", metadata=_codes(codes.ACTIVITY_STATUSES))
    review_due: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Agreement(_Record):
    """The processor agreement of Art. 28(3)."""

    signed: date | None = None
    review_due: date | None = None
    reference: str | None = None
    # The transfer safeguard the agreement provides for data the processor takes outside the
    # EEA (standard contractual clauses in the agreement, the processor's BCR or DPF listing).
    safeguard: str | None = field(default=None, metadata=_codes(codes.SAFEGUARDS))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Processor(_Record):
    """A vendor: processor, subprocessor (engaged by ``parent``) or other controller."""

    ref: str = field(metadata=_kind("ref"))
    name: str
    org_number: str | None = None
    country: str | None = field(default=None, metadata=_kind("country"))
    role: str = field(default="processor", metadata=_codes(codes.PROCESSOR_ROLES))
    parent: str | None = field(default=None, metadata={"ref": "processors"})
    services: str | None = None
    data_locations: tuple[str, ...] = field(default=(), metadata=_kind("country"))
    dpa: Agreement = field(default_factory=Agreement)
    certifications: tuple[str, ...] = ()
    contact: str | None = None
    policy_url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Notification(_Record):
    """One notification to the authority: the initial one or a follow-up (Art. 33(4))."""

    at: datetime
    kind: str = field(default="initial", metadata=_codes(codes.NOTIFICATION_KINDS))
    reference: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Incident(_Record):
    """A personal data breach (Art. 33/34) and what was decided about it."""

    ref: str = field(metadata=_kind("ref"))
    title: str
    description: str | None = None
    occurred_at: datetime | None = None
    aware_at: datetime
    reported_by_processor: datetime | None = None
    breach_types: tuple[str, ...] = field(default=(), metadata=_codes(codes.BREACH_TYPES))
    data_categories: tuple[str, ...] = field(default=(), metadata=_codes(codes.DATA_CATEGORIES))
    subject_groups: tuple[str, ...] = field(
        default=(), metadata=_codes(codes.SUBJECT_GROUPS, free=True)
    )
    subjects_count: int | None = None
    records_count: int | None = None
    children: bool | None = None
    vulnerable: bool | None = None
    exposure: str | None = field(default=None, metadata=_codes(codes.EXPOSURES))
    exfiltrated: bool | None = None
    malicious: bool | None = None
    encrypted: bool | None = None
    key_compromised: bool | None = None
    backup_available: bool | None = None
    restored_within_hours: float | None = None
    recovered_or_deleted_by_recipient: bool | None = None
    consequences: str | None = None
    measures: str | None = None
    measures_planned: str | None = None
    cause: str | None = field(default=None, metadata=_codes(codes.BREACH_CAUSES))
    discovery: str | None = None
    ongoing: bool | None = None
    ended_at: datetime | None = None
    data_location: str | None = None
    cross_border: bool | None = None
    other_authorities: str | None = None
    subjects_notice: str | None = None
    activities: tuple[str, ...] = field(default=(), metadata={"ref": "activities"})
    processors: tuple[str, ...] = field(default=(), metadata={"ref": "processors"})
    authority_notified_at: datetime | None = None
    authority_ref: str | None = None
    subjects_notified_at: datetime | None = None
    decision_note: str | None = None
    decided_not_to_notify_at: datetime | None = None
    delay_reason: str | None = None
    notifications: tuple[Notification, ...] = ()
    status: str = field(default="open", metadata=_codes(codes.INCIDENT_STATUSES))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class DataSubject(_Record):
    """The person the request is about (often a pupil)."""

    name: str
    born: date | None = None
    groups: tuple[str, ...] = field(default=(), metadata=_codes(codes.SUBJECT_GROUPS, free=True))
    class_: str | None = field(default=None, metadata={"json": "class"})


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Requester(_Record):
    """Who asked: the person themselves, a guardian or a representative."""

    name: str
    relation: str = field(default="self", metadata=_codes(codes.RELATIONS))
    relation_basis: str | None = None
    address: str | None = None
    email: str | None = None
    language: str | None = field(default=None, metadata=_codes(codes.LANGUAGES))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class IdentityCheck(_Record):
    """How the requester's identity (and authority to act) was verified."""

    verified: bool = False
    method: str | None = None
    at: date | None = None
    by: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Extension(_Record):
    """An extension of the deadline by up to two months (Art. 12(3))."""

    months: int
    reasons: str
    decided: date | None = None
    notified: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class DataItem(_Record):
    """One item of the copy of the data (Art. 15(3)), under the activity that holds it."""

    activity: str = field(metadata={"ref": "activities"})
    item: str
    value: str
    category: str | None = field(default=None, metadata=_codes(codes.DATA_CATEGORIES))
    source: str | None = None
    # The DPO's own note (where it was found, whom they asked): never printed in the letter.
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Withheld(_Record):
    """Something not given out, and why (other people's data, a legal ground).

    ``description`` and ``reason`` are written to the recipient; ``note`` is the DPO's own.
    """

    description: str
    reason: str
    ground: str | None = field(default=None, metadata=_codes(codes.WITHHELD_GROUNDS))
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Request(_Record):
    """A data subject request (Art. 15–21) with its clock."""

    ref: str = field(metadata=_kind("ref"))
    kind: str = field(default="access", metadata=_codes(codes.REQUEST_KINDS))
    received: date
    subject: DataSubject
    requester: Requester
    identity: IdentityCheck = field(default_factory=IdentityCheck)
    extension: Extension | None = None
    activities: tuple[str, ...] = field(default=(), metadata={"ref": "activities"})
    data: tuple[DataItem, ...] = ()
    withheld: tuple[Withheld, ...] = ()
    status: str = field(default="open", metadata=_codes(codes.REQUEST_STATUSES))
    answered: date | None = None
    # Told to the recipient when the answer goes out after its deadline (Art. 12(3)).
    delay_reason: str | None = None
    # The DPO's own notes on the request: never printed in the letter.
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class AuditEntry(_Record):
    """One line of the append-only audit trail."""

    at: datetime
    actor: str
    kind: str
    ref: str
    action: str  # "create", "update" or "delete"
    field: str | None
    before: Any
    after: Any


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Retention(_Record):
    """How many months the register keeps its own records of each kind once closed, as the DPO
    set them; ``None`` keeps privdesk's default (``domain.retention``, docs/retention.md)."""

    requests: int | None = None
    incidents: int | None = None
    documents: int | None = None
    backups: int | None = None

    def is_default(self) -> bool:
        return all(getattr(self, f.name) is None for f in dataclasses.fields(self))


# The register's sections that are not lists of records.
SETTINGS = ("organisation", "retention")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Register(_Record):
    """A whole register: what ``privdesk dump`` writes and ``privdesk load`` reads."""

    organisation: Organisation | None = None
    # The DPO's retention periods; ``None`` (as in a file written before they were part of
    # the format) keeps every default.
    retention: Retention | None = None
    activities: tuple[Activity, ...] = ()
    processors: tuple[Processor, ...] = ()
    incidents: tuple[Incident, ...] = ()
    requests: tuple[Request, ...] = ()

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self)
                       if f.name != "retention")


def _record_types() -> dict[str, type[Any]]:
    hints = typing.get_type_hints(Register)
    return {f.name: typing.get_args(hints[f.name])[0] for f in dataclasses.fields(Register)
            if f.name not in SETTINGS}


# The record class of each list of the register (``kinds.KINDS`` says the rest of each kind).
RECORD_TYPES: dict[str, type[Any]] = _record_types()

Record = Activity | Processor | Incident | Request


def replace(record: Any, **changes: Any) -> Any:
    """A copy of a frozen record with some fields changed."""
    return dataclasses.replace(record, **changes)
