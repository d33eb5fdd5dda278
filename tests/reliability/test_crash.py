"""A kill in the middle of an operation loses no committed change and never leaves half a change.

Each kill lands at a random step inside the operation, and each test checks that it did (the
child's markers: it began and did not finish), so a kill too early or too late fails the test.
The short version runs a few kills per case; `benchmarks/crash_long.py` runs the long one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from crash_cases import (
    OLD_SCHEMA,
    crash_during_backup,
    crash_during_edits,
    crash_during_export,
    crash_during_letter,
    crash_during_letter_record,
    crash_during_load,
    crash_during_migration,
)

from privdesk.store.migrate import head_revision


def test_kill_during_load_leaves_all_or_nothing(tmp_path: Path) -> None:
    outcome = crash_during_load(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == 3, outcome


def test_kill_during_edits_keeps_every_reported_commit(tmp_path: Path) -> None:
    outcome = crash_during_edits(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == 3, outcome


def test_kill_during_export_keeps_the_previous_workbook(tmp_path: Path) -> None:
    outcome = crash_during_export(tmp_path, runs=2)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == 2, outcome


def test_kill_during_letter_keeps_the_previous_letter(tmp_path: Path) -> None:
    outcome = crash_during_letter(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == 3, outcome


@pytest.mark.skipif(not OLD_SCHEMA.exists() or head_revision().startswith("0001"),
                    reason="no register of an older schema to migrate yet")
def test_kill_during_migration_loses_nothing(tmp_path: Path) -> None:
    outcome = crash_during_migration(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == 3, outcome


def test_kill_at_any_step_of_letter_leaves_no_letter_unrecorded(tmp_path: Path) -> None:
    outcome = crash_during_letter_record(tmp_path)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted >= 3, outcome


@pytest.mark.skipif(not OLD_SCHEMA.exists() or head_revision().startswith("0001"),
                    reason="no register of an older schema to migrate yet")
def test_kill_during_the_backup_leaves_no_broken_backup(tmp_path: Path) -> None:
    outcome = crash_during_backup(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == 3, outcome
