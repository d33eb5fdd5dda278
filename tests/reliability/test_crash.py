"""A kill at a random moment loses no committed change and never leaves half a change.

The short version runs a few kills per case; `benchmarks/crash_long.py` runs the long one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from crash_cases import (
    OLD_SCHEMA,
    crash_during_edits,
    crash_during_export,
    crash_during_letter,
    crash_during_load,
    crash_during_migration,
)

from privdesk.store.migrate import head_revision


def test_kill_during_load_leaves_all_or_nothing(tmp_path: Path) -> None:
    outcome = crash_during_load(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == 3


def test_kill_during_edits_keeps_every_reported_commit(tmp_path: Path) -> None:
    outcome = crash_during_edits(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == 3


def test_kill_during_export_keeps_the_previous_workbook(tmp_path: Path) -> None:
    outcome = crash_during_export(tmp_path, runs=2)
    assert outcome.failures == [] and outcome.runs == 2


def test_kill_during_letter_keeps_the_previous_letter(tmp_path: Path) -> None:
    outcome = crash_during_letter(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == 3


@pytest.mark.skipif(not OLD_SCHEMA.exists() or head_revision().startswith("0001"),
                    reason="no register of an older schema to migrate yet")
def test_kill_during_migration_loses_nothing(tmp_path: Path) -> None:
    outcome = crash_during_migration(tmp_path, runs=3)
    assert outcome.failures == [] and outcome.runs == 3
