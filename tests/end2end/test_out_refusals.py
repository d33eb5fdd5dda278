"""``--out`` never destroys what it names: the register, its working files, a folder, or a file
of another kind are refused in one line, exit 1, left as they were, and nothing is recorded."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import pytest
from support import run_cli

WRITERS = {
    "dump": ["dump"],
    "export-ropa": ["export-ropa"],
    "letter": ["letter", "--request", "DSAR-2026-001"],
    "breach-report": ["breach-report", "--incident", "INC-2026-001"],
}
OTHER_KIND = {"dump": "out.pdf", "export-ropa": "out.json", "letter": "out.xlsx",
              "breach-report": "out.json"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _documents(register: Path) -> int:
    with contextlib.closing(sqlite3.connect(register)) as connection:
        return int(connection.execute("SELECT count(*) FROM sent_document").fetchone()[0])


def _refused(result: object, register: Path, kept: int) -> None:
    code, stderr = result.code, result.stderr  # type: ignore[attr-defined]
    assert code == 1, stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert _documents(register) == kept  # nothing recorded as sent


@pytest.mark.parametrize("command", list(WRITERS))
def test_out_naming_the_register_is_refused(command: str, demo_register: Path) -> None:
    before, kept = _digest(demo_register), _documents(demo_register)

    result = run_cli(*WRITERS[command], "--db", str(demo_register), "--out",
                     str(demo_register), "--lang", "en")

    _refused(result, demo_register, kept)
    assert "register" in result.stderr
    assert _digest(demo_register) == before
    assert run_cli("list", "activities", "--db", str(demo_register)).code == 0


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_out_naming_a_working_file_of_the_register_is_refused(suffix: str,
                                                              demo_register: Path) -> None:
    target = demo_register.with_name(demo_register.name + suffix)
    target.unlink(missing_ok=True)
    kept = _documents(demo_register)

    result = run_cli("letter", "--request", "DSAR-2026-001", "--db", str(demo_register),
                     "--out", str(target), "--lang", "en")

    assert not target.exists()
    _refused(result, demo_register, kept)


@pytest.mark.parametrize("command", list(WRITERS))
def test_out_onto_a_file_of_another_kind_is_refused(command: str, demo_register: Path) -> None:
    # Another register, a text file, and a document of another kind privdesk writes.
    other_register = demo_register.with_name("other.sqlite")
    other_register.write_bytes(demo_register.read_bytes())
    notes = demo_register.with_name("notes.txt")
    notes.write_text("the DPO's notes\n", encoding="utf-8")
    document = demo_register.with_name(OTHER_KIND[command])
    kind_maker = {"out.pdf": ["letter", "--request", "DSAR-2026-001"], "out.json": ["dump"],
                  "out.xlsx": ["export-ropa"]}[document.name]
    assert run_cli(*kind_maker, "--db", str(other_register), "--out", str(document)).code == 0
    kept = _documents(demo_register)
    for target in (other_register, notes, document):
        before = _digest(target)

        result = run_cli(*WRITERS[command], "--db", str(demo_register), "--out", str(target),
                         "--lang", "en")

        _refused(result, demo_register, kept)
        assert _digest(target) == before, target
    assert sorted(p.name for p in demo_register.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("command", list(WRITERS))
def test_out_onto_a_folder_is_refused_before_any_work(command: str,
                                                      demo_register: Path) -> None:
    folder = demo_register.with_name("letters")
    folder.mkdir()
    (folder / "kept.pdf").write_bytes(b"%PDF-1.7 an earlier letter")
    kept = _documents(demo_register)

    result = run_cli(*WRITERS[command], "--db", str(demo_register), "--out", str(folder),
                     "--lang", "en")

    _refused(result, demo_register, kept)
    assert "this is a folder" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["kept.pdf"]


@pytest.mark.parametrize("command", list(WRITERS))
def test_out_onto_an_earlier_document_of_the_same_kind_replaces_it(
        command: str, demo_register: Path) -> None:
    target = demo_register.with_name("document.out")
    assert run_cli(*WRITERS[command], "--db", str(demo_register), "--out", str(target)).code == 0
    first = target.read_bytes()
    target.write_bytes(first + b" ")  # the same kind, but not the same bytes

    result = run_cli(*WRITERS[command], "--db", str(demo_register), "--out", str(target))

    assert result.code == 0, result.stderr
    assert target.read_bytes() != first + b" "
