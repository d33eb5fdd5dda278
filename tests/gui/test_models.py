"""The list models: Qt's model tester, Nordic sorting, dates as dates, filtering."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from privdesk.domain import records as rec
from privdesk.gui import models
from privdesk.gui.audit import AuditModel
from privdesk.gui.columns import activity_columns, processor_columns
from privdesk.gui.language import set_language
from privdesk.gui.models import Column, ProcessorTreeModel, RecordTableModel, TreeFilter
from privdesk.services import RegisterService

NAMES = ["Zebra", "Ærlig", "Øst", "Åsen", "apple", "Ärlig", "Örn", "Bø"]


def named(names: list[str]) -> list[rec.Activity]:
    return [rec.Activity(ref=f"PA-{i + 1}", name=n) for i, n in enumerate(names)]


def names_in_order(model: RecordTableModel) -> list[str]:
    return [model.record(r).name for r in range(model.rowCount())]


def test_activity_model_passes_the_model_tester(qtmodeltester: Any,
                                                service: RegisterService) -> None:
    model = RecordTableModel(activity_columns({}))
    model.set_records(service.activities())
    qtmodeltester.check(model, force_py=True)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter("pupils")
    qtmodeltester.check(model, force_py=True)


def test_the_roles_compared_as_ints_are_qts() -> None:
    role = Qt.ItemDataRole
    assert role.DisplayRole.value == models.DISPLAY_ROLE
    assert role.DecorationRole.value == models.DECORATION_ROLE
    assert role.ToolTipRole.value == models.TOOLTIP_ROLE
    assert role.TextAlignmentRole.value == models.TEXT_ALIGNMENT_ROLE
    assert role.AccessibleTextRole.value == models.ACCESSIBLE_TEXT_ROLE
    assert role.UserRole.value == models.USER_ROLE
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    assert left.value == models.ALIGN_LEFT


def test_the_header_titles_follow_the_columns_and_the_language() -> None:
    model = RecordTableModel(activity_columns({}))
    titles = model.titles
    assert titles.columnCount() == model.columnCount()
    assert [titles.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["Ref", "Name"]
    set_language("nb")  # the suite's fixture speaks English again afterwards
    model.set_columns(activity_columns({})[:3])
    assert titles.columnCount() == model.columnCount() == 3
    assert titles.headerData(1, Qt.Orientation.Horizontal) == "Navn"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Navn"


def test_processor_tree_and_its_filter_pass_the_model_tester(
        qtmodeltester: Any, service: RegisterService) -> None:
    model = ProcessorTreeModel(processor_columns(date(2026, 11, 23), {}), lambda p: "ok")
    model.set_records(service.processors())
    qtmodeltester.check(model, force_py=True)
    proxy = TreeFilter()
    proxy.setSourceModel(model)
    proxy.set_filter("stripe")
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == 1  # NexaLearn, the parent of Stripe


def test_audit_model_passes_the_model_tester(qtmodeltester: Any,
                                             service: RegisterService) -> None:
    model = AuditModel(service.audit("activities", "PA-001"))
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, 2)) == "Created"


def test_bokmal_sorts_ae_oe_aa_after_z() -> None:
    set_language("nb")
    model = RecordTableModel([Column("ref", "Ref", lambda a: a.ref),
                              Column("name", "Name", lambda a: a.name)])
    model.set_records(named(NAMES))
    model.sort(1)
    # Ä is Æ and Ö is Ø in Norwegian order.
    assert names_in_order(model) == ["apple", "Bø", "Zebra", "Ærlig", "Ärlig", "Örn", "Øst",
                                     "Åsen"]


def test_swedish_sorts_aa_ae_oe_after_z() -> None:
    set_language("sv")
    model = RecordTableModel([Column("name", "Name", lambda a: a.name)])
    model.set_records(named(NAMES))
    model.sort(0)
    ordered = names_in_order(model)
    assert ordered[:3] == ["apple", "Bø", "Zebra"]
    assert ordered.index("Åsen") < ordered.index("Ärlig") < ordered.index("Örn")


def test_refs_sort_by_their_number() -> None:
    model = RecordTableModel([Column("ref", "Ref", lambda a: a.ref)])
    model.set_records([rec.Activity(ref=r, name="x") for r in ("PA-10", "PA-9", "PA-100")])
    model.sort(0)
    assert [model.record(r).ref for r in range(3)] == ["PA-9", "PA-10", "PA-100"]


def test_dates_sort_as_dates_and_unknown_last() -> None:
    activities = [
        rec.Activity(ref="A", name="a", review_due=date(2027, 1, 2)),
        rec.Activity(ref="B", name="b", review_due=None),
        rec.Activity(ref="C", name="c", review_due=date(2026, 12, 31)),
        rec.Activity(ref="D", name="d", review_due=date(2026, 2, 1)),
    ]
    model = RecordTableModel(activity_columns({}))
    model.set_records(activities)
    model.sort(model.column_of("review_due"))
    assert [model.record(r).ref for r in range(4)] == ["D", "C", "A", "B"]


def test_filter_looks_at_shown_columns_only_and_narrows_as_one_types() -> None:
    model = RecordTableModel(activity_columns({"VEN-1": "Eduplaytion AS"}))
    model.set_records([
        rec.Activity(ref="PA-1", name="Maths", processors=("VEN-1",), owner="Principal"),
        rec.Activity(ref="PA-2", name="Reading", owner="Librarian"),
    ])
    for typed in ("e", "ed", "edu", "eduP"):
        model.set_filter(typed)
    assert [model.record(r).ref for r in range(model.rowCount())] == ["PA-1"]
    model.set_filter("librarian")
    assert model.rowCount() == 0  # the owner column is hidden by default
    model.set_hidden(set())
    assert [model.record(r).ref for r in range(model.rowCount())] == ["PA-2"]
    model.set_filter("")
    assert model.rowCount() == 2
