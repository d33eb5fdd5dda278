"""Reading a ROPA workbook back: our own export, also after an auditor edited it.

The file is untrusted. Before openpyxl sees it, the zip's entries are counted and their
uncompressed sizes and compression ratios checked (openpyxl has no guard against a zip bomb);
openpyxl parses the XML through defusedxml (a dependency of privdesk, which openpyxl picks up by
itself: ``openpyxl.DEFUSEDXML``); formulas are never evaluated (a formula cell is a problem, not
a value); rows and columns are capped. Sheets and columns are found by their headings in nb, sv
or en, in any order; extra columns and sheets are reported and ignored.

A column that is missing leaves that field of an existing record as it is (``ImportResult.
upserts`` merges); a cell that cannot be read is a problem that blocks the whole import.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from privdesk.documents.inputs import WORKBOOK, read_input
from privdesk.documents.ropa_headings import (
    CONTROLLER_RECORD,
    COVER_ROWS,
    COVER_TITLE,
    DATA_SHEETS,
    INCIDENTS,
    NO,
    ORGANISATION_VERSION_KEY,
    PROCESSOR_RECORD,
    PROCESSORS,
    TYPED_KEY,
    VERSION_KEY,
    YES,
    Column,
    Sheet,
)
from privdesk.documents.ropa_xlsx import SEPARATOR
from privdesk.documents.safe_cells import CUT_MARK, MAX_CELL_TEXT, read_text, shown_text
from privdesk.documents.wording import DURATION_UNITS
from privdesk.domain import codes, interchange, records
from privdesk.domain.durations import parse_duration
from privdesk.domain.errors import N_, UserError
from privdesk.domain.kinds import KINDS, kind_of, zone_for
from privdesk.domain.labels import GROUPS, label
from privdesk.i18n import translation

LANGUAGES = ("nb", "sv", "en")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 300
HEADER_SEARCH_ROWS = 10

_REF_IN_PARENS = re.compile(r"^(?P<name>.*?)\s*\((?P<ref>[^()\s]+)\)\s*$")
_REF = re.compile(r"^[^\s()]+$")
_NUMBER_UNIT = re.compile(r"(\d+)\s*([^\d\s,;.]+)")


@dataclass(frozen=True)
class Problem:
    """Something in the workbook that could not be read, or that was left out.

    ``blocking`` problems stop the import (nothing is changed); the others are notes, such as
    an extra column that was not read.
    """

    sheet: str
    row: int | None
    column: str | None
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    blocking: bool = True

    def render(self, gettext: Callable[[str], str] | None = None) -> str:
        """The problem as one line in the language of ``gettext``."""
        tr = gettext or (lambda s: s)
        text = tr(self.message).format(**self.params) if self.params else tr(self.message)
        if self.row is not None and self.column:
            place = tr(N_("{sheet}, row {row}, column “{column}”")).format(
                sheet=self.sheet, row=self.row, column=self.column)
        elif self.row is not None:
            place = tr(N_("{sheet}, row {row}")).format(sheet=self.sheet, row=self.row)
        elif self.column:
            place = tr(N_("{sheet}, column “{column}”")).format(
                sheet=self.sheet, column=self.column)
        else:
            place = self.sheet
        return f"{place}: {text}" if place else text


Record = records.Activity | records.Processor | records.Incident


@dataclass(frozen=True)
class Cut:
    """A cell holding text the export cut at a cell's limit (it ends with " […]"): the
    workbook does not know the field's whole value, so it must never be imported as it is."""

    kind: str
    ref: str
    key: str  # the field's path (``dpia.reference``)
    column_kind: str
    text: str  # as read
    sheet: str
    row: int
    heading: str


