"""The ROPA workbook for auditors: the Art. 30 records, processors, transfers and breach log.

Records in, file out: ``write_ropa`` streams every sheet with openpyxl's write-only mode (memory
stays flat in the number of records), every value through ``safe_cells``, codes as words in
the chosen language, dates as real dates. ``ropa_import`` reads the workbook back.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from privdesk.documents.files import Progress, atomic_output
from privdesk.documents.ropa_headings import (
    CONTROLLER_RECORD,
    COVER_ITEM,
    COVER_ROWS,
    COVER_TABLE,
    COVER_TITLE,
    COVER_VALUE,
    ERASED_KEY,
    FORMAT_VERSION,
    INCIDENTS,
    NO,
    ORGANISATION_VERSION_KEY,
    PROCESSOR_RECORD,
    PROCESSORS,
    TRANSFERS,
    VERSION_KEY,
    VERSION_LINE,
    YES,
    Column,
    Sheet,
)
from privdesk.documents.safe_cells import CellFactory, ColumnFormat, safe_cell, stream_cells
from privdesk.documents.wording import duration_words, territories
from privdesk.domain import dpia, records
from privdesk.domain.codes import is_third_country, lacks_special_condition, special_categories
from privdesk.domain.errors import N_
from privdesk.domain.kinds import kind_of, zone_for
from privdesk.domain.labels import label
from privdesk.domain.retention import Erased, erased_text
from privdesk.domain.transfers import (
    ADEQUACY_LIST,
    AGREEMENT,
    MESSAGES,
    NO_SAFEGUARD,
    TYPED,
    Chains,
    DerivedTransfer,
)
from privdesk.i18n import translation

DATE_FORMATS = {"nb": "dd.mm.yyyy", "sv": "yyyy-mm-dd", "en": "yyyy-mm-dd"}
PAGE_WIDTH = 190  # column-width units on one A4 landscape page at about 70 %
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit (LibreOffice's is higher: see ``_height``)
MAX_PRINT_HEIGHT = 1500.0  # more than a printed page holds; below LibreOffice's limit
PAPER_A4 = "9"  # the OOXML paper size code of A4
SAMPLE_ROWS = 200  # rows measured for column widths before the sheet is streamed
PROGRESS_EVERY = 250
USED_BY_NAMED = 20  # a processor used by more activities lists their refs only,
USED_BY_LINE = 26  # in lines of at most this many characters (the column is 30 wide)
CHAIN = " › "
LINE = "\n"
SEPARATOR = " – "
# What XML 1.0 cannot hold at all (cells escape these; document properties drop them).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

TITLE = N_("Record of processing activities")
NO_AGREEMENT = N_("No processor agreement")
REVIEW_OVERDUE = N_("Review of the processor agreement is overdue")
NOT_EEA = N_("Data stored outside the EEA")
SPECIAL_WITHOUT_CONDITION = N_("Special categories without an Art. 9 condition")
TRANSFER_WITHOUT_SAFEGUARD = N_("Transfer outside the EEA without a valid safeguard")
DPIA_NOT_DONE = N_("DPIA required but not done")
SCREENED = N_("Screened {at} by {by}")
SCREENING_OUT_OF_DATE = N_("Out of date: the activity has changed since the screening")
SOURCES = {
    TYPED: N_("The processing activity"),
    AGREEMENT: N_("The processor agreement"),
    ADEQUACY_LIST: N_("The Commission's adequacy list"),
}
FOOTER_NAME = 80  # characters of the organisation's name in the footer (Excel allows 255 in all)
CURRENT = N_("current register")
NONE_ERASED = N_("none")
ORG_NUMBER = N_("Org. no. {number}")

Versions = Mapping[str, Mapping[str, int]]  # kind -> ref -> version at the export
# kind -> ref -> (created, last updated), from the audit trail (``RegisterService.record_dates``)
Dates = Mapping[str, Mapping[str, tuple[datetime | None, datetime | None]]]

TEXT = ColumnFormat(wrap=True)
HEADING = ColumnFormat(wrap=True, bold=True, fill="D9E1F2")
ITEM = ColumnFormat(wrap=True, bold=True)


def zone_of(organisation: records.Organisation | None) -> ZoneInfo:
    """The time zone the workbook's moments are shown in (Excel has no time zones)."""
    return ZoneInfo(zone_for(organisation.country if organisation else None))


def country_name(code: str, language: str) -> str:
    """ "Norge (NO)": the country's name in ``language`` with its code, which is read back."""
    return f"{territories(language).get(code, code)} ({code})"


