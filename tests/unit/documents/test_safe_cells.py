"""Every value written through safe_cell is inert: text stays text and reads back as written."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from privdesk.documents.safe_cells import (
    CUT_MARK,
    MAX_CELL_TEXT,
    CellFactory,
    ColumnFormat,
    read_text,
    safe_cell,
    shown_text,
    store_text,
)

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+47 22 00 00 00",
    "-2+3",
    "@SUM(A1:A2)",
    "#N/A",
    "#REF!",
    "http://evil.example/",
    "'quoted",
    "\tleading tab",
    "=cmd|' /C calc'!A0",
]


WRAPPED = ColumnFormat(wrap=True)


def write(values: list[Any], fmt: ColumnFormat = WRAPPED) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    factory = CellFactory(sheet)
    for value in values:
        sheet.append([factory.cell(value, fmt)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def cells(content: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["S"]
    return [row[0] for row in sheet.iter_rows()]


def sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_dangerous_text_is_written_as_text_with_a_quote_prefix() -> None:
    content = write(DANGEROUS)
    read = cells(content)
    assert [read_text(c.value) for c in read] == DANGEROUS
    assert all(c.data_type == "s" for c in read)
    xml = sheet_xml(content)
    assert "<f>" not in xml and 't="e"' not in xml and "<hyperlink" not in xml
    # Each of these starts with a character that would make an edited cell a formula.
    assert all(c.quotePrefix for c in read if not c.value.startswith("http"))


def test_plain_text_has_no_quote_prefix() -> None:
    (cell,) = cells(write(["Nordvik skole"]))
    assert cell.value == "Nordvik skole" and not cell.quotePrefix


def test_dates_numbers_and_empty_cells_keep_their_types() -> None:
    moment = datetime(2026, 11, 20, 9, 15)  # noqa: DTZ001 - Excel moments are local, naive
    content = write([date(2026, 3, 5), moment], ColumnFormat(number_format="yyyy-mm-dd"))
    values = [c.value for c in cells(content)]
    values += [c.value for c in cells(write([26, 2.5, None], ColumnFormat()))]
    assert values[0] == datetime(2026, 3, 5)  # noqa: DTZ001 - openpyxl reads dates as naive
    assert values[1] == moment
    assert values[2:4] == [26, 2.5]
    assert cells(content)[0].is_date


def test_control_characters_are_escaped_and_restored() -> None:
    text = "a\x00b\x01c\rd\r\ne\x1ff\tg\nh"
    stored = store_text(text)
    assert "\x00" not in stored and "\r" not in stored and "_x000D_" in stored
    (cell,) = cells(write([text]))
    assert read_text(cell.value) == text


def test_a_literal_escape_sequence_reads_back_as_typed() -> None:
    for text in ("_x0041_", "_x005F_", "a_x000D_b", "__x0041__"):
        (cell,) = cells(write([text]))
        assert read_text(cell.value) == text


def test_unstorable_code_points_become_the_replacement_character() -> None:
    assert shown_text("a\ud800b\ufffec\uffff") == "a\ufffdb\ufffdc\ufffd"


def test_overlong_text_is_cut_with_a_visible_mark() -> None:
    text = "\x01" * 10 + "x" * 40_000
    stored = store_text(text)
    assert len(stored) <= MAX_CELL_TEXT
    assert read_text(stored).endswith(CUT_MARK)
    assert read_text(stored).startswith("\x01" * 10 + "xxx")
    (cell,) = cells(write([text]))
    assert read_text(cell.value) == shown_text(text)


def test_booleans_and_aware_moments_are_refused() -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    with pytest.raises(TypeError):
        safe_cell(sheet, True)
    with pytest.raises(TypeError):
        safe_cell(sheet, datetime.fromisoformat("2026-11-20T09:15:00+01:00"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_any_text_is_a_text_cell_and_reads_back(texts: list[str]) -> None:
    content = write(texts)
    xml = sheet_xml(content)
    assert "<f>" not in xml and "<f " not in xml
    assert 't="e"' not in xml and "<hyperlink" not in xml
    read = {c.row: c for c in cells(content)}
    for row, text in enumerate(texts, start=1):
        cell = read.get(row)
        value = "" if cell is None or cell.value is None else cell.value
        # An empty text is an empty cell; anything else is a text cell.
        assert value == "" or cell is not None and cell.data_type == "s"
        assert read_text(value) == shown_text(text)