def is_cut(stored: str) -> bool:
    """True for a cell value as the export's ``store_text`` cuts it: at the limit (less
    what an escape sequence or a character pair kept it under) and ending with the mark."""
    return (stored.endswith(CUT_MARK)
            and len(stored.encode("utf-16-le", "surrogatepass")) // 2 >= MAX_CELL_TEXT - 8)


@dataclass(frozen=True)
class ImportResult:
    """What a workbook holds: records, the fields its columns gave, and the problems."""

    organisation: records.Organisation | None = None
    activities: tuple[records.Activity, ...] = ()
    processors: tuple[records.Processor, ...] = ()
    incidents: tuple[records.Incident, ...] = ()
    problems: tuple[Problem, ...] = ()
    # For each kind, the field paths (``dpia.done``) the workbook had a column for.
    fields: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # The version of each record at the export (kind -> ref -> version), for the kinds whose
    # sheets carry the column (none in an older or hand-made workbook).
    versions: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    organisation_version: int | None = None
    cuts: tuple[Cut, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing blocks the import."""
        return not any(p.blocking for p in self.problems)

    @property
    def all_records(self) -> list[Record]:
        return [*self.processors, *self.activities, *self.incidents]

    def upserts(self, existing: Callable[[str, str], Any]) -> list[Record]:
        """The records to create or update: each merged into the record ``existing(kind, ref)``
        returns (None for a new one), so that fields without a column are left as they were."""
        cuts: dict[tuple[str, str], list[Cut]] = {}
        for cut in self.cuts:
            cuts.setdefault((cut.kind, cut.ref), []).append(cut)
        merged: list[Record] = []
        for record in self.all_records:
            kind = kind_of(record).name
            old = existing(kind, record.ref)
            if old is None:
                merged.append(record)
                continue
            new = merge(old, record, self.fields.get(kind, frozenset()))
            # A cut cell never flows back: the register's whole value stays (or, when the cut
            # text is not the register's, ``cut_problems`` blocks the import).
            for cut in cuts.get((kind, record.ref), ()):
                new = _with_path(new, cut.key, _at_path(old, cut.key))
            merged.append(new)
        return merged

    def cut_problems(self, existing: Callable[[str, str], Any]) -> list[Problem]:
        """A problem for each cut cell: blocking when the register's value is unknown (a new
        record) or is not what the cut shows (edited since); else a note that it is kept."""
        problems = []
        for cut in self.cuts:
            old = existing(cut.kind, cut.ref)
            if old is None:
                message, blocking = N_(
                    "this text was cut at the 32,767 characters a cell holds when it was "
                    "exported; the workbook does not hold the whole text, so it cannot be "
                    "imported"), True
            elif not _shows(cut, _at_path(old, cut.key)):
                message, blocking = N_(
                    "this text was cut at the 32,767 characters a cell holds when it was "
                    "exported, and the register's text is no longer what it shows; edit this "
                    "field in privdesk"), True
            else:
                message, blocking = N_(
                    "this text was cut at the 32,767 characters a cell holds when it was "
                    "exported; the register's whole text is kept"), False
            problems.append(Problem(cut.sheet, cut.row, cut.heading, message,
                                    blocking=blocking))
        return problems

    def merged_organisation(self, old: records.Organisation | None
                            ) -> records.Organisation | None:
        """The organisation from the cover, merged into ``old`` like ``upserts`` merges."""
        if self.organisation is None or old is None:
            return self.organisation
        merged: records.Organisation = merge(old, self.organisation,
                                             self.fields.get("organisation", frozenset()))
        return merged


def _at_path(record: Any, path: str) -> Any:
    for part in path.split("."):
        record = None if record is None else getattr(record, part)
    return record


def _with_path(record: Any, path: str, value: Any) -> Any:
    head, _, rest = path.partition(".")
    if rest:
        inner = getattr(record, head)
        return record if inner is None else dataclasses.replace(
            record, **{head: _with_path(inner, rest, value)})
    return dataclasses.replace(record, **{head: value})


def _shows(cut: Cut, value: Any) -> bool:
    """True when ``value`` (the register's) exported would be the cut cell's text."""
    if cut.column_kind == "lines" and isinstance(value, tuple):
        value = "\n".join(value)
    # Other kinds (codes, references) are not compared: the register's value is kept.
    return not isinstance(value, str) or shown_text(value) == cut.text


def merge(old: Any, new: Any, paths: frozenset[str]) -> Any:
    """``old`` with the fields named by ``paths`` (dotted for nested records) taken from new."""
    changes: dict[str, Any] = {}
    nested: dict[str, set[str]] = {}
    for path in paths:
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head, set()).add(rest)
        else:
            changes[head] = getattr(new, head)
    for head, rests in nested.items():
        if head in changes:
            continue
        old_part, new_part = getattr(old, head), getattr(new, head)
        if old_part is None or new_part is None:
            changes[head] = new_part
        else:
            changes[head] = merge(old_part, new_part, frozenset(rests))
    return dataclasses.replace(old, **changes)


# ---------------------------------------------------------------- the file


def check_archive(path: str | os.PathLike[str], content: bytes | None = None) -> None:
    """Refuse a file that is not a zip, or whose content would unpack to too much (zip bomb);
    ``content``, when given, is the file's bytes as already read (``read_input``)."""
    place = os.fspath(path)
    try:
        size = os.path.getsize(path) if content is None else len(content)
    except OSError as error:
        raise UserError(N_("cannot read the file ({reason})"), place,
                        reason=error.strerror or str(error)) from None
    if size > MAX_FILE_BYTES:
        raise UserError(N_("the file is too large for a ROPA workbook ({size} bytes)"), place,
                        size=size)
    source: Any = path if content is None else io.BytesIO(content)
    if not zipfile.is_zipfile(source):
        raise UserError(N_("not an xlsx workbook (the file is not a zip archive)"), place)
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError(N_("not an xlsx workbook (the zip archive is damaged)"), place) from None
    if len(entries) > MAX_ENTRIES:
        raise UserError(N_("the workbook has too many parts ({count})"), place,
                        count=len(entries))
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise UserError(N_("the workbook unpacks to far more than its size (a zip bomb?); "
                               "it was not opened"), place)
    if total > MAX_UNCOMPRESSED:
        raise UserError(N_("the workbook unpacks to far more than its size (a zip bomb?); "
                           "it was not opened"), place)
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise UserError(N_("not an xlsx workbook (no xl/workbook.xml inside)"), place)


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split()).casefold()


class _Vocabulary:
    """Headings, labels and words of all three languages, for recognising what was written."""

    def __init__(self) -> None:
        catalogues = [translation(lang) for lang in LANGUAGES]
        self.gettexts = [c.gettext for c in catalogues]
        self.codes: dict[str, dict[str, str]] = {}
        for group, mapping in GROUPS.items():
            found: dict[str, str] = {}
            for code in mapping:
                found.setdefault(_normal(code), code)
                for gettext in self.gettexts:
                    found.setdefault(_normal(label(group, code, gettext)), code)
            self.codes[group] = found
        self.booleans: dict[str, bool] = {"true": True, "false": False, "1": True, "0": False}
        for gettext in self.gettexts:
            self.booleans.setdefault(_normal(gettext(YES)), True)
            self.booleans.setdefault(_normal(gettext(NO)), False)
        self.units: dict[str, str] = {}
        for gettext in self.gettexts:
            for unit, one, many in DURATION_UNITS:
                for msgid in (one, many):
                    word = gettext(msgid).replace("{n}", "").strip()
                    self.units.setdefault(_normal(word), unit)
        self.countries: dict[str, str] = {_normal(c): c for c in codes.COUNTRIES}
        from babel import Locale

        for lang in LANGUAGES:
            for code, name in Locale.parse(lang).territories.items():
                if code in codes.COUNTRIES:
                    self.countries.setdefault(_normal(name), code)

    def texts(self, msgid: str) -> set[str]:
        return {_normal(gettext(msgid)) for gettext in self.gettexts}


# ---------------------------------------------------------------- reading cells


class _CellError(Exception):
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class _Unreadable:
    """A cell that holds no value we may use (a formula, an error): read as a problem."""

    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, _Unreadable):
        raise _CellError(value.message, **value.params)
    if isinstance(value, str):
        text = read_text(value)
        return text if text.strip() else None
    if isinstance(value, bool):
        raise _CellError(N_("expected text, found a yes/no value"))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _quiet_text(value: Any) -> str | None:
    """``_text``, with None for a cell it refuses: the record pass reports that cell."""
    try:
        return _text(value)
    except _CellError:
        return None


