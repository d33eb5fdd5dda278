"""The register read with sqlite3 alone is the register the services read; a register that
needs the store (old schema, not private) is left to it; the commands that only read, --help
and --version load neither SQLAlchemy nor Alembic."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

from privdesk.domain import interchange
from privdesk.services import RegisterService, read_register
from privdesk.store.database import open_database
from privdesk.store.migrate import head_revision
from privdesk.store.plain_read import read_register as read_plain
from privdesk.store.register_file import head_revision as plain_head_revision

OLD_REGISTERS = Path(__file__).resolve().parent.parent / "fixtures" / "registers"
ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_plain_read_is_the_services_snapshot(demo_register: Path) -> None:
    database = open_database(demo_register)
    try:
        service = RegisterService(database, actor="dpo")
        # A record at version 2, a processor with its parent, links in the DPO's order.
        activity = service.activities()[0]
        service.update(dataclasses.replace(activity, name="Renamed", processors=tuple(
            reversed(activity.processors))))
        versions: dict[str, dict[str, int]] = {}
        expected = service.snapshot(versions)
    finally:
        database.close()
    plain_versions: dict[str, dict[str, int]] = {}
    found = read_register(str(demo_register), versions=plain_versions)
    assert found == expected
    assert interchange.dumps(found) == interchange.dumps(expected)
    assert plain_versions == versions and versions["activities"][activity.ref] == 2
    assert any(p.parent for p in found.processors) and found.incidents and found.requests
    only = read_register(str(demo_register), names=("incidents",))
    assert only is not None and only.incidents == expected.incidents and not only.activities
    assert only.organisation == expected.organisation


def test_the_head_is_read_from_the_migration_files_as_alembic_reads_it() -> None:
    assert plain_head_revision() == head_revision()


def test_a_register_the_store_must_see_to_is_not_read_plainly(tmp_path: Path,
                                                              demo_register: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copyfile(OLD_REGISTERS / "schema-0001-demo.sqlite", old)
    old.chmod(0o600)
    assert read_plain(old) is None  # a migration (and its backup) is due
    demo_register.chmod(0o644)
    assert read_plain(demo_register) is None  # the store makes it private first
    assert read_plain(tmp_path / "missing.sqlite") is None
    assert not (tmp_path / "missing.sqlite").exists()
    assert read_register("postgresql://server/register") is None


def _loaded_after(*arguments: str) -> list[str]:
    """The heavy packages a ``privdesk`` process has loaded when it ends."""
    code = ("import sys\nfrom privdesk.app import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'PySide6') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, check=True)
    return list(done.stdout.strip().splitlines()[-1:])


def test_reading_commands_help_and_version_load_no_database_library(
        demo_register: Path, tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere.sqlite"
    assert _loaded_after("list", "activities", "--json", "--db", str(demo_register)) == ["[]"]
    assert _loaded_after("dump", "--db", str(demo_register)) == ["[]"]
    assert _loaded_after("--help") == ["[]"]
    assert _loaded_after("--version", "--db", str(nowhere)) == ["[]"]
    assert not nowhere.exists()
