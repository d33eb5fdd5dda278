"""Table and tree models over frozen records: text worked out once, sorted by value, filtered fast.

The models never touch the database: the window hands them lists of frozen records from the
services. Each row's text is computed when the records arrive, so ``data()`` only indexes lists
and a keystroke in the search field is one substring test per row over precomputed lower-case
text (100,000 activities in a few milliseconds). Text sorts with ``QCollator`` in the UI locale
(æ, ø, å after z in bokmål; å, ä, ö in Swedish), dates sort as dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cmp_to_key
from itertools import compress, repeat
from operator import contains
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore  # QtCore.Qt only where Qt hands over its enums: see DISPLAY_ROLE
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCollator,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)
from PySide6.QtGui import QStandardItemModel

from privdesk.gui.language import qt_locale, tr
from privdesk.gui.signals import emit

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

Index = QModelIndex | QPersistentModelIndex
# Qt's item data roles (``Qt.ItemDataRole``) as the ints Qt passes to ``data()``. The models
# compare plain ints: the first touch of PySide6's ``Qt`` namespace builds all of its ninety-odd
# enums (tens of milliseconds), and the register's first paint needs none of them.
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
TEXT_ALIGNMENT_ROLE = 7
ACCESSIBLE_TEXT_ROLE = 11
USER_ROLE = 0x100
REF_ROLE = USER_ROLE
SORT_ROLE = USER_ROLE + 1
STATUS_ROLE = USER_ROLE + 2
_TEXT_ROLES = (DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE, TOOLTIP_ROLE)
# Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_LEFT = 0x0001 | 0x0080


@dataclass(frozen=True)
class Column:
    """One column of a list: its key, title msgid, text, and (for dates, numbers) sort value."""

    key: str
    title: str
    text: Callable[[Any], str]
    value: Callable[[Any], Any] | None = None
    hidden: bool = False
    alignment: int = ALIGN_LEFT  # Qt.AlignmentFlag's value


def collator() -> QCollator:
    """Nordic letters in Nordic order for the UI language; PA-9 before PA-10."""
    found = QCollator(qt_locale())
    found.setNumericMode(True)
    found.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
    return found


_PIECES = re.compile(r"(\d+)")


def _ascii_key(text: str) -> tuple[tuple[int, Any], ...]:
    """For plain ASCII text, the order ICU gives with numeric mode, without crossing into Qt."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold())
                 for p in _PIECES.split(text) if p)


def text_ranks(texts: Sequence[str]) -> dict[str, int]:
    """Each distinct text's place in collation order (sorting then compares small ints).

    Refs and English words sort in Python (a QCollator call per comparison costs seconds at
    100,000 rows); any text with a letter beyond ASCII (æ, ø, å, ä, ö) goes through QCollator
    in the UI locale, so Nordic letters keep their Nordic order.
    """
    distinct = set(texts)
    if all(t.isascii() for t in distinct):
        ordered = sorted(distinct, key=lambda t: (_ascii_key(t), t))
    else:
        ordered = sorted(distinct, key=cmp_to_key(collator().compare))
    return {text: rank for rank, text in enumerate(ordered)}


def value_key(value: Any) -> tuple[int, Any]:
    """A sort key for a date or a number; a missing value sorts after every present one."""
    if value is None:
        return (1, 0)
    if isinstance(value, date):
        return (0, value.toordinal())
    return (0, value)


class HeaderTitles(QStandardItemModel):
    """A model's column titles, held by Qt for a view's header (``header.setModel(titles)``).

    The header then reads them in C++: a Python ``headerData`` is handed a ``Qt.Orientation``,
    and the first one made builds PySide6's whole ``Qt`` namespace before the window's first
    paint (see ``DISPLAY_ROLE``). The models keep their ``headerData`` for everyone else
    (accessibility, tests).
    """

    def show(self, columns: Sequence[Column]) -> None:
        """The titles of ``columns`` in the current language, one header section each."""
        self.setColumnCount(len(columns))
        self.setHorizontalHeaderLabels([tr(c.title) for c in columns])