def _lines(value: Any) -> list[str]:
    text = _text(value)
    if text is None:
        return []
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


class _Reader:
    """Reads one workbook's cells into field values."""

    def __init__(self, vocabulary: _Vocabulary, zone: ZoneInfo) -> None:
        self.vocabulary = vocabulary
        self.zone = zone
        self.names: dict[str, dict[str, str]] = {"processors": {}, "activities": {}}
        self.refs: dict[str, set[str]] = {"processors": set(), "activities": set()}

    def value(self, column: Column, raw: Any) -> Any:
        if isinstance(raw, _Unreadable):
            raise _CellError(raw.message, **raw.params)
        kind = column.kind
        if kind == "text":
            return _text(raw)
        if kind == "lines":
            return tuple(_lines(raw))
        if kind == "codes":
            assert column.group is not None
            return tuple(self.code(column.group, line) for line in _lines(raw))
        if kind == "code":
            assert column.group is not None
            text = _text(raw)
            return None if text is None else self.code(column.group, text.strip())
        if kind == "date":
            return self.date(raw)
        if kind == "datetime":
            return self.moment(raw)
        if kind == "bool":
            return self.boolean(raw)
        if kind == "int":
            return self.integer(raw)
        if kind == "float":
            return self.number(raw)
        if kind == "duration":
            return self.duration(raw)
        if kind == "ref":
            assert column.group is not None
            text = _text(raw)
            return None if text is None else self.ref(column.group, text.strip())
        if kind == "refs":
            assert column.group is not None
            return tuple(self.ref(column.group, line) for line in _lines(raw))
        if kind == "country":
            text = _text(raw)
            return None if text is None else self.country(text.strip())
        if kind == "countries":
            return tuple(self.country(line) for line in _lines(raw))
        if kind == "recipient":
            text = _text(raw)
            if text is None:
                return None
            match = _REF_IN_PARENS.match(text)
            if match and match["ref"] in self.refs["processors"]:
                return match["ref"]
            return text
        if kind == "notifications":
            return tuple(self.notification(line) for line in _lines(raw))
        if kind == "version":
            return self.integer(raw)
        if kind == "category_retention":
            return tuple(self.category_retention(line) for line in _lines(raw))
        raise ValueError(f"unknown column kind {kind}")  # a bug in ropa_headings

    def category_retention(self, line: str) -> records.CategoryRetention:
        """ "Helse: 5 år etter …": a category of data (in any language) and its time limit."""
        category, colon, retention = line.partition(":")
        if not colon or not retention.strip():
            raise _CellError(N_("“{value}” is not “category: time limit”"), value=_short(line))
        return records.CategoryRetention(category=self.code("data_categories", category.strip()),
                                         retention=retention.strip())

    def code(self, group: str, text: str) -> str:
        code = self.vocabulary.codes[group].get(_normal(text))
        if code is not None:
            return code
        if group == "subjects":  # subject groups may be the DPO's own words
            return text
        raise _CellError(N_("“{value}” is not one of the words this column allows"),
                         value=_short(text))

    def date(self, raw: Any) -> date | None:
        if raw is None or isinstance(raw, datetime | date):
            return raw.date() if isinstance(raw, datetime) else raw
        text = _text(raw)
        if text is None:
            return None
        text = text.strip()
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date only
            except ValueError:
                continue
        raise _CellError(N_("“{value}” is not a date"), value=_short(text))

    def moment(self, raw: Any) -> datetime | None:
        if raw is None:
            return None
        if isinstance(raw, datetime):
            local = raw
        elif isinstance(raw, date):
            local = datetime(raw.year, raw.month, raw.day)  # noqa: DTZ001 - zone set below
        else:
            text = _text(raw)
            if text is None:
                return None
            local = self._moment_text(text.strip())
        if local.tzinfo is None:
            # Excel stores a moment as a fraction of a day: round off the float's noise.
            local = (local + timedelta(microseconds=500_000)).replace(microsecond=0)
            return local.replace(tzinfo=self.zone)
        return local

    def _moment_text(self, text: str) -> datetime:
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
        for pattern in ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y"):
            try:
                return datetime.strptime(text, pattern)  # noqa: DTZ007 - zone set by caller
            except ValueError:
                continue
        raise _CellError(N_("“{value}” is not a date and time"), value=_short(text))

    def boolean(self, raw: Any) -> bool | None:
        if raw is None or isinstance(raw, bool):
            return raw
        text = _text(raw)
        if text is None:
            return None
        found = self.vocabulary.booleans.get(_normal(text))
        if found is None:
            raise _CellError(N_("“{value}” is not yes or no"), value=_short(text))
        return found

    def integer(self, raw: Any) -> int | None:
        if raw is None:
            return None
        if isinstance(raw, bool):
            raise _CellError(N_("“{value}” is not a whole number"), value=raw)
        if isinstance(raw, int):
            number = raw
        elif isinstance(raw, float) and raw.is_integer():
            number = int(raw)
        else:
            text = _text(raw)
            if text is None:
                return None
            cleaned = text.replace("\u00a0", "").replace(" ", "")
            if not cleaned.isdigit():
                raise _CellError(N_("“{value}” is not a whole number"), value=_short(text))
            number = int(cleaned)
        if number < 0:
            raise _CellError(N_("must not be negative"))
        return number

    def number(self, raw: Any) -> float | None:
        if raw is None:
            return None
        if isinstance(raw, bool):
            raise _CellError(N_("“{value}” is not a number"), value=raw)
        if isinstance(raw, int | float):
            value = float(raw)
        else:
            text = _text(raw)
            if text is None:
                return None
            try:
                value = float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
            except ValueError:
                raise _CellError(N_("“{value}” is not a number"), value=_short(text)) from None
        if value < 0 or value != value or value in (float("inf"), float("-inf")):
            raise _CellError(N_("“{value}” is not a possible value"), value=raw)
        return value

    def duration(self, raw: Any) -> str | None:
        text = _text(raw)
        if text is None:
            return None
        text = text.strip()
        if parse_duration(text.upper()) is not None:
            return text.upper()
        amounts = {"years": 0, "months": 0, "weeks": 0, "days": 0}
        found = _NUMBER_UNIT.findall(text)
        rest = _NUMBER_UNIT.sub("", text).replace(",", "").replace("og", "").replace(
            "och", "").replace("and", "")
        if not found or rest.strip():
            raise _CellError(N_("“{value}” is not a period such as “2 years, 6 months”"),
                             value=_short(text))
        for number, word in found:
            unit = self.vocabulary.units.get(_normal(word))
            if unit is None:
                raise _CellError(N_("“{value}” is not a period such as “2 years, 6 months”"),
                                 value=_short(text))
            amounts[unit] += int(number)
        iso = "P" + "".join(f"{amounts[u]}{s}" for u, s in (
            ("years", "Y"), ("months", "M"), ("weeks", "W"), ("days", "D")) if amounts[u])
        return iso if iso != "P" else "P0D"

    def ref(self, kind: str, text: str) -> str:
        match = _REF_IN_PARENS.match(text)
        if match:
            return match["ref"]
        if text in self.refs[kind]:
            return text
        by_name = {_normal(n): r for r, n in self.names[kind].items()}
        ref = by_name.get(_normal(text))
        if ref is not None:
            return ref
        if _REF.match(text):
            return text  # a reference the register may hold; the register checks it
        raise _CellError(N_("“{value}” names no record in the workbook"), value=_short(text))

    def country(self, text: str) -> str:
        match = _REF_IN_PARENS.match(text)
        if match and match["ref"].upper() in codes.COUNTRIES:
            return match["ref"].upper()
        code = self.vocabulary.countries.get(_normal(text))
        if code is None:
            raise _CellError(N_("“{value}” is not a country"), value=_short(text))
        return code

    def notification(self, line: str) -> records.Notification:
        parts = [p.strip() for p in line.split(SEPARATOR.strip(), 3)]
        at = self.moment(parts[0])
        if at is None:
            raise _CellError(N_("“{value}” does not start with a date and time"),
                             value=_short(line))
        kind = self.code("notification_kinds", parts[1]) if len(parts) > 1 and parts[1] else (
            "initial")
        reference = parts[2] if len(parts) > 2 and parts[2] else None
        note = parts[3] if len(parts) > 3 and parts[3] else None
        return records.Notification(at=at, kind=kind, reference=reference, note=note)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------- sheets


