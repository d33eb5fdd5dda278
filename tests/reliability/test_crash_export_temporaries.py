"""A killed ``export-ropa`` leaves no sheet of register text in the system's temporary folder
(issue 20: openpyxl's write-only sheet files stayed there); its private folder of sheets,
beside the workbook, is removed by the next export."""

from __future__ import annotations

from pathlib import Path

from crash_cases import crash_during_export
from support import run_cli_subprocess


def test_a_killed_export_leaves_no_sheet_files_behind(tmp_path: Path) -> None:
    outcome = crash_during_export(tmp_path, runs=2)
    assert outcome.failures == [] and outcome.runs == outcome.interrupted == 2, outcome
    assert outcome.leftovers == 0  # files in the children's TMPDIR
    out = tmp_path / "out"
    left = sorted(out.glob(".ropa.xlsx.*.sheets"))
    assert left and all(oct(p.stat().st_mode & 0o777) == oct(0o700) for p in left)
    # The next privdesk to export the same workbook removes what the killed runs left (a
    # folder older than that process: not one that another privdesk is writing now).
    result = run_cli_subprocess("export-ropa", "--db", str(tmp_path / "big.sqlite"),
                                "--out", str(out / "ropa.xlsx"))
    assert result.code == 0, result.stderr
    assert sorted(out.glob(".ropa.xlsx.*.sheets")) == []