class RecordTableModel(QAbstractTableModel):
    """The rows of one kind of record, sorted and filtered without any database access."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = list(columns)
        self._records: list[Any] = []
        self._text: list[list[str]] = []
        self._known: dict[Any, list[str]] = {}
        self._refs: dict[str, int] | None = None
        self._recent: dict[tuple[str, ...], list[int]] = {}
        self._hay: list[str] | None = None
        self._order: list[int] = []  # every record index, in sort order
        self._rows: list[int] = []  # the shown record indices, in sort order
        self._needle: tuple[str, ...] = ()
        self._hidden: set[str] = {c.key for c in self.columns if c.hidden}
        self._sort: tuple[int, bool] | None = None  # the column, and whether descending
        self.titles = HeaderTitles(self)
        self.titles.show(self.columns)

    # ------------------------------------------------------------ content

    def set_records(self, records: Sequence[Any]) -> None:
        """Replace the rows (after a service call); the sort and the filter stay."""
        self.beginResetModel()
        self._records = list(records)
        self._refs = {record.ref: i for i, record in enumerate(self._records)}
        self._compute_text(reuse=True)
        self._order = self._sorted_order()
        self._recent.clear()
        self._rows = self._matching(self._order)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column]) -> None:
        """New column definitions (a language switch re-renders codes and dates)."""
        self.beginResetModel()
        self.columns = list(columns)
        self._compute_text()
        self._order = self._sorted_order()
        self._recent.clear()
        self._rows = self._matching(self._order)
        self.endResetModel()
        self.titles.show(self.columns)

    def _compute_text(self, reuse: bool = False) -> None:
        """Each row's text; rows whose record did not change keep the text they had."""
        columns = [c.text for c in self.columns]
        try:
            known = self._known if reuse else {}
            text = []
            for record in self._records:
                row = known.get(record)
                if row is None:
                    row = [column(record) for column in columns]
                text.append(row)
            self._known = dict(zip(self._records, text, strict=True))
        except TypeError:  # records holding a dict (audit entries) cannot be keys
            text = [[column(record) for column in columns] for record in self._records]
            self._known = {}
        self._text = text
        self._hay = None
        self._haystack()  # now, so that the first keystroke is as quick as the others

    def set_hidden(self, keys: set[str]) -> None:
        """The columns the user hid: the filter looks only at the shown ones."""
        self._hidden = set(keys)
        self._hay = None
        self._recent.clear()
        if self._needle:
            self.beginResetModel()
            self._rows = self._matching(self._order)
            self.endResetModel()

    def hidden(self) -> set[str]:
        return set(self._hidden)

    def _haystack(self) -> list[str]:
        if self._hay is None:
            shown = [i for i, c in enumerate(self.columns) if c.key not in self._hidden]
            self._hay = ["\x1f".join([row[i] for i in shown]).casefold() for row in self._text]
        return self._hay

    # ------------------------------------------------------------ filter and sort

    def set_filter(self, text: str) -> None:
        """Show the rows whose shown columns contain every word of ``text`` (any case)."""
        needle = tuple(text.casefold().split())
        if needle == self._needle:
            return
        found = self._recent.get(needle)
        if found is None:
            narrower = bool(self._needle) and len(needle) == len(self._needle) and all(
                new.startswith(old) or old in new
                for new, old in zip(needle, self._needle, strict=True))
            candidates = self._rows if narrower else self._order
            self._needle = needle
            found = self._matching(candidates)
            # Kept for Backspace: erasing a letter shows again what that text showed.
            self._recent[needle] = found
            if len(self._recent) > 32:
                del self._recent[next(iter(self._recent))]
        self._needle = needle
        self.beginResetModel()
        self._rows = found
        self.endResetModel()

    def filter_text(self) -> str:
        return " ".join(self._needle)

    def _matching(self, candidates: list[int]) -> list[int]:
        if not self._needle:
            return list(candidates)
        hay = self._haystack()
        rows = candidates
        for word in self._needle:
            # map/compress keep the loop in C: about three times quicker than a comprehension.
            found = map(contains, map(hay.__getitem__, rows), repeat(word))
            rows = list(compress(rows, found))
        return rows if rows is not candidates else list(rows)

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        self.sort_by(column, order == QtCore.Qt.SortOrder.DescendingOrder)

    def sort_by(self, column: int, descending: bool = False) -> None:
        """Sort by ``column`` (a view's ``sort`` without Qt's enum: see ``DISPLAY_ROLE``)."""
        if not 0 <= column < len(self.columns) or self._sort == (column, descending):
            return
        emit(self.layoutAboutToBeChanged)
        old_rows = list(self._rows)
        persistent = self.persistentIndexList()
        self._sort = (column, descending)
        self._order = self._sorted_order()
        self._recent.clear()
        self._rows = self._matching(self._order)
        new_place = {record: row for row, record in enumerate(self._rows)}
        for index in persistent:
            record = old_rows[index.row()] if index.row() < len(old_rows) else None
            row = new_place.get(record, -1) if record is not None else -1
            self.changePersistentIndex(
                index, self.index(row, index.column()) if row >= 0 else QModelIndex())
        emit(self.layoutChanged)

    def _sorted_order(self) -> list[int]:
        indices = list(range(len(self._records)))
        if self._sort is None:
            return indices
        column, descending = self._sort
        spec = self.columns[column]
        keys: list[Any]
        if spec.value is not None:
            keys = [value_key(spec.value(r)) for r in self._records]
        else:
            texts = [row[column] for row in self._text]
            ranks = text_ranks(texts)
            keys = [ranks[t] for t in texts]
        return sorted(indices, key=keys.__getitem__, reverse=descending)

    def sort_key(self) -> tuple[int, bool]:
        """The column the rows are sorted by, and whether descending ((0, False) unsorted)."""
        return self._sort or (0, False)

    # ------------------------------------------------------------ lookups

    def record(self, row: int) -> Any:
        return self._records[self._rows[row]]

    def records(self) -> list[Any]:
        """The shown records, in the shown order."""
        return [self._records[i] for i in self._rows]

    def all_records(self) -> list[Any]:
        return list(self._records)

    def row_of(self, ref: str) -> int:
        """The shown row of a record, or -1 when it is filtered out or gone."""
        if self._refs is None:
            self._refs = {record.ref: i for i, record in enumerate(self._records)}
        i = self._refs.get(ref)
        if i is None:
            return -1
        try:
            return self._rows.index(i)
        except ValueError:
            return -1

    def column_of(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        return -1

    def text(self, row: int, key: str) -> str:
        return self._text[self._rows[row]][self.column_of(key)]

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        i, column = self._rows[index.row()], index.column()
        if role in _TEXT_ROLES:
            return self._text[i][column]
        if role == REF_ROLE:
            return self._records[i].ref
        if role == TEXT_ALIGNMENT_ROLE:
            return self.columns[column].alignment
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY_ROLE) -> Any:
        if orientation != QtCore.Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == DISPLAY_ROLE:
            return tr(self.columns[section].title)
        return None