@dataclass
class _Rows:
    """The cells of one sheet read so far: (row number, raw values by column index)."""

    title: str
    rows: list[tuple[int, list[Any]]]


def _read_sheet(sheet: Any, title: str, problems: list[Problem]) -> list[tuple[int, list[Any]]]:
    """Every non-empty row's values; a formula or error cell is kept as ``_Unreadable``."""
    rows: list[tuple[int, list[Any]]] = []
    if hasattr(sheet, "reset_dimensions"):
        # With a stated (or forged, or missing) dimension openpyxl pads every row, empty or
        # not, to MAX_COLUMNS cells: a million-row sheet then costs minutes. Without it each
        # row holds the cells that are in the file, cut to MAX_COLUMNS below.
        sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if number > MAX_ROWS:
            problems.append(Problem(title, None, None, N_(
                "the sheet has more than {limit} rows; the rest was not read"),
                {"limit": MAX_ROWS}))
            break
        values: list[Any] = []
        for cell in row[:MAX_COLUMNS]:
            value = getattr(cell, "value", None)
            data_type = getattr(cell, "data_type", None)
            if data_type == "f" or (isinstance(value, str) and data_type != "s"
                                     and value.startswith("=")):
                value = _Unreadable(N_("the cell holds a formula; formulas are never run: "
                                       "type the value instead"))
            elif data_type == "e":
                value = _Unreadable(N_("the cell holds an error value ({value})"),
                                    {"value": value})
            values.append(value)
        if any(v is not None and v != "" for v in values):
            rows.append((number, values))
    return rows


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _find_header(rows: Sequence[tuple[int, list[Any]]], known: Mapping[str, Column]
                 ) -> tuple[int, list[Any]] | None:
    best: tuple[int, list[Any]] | None = None
    best_count = 1
    for number, values in rows[:HEADER_SEARCH_ROWS]:
        count = sum(1 for v in values if isinstance(v, str) and _normal(read_text(v)) in known)
        if count > best_count:
            best, best_count = (number, values), count
    return best


