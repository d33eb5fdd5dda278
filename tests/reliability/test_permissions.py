"""Files holding personal data are created 0600, whatever the umask: register, WAL, backups,
exports and letters (and an existing file written over with wider permissions becomes 0600)."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

from bad_input import ROOT

from privdesk.domain.records import Activity
from privdesk.services import open_register
from privdesk.store import backup


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# One child runs several commands in turn through the entry function: one Python start.
_COMMANDS = r"""
import json, sys
from privdesk.app import main
for arguments in json.loads(sys.argv[1]):
    code = main(arguments)
    if code:
        sys.exit(f"privdesk {' '.join(arguments)}: exit status {code}")
"""


def privdesk(*commands: tuple[str, ...]) -> None:
    """Run privdesk COMMANDS in a fresh process with the most permissive umask, so nothing is
    private by accident (a child: the umask is the process's, as a user's shell gives it)."""
    subprocess.run([sys.executable, "-c", _COMMANDS, json.dumps(commands)], check=True,
                   cwd=ROOT, capture_output=True, timeout=300,
                   preexec_fn=lambda: os.umask(0))


def test_register_wal_and_backups_are_private(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    old = os.umask(0)
    try:
        with open_register(register, actor="dpo") as service:
            service.create(Activity(ref="PA-1", name="Lesing"))
            # While the register is open its write-ahead log and shared memory exist.
            for suffix in ("", "-wal", "-shm"):
                path = Path(f"{register}{suffix}")
                assert path.exists(), suffix
                assert mode(path) == 0o600, (suffix, oct(mode(path)))
        copy = backup.backup_sqlite(register, "test")
    finally:
        os.umask(old)
    assert mode(register) == 0o600
    assert mode(copy) == 0o600
    assert mode(copy.parent) == 0o700


def test_exports_and_letters_are_private(tmp_path: Path) -> None:
    register = tmp_path / "demo.sqlite"
    outputs = {
        "ropa.xlsx": ("export-ropa", "--db", str(register), "--out"),
        "letter.pdf": ("letter", "--db", str(register), "--request", "DSAR-2026-001", "--out"),
        "report.pdf": ("breach-report", "--db", str(register), "--incident", "INC-2026-001",
                       "--out"),
        "dump.json": ("dump", "--db", str(register), "--out"),
    }
    # An earlier document of the same kind (another kind is refused: tests/end2end/
    # test_out_refusals.py), readable by all: written over, it must become private.
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    earlier = {"ropa.xlsx": workbook.getvalue(), "letter.pdf": b"%PDF-1.4 old",
               "report.pdf": b"%PDF-1.4 old", "dump.json": b"{}"}
    for name in outputs:
        target = tmp_path / name
        target.write_bytes(earlier[name])
        target.chmod(0o644)
    privdesk(("init", "--demo", "--db", str(register)),
             *((*command, str(tmp_path / name)) for name, command in outputs.items()))
    assert mode(register) == 0o600
    for name in outputs:
        target = tmp_path / name
        assert target.read_bytes() != earlier[name], name
        assert mode(target) == 0o600, (name, oct(mode(target)))
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert visible == sorted(["demo.sqlite", *outputs]), visible


def test_the_backup_before_a_migration_is_private(tmp_path: Path) -> None:
    old = ROOT / "tests" / "fixtures" / "registers" / "schema-0001-demo.sqlite"
    register = tmp_path / "old.sqlite"
    register.write_bytes(old.read_bytes())
    register.chmod(0o644)
    privdesk(("list", "activities", "--db", str(register)))
    copies = sorted((tmp_path / "old.sqlite.backups").glob("*.sqlite"))
    assert copies, "no backup was taken before the migration"
    assert mode(register) == 0o600
    assert mode(copies[0].parent) == 0o700
    assert [mode(c) for c in copies] == [0o600] * len(copies)