# ---------------------------------------------------------------- processors as a tree


@dataclass
class _Node:
    record: Any
    parent: _Node | None
    children: list[_Node]
    row: int


class ProcessorTreeModel(QAbstractItemModel):
    """Processors with their subprocessors beneath them; text computed once per record."""

    def __init__(self, columns: Sequence[Column], status: Callable[[Any], str],
                 decoration: Callable[[str], Any] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = list(columns)
        self.status = status
        # An icon for an agreement status, beside its words (state is never colour alone).
        self.decoration = decoration
        self._roots: list[_Node] = []
        self._nodes: dict[str, _Node] = {}
        self._text: dict[int, list[str]] = {}
        self._keys: dict[int, list[int]] = {}
        self._hay: dict[int, str] = {}
        self.titles = HeaderTitles(self)
        self.titles.show(self.columns)

    def set_records(self, records: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        self.beginResetModel()
        if columns is not None:
            self.columns = list(columns)
        self._nodes = {r.ref: _Node(r, None, [], 0) for r in records}
        self._roots = []
        for record in records:
            node = self._nodes[record.ref]
            parent = self._nodes.get(record.parent) if record.parent else None
            siblings = parent.children if parent is not None else self._roots
            node.parent, node.row = parent, len(siblings)
            siblings.append(node)
        self._text = {id(n): [c.text(n.record) for c in self.columns]
                      for n in self._nodes.values()}
        self._keys = {id(n): [] for n in self._nodes.values()}
        for column_index, column in enumerate(self.columns):
            if column.value is not None:
                values = {id(n): value_key(column.value(n.record)) for n in self._nodes.values()}
                rank = {v: i for i, v in enumerate(sorted(set(values.values())))}
                for node in self._nodes.values():
                    self._keys[id(node)].append(rank[values[id(node)]])
            else:
                ranks = text_ranks([self._text[id(n)][column_index] for n in self._nodes.values()])
                for node in self._nodes.values():
                    self._keys[id(node)].append(ranks[self._text[id(node)][column_index]])
        self._hay = {key: "\x1f".join(text).casefold() for key, text in self._text.items()}
        self.endResetModel()
        self.titles.show(self.columns)

    def matches(self, index: QModelIndex, words: Sequence[str]) -> bool:
        node = self._node(index)
        if node is None:
            return False
        hay = self._hay[id(node)]
        return all(w in hay for w in words)

    def record(self, index: Index) -> Any:
        node = self._node(index)
        return node.record if node is not None else None

    def all_records(self) -> list[Any]:
        return [n.record for n in self._nodes.values()]

    def index_of(self, ref: str) -> QModelIndex:
        node = self._nodes.get(ref)
        return self.createIndex(node.row, 0, node) if node is not None else QModelIndex()

    def _node(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _Node) else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.columns):
            return QModelIndex()
        parent_node = self._node(parent)
        if parent.isValid() and (parent_node is None or parent.column() != 0):
            return QModelIndex()
        siblings = parent_node.children if parent_node is not None else self._roots
        if not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        if role in _TEXT_ROLES:
            return self._text[id(node)][column]
        if role == SORT_ROLE:
            return self._keys[id(node)][column]
        if role == REF_ROLE:
            return node.record.ref
        if role == STATUS_ROLE:
            return self.status(node.record)
        if (role == DECORATION_ROLE and self.decoration is not None
                and self.columns[column].key == "agreement"):
            return self.decoration(self.status(node.record))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY_ROLE) -> Any:
        if orientation != QtCore.Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == DISPLAY_ROLE:
            return tr(self.columns[section].title)
        return None


class TreeFilter(QSortFilterProxyModel):
    """Filters the processor tree by the same words, keeping the parents of a match."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words != self._words:
            self.beginFilterChange()  # Qt 6.10's replacement of invalidateRowsFilter()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        assert isinstance(model, ProcessorTreeModel)
        return model.matches(model.index(source_row, 0, source_parent), self._words)
