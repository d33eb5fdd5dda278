"""A kill anywhere inside ``import-ropa`` leaves all of the workbook's changes or none: the
records and the organisation are one transaction (issue 20: they were two)."""

from __future__ import annotations

import shutil
from pathlib import Path

from crash_cases import (
    Outcome,
    _run,
    integrity,
    kill_inside,
    open_after_crash,
    read_markers,
    start_watched,
)
from openpyxl import load_workbook

from privdesk.services import open_register

WATCH_IMPORT = "privdesk.cli.ropa:run_import"
NEW_ACTIVITY_NAME = "Renamed in the workbook"
NEW_SCHOOL_NAME = "Renamed school"


def _edited_workbook(register: Path, path: Path) -> None:
    """The register's workbook with one activity and the organisation renamed."""
    _run("export-ropa", "--db", str(register), "--out", str(path), "--lang", "en")
    workbook = load_workbook(path)
    for row in workbook["Record Art. 30(1)"].iter_rows(min_row=2):
        if row[0].value == "PA-001":
            row[1].value = NEW_ACTIVITY_NAME
    for row in workbook["Cover"].iter_rows():
        if row[0].value == "Controller":
            row[1].value = NEW_SCHOOL_NAME
    workbook.save(path)


def _state(register: Path) -> tuple[bool, bool]:
    """(the activity renamed, the organisation renamed)."""
    with open_register(register) as service:
        organisation = service.organisation()
        assert organisation is not None
        return (service.activity("PA-001").name == NEW_ACTIVITY_NAME,
                organisation.name == NEW_SCHOOL_NAME)


def test_a_kill_inside_import_ropa_leaves_all_or_nothing(tmp_path: Path) -> None:
    demo, workbook = tmp_path / "demo.sqlite", tmp_path / "edited.xlsx"
    _run("init", "--demo", "--db", str(demo))
    _edited_workbook(demo, workbook)

    # A run to the end counts the write statements the import makes (its steps).
    whole = tmp_path / "whole.sqlite"
    shutil.copy(demo, whole)
    markers = tmp_path / "whole.markers"
    process = start_watched(markers, 0, WATCH_IMPORT,
                            ["import-ropa", "--db", str(whole), str(workbook)])
    assert process.wait(timeout=180) == 0
    steps = int(next(m for m in read_markers(markers) if m.startswith("done")).split()[1])
    assert steps >= 2 and _state(whole) == (True, True)

    # Then a kill before each of them (the last ones write the organisation).
    outcome = Outcome()
    for step in range(1, steps + 1):
        register = tmp_path / f"import-{step}.sqlite"
        shutil.copy(demo, register)
        markers = tmp_path / f"import-{step}.markers"
        process = start_watched(markers, step, WATCH_IMPORT,
                                ["import-ropa", "--db", str(register), str(workbook)])
        label = f"import killed at step {step}"
        kill_inside(process, markers, label, outcome)
        outcome.runs += 1
        open_after_crash(register)
        if integrity(register) != "ok":
            outcome.failures.append(f"{label}: integrity check failed")
        state = _state(register)
        if state not in ((False, False), (True, True)):
            outcome.failures.append(f"{label}: half an import (activity, organisation) {state}")
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == steps, outcome
