"""The one way a value becomes a spreadsheet cell: user text is always inert text.

Every cell privdesk writes into a workbook passes ``safe_cell``. A string is always a text cell
(``data_type`` ``"s"``, written as an inline string), never a formula (``=``), an error
(``#N/A``) or a hyperlink, whatever it starts with; text that starts with a character Excel or
LibreOffice would read as the start of a formula when the cell is edited (``= + - @ # '``, a tab
or a line break) also gets the "quote prefix" style, so that editing the cell keeps it text.
Dates are real dates, numbers real numbers, each with the format of its column.

The text rule (``store_text`` writes it, ``read_text`` undoes it), chosen so that any Python
string reads back exactly where XML allows it to be stored at all:

1. A literal ``_xHHHH_`` in the text (OOXML's own escape, which Excel and LibreOffice decode) is
   written with its underscore escaped as ``_x005F_``, so it shows as typed.
2. Control characters that XML 1.0 cannot hold (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F)
   and the carriage return (an XML parser would turn it into a line feed) are written as the
   OOXML escape ``_xHHHH_``; Excel and LibreOffice show the character, ``read_text`` restores it.
3. Code points that no XML document can hold at all (lone surrogates U+D800–U+DFFF, U+FFFE and
   U+FFFF) are replaced by U+FFFD REPLACEMENT CHARACTER; this is the only lossy step.
4. Text longer than a cell can hold (32,767 characters as stored) is cut and ends with " […]".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

MAX_CELL_TEXT = 32_767
CUT_MARK = " […]"
REPLACEMENT = "\ufffd"

# Characters an auditor's spreadsheet reads as the start of a formula (or eats, for the
# apostrophe) when the cell is edited: OWASP CSV injection plus '#' (error codes) and "'".
FORMULA_TRIGGERS = frozenset("=+-@#'\t\r\n")

_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f]")
_UNSTORABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x")


def store_text(text: str) -> str:
    """``text`` as it is stored in the file (the rule in this module's docstring)."""
    stored = _escape(text)
    if len(stored) * 2 > MAX_CELL_TEXT and _units(stored) > MAX_CELL_TEXT:
        # Cut the text, not the stored form, so that no escape sequence is split.
        limit = MAX_CELL_TEXT - len(CUT_MARK)
        keep = limit
        while _units(stored := _escape(text[:keep])) > limit:
            keep -= _units(stored) - limit
        stored += CUT_MARK
    return stored


def _escape(text: str) -> str:
    if _NEEDS_WORK.search(text) is None:
        return text
    text = _LITERAL_ESCAPE.sub("_x005F_", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return _UNSTORABLE.sub(REPLACEMENT, text)


def _units(text: str) -> int:
    """Length in UTF-16 code units, the unit of Excel's cell limit."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def read_text(stored: str) -> str:
    """The text a stored cell value stands for: undoes the OOXML escapes of ``store_text``."""
    if "_x" not in stored:
        return stored
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), stored)


def shown_text(text: str) -> str:
    """What reading ``text`` back gives: ``text`` with the lossy steps of the rule applied."""
    return read_text(store_text(text))


def needs_quote_prefix(text: str) -> bool:
    """True when editing a cell holding ``text`` would turn it into a formula or eat a quote."""
    return bool(text) and text[0] in FORMULA_TRIGGERS


@dataclass(frozen=True)
class ColumnFormat:
    """How the cells of one column look: number format, wrapping and (for a heading) bold."""

    number_format: str = "General"
    wrap: bool = False
    bold: bool = False
    horizontal: str | None = None
    fill: str | None = None  # an RGB colour such as "D9E1F2"


_STYLED_CELL: Any = None


def _styled_cell_class() -> Any:
    """openpyxl's ``Cell`` with its style id worked out once per format, not once per cell."""
    global _STYLED_CELL
    if _STYLED_CELL is None:
        from openpyxl.cell import Cell

        class StyledCell(Cell):
            __slots__ = ("_style_id",)
            _style_id: int

            @property
            def style_id(self) -> int:
                return self._style_id

            @property
            def has_style(self) -> bool:
                return True

        _STYLED_CELL = StyledCell
    return _STYLED_CELL


class CellFactory:
    """Makes the cells of one write-only worksheet, sharing one style per column format.

    openpyxl gives each styled cell its own style record and looks its id up again for every
    cell it writes; building each format's style once and sharing it (never mutated) keeps a
    50,000-row export close to the speed of plain values.
    """

    def __init__(self, worksheet: WriteOnlyWorksheet) -> None:
        self.worksheet = worksheet
        self._styles: dict[tuple[ColumnFormat, bool], tuple[Any, int]] = {}
        # By identity too: hashing a dataclass for each of 400,000 cells shows in a profile.
        self._by_identity: dict[tuple[int, bool], tuple[Any, int]] = {}
        self._formats: list[ColumnFormat] = []  # keeps the identities valid

    def _style(self, fmt: ColumnFormat, quoted: bool) -> tuple[Any, int]:
        fast = self._by_identity.get((id(fmt), quoted))
        if fast is not None:
            return fast
        key = (fmt, quoted)
        style = self._styles.get(key)
        if style is None:
            from openpyxl.cell import WriteOnlyCell
            from openpyxl.styles import Alignment, Font, PatternFill

            model: Any = WriteOnlyCell(self.worksheet)
            model.number_format = fmt.number_format
            model.alignment = Alignment(wrap_text=fmt.wrap, vertical="top",
                                        horizontal=fmt.horizontal)
            if fmt.bold:
                # Named, or LibreOffice falls back to a serif face for the bold cells.
                model.font = Font(name="Calibri", size=11, bold=True)
            if fmt.fill:
                model.fill = PatternFill(fill_type="solid", start_color=fmt.fill,
                                         end_color=fmt.fill)
            if quoted:
                model.quotePrefix = True
            style = self._styles[key] = (model._style, model.style_id)
        self._formats.append(fmt)
        self._by_identity[(id(fmt), quoted)] = style
        return style

    def cell(self, value: object, fmt: ColumnFormat = ColumnFormat()) -> Cell:
        """``value`` as a cell; the one door to the sheet (see ``safe_cell``)."""
        return safe_cell(self.worksheet, value, fmt, self)


def safe_cell(worksheet: WriteOnlyWorksheet, value: object,
              fmt: ColumnFormat = ColumnFormat(), factory: CellFactory | None = None
              ) -> Cell:
    """The cell for ``value``: text is inert text, dates are dates, numbers are numbers.

    ``value`` is None (an empty cell), ``str``, ``int``, ``float``, ``date`` or a naive
    ``datetime`` in the time shown to the reader (Excel has no time zones). Anything else,
    including ``bool``, is refused: the caller shows yes/no as words in the reader's language.
    """
    factory = factory or CellFactory(worksheet)
    # The type and value are set directly rather than through ``Cell.value``: that setter
    # would make "=..." a formula and "#N/A" an error. Every branch below decides the type.
    # The cell is built field by field (openpyxl 3.1's Cell slots) because an export makes
    # hundreds of thousands of them.
    cls = _STYLED_CELL or _styled_cell_class()
    cell: Any = cls.__new__(cls)
    cell.parent = worksheet
    cell.row = cell.column = 0  # set when the row is placed
    cell._hyperlink = cell._comment = None
    quoted = False
    if value.__class__ is str or isinstance(value, str):
        text: str = value
        cell._value = store_text(text)  # legal XML, short enough (see the module's rule)
        cell.data_type = "s"
        quoted = text[:1] in FORMULA_TRIGGERS  # needs_quote_prefix, inlined (hot path)
    elif value is None:
        cell._value = None
        cell.data_type = "n"
    elif isinstance(value, bool):
        raise TypeError("a yes/no value must be written as words, not as a bool")
    elif isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            cell._value = str(value)
            cell.data_type = "s"
        else:
            cell._value = value
            cell.data_type = "n"
    elif isinstance(value, date):
        if isinstance(value, datetime) and value.tzinfo is not None:
            raise TypeError("convert a moment to the reader's local time before writing it")
        cell._value = value
        cell.data_type = "d"
    else:
        raise TypeError(f"no cell for a {type(value).__name__}")
    cell._style, cell._style_id = (factory._by_identity.get((id(fmt), quoted))
                                   or factory._style(fmt, quoted))
    result: Cell = cell
    return result


def stream_cells(worksheet: WriteOnlyWorksheet) -> None:
    """Let ``worksheet.append`` take rows of ``safe_cell`` cells (None for an empty cell) as
    they are.

    openpyxl's write-only ``append`` first tries to assign each item as a value, which for a
    cell raises and catches an exception and then makes a second cell: half the time of a
    large export. The rows this sheet is given hold only cells from ``safe_cell``, so they are
    placed directly (openpyxl 3.1's ``_values_to_row`` contract: yield cells with their row and
    column set).
    """
    def place(cells: Any, row: int) -> Any:
        for column, cell in enumerate(cells, 1):
            if cell is not None:
                cell.row = row
                cell.column = column
                yield cell

    # An instance attribute, so only this sheet is affected.
    worksheet._values_to_row = place  # type: ignore[attr-defined]
    # And the rows are written as text, not through an element per cell (xlsx_rows).
    from privdesk.documents.xlsx_rows import use_row_writer

    use_row_writer(worksheet)
