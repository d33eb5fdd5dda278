"""A wrong ``--db`` harms nothing: refused in one line, the file left as it was."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT, CompletedCli, run_cli


@dataclass(frozen=True)
class Seen:
    """What a refusal must leave exactly as it was: the bytes, the mode and the mtime."""

    content: bytes
    mode: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Seen:
        status = path.stat()
        return cls(path.read_bytes(), stat.S_IMODE(status.st_mode), status.st_mtime_ns)


def text_file(folder: Path) -> Path:
    """An ordinary 0644 text file with an mtime in the past (so a write would show)."""
    path = folder / "notes.txt"
    path.write_text("Ring rektor om skolefotoet.\n", encoding="utf-8")
    path.chmod(0o644)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return path


def foreign_sqlite(folder: Path) -> Path:
    """Someone else's SQLite database, in WAL mode, 0644."""
    path = folder / "notes.sqlite"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('Ring rektor')")
        connection.commit()
    path.chmod(0o644)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return path


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ROPA workbook that import-ropa reads, so the refusal is about the register."""
    folder = tmp_path_factory.mktemp("workbook")
    register = folder / "demo.sqlite"
    assert run_cli("init", "--demo", "--db", str(register)).code == 0
    out = folder / "ropa.xlsx"
    assert run_cli("export-ropa", "--db", str(register), "--out", str(out)).code == 0
    return out


def commands(db: Path, folder: Path, workbook: Path) -> dict[str, tuple[str, ...]]:
    """Every command that reads or exports a register, with ``db`` as its ``--db``."""
    return {
        "list": ("list", "activities", "--db", str(db)),
        "dump": ("dump", "--db", str(db), "--out", str(folder / "out.json")),
        "export-ropa": ("export-ropa", "--db", str(db), "--out", str(folder / "out.xlsx")),
        "import-ropa": ("import-ropa", str(workbook), "--db", str(db)),
        "letter": ("letter", "--db", str(db), "--request", "DSAR-2026-001",
                   "--out", str(folder / "out.pdf")),
        "breach-report": ("breach-report", "--db", str(db), "--incident", "INC-2026-001",
                          "--out", str(folder / "out.pdf")),
    }


COMMANDS = ("list", "dump", "export-ropa", "import-ropa", "letter", "breach-report")


def refused_in_one_line(result: CompletedCli, expected: str) -> None:
    assert result.code == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_text_file_is_refused_and_left_as_it_was(tmp_path: Path, workbook: Path,
                                                  command: str) -> None:
    notes = text_file(tmp_path)
    before = Seen.of(notes)
    result = run_cli(*commands(notes, tmp_path, workbook)[command], "--lang", "en")
    refused_in_one_line(result, f"{notes} is not a privdesk register; nothing was changed")
    assert Seen.of(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_register_is_not_created(tmp_path: Path, workbook: Path,
                                           command: str) -> None:
    typo = tmp_path / "typo.sqlite"
    result = run_cli(*commands(typo, tmp_path, workbook)[command], "--lang", "en")
    refused_in_one_line(result, f"no register at {typo}; create one with `privdesk init`")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_default_register_is_not_created(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    result = run_cli("list", "activities", "--lang", "en", env=env)
    refused_in_one_line(result, "no register at")
    assert not (tmp_path / "data").exists()


def test_the_refusal_speaks_the_chosen_language(tmp_path: Path) -> None:
    typo = tmp_path / "typo.sqlite"
    result = run_cli("list", "activities", "--db", str(typo), "--lang", "nb")
    refused_in_one_line(result, f"det finnes ikke noe register i {typo}")
    result = run_cli("list", "activities", "--db", str(text_file(tmp_path)), "--lang", "sv")
    refused_in_one_line(result, "är inte ett privdesk-register; inget ändrades")


@pytest.mark.parametrize("command", ["list", "export-ropa", "dump"])
def test_a_foreign_sqlite_database_is_refused_and_left_as_it_was(
        tmp_path: Path, workbook: Path, command: str) -> None:
    database = foreign_sqlite(tmp_path)
    before = Seen.of(database)
    result = run_cli(*commands(database, tmp_path, workbook)[command], "--lang", "en")
    refused_in_one_line(result, f"{database} is not a privdesk register")
    assert Seen.of(database) == before
    # Reading it did not even leave a write-ahead log or shared memory beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


@pytest.mark.parametrize("command", ["init", "load"])
def test_the_commands_that_create_refuse_a_file_that_is_not_a_register(
        tmp_path: Path, command: str) -> None:
    source = tmp_path / "source.json"
    source.write_text('{"format": "privdesk-register", "version": 1}', encoding="utf-8")
    arguments = {"init": ("init",), "load": ("load", str(source))}[command]
    for target in (text_file(tmp_path), foreign_sqlite(tmp_path)):
        before = Seen.of(target)
        result = run_cli(*arguments, "--db", str(target), "--lang", "en")
        refused_in_one_line(result, f"{target} is not a privdesk register")
        assert Seen.of(target) == before


def test_an_empty_file_is_refused_by_init_and_by_list(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    empty.chmod(0o644)
    before = Seen.of(empty)
    for arguments in (("init",), ("list", "activities")):
        result = run_cli(*arguments, "--db", str(empty), "--lang", "en")
        refused_in_one_line(result, f"{empty} is an empty file, not a privdesk register")
        assert Seen.of(empty) == before


def test_init_creates_a_private_register_that_the_readers_then_open(tmp_path: Path) -> None:
    register = tmp_path / "new" / "register.sqlite"
    assert run_cli("init", "--db", str(register)).code == 0
    assert stat.S_IMODE(register.stat().st_mode) == 0o600
    listed = run_cli("list", "activities", "--db", str(register), "--json")
    assert listed.code == 0 and listed.stdout.strip() == "[]"


def test_load_creates_a_missing_register(tmp_path: Path) -> None:
    source = tmp_path / "source.json"
    source.write_text('{"format": "privdesk-register", "version": 1, '
                      '"activities": [{"ref": "PA-1", "name": "Lesing"}]}', encoding="utf-8")
    register = tmp_path / "loaded.sqlite"
    assert run_cli("load", "--db", str(register), str(source)).code == 0
    assert stat.S_IMODE(register.stat().st_mode) == 0o600
    assert '"PA-1"' in run_cli("list", "activities", "--db", str(register), "--json").stdout


def test_the_window_refuses_a_text_file_too(tmp_path: Path) -> None:
    notes = text_file(tmp_path)
    before = Seen.of(notes)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    completed = subprocess.run(
        [sys.executable, "-m", "privdesk", "--self-test", "--db", str(notes)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert "is not a privdesk register" in completed.stderr
    assert Seen.of(notes) == before