def read_ropa(path: str | os.PathLike[str]) -> ImportResult:
    """Read a ROPA workbook (nb, sv or en) into records and a list of problems.

    A file that is not a readable xlsx workbook raises ``UserError``; everything found inside
    the workbook that cannot be read is a ``Problem`` of the result.
    """
    # One capped read for the command line and the window alike: a device, a pipe or an
    # oversized file is refused before the zip reader sees it, and what is checked is what
    # is parsed (issue 20).
    content = read_input(path, WORKBOOK)
    check_archive(path, content)
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it skips (data validation, unknown extensions); an
            # edited workbook often has them, and none of them is read anyway.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False,
                                     keep_links=False, keep_vba=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise UserError(N_("not a readable xlsx workbook ({reason})"), os.fspath(path),
                        reason=type(error).__name__) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_workbook(workbook)
    finally:
        workbook.close()


def _read_workbook(workbook: Any) -> ImportResult:
    vocabulary = _Vocabulary()
    problems: list[Problem] = []
    titles = {spec.key: vocabulary.texts(spec.title) for spec in DATA_SHEETS}
    cover_titles = vocabulary.texts(COVER_TITLE)
    found: dict[str, _Rows] = {}
    cover: _Rows | None = None
    for sheet in workbook.worksheets:
        title = sheet.title
        normal = _normal(title)
        key = next((k for k, names in titles.items() if normal in names), None)
        if key is None and normal in cover_titles:
            cover = _Rows(title, _read_sheet(sheet, title, problems))
            continue
        if key is None or key in found:
            problems.append(Problem(title, None, None, N_(
                "this sheet is not part of a ROPA workbook; it was not read"), blocking=False))
            continue
        found[key] = _Rows(title, _read_sheet(sheet, title, problems))
    for spec in DATA_SHEETS:
        if spec.key not in found:
            problems.append(Problem(vocabulary.gettexts[-1](spec.title), None, None, N_(
                "the sheet is missing; is this a ROPA workbook written by privdesk?")))
    organisation, org_fields, zone, organisation_version = _read_cover(cover, vocabulary,
                                                                       problems)
    reader = _Reader(vocabulary, zone)
    fields: dict[str, frozenset[str]] = {}
    if cover is not None and organisation is not None:
        fields["organisation"] = org_fields

    # First the refs and names every sheet may refer to, then the records.
    tables: dict[str, tuple[_Rows, dict[int, Column], int]] = {}
    for spec in DATA_SHEETS:
        rows = found.get(spec.key)
        if rows is None:
            continue
        mapped = _map_columns(spec, rows, vocabulary, problems)
        if mapped is not None:
            tables[spec.key] = (rows, *mapped)
    for key, kind in (("processors", "processors"), ("controller", "activities"),
                      ("processor", "activities")):
        if key in tables:
            rows, columns, header = tables[key]
            for number, values in rows.rows:
                if number <= header:
                    continue
                row = _by_key(columns, values)
                ref, name = _quiet_text(row.get("ref")), _quiet_text(row.get("name"))
                if ref:
                    reader.refs[kind].add(ref.strip())
                    if name:
                        reader.names[kind][ref.strip()] = name

    versions: dict[str, dict[str, int]] = {}
    cuts: list[Cut] = []
    processors = _records(tables.get("processors"), PROCESSORS, records.Processor, reader,
                          problems, {}, versions=versions, cuts=cuts)
    transfers = _transfers(tables.get("transfers"), reader, problems)
    extra = {"transfers": transfers[0]} if transfers is not None else {}
    failed: set[str] = set()
    controller = _records(tables.get("controller"), CONTROLLER_RECORD, records.Activity, reader,
                          problems, {"role": "controller"}, extra, failed, versions, cuts)
    processing = _records(tables.get("processor"), PROCESSOR_RECORD, records.Activity, reader,
                          problems, {"role": "processor"}, extra, failed, versions, cuts)
    incidents = _records(tables.get("incidents"), INCIDENTS, records.Incident, reader, problems,
                         {}, versions=versions, cuts=cuts)
    if tables and not versions:
        problems.append(Problem("", None, None, N_(
            "the workbook holds no record versions (an older export, or one made by hand): a "
            "change saved in the register since it was made is not detected and would be "
            "overwritten; check each change below"), blocking=False))
    activities = [*controller[0], *processing[0]]
    refs = [a.ref for a in activities]
    counts = Counter(refs)  # not refs.count: quadratic in a sheet of 200,000 rows
    for ref in sorted(r for r, n in counts.items() if n > 1):
        problems.append(Problem(vocabulary.gettexts[-1](PROCESSOR_RECORD.title), None, None,
                                N_("“{ref}” is on both Art. 30 sheets"), {"ref": ref}))
    if transfers is not None:
        known = set(refs) | failed
        for ref, (title, number) in transfers[1].items():
            if ref not in known:
                problems.append(Problem(title, number, None, N_(
                    "no processing activity “{ref}” in the workbook"), {"ref": ref}))
    activity_fields = controller[1] | processing[1]
    if transfers is not None:
        activity_fields |= {"transfers"}
    fields.update({"processors": processors[1], "activities": frozenset(activity_fields),
                   "incidents": incidents[1]})
    return ImportResult(
        organisation=organisation, activities=tuple(activities), processors=processors[0],
        incidents=incidents[0], problems=tuple(problems), fields=fields, versions=versions,
        organisation_version=organisation_version if organisation is not None else None,
        cuts=tuple(cuts),
    )


