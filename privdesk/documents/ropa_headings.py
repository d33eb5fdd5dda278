"""The sheets and columns of the ROPA workbook, shared by the writer and the reader.

Headings are catalogue msgids in English (the English text of GDPR Art. 30 and 33(5)); their
nb and sv translations use the wording of the official Norwegian (personvernforordningen) and
Swedish (dataskyddsförordningen) texts, shortened as the authorities' templates shorten them.
A column's ``key`` names the record field it holds (``dpia.required`` for a nested field); a key
starting with ``=`` is derived for the reader's convenience and is not read back.
"""

from __future__ import annotations

from dataclasses import dataclass

from privdesk.domain.errors import N_

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the field it holds, its heading and how its cells are written.

    ``kind`` is one of: text, lines (one item a line), code / codes (label group ``group``),
    date, datetime, bool, int, float, duration, ref / refs (records of kind ``group``),
    country / countries, recipient (a processor's ref or a name), notifications, derived,
    version (the record's version at the export: written by the writer, read by the reader),
    category_retention (one "category: time limit" a line). A derived column (key ``=…``) may
    name a kind too (``datetime``) for its cells' format; it is never read back.
    """

    key: str
    heading: str
    kind: str = "text"
    group: str | None = None
    width: int = 40
    required: bool = False

    @property
    def derived(self) -> bool:
        return self.key.startswith("=")


@dataclass(frozen=True)
class Sheet:
    """One sheet: its key, its title (msgid), its table name and its columns."""

    key: str
    title: str
    table: str
    columns: tuple[Column, ...]


REF = Column("ref", N_("Ref."), width=14, required=True)
# The version each record had when the workbook was exported (a hidden number at the end of a
# sheet): the import refuses a row whose record a colleague saved since. Exports of a past day
# and older workbooks have no such column.
VERSION_KEY = "=version"
VERSION = Column(VERSION_KEY, N_("Record version (privdesk, do not edit)"), "version", width=10)

# When the record was created and last changed (from the audit trail): read-only.
CREATED = Column("=created", N_("Created"), "datetime", width=17)
UPDATED = Column("=updated", N_("Last updated"), "datetime", width=17)
SPECIAL = Column("=special", N_("Special categories of data (Art. 9)"), "derived", width=24)
RETENTION_BY_CATEGORY = Column("retention_by_category",
                               N_("Time limits per category of data"), "category_retention",
                               width=34)
# What an auditor filters on: special categories without an Art. 9 condition, transfers
# outside the EEA without a valid safeguard.
ACTIVITY_REMARKS = Column("=activity_remarks", N_("Remarks"), "derived", width=30)
# The DPIA screening (``domain/dpia.py``): result, the criteria that decided it, who and when.
DPIA_SCREENING = Column("=dpia_screening", N_("DPIA screening"), "derived", width=40)

_ACTIVITY_TAIL = (
    Column("legal_bases", N_("Legal basis"), "codes", "legal_bases", width=34),
    Column("legal_basis_note", N_("Legal basis: details"), width=34),
    Column("special_conditions", N_("Condition for special categories (Art. 9/10)"), "codes",
           "special_conditions", width=34),
    Column("source", N_("Source of the data"), width=34),
    Column("automated_decisions", N_("Automated decisions"), width=30),
    Column("dpia.required", N_("DPIA required"), "bool", width=12),
    Column("dpia.done", N_("DPIA done"), "date", width=13),
    Column("dpia.reference", N_("DPIA reference"), width=16),
    DPIA_SCREENING,
    Column("systems", N_("Systems"), "lines", width=26),
    Column("owner", N_("Owner"), width=20),
    Column("status", N_("Status"), "code", "activity_statuses", width=12),
    Column("review_due", N_("Next review"), "date", width=13),
    ACTIVITY_REMARKS,
    CREATED,
    UPDATED,
)

CONTROLLER_RECORD = Sheet("controller", N_("Record Art. 30(1)"), "Record_30_1", (
    REF,
    Column("name", N_("Processing activity"), width=30, required=True),
    Column("=controller", N_("(a) Controller"), "derived", width=28),
    Column("joint_controllers", N_("(a) Joint controllers"), "lines", width=24),
    Column("=representative", N_("(a) Controller's representative"), "derived", width=24),
    Column("=dpo", N_("(a) Data protection officer"), "derived", width=28),
    Column("purposes", N_("(b) Purposes of the processing"), "lines", width=40),
    Column("subjects", N_("(c) Categories of data subjects"), "codes", "subjects", width=22),
    Column("data_categories", N_("(c) Categories of personal data"), "codes", "data_categories",
           width=28),
    SPECIAL,
    Column("data_items", N_("(c) Personal data processed"), "lines", width=28),
    Column("recipients", N_("(d) Categories of recipients"), "lines", width=30),
    Column("processors", N_("(d) Processors"), "refs", "processors", width=30),
    Column("=transfers", N_("(e) Transfers to third countries"), "derived", width=34),
    Column("retention", N_("(f) Time limits for erasure"), width=34),
    Column("retention_period", N_("Retention period"), "duration", width=16),
    Column("retention_by_category", N_("(f) Time limits per category of data"),
           "category_retention", width=34),
    Column("security", N_("(g) Technical and organisational security measures"), width=44),
    *_ACTIVITY_TAIL,
    VERSION,
))

PROCESSOR_RECORD = Sheet("processor", N_("Record Art. 30(2)"), "Record_30_2", (
    REF,
    Column("name", N_("Processing activity"), width=30, required=True),
    Column("=processor", N_("(a) Processor"), "derived", width=28),
    Column("controllers", N_("(a) Controllers on whose behalf we act"), "lines", width=30),
    Column("=representative", N_("(a) Representative"), "derived", width=24),
    Column("=dpo", N_("(a) Data protection officer"), "derived", width=28),
    Column("purposes", N_("(b) Categories of processing"), "lines", width=40),
    Column("=transfers", N_("(c) Transfers to third countries"), "derived", width=34),
    Column("security", N_("(d) Technical and organisational security measures"), width=44),
    Column("joint_controllers", N_("Joint controllers"), "lines", width=24),
    Column("subjects", N_("Categories of data subjects"), "codes", "subjects", width=22),
    Column("data_categories", N_("Categories of personal data"), "codes", "data_categories",
           width=28),
    SPECIAL,
    Column("data_items", N_("Personal data processed"), "lines", width=28),
    Column("recipients", N_("Categories of recipients"), "lines", width=30),
    Column("processors", N_("Subprocessors"), "refs", "processors", width=30),
    Column("retention", N_("Time limits for erasure"), width=34),
    Column("retention_period", N_("Retention period"), "duration", width=16),
    RETENTION_BY_CATEGORY,
    *_ACTIVITY_TAIL,
    VERSION,
))

PROCESSORS = Sheet("processors", N_("Processors"), "Processors", (
    REF,
    Column("name", N_("Name"), width=28, required=True),
    Column("=chain", N_("Chain"), "derived", width=34),
    Column("role", N_("Role"), "code", "processor_roles", width=18),
    Column("parent", N_("Engaged by"), "ref", "processors", width=26),
    Column("org_number", N_("Organisation number"), width=16),
    Column("country", N_("Country"), "country", width=18),
    Column("data_locations", N_("Data locations"), "countries", width=20),
    Column("services", N_("Services"), width=34),
    Column("dpa.signed", N_("Processor agreement signed"), "date", width=14),
    Column("dpa.review_due", N_("Processor agreement: next review"), "date", width=14),
    Column("dpa.reference", N_("Processor agreement: reference"), width=18),
    Column("dpa.safeguard", N_("Processor agreement: transfer safeguard"), "code",
           "safeguards", width=30),
    Column("=flags", N_("Remarks"), "derived", width=30),
    Column("certifications", N_("Certifications"), "lines", width=22),
    Column("contact", N_("Contact"), width=28),
    Column("policy_url", N_("Privacy policy"), width=36),
    Column("=used_by", N_("Used in processing activities"), "derived", width=30),
    CREATED,
    UPDATED,
    VERSION,
))

# Every transfer of each activity (``domain.transfers``): those derived from the processor
# chain and those typed by hand. Only rows "entered by hand" are read back (a sheet without
# that column, from an older export, is read whole); the derived rows follow the register.
TYPED_KEY = "typed"
TRANSFERS = Sheet("transfers", N_("Transfers outside the EEA"), "Transfers", (
    Column("activity", N_("Ref."), "ref", "activities", width=14, required=True),
    Column("=activity_name", N_("Processing activity"), "derived", width=30),
    Column("country", N_("Country"), "country", width=20, required=True),
    Column("recipient", N_("Recipient"), "recipient", width=30, required=True),
    Column("safeguard", N_("Transfer safeguard"), "code", "safeguards", width=34,
           required=True),
    Column("derogation", N_("Art. 49 derogation"), "code", "derogations", width=30),
    Column("=valid", N_("Valid safeguard"), "derived", width=12),
    Column("=check", N_("Safeguard check"), "derived", width=34),
    Column("=via", N_("Through processors"), "derived", width=34),
    Column("=source", N_("Safeguard recorded in"), "derived", width=22),
    Column(TYPED_KEY, N_("Entered by hand"), "bool", width=12),
    Column("note", N_("Note"), width=40),
))

INCIDENTS = Sheet("incidents", N_("Breach log Art. 33(5)"), "Incidents", (
    REF,
    Column("title", N_("Title"), width=30, required=True),
    Column("description", N_("Facts of the breach"), width=44),
    Column("occurred_at", N_("Occurred"), "datetime", width=19),
    Column("aware_at", N_("Became aware"), "datetime", width=19, required=True),
    Column("reported_by_processor", N_("Reported by processor"), "datetime", width=19),
    Column("breach_types", N_("Type of breach"), "codes", "breach_types", width=24),
    Column("data_categories", N_("Categories of personal data"), "codes", "data_categories",
           width=28),
    Column("subject_groups", N_("Categories of data subjects"), "codes", "subjects", width=22),
    Column("subjects_count", N_("Number of data subjects"), "int", width=12),
    Column("records_count", N_("Number of records"), "int", width=12),
    Column("children", N_("Children affected"), "bool", width=10),
    Column("vulnerable", N_("Vulnerable persons affected"), "bool", width=10),
    Column("exposure", N_("Who could see the data"), "code", "exposures", width=26),
    Column("exfiltrated", N_("Data taken out"), "bool", width=10),
    Column("malicious", N_("Malicious"), "bool", width=10),
    Column("encrypted", N_("Encrypted"), "bool", width=10),
    Column("key_compromised", N_("Key compromised"), "bool", width=10),
    Column("backup_available", N_("Backup available"), "bool", width=10),
    Column("restored_within_hours", N_("Restored within (hours)"), "float", width=10),
    Column("recovered_or_deleted_by_recipient", N_("Recovered or deleted by the recipient"),
           "bool", width=12),
    Column("consequences", N_("Effects of the breach"), width=40),
    Column("measures", N_("Remedial action taken"), width=40),
    Column("activities", N_("Processing activities"), "refs", "activities", width=30),
    Column("processors", N_("Processors"), "refs", "processors", width=30),
    Column("authority_notified_at", N_("Supervisory authority notified"), "datetime", width=19),
    Column("authority_ref", N_("Supervisory authority's reference"), width=18),
    Column("notifications", N_("Notifications to the supervisory authority"), "notifications",
           width=44),
    Column("subjects_notified_at", N_("Data subjects informed"), "datetime", width=19),
    Column("decision_note", N_("Reasons for the decision"), width=44),
    Column("delay_reason", N_("Reasons for the delay"), width=34),
    Column("status", N_("Status"), "code", "incident_statuses", width=12),
    CREATED,
    UPDATED,
    VERSION,
))

DATA_SHEETS = (CONTROLLER_RECORD, PROCESSOR_RECORD, PROCESSORS, TRANSFERS, INCIDENTS)

# The cover: one row per item, (key, label msgid, kind).
COVER_TITLE = N_("Cover")
COVER_TABLE = "Cover"
COVER_ITEM = N_("Item")
COVER_VALUE = N_("Value")
ORGANISATION_VERSION_KEY = "=organisation_version"
ERASED_KEY = "=erased"
COVER_ROWS: tuple[tuple[str, str, str], ...] = (
    ("name", N_("Controller"), "text"),
    ("org_number", N_("Organisation number"), "text"),
    ("country", N_("Country"), "country"),
    ("address", N_("Address"), "text"),
    ("email", N_("E-mail"), "text"),
    ("phone", N_("Telephone"), "text"),
    ("language", N_("Language of the register"), "language"),
    ("dpo.name", N_("Data protection officer"), "text"),
    ("dpo.email", N_("Data protection officer: e-mail"), "text"),
    ("dpo.phone", N_("Data protection officer: telephone"), "text"),
    ("representative.name", N_("Controller's representative"), "text"),
    ("representative.email", N_("Representative: e-mail"), "text"),
    ("representative.phone", N_("Representative: telephone"), "text"),
    ("=exported_at", N_("Date of export"), "datetime"),
    ("=as_of", N_("Register as it stood at the end of"), "date"),
    # Only in a past day's workbook: the records erased since (refs, days, counts; no names).
    (ERASED_KEY, N_("Records erased since then"), "text"),
    ("=time_zone", N_("Times are local time in"), "text"),
    ("=version", N_("Made with"), "text"),
    ("=count_controller", N_("Processing activities (Art. 30(1))"), "int"),
    ("=count_processor", N_("Processing activities (Art. 30(2))"), "int"),
    ("=count_processors", N_("Processors and subprocessors"), "int"),
    ("=count_transfers", N_("Transfers outside the EEA"), "int"),
    ("=count_incidents", N_("Incidents"), "int"),
    # The organisation's version at the export (as a record's ``VERSION``); read back.
    (ORGANISATION_VERSION_KEY, N_("Version of the organisation's record (privdesk)"), "int"),
)

VERSION_LINE = N_("privdesk {version} · register format {format}")

YES = N_("Yes")
NO = N_("No")
