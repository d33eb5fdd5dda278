"""Rows written as text are the very bytes openpyxl writes for the same cells, and read back."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from privdesk.documents import xlsx_rows
from privdesk.documents.safe_cells import (
    CellFactory,
    ColumnFormat,
    read_text,
    shown_text,
    stream_cells,
)

WRAPPED = ColumnFormat(wrap=True)
DAY = ColumnFormat(number_format="DD.MM.YYYY")


def _workbook(rows: list[list[Any]], fast: bool) -> bytes:
    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet("Sheet")
    factory = CellFactory(sheet)
    if fast:
        stream_cells(sheet)
    else:
        original = xlsx_rows.use_row_writer
        xlsx_rows.use_row_writer = lambda _sheet: None
        try:
            stream_cells(sheet)
        finally:
            xlsx_rows.use_row_writer = original
    sheet.row_dimensions[2].height = 30
    for values in rows:
        sheet.append([None if v is None else factory.cell(
            v, DAY if isinstance(v, date) else WRAPPED) for v in values])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


HOSTILE = ["=1+1", "a & b < c > d", " leading", "trailing ", "   ", "", "_x0041_", "line\nbreak",
           "tab\there", "ctrl\x01\x1f", "quote \" and '", "Ærlig øl på Åland", "\ud800", 'x"y']
VALUES: list[Any] = [*HOSTILE, 0, -7, 2**40 + 1, 3.25, 1e-300, float("inf"), date(2026, 12, 3),
                     datetime(2026, 12, 3, 18, 30, tzinfo=UTC).replace(tzinfo=None), None]


def test_rows_are_written_as_openpyxl_writes_them() -> None:
    rows = [VALUES[i:i + 6] for i in range(0, len(VALUES), 6)]
    fast, slow = _workbook(rows, True), _workbook(rows, False)
    assert _sheet_xml(fast) == _sheet_xml(slow)
    sheet = load_workbook(io.BytesIO(fast)).active
    assert sheet is not None
    read = [v for row in sheet.iter_rows(values_only=True) for v in row]
    texts = [read_text(v) if isinstance(v, str) else v for v in read[:len(HOSTILE)]]
    assert texts == [shown_text(t) or None for t in HOSTILE]
    assert read[len(HOSTILE):len(HOSTILE) + 5] == [0, -7, 2**40 + 1, 3.25, 1e-300]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.one_of(st.text(), st.integers(-10**15, 10**15), st.none(),
                                   st.floats(allow_nan=False, allow_infinity=False),
                                   st.dates()), max_size=5), max_size=4))
def test_any_rows_are_the_same_bytes(rows: list[list[Any]]) -> None:
    assert _sheet_xml(_workbook(rows, True)) == _sheet_xml(_workbook(rows, False))