def _map_columns(spec: Sheet, rows: _Rows, vocabulary: _Vocabulary, problems: list[Problem]
                 ) -> tuple[dict[int, Column], int] | None:
    known: dict[str, Column] = {}
    for column in spec.columns:
        for text in vocabulary.texts(column.heading):
            known.setdefault(text, column)
    header = _find_header(rows.rows, known)
    if header is None:
        problems.append(Problem(rows.title, None, None, N_(
            "no heading row found; is this a ROPA workbook written by privdesk?")))
        return None
    number, values = header
    columns: dict[int, Column] = {}
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value is None or value == "":
            continue
        heading = read_text(value) if isinstance(value, str) else str(value)
        found = known.get(_normal(heading))
        if found is None:
            problems.append(Problem(rows.title, None, heading, N_(
                "this column is not part of the workbook; it was not read"), blocking=False))
            continue
        if found.key in seen:
            problems.append(Problem(rows.title, None, heading, N_(
                "this column appears twice")))
            continue
        seen.add(found.key)
        if not found.derived or found.key == VERSION_KEY:
            columns[index] = found
    for column in spec.columns:
        if column.key in seen or column.derived:
            continue
        heading = vocabulary.gettexts[-1](column.heading)
        if column.required:
            problems.append(Problem(rows.title, None, heading, N_(
                "this column is missing, and the sheet cannot be read without it")))
            return None
        problems.append(Problem(rows.title, None, heading, N_(
            "this column is missing; the field is left as it is in the register"),
            blocking=False))
    return columns, number