def named_ref(ref: str, names: dict[str, str]) -> str:
    """ "Eduplaytion AS (VEN-001)": a reference with its record's name, read back by the ref."""
    name = names.get(ref)
    # On one line: a list of references is one per line, and a line break in a name would
    # split it in two when the workbook is read back.
    name = " ".join(name.split()) if name else None
    return f"{name} ({ref})" if name else ref


class Renderer:
    """Turns record fields into cell values in one language."""

    def __init__(self, register: records.Register, language: str, reference_day: date,
                 versions: Versions | None = None, dates: Dates | None = None) -> None:
        self.register = register
        self.versions = versions
        self.dates = dates
        self.chains = Chains(register.processors)
        self._transfers: dict[str, tuple[DerivedTransfer, ...]] = {}
        self.language = language
        self.reference_day = reference_day
        catalogue = translation(language)
        self.gettext = catalogue.gettext
        self.zone = zone_of(register.organisation)
        self.names = {
            "processors": {p.ref: p.name for p in register.processors},
            "activities": {a.ref: a.name for a in register.activities},
        }
        self.parents = {p.ref: p.parent for p in register.processors}
        self.used_by: dict[str, list[str]] = {}
        for activity in register.activities:
            for ref in activity.processors:
                self.used_by.setdefault(ref, []).append(activity.ref)
        self._labels: dict[tuple[str, str], str] = {}

    def label(self, group: str, code: str) -> str:
        key = (group, code)
        text = self._labels.get(key)
        if text is None:
            text = self._labels[key] = label(group, code, self.gettext)
        return text

    def moment(self, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        local = value.astimezone(self.zone).replace(tzinfo=None, microsecond=0)
        return local

    def moment_text(self, value: datetime) -> str:
        local = value.astimezone(self.zone)
        return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")

    def contact(self, contact: records.Contact | None) -> str | None:
        if contact is None:
            return None
        return LINE.join(x for x in (contact.name, contact.email, contact.phone) if x)

    def organisation(self) -> str | None:
        org = self.register.organisation
        if org is None:
            return None
        number = self.gettext(ORG_NUMBER).format(number=org.org_number) if org.org_number else None
        return LINE.join(x for x in (org.name, number, org.address, org.email, org.phone) if x)

    def value(self, record: Any, column: Column) -> Any:
        """The cell value of ``column`` for ``record``."""
        kind = column.kind
        if column.derived:
            return self.derived(record, column.key)
        value = record
        for part in column.key.split("."):
            value = getattr(value, part)
        if value is None or value == ():
            return None
        if kind in ("text", "date", "int", "float"):
            return value
        if kind == "lines":
            return LINE.join(value)
        if kind == "codes":
            assert column.group is not None
            return LINE.join(self.label(column.group, c) for c in value)
        if kind == "code":
            assert column.group is not None
            return self.label(column.group, value)
        if kind == "datetime":
            return self.moment(value)
        if kind == "bool":
            return self.gettext(YES if value else NO)
        if kind == "duration":
            return duration_words(value, self.gettext)
        if kind == "ref":
            assert column.group is not None
            return named_ref(value, self.names[column.group])
        if kind == "refs":
            assert column.group is not None
            names = self.names[column.group]
            return LINE.join(named_ref(r, names) for r in value)
        if kind == "country":
            return country_name(value, self.language)
        if kind == "countries":
            return LINE.join(country_name(c, self.language) for c in value)
        if kind == "recipient":
            return named_ref(value, self.names["processors"])
        if kind == "notifications":
            return LINE.join(self.notification(n) for n in value)
        if kind == "category_retention":
            return LINE.join(f"{self.label('data_categories', r.category)}: {r.retention}"
                             for r in value)
        raise ValueError(f"unknown column kind {kind}")  # a bug in ropa_headings

    def notification(self, notification: records.Notification) -> str:
        parts = [self.moment_text(notification.at),
                 self.label("notification_kinds", notification.kind),
                 notification.reference or "", notification.note or ""]
        while parts and not parts[-1]:
            parts.pop()
        return SEPARATOR.join(parts)

    def derived(self, record: Any, key: str) -> Any:
        org = self.register.organisation
        if key in ("=controller", "=processor"):
            return self.organisation()
        if key == "=representative":
            return self.contact(org.representative if org else None)
        if key == "=dpo":
            return self.contact(org.dpo if org else None)
        if key == "=transfers":
            return LINE.join(self.transfer(t) for t in self.transfers(record)) or None
        if key == "=special":
            return LINE.join(self.label("data_categories", c)
                             for c in special_categories(record)) or None
        if key == "=dpia_screening":
            return self.screening(record)
        if key == "=activity_remarks":
            return LINE.join(self.activity_flags(record)) or None
        if key in ("=created", "=updated"):
            found = (self.dates or {}).get(kind_of(record).name, {}).get(record.ref)
            return None if found is None else self.moment(found[key == "=updated"])
        if key == "=chain":
            return CHAIN.join(self.names["processors"].get(r, r) for r in self.chain(record))
        if key == "=flags":
            return LINE.join(self.flags(record)) or None
        if key == VERSION_KEY:
            return (self.versions or {}).get(kind_of(record).name, {}).get(record.ref)
        if key == "=used_by":
            used = self.used_by.get(record.ref, ())
            if len(used) > USED_BY_NAMED:
                # A line each would make the row taller than a printed page, which cuts it:
                # the refs only (the record sheets give their names), a few to a line, broken
                # here (a spreadsheet would also break a line inside "PA-" "001").
                per_line = max(1, USED_BY_LINE // (max(len(r) for r in used) + 2))
                return LINE.join(", ".join(used[i:i + per_line])
                                 for i in range(0, len(used), per_line))
            names = self.names["activities"]
            return LINE.join(named_ref(r, names) for r in used) or None
        raise ValueError(f"unknown derived column {key}")  # a bug in ropa_headings

    def transfers(self, activity: records.Activity) -> tuple[DerivedTransfer, ...]:
        """The activity's transfers, derived from its processor chain (``domain.transfers``)."""
        found = self._transfers.get(activity.ref)
        if found is None:
            found = self._transfers[activity.ref] = self.chains.transfers(activity)
        return found

    def transfer_row(self, activity: str, transfer: DerivedTransfer) -> list[Any]:
        """A row of the transfers sheet: the activity, then the transfer's own fields."""
        values: list[Any] = []
        for column in TRANSFERS.columns:
            if column.key == "activity":
                values.append(activity)
            elif column.key == "=activity_name":
                values.append(self.names["activities"].get(activity))
            elif column.key == "=valid":
                values.append(self.gettext(YES if transfer.valid else NO))
            elif column.key == "=check":
                values.append(LINE.join(self.gettext(MESSAGES[c]) for c in (
                    (transfer.problem,) if transfer.problem else transfer.checks)) or None)
            elif column.key == "=via":
                names = self.names["processors"]
                values.append(CHAIN.join(names.get(r, r) for r in transfer.via) or None)
            elif column.key == "safeguard" and transfer.safeguard is None:
                values.append(self.label("safeguards", "none"))  # nothing recorded anywhere
            elif column.key == "=source":
                values.append(self.gettext(SOURCES[transfer.source])
                              if transfer.source else None)
            else:
                values.append(self.value(transfer, column))
        return values

    def transfer(self, transfer: DerivedTransfer) -> str:
        recipient = named_ref(transfer.recipient, self.names["processors"])
        safeguard = (self.label("safeguards", transfer.safeguard) if transfer.safeguard
                     else self.label("safeguards", "none"))
        if transfer.derogation:
            safeguard += f", {self.label('derogations', transfer.derogation)}"
        text = f"{country_name(transfer.country, self.language)}: {recipient}{SEPARATOR}{safeguard}"
        if transfer.problem and transfer.problem != NO_SAFEGUARD:  # "No safeguard" says it
            text += f" ({self.gettext(MESSAGES[transfer.problem])})"
        return text

    def screening(self, activity: records.Activity) -> str | None:
        """The result of the activity's DPIA screening, what decided it, who and when."""
        stored = activity.dpia.screening
        if stored is None:
            return None
        decision = dpia.decide(stored.answers, stored.country)
        lines = [self.gettext(dpia.RESULT_LABELS[stored.result])]
        lines += [self.gettext(dpia.BY_ID[c].label) for c in decision.deciding]
        lines.append(self.gettext(SCREENED).format(at=self.moment_text(stored.at),
                                                   by=stored.by))
        if dpia.out_of_date(activity, self.transfers(activity)):
            lines.append(self.gettext(SCREENING_OUT_OF_DATE))
        return LINE.join(lines)

    def activity_flags(self, activity: records.Activity) -> list[str]:
        flags = []
        if activity.dpia.required and activity.dpia.done is None:
            flags.append(self.gettext(DPIA_NOT_DONE))
        if lacks_special_condition(activity):
            flags.append(self.gettext(SPECIAL_WITHOUT_CONDITION))
        if any(not t.valid for t in self.transfers(activity)):
            flags.append(self.gettext(TRANSFER_WITHOUT_SAFEGUARD))
        return flags

    def chain(self, processor: records.Processor) -> list[str]:
        chain, ref, seen = [processor.ref], processor.parent, {processor.ref}
        while ref is not None and ref not in seen:
            chain.insert(0, ref)
            seen.add(ref)
            ref = self.parents.get(ref)
        return chain

    def flags(self, processor: records.Processor) -> list[str]:
        flags = []
        if processor.role in ("processor", "subprocessor"):
            if processor.dpa.signed is None:
                flags.append(self.gettext(NO_AGREEMENT))
            elif processor.dpa.review_due is not None and (
                    processor.dpa.review_due < self.reference_day):
                flags.append(self.gettext(REVIEW_OVERDUE))
        if any(is_third_country(c) for c in processor.data_locations):
            flags.append(self.gettext(NOT_EEA))
        return flags


def _format(column: Column, date_format: str) -> ColumnFormat:
    if column.kind == "date":
        return ColumnFormat(number_format=date_format)
    if column.kind == "datetime":
        return ColumnFormat(number_format=f"{date_format} hh:mm")
    if column.kind in ("int", "version"):
        return ColumnFormat(number_format="0")
    if column.kind == "float":
        return ColumnFormat(number_format="0.##")
    return TEXT


def _measure(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return max(len(line) for line in value.split(LINE))
    # A shown date or moment needs a little more than its digits (LibreOffice clips it).
    if isinstance(value, datetime):
        return 18
    if isinstance(value, date):
        return 12
    return len(str(value))


def _widths(headings: Sequence[str], limits: Sequence[int], sample: Sequence[Sequence[Any]]
            ) -> list[float]:
    """Widths that fit the sampled content, capped per column (long text wraps)."""
    widths = []
    for index, (heading, limit) in enumerate(zip(headings, limits, strict=True)):
        content = max((_measure(row[index]) for row in sample), default=0)
        # A bold heading's longest word must fit whole (bold letters are wider, and nb and sv
        # make long compound words: "Personuppgiftsansvarig").
        longest_word = math.ceil(max((len(w) for w in heading.split()), default=0) * 1.15)
        # A heading wraps too, so half its length is enough unless the content is wider.
        width = max(min(limit, max(content, (len(heading) + 1) // 2)), longest_word, 8)
        widths.append(width + 2.0)
    return widths


class _Counter:
    def __init__(self, total: int, progress: Progress) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def step(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            self.progress(self.done, self.total)


def _add_table(sheet: Any, name: str, ref: str, headings: Sequence[str], style: str) -> None:
    """A real Excel table (with its filter buttons) over ``ref``, added before any row.

    In write-only mode openpyxl cannot read the header cells back, so the table's columns are
    named here; they must equal the header cells exactly or Excel drops the table.
    """
    from openpyxl.worksheet.filters import AutoFilter

    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headings, start=1)]
    table.autoFilter = AutoFilter(ref=ref)
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns set by hand: they are.
        warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
        sheet.add_table(table)


def _add_sheet(workbook: Workbook, title: str, table_name: str, headings: Sequence[str],
               limits: Sequence[int], formats: Sequence[ColumnFormat],
               rows: Iterable[Sequence[Any]], count: int, counter: _Counter,
               header_row: int = 1, hidden: Sequence[int] = (), footer: Footer = ("", "")
               ) -> None:
    """Stream one sheet: widths from a sample, table and print set-up first, then the rows."""
    from openpyxl.utils import get_column_letter

    sheet: Any = _new_sheet(workbook, title[:31])
    rows = iter(rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    for index, width in enumerate(_widths(headings, limits, sample), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for index in hidden:  # the record versions: for the import, not for the auditor
        sheet.column_dimensions[get_column_letter(index)].hidden = True
    last_column = get_column_letter(len(headings))
    # A table needs at least one row under its header; an empty sheet keeps one empty row.
    last_row = header_row + max(count, 1)
    _add_table(sheet, table_name, f"A{header_row}:{last_column}{last_row}", headings,
               "TableStyleMedium2")
    sheet.freeze_panes = f"C{header_row + 1}" if len(headings) > 4 else f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    if len(headings) > 4:
        sheet.print_title_cols = "A:B"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = PAPER_A4
    total_width = sum(sheet.column_dimensions[get_column_letter(i)].width
                      for i in range(1, len(headings) + 1) if i not in hidden)
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Fit the width to as many pages as keep the text readable (about 70 % on A4 landscape);
    # the reference and name columns repeat on every page.
    setup.fitToWidth = max(1, math.ceil(total_width / PAGE_WIDTH))
    setup.fitToHeight = 0
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    _set_footer(sheet, footer)

    factory = CellFactory(sheet)
    stream_cells(sheet)
    widths = [sheet.column_dimensions[get_column_letter(i)].width
              for i in range(1, len(headings) + 1)]
    _heading_height(sheet, header_row, headings, widths)
    sheet.append([factory.cell(h, HEADING) for h in headings])
    dimensions = sheet.row_dimensions
    per_line = _per_line(widths)
    columns = list(zip(formats, per_line, strict=True))
    for index, row in enumerate(_chain(sample, rows), start=header_row + 1):
        # One pass per row makes the cells and measures the wrapped text (the hot loop of a
        # large export).
        cells: list[Any] = []
        lines = 1
        for value, (fmt, fits) in zip(row, columns, strict=True):
            if value is None:
                cells.append(None)
                continue
            if value.__class__ is str and (len(value) > fits or LINE in value):
                needed = sum(max(1, math.ceil(len(line) / fits)) for line in value.split(LINE))
                if needed > lines:
                    lines = needed
            cells.append(safe_cell(sheet, value, fmt, factory))
        if lines > 1:
            _height(sheet, index, lines)
        sheet.append(cells)
        # Row heights are dropped once written, so memory stays flat in the number of rows.
        dimensions.pop(index, None)
        counter.step()


def _per_line(widths: Sequence[float], per_unit: float = 1.2) -> list[float]:
    """Characters a line of each column holds: proportional text fits about 1.2 characters
    per unit of column width (bold headings fewer)."""
    return [max(1.0, (width - 1.5) * per_unit) for width in widths]


def _set_height(sheet: Any, index: int, values: Sequence[Any], per_line: Sequence[float]
                ) -> None:
    """Give a row the height its wrapped text needs (spreadsheets do not measure on open)."""
    lines = 1
    for position, fits in enumerate(per_line):
        value = values[position]
        # Only text can wrap; most cells fit on one line and are passed over quickly.
        if value.__class__ is str and (len(value) > fits or LINE in value):
            needed = sum(max(1, math.ceil(len(line) / fits)) for line in value.split(LINE))
            if needed > lines:
                lines = needed
    if lines > 1:
        _height(sheet, index, lines)


def _height(sheet: Any, index: int, lines: int) -> None:
    # The write-only writer only copies a row's dimension items into the <row> element, so a
    # plain mapping does (openpyxl 3.1 ``WorksheetWriter.write_row``); building a
    # ``RowDimension`` for each of 50,000 rows costs more than writing the row.
    # Not capped at Excel's 409 points: a capped row cut the cell in print (a processor used
    # by 60 activities showed 16). A taller row is written without ``customHeight``: LibreOffice
    # keeps its height and prints the cell whole (as long as the row fits on a page), while
    # Excel, which allows no row above 409 points, treats the height as its own and fits the
    # row again when it opens the file (ECMA-376 §18.3.1.73: customHeight means "set by hand").
    height = lines * LINE_HEIGHT
    if height <= MAX_ROW_HEIGHT:
        sheet.row_dimensions[index] = {"ht": f"{height:g}", "customHeight": "1"}
    else:
        sheet.row_dimensions[index] = {"ht": f"{min(height, MAX_PRINT_HEIGHT):g}"}


def _wrapped(text: str, fits: float) -> int:
    """Lines ``text`` takes when wrapped at word boundaries into lines of ``fits`` characters
    (a heading's words do not break, so it needs more lines than its length suggests)."""
    lines = 0
    for paragraph in text.split(LINE):
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > fits:
                lines += 1
                used = len(word)
            else:
                used += len(word) + (1 if used else 0)
    return max(lines, 1)


def _heading_height(sheet: Any, index: int, headings: Sequence[str],
                    widths: Sequence[float]) -> None:
    """The heading row as tall as its longest wrapped heading (bold: fewer characters a line),
    with room for the table's filter button."""
    per_line = _per_line(widths, 0.9)
    lines = max((_wrapped(h, fits) for h, fits in zip(headings, per_line, strict=True)),
                default=1)
    sheet.row_dimensions[index] = {"ht": f"{lines * LINE_HEIGHT + 4:g}", "customHeight": "1"}


Footer = tuple[str, str]  # left (the organisation) and right (the export date) of the footer


def _footer(org: records.Organisation | None, exported: datetime | None, date_format: str
            ) -> Footer:
    """The footer's organisation and export date, as header/footer text ("&" doubled)."""
    name = " ".join(_XML_ILLEGAL.sub("", org.name).split())[:FOOTER_NAME] if org else ""
    day = ""
    if exported is not None:
        day = exported.strftime("%d.%m.%Y" if date_format.startswith("dd") else "%Y-%m-%d")
    return name.replace("&", "&&"), day


def _set_footer(sheet: Any, footer: Footer) -> None:
    """Organisation, sheet and page, export date: what a printed page needs to be placed."""
    left, right = footer
    sheet.oddFooter.left.text = left or None
    sheet.oddFooter.center.text = "&A – &P / &N"
    sheet.oddFooter.right.text = right or None


def _chain(first: Sequence[Sequence[Any]], rest: Iterator[Sequence[Any]]
           ) -> Iterator[Sequence[Any]]:
    yield from first
    yield from rest


def _data_sheet(workbook: Workbook, spec: Sheet, renderer: Renderer, items: Sequence[Any],
                counter: _Counter, date_format: str, title: str | None = None,
                rows: Iterable[Sequence[Any]] | None = None, footer: Footer = ("", "")
                ) -> None:
    gettext = renderer.gettext
    # Record versions only when the register read is the current one (not a past day's).
    # Created / last updated only when the dates were read with the records.
    columns = [c for c in spec.columns
               if (c.key != VERSION_KEY or renderer.versions is not None)
               and (c.key not in ("=created", "=updated") or renderer.dates is not None)]
    if rows is None:
        rows = ([renderer.value(item, c) for c in columns] for item in items)
    _add_sheet(workbook, title or gettext(spec.title), spec.table,
               [gettext(c.heading) for c in columns], [c.width for c in columns],
               [_format(c, date_format) for c in columns], rows, len(items), counter,
               hidden=[i for i, c in enumerate(columns, start=1) if c.key == VERSION_KEY],
               footer=footer)


def _processor_order(processors: Sequence[records.Processor]) -> list[records.Processor]:
    """Processors with each one's subprocessors under it, so the chain reads down the sheet."""
    children: dict[str | None, list[records.Processor]] = {}
    refs = {p.ref for p in processors}
    for p in processors:
        parent = p.parent if p.parent in refs and p.parent != p.ref else None
        children.setdefault(parent, []).append(p)
    ordered: list[records.Processor] = []
    seen: set[str] = set()
    # Depth first without recursion: a chain may be longer than Python's recursion limit.
    stack = list(reversed(children.get(None, [])))
    while stack:
        child = stack.pop()
        if child.ref in seen:
            continue
        seen.add(child.ref)
        ordered.append(child)
        stack.extend(reversed(children.get(child.ref, [])))
    ordered.extend(p for p in processors if p.ref not in seen)  # cycles: still listed
    return ordered


def write_ropa(register: records.Register, out_path: str | os.PathLike[str], language: str,
               as_of: date | None, exported_at: datetime, progress: Progress,
               versions: Versions | None = None, dates: Dates | None = None,
               erased: Sequence[Erased] = ()) -> None:
    """Write the ROPA workbook of ``register`` to ``out_path`` (atomically, 0600).

    ``as_of`` is the day the register was rebuilt for (None: the current register);
    ``exported_at`` (aware) is written as the date of export and the file's timestamps, so two
    exports of the same register at the same moment are the same workbook. ``progress`` is
    called with ``(done, total)`` rows and may raise ``Cancelled``: then no file is left.
    ``versions`` (kind -> ref -> version, the organisation's under "organisation", as
    ``RegisterService.snapshot`` fills it) are written in a hidden column of each sheet so
    that the import can refuse what a colleague changed since; None (a past day's register,
    a test) leaves the column out. ``dates`` (kind -> ref -> (created, last updated), as
    ``RegisterService.record_dates`` gives them) fill the Created and Last updated columns.
    ``erased`` (a past day's workbook) are the records erased since ``as_of``, which the cover
    lists by ref, day and counts, so that the workbook says what it leaves out.
    """
    if exported_at.tzinfo is None:
        raise ValueError("exported_at must be an aware datetime")
    from privdesk import __version__

    renderer = Renderer(register, language, as_of or exported_at.astimezone(
        zone_of(register.organisation)).date(), versions, dates)
    gettext = renderer.gettext
    date_format = DATE_FORMATS.get(language, "yyyy-mm-dd")
    controller = [a for a in register.activities if a.role != "processor"]
    processor = [a for a in register.activities if a.role == "processor"]
    transfers = [(a.ref, t) for a in register.activities for t in renderer.transfers(a)]
    processors = _processor_order(register.processors)
    total = len(controller) + len(processor) + len(processors) + len(transfers) + len(
        register.incidents)
    counter = _Counter(total, progress)
    org = register.organisation

    sheets = _sheet_folder(out_path)
    workbook = _PrivateWorkbook(sheets)
    try:
        with atomic_output(out_path) as handle:
            _properties(workbook, org, language, exported_at, gettext)
            counts = {
                "=count_controller": len(controller), "=count_processor": len(processor),
                "=count_processors": len(processors), "=count_transfers": len(transfers),
                "=count_incidents": len(register.incidents),
            }
            cover = {
                "=exported_at": renderer.moment(exported_at),
                "=as_of": as_of if as_of else gettext(CURRENT),
                "=time_zone": str(renderer.zone),
                "=version": gettext(VERSION_LINE).format(version=__version__,
                                                         format=FORMAT_VERSION),
                **counts,
            }
            if as_of is not None:
                cover[ERASED_KEY] = erased_text(
                    erased, gettext, lambda moment: moment.astimezone(renderer.zone).date()
                    .isoformat()) if erased else gettext(NONE_ERASED)
            if versions is not None and org is not None:
                cover[ORGANISATION_VERSION_KEY] = versions.get("organisation", {}).get(
                    "organisation")
            footer = _footer(org, renderer.moment(exported_at), date_format)
            _cover(workbook, renderer, cover, date_format, counter, footer)
            _data_sheet(workbook, CONTROLLER_RECORD, renderer, controller, counter, date_format,
                        footer=footer)
            _data_sheet(workbook, PROCESSOR_RECORD, renderer, processor, counter, date_format,
                        footer=footer)
            _data_sheet(workbook, PROCESSORS, renderer, processors, counter, date_format,
                        footer=footer)
            _data_sheet(workbook, TRANSFERS, renderer, transfers, counter, date_format,
                        rows=(renderer.transfer_row(ref, t) for ref, t in transfers),
                        footer=footer)
            _data_sheet(workbook, INCIDENTS, renderer, register.incidents, counter, date_format,
                        footer=footer)
            progress(counter.done, total)
            _save(workbook, handle)
    except BaseException:
        _discard(workbook)
        raise
    finally:
        shutil.rmtree(sheets, ignore_errors=True)


def _cover(workbook: Workbook, renderer: Renderer, derived: dict[str, Any], date_format: str,
           counter: _Counter, footer: Footer = ("", "")) -> None:
    gettext = renderer.gettext
    org = renderer.register.organisation
    rows = []
    formats = []
    value: Any
    for key, msgid, kind in COVER_ROWS:
        if key in (ORGANISATION_VERSION_KEY, ERASED_KEY) and key not in derived:
            continue  # no versions (or the current register): the row is left out
        if key.startswith("="):
            value = derived.get(key)
        else:
            value = org
            for part in key.split("."):
                value = getattr(value, part, None) if value is not None else None
            if value is not None and kind == "country":
                value = country_name(value, renderer.language)
            elif value is not None and kind == "language":
                value = renderer.label("languages", value)
        fmt = TEXT
        if kind == "date" and isinstance(value, date):
            fmt = ColumnFormat(number_format=date_format, horizontal="left")
        elif kind == "datetime":
            fmt = ColumnFormat(number_format=f"{date_format} hh:mm", horizontal="left")
        elif kind == "int":
            fmt = ColumnFormat(horizontal="left")
        rows.append([gettext(msgid), value])
        formats.append(fmt)
    title = gettext(TITLE) + (f"{SEPARATOR}{org.name}" if org else "")
    _cover_sheet(workbook, gettext(COVER_TITLE), [gettext(COVER_ITEM), gettext(COVER_VALUE)],
                 rows, formats, title, footer)


def _cover_sheet(workbook: Workbook, title: str, headings: list[str], rows: list[list[Any]],
                 formats: list[ColumnFormat], heading: str, footer: Footer = ("", "")) -> None:
    sheet: Any = _new_sheet(workbook, title[:31])
    sheet.column_dimensions["A"].width = max(len(r[0]) for r in rows) + 2
    sheet.column_dimensions["B"].width = 60
    _add_table(sheet, COVER_TABLE, f"A3:B{3 + len(rows)}", headings, "TableStyleLight9")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.print_title_rows = "3:3"
    _set_footer(sheet, footer)
    factory = CellFactory(sheet)
    sheet.append([factory.cell(heading, ColumnFormat(bold=True))])
    sheet.append([])
    sheet.append([factory.cell(h, HEADING) for h in headings])
    per_line = _per_line([sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width])
    for index, ((item, value), fmt) in enumerate(zip(rows, formats, strict=True), start=4):
        _set_height(sheet, index, [item, value], per_line)
        sheet.append([factory.cell(item, ITEM), factory.cell(value, fmt)])


def _properties(workbook: Workbook, org: records.Organisation | None, language: str,
                exported_at: datetime, gettext: Callable[[str], str]) -> None:
    properties = workbook.properties
    moment = exported_at.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    # The document properties are plain XML, not cells: a control character in the name
    # would make the whole workbook unreadable ("Excel found a problem with some content").
    name = _XML_ILLEGAL.sub("", org.name) if org else None
    properties.title = gettext(TITLE) + (f"{SEPARATOR}{name}" if name else "")
    properties.subject = gettext(TITLE)
    properties.creator = name or "privdesk"
    properties.lastModifiedBy = "privdesk"
    properties.language = {"nb": "nb-NO", "sv": "sv-SE"}.get(language, "en")
    properties.keywords = "GDPR, Art. 30, ROPA"
    properties.created = moment
    properties.modified = moment


def _save(workbook: Workbook, handle: Any) -> None:
    """Save like ``Workbook.save`` but keep the modified time set from the export time."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    archive = ZipFile(handle, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).save()
    except BaseException:
        # A failed write (a full disk) leaves the archive open; closed later by the garbage
        # collector, after the file, it printed "Exception ignored ... seek of closed file"
        # below the refusal (issue 20). Closed here, while the file is still open.
        with contextlib.suppress(Exception):
            archive.close()
        raise


_STARTED = time.time()  # a sheet folder older than this was left by a killed earlier run


def _sheet_folder(out_path: str | os.PathLike[str]) -> str:
    """A private (0700) hidden folder beside the workbook for openpyxl's sheet files.

    openpyxl's write-only mode streams each sheet to a temporary file, by default in the
    system's temporary folder, where a killed export left up to 507 KB of register text
    (issue 20). Here they go to ``.NAME.XXXXXXXX.sheets`` beside the workbook (where the DPO
    chose to put the register's data anyway), removed when the export ends however it ends;
    a folder a killed run left is removed by the next export to the same name.
    """
    path = Path(out_path)
    folder = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.sheets")
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in list(found):
            if (pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < _STARTED):
                shutil.rmtree(entry.path, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".sheets", dir=folder)


class _PrivateWorkbook(Workbook):
    """A write-only workbook whose sheets (made by ``_new_sheet``) stream to ``folder``."""

    def __init__(self, folder: str) -> None:
        super().__init__(write_only=True)
        self.sheet_folder = folder


def _new_sheet(workbook: Workbook, title: str) -> Any:
    """A write-only sheet; in a ``_PrivateWorkbook``, its file is in the private folder."""
    sheet: Any = workbook.create_sheet(title)
    folder = getattr(workbook, "sheet_folder", None)
    if folder is None:
        return sheet
    from openpyxl.worksheet._writer import WorksheetWriter

    class SheetWriter(WorksheetWriter):
        def cleanup(self) -> None:
            # Not in openpyxl's own list of temporaries, which its cleanup updates.
            with contextlib.suppress(OSError):
                os.remove(str(self.out))

    def get_writer() -> None:
        # openpyxl 3.1's ``WriteOnlyWorksheet._get_writer`` with our file: as late as its own
        # (the first row), since the writer writes the sheet's set-up first.
        if sheet._writer is None:
            fd, path = tempfile.mkstemp(suffix=".xml", dir=folder)
            os.close(fd)
            sheet._writer = SheetWriter(sheet, out=path)
            sheet._writer.write_top()

    sheet._get_writer = get_writer
    return sheet


def _discard(workbook: Workbook) -> None:
    """Remove openpyxl's temporary sheet files after a cancel or an error (personal data)."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            rows = getattr(sheet, "_rows", None)
            if rows is not None:
                rows.close()
            writer.xf.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
