"""Rows of ``safe_cell`` cells written to a write-only sheet as XML text, in one string a row.

openpyxl (without lxml) builds an ElementTree element for every cell and serialises it
through et_xmlfile, namespace bookkeeping included: most of the time of a large export. The
cells ``safe_cell`` makes are of four plain kinds (inline text, number, date, empty), so their
XML is written here directly, byte for byte what openpyxl writes for them: the same
attributes in the same order, text escaped as ElementTree escapes it, ``xml:space`` as
openpyxl sets it, numbers in openpyxl's ``%.16g`` form, dates as Excel serial numbers.

Only the row writer changes: the sheet's head and tail (columns, frozen panes, tables, print
set-up) are openpyxl's own. With lxml installed openpyxl writes through lxml instead, and its
own writer is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import to_excel

# A date as Excel's serial number (openpyxl's own function; its stubs leave it untyped).
_serial = cast(Callable[[Any, Any], float], to_excel)

# Column letters of the first 200 columns, worked out once (a ROPA sheet has about 40).
_LETTERS = [""] + [get_column_letter(i) for i in range(1, 201)]


def _escape(text: str) -> str:
    """Character data as ElementTree escapes it (``&``, ``<``, ``>``)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attribute(text: str) -> str:
    text = _escape(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#09;")


def _letter(column: int) -> str:
    return _LETTERS[column] if column < len(_LETTERS) else get_column_letter(column)


def row_writer(worksheet: Any) -> Callable[[Any, Iterable[Any], int], bool]:
    """A writer of one row of ``safe_cell`` cells as text; it returns False, having written
    nothing, for a row it does not know how to write (openpyxl's writer then writes it)."""
    epoch = worksheet.parent.epoch
    dimensions = worksheet.row_dimensions

    def write_row(xf: Any, row: Iterable[Any], row_idx: int) -> bool:
        head = f'<row r="{row_idx}"'
        if row_idx in dimensions:  # a height set for the row: its attributes, as openpyxl
            attributes = {"r": str(row_idx)}
            attributes.update(dimensions.get(row_idx, {}))
            head = "<row" + "".join(f' {key}="{_escape_attribute(str(value))}"'
                                    for key, value in attributes.items())
        parts = [head, ">"]
        suffix = str(row_idx)
        try:
            for cell in row:
                if cell._comment is not None or cell._hyperlink is not None:
                    return False
                start = f'<c r="{_letter(cell.column)}{suffix}" s="{cell._style_id}"'
                value = cell._value
                kind = cell.data_type
                if kind == "s":
                    if value is None or value == "":
                        parts.append(start + ' t="inlineStr" />')
                        continue
                    stripped = value.strip()
                    space = ' xml:space="preserve"' if stripped and stripped != value else ""
                    parts.append(f'{start} t="inlineStr"><is><t{space}>{_escape(value)}'
                                 "</t></is></c>")
                elif value is None:
                    parts.append(f'{start} t="{kind}" />')
                elif kind == "d":
                    parts.append(f'{start} t="n"><v>{_serial(value, epoch):.16g}</v></c>')
                elif kind == "n":  # safe_cell gives int or finite float here
                    parts.append(f'{start} t="n"><v>{value:.16g}</v></c>')
                else:
                    return False
        except AttributeError:  # not a safe_cell cell (no shared style id)
            return False
        parts.append("</row>")
        xf._file("".join(parts))  # et_xmlfile's writer of text into the open <sheetData>
        return True

    return write_row


def use_row_writer(worksheet: Any) -> None:
    """Make ``worksheet`` (write-only, rows of ``safe_cell`` cells) write its rows as text
    when its XML goes through et_xmlfile; set before the first row, it changes nothing else
    (the sheet's head is written with the first row, as before)."""
    from openpyxl import LXML

    if LXML or worksheet.parent.iso_dates:
        return
    get_writer = worksheet._get_writer
    fast = row_writer(worksheet)

    def get_writer_with_rows() -> None:
        fresh = worksheet._writer is None
        get_writer()
        if fresh:
            writer = worksheet._writer
            original = writer.write_row

            def write_row(xf: Any, row: Any, row_idx: int) -> None:
                # A row is a generator of cells: made a list, it can be written either way.
                cells = list(row)
                if not hasattr(xf, "_file") or not fast(xf, cells, row_idx):
                    original(xf, cells, row_idx)

            writer.write_row = write_row

    worksheet._get_writer = get_writer_with_rows