def _by_key(columns: Mapping[int, Column], values: Sequence[Any]) -> dict[str, Any]:
    return {column.key: values[index] if index < len(values) else None
            for index, column in columns.items()}


def _nest(values: Mapping[str, Any]) -> dict[str, Any]:
    """``{"dpia.done": d}`` as ``{"dpia": {"done": d}}``."""
    nested: dict[str, Any] = {}
    for key, value in values.items():
        head, _, rest = key.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            nested[head] = value
    return nested


_NESTED = {"dpia": records.Dpia, "dpa": records.Agreement}


def _records(table: tuple[_Rows, dict[int, Column], int] | None, spec: Sheet, cls: Any,
             reader: _Reader, problems: list[Problem], fixed: Mapping[str, Any],
             extra: Mapping[str, Mapping[str, Any]] | None = None,
             failed: set[str] | None = None, versions: dict[str, dict[str, int]] | None = None,
             cuts: list[Cut] | None = None) -> tuple[tuple[Any, ...], frozenset[str]]:
    """The records of one sheet, and the field paths its columns gave.

    The refs of rows that could not be read are added to ``failed``, so that other sheets'
    rows that refer to them are not reported a second time. The version each row was exported
    at goes to ``versions`` (when the sheet has the column), its cut cells to ``cuts``.
    """
    failed = set() if failed is None else failed
    if table is None:
        return (), frozenset()
    kind = next(k.name for k in KINDS if k.record is cls)
    rows, columns, header = table
    out: list[Any] = []
    seen: set[str] = set()
    paths = frozenset(c.key for c in columns.values() if not c.derived) | frozenset(fixed)
    exported = (versions.setdefault(kind, {}) if versions is not None
                and any(c.key == VERSION_KEY for c in columns.values()) else None)
    for number, values in rows.rows:
        if number <= header:
            continue
        before = len(problems)
        parsed: dict[str, Any] = {}
        row_cuts: list[tuple[Column, str, int]] = []
        for index, column in columns.items():
            raw = values[index] if index < len(values) else None
            if isinstance(raw, str) and is_cut(raw):
                row_cuts.append((column, read_text(raw), index))
            try:
                value = reader.value(column, raw)
            except _CellError as error:
                problems.append(Problem(rows.title, number, _heading(rows, header, index),
                                        error.message, error.params))
                continue
            if column.required and value in (None, ()):
                problems.append(Problem(rows.title, number, _heading(rows, header, index),
                                        N_("a value is required")))
                continue
            if value is not None:
                parsed[column.key] = value
        if len(problems) > before:
            failed.add((_quiet_text(_by_key(columns, values).get("ref")) or "").strip())
            continue
        ref = parsed["ref"] = parsed["ref"].strip()
        if ref in seen:
            problems.append(Problem(rows.title, number, None, N_(
                "the reference “{ref}” is used by another row"), {"ref": ref}))
            continue
        seen.add(ref)
        version = parsed.pop(VERSION_KEY, None)
        values_by_field = _nest(parsed)
        for name, nested_cls in _NESTED.items():
            if name in values_by_field:
                values_by_field[name] = nested_cls(**values_by_field[name])
        values_by_field.update(fixed)
        for name, per_ref in (extra or {}).items():
            values_by_field[name] = tuple(per_ref.get(ref, ()))
        try:
            record = cls(**values_by_field)
            interchange.read_record(cls, interchange.to_json(record), "")
        except UserError as error:
            problems.append(Problem(rows.title, number, error.place or None, error.message,
                                    dict(error.params)))
            failed.add(ref)
            continue
        out.append(record)
        if exported is not None and version is not None:
            exported[ref] = version
        if cuts is not None:
            cuts.extend(Cut(kind, ref, column.key, column.kind, text, rows.title, number,
                            _heading(rows, header, index)) for column, text, index in row_cuts)
    return tuple(out), paths


def _heading(rows: _Rows, header: int, index: int) -> str:
    for number, values in rows.rows:
        if number == header and index < len(values) and isinstance(values[index], str):
            return read_text(values[index])
    return _column_letter(index + 1)


def _transfers(table: tuple[_Rows, dict[int, Column], int] | None, reader: _Reader,
               problems: list[Problem]
               ) -> tuple[dict[str, list[records.Transfer]], dict[str, tuple[str, int]]] | None:
    """Transfers by activity ref, and where each activity's first transfer row is."""
    if table is None:
        return None
    rows, columns, header = table
    by_activity: dict[str, list[records.Transfer]] = {}
    where: dict[str, tuple[str, int]] = {}
    typed_at = next((i for i, c in columns.items() if c.key == TYPED_KEY), None)
    for number, values in rows.rows:
        if number <= header:
            continue
        before = len(problems)
        if typed_at is not None:
            # Rows derived from the processor chain follow the register: not read back.
            try:
                typed = reader.boolean(values[typed_at] if typed_at < len(values) else None)
            except _CellError as error:
                problems.append(Problem(rows.title, number, _heading(rows, header, typed_at),
                                        error.message, error.params))
                continue
            if not typed:
                continue
        parsed: dict[str, Any] = {}
        for index, column in columns.items():
            raw = values[index] if index < len(values) else None
            try:
                value = reader.value(column, raw)
            except _CellError as error:
                problems.append(Problem(rows.title, number, _heading(rows, header, index),
                                        error.message, error.params))
                continue
            if column.required and value in (None, ()):
                problems.append(Problem(rows.title, number, _heading(rows, header, index),
                                        N_("a value is required")))
                continue
            if value is not None:
                parsed[column.key] = value
        if len(problems) > before:
            continue
        activity = parsed.pop("activity")
        parsed.pop(TYPED_KEY, None)
        parsed.setdefault("note", "")
        by_activity.setdefault(activity, []).append(records.Transfer(**parsed))
        where.setdefault(activity, (rows.title, number))
    return by_activity, where


def _read_cover(cover: _Rows | None, vocabulary: _Vocabulary, problems: list[Problem]
                ) -> tuple[records.Organisation | None, frozenset[str], ZoneInfo, int | None]:
    """The organisation, the fields the cover gave, its time zone and the organisation's
    version at the export (None when the cover does not say)."""
    utc = ZoneInfo("UTC")
    if cover is None:
        problems.append(Problem(vocabulary.gettexts[-1](COVER_TITLE), None, None, N_(
            "the sheet is missing; the organisation is left as it is"), blocking=False))
        return None, frozenset(), utc, None
    items: dict[str, tuple[str, str]] = {}
    for key, msgid, kind in COVER_ROWS:
        for heading in vocabulary.texts(msgid):
            items.setdefault(heading, (key, kind))
    values: dict[str, Any] = {}
    reader = _Reader(vocabulary, utc)
    version: int | None = None
    for number, row in cover.rows:
        if not row or not isinstance(row[0], str):
            continue
        item = items.get(_normal(read_text(row[0])))
        if item is not None and item[0] == ORGANISATION_VERSION_KEY:
            try:
                version = reader.integer(row[1] if len(row) > 1 else None)
            except _CellError as error:
                problems.append(Problem(cover.title, number, read_text(row[0]), error.message,
                                        error.params))
            continue
        if item is None or item[0].startswith("="):
            continue
        key, kind = item
        raw = row[1] if len(row) > 1 else None
        try:
            text: str | None
            if kind == "country":
                text = _text(raw)
                value: Any = None if text is None else reader.country(text.strip())
            elif kind == "language":
                text = _text(raw)
                value = None if text is None else reader.code("languages", text.strip())
            else:
                value = _text(raw)
        except _CellError as error:
            problems.append(Problem(cover.title, number, read_text(row[0]), error.message,
                                    error.params))
            continue
        values[key] = value
    name = values.get("name")
    if not name:
        return None, frozenset(), utc, None
    nested = _nest(values)
    for contact in ("dpo", "representative"):
        data = nested.get(contact)
        if isinstance(data, dict):
            nested[contact] = records.Contact(**data) if data.get("name") else None
    nested = {k: v for k, v in nested.items() if v is not None or k in (
        "org_number", "address", "email", "phone", "dpo", "representative")}
    try:
        organisation = records.Organisation(**nested)
    except TypeError:
        return None, frozenset(), utc, None
    paths = frozenset(k.split(".")[0] for k in values)
    zone = ZoneInfo(zone_for(organisation.country))
    return organisation, paths, zone, version


def summarise(result: ImportResult, existing: Callable[[str, str], Any]
              ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(added, changed): the (kind, ref) pairs that importing ``result`` would add or change."""
    added: list[tuple[str, str]] = []
    changed: list[tuple[str, str]] = []
    for record in result.upserts(existing):
        kind = kind_of(record).name
        old = existing(kind, record.ref)
        if old is None:
            added.append((kind, record.ref))
        elif old != record:
            changed.append((kind, record.ref))
    return added, changed


def iter_problems(result: ImportResult, blocking: bool | None = None) -> Iterable[Problem]:
    """The result's problems, only the blocking (or only the other) ones when asked."""
    return (p for p in result.problems if blocking is None or p.blocking == blocking)
