"""Kill privdesk at random moments and check what survives (used by tests and benchmarks).

Each case starts a child process doing real work on a real register, kills it with SIGKILL
after a random delay, and then checks, as the next start of privdesk would see it: the register
opens, ``PRAGMA integrity_check`` is ok, every change the child reported as committed is there,
and nothing is half applied.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

EDIT_BURST = r"""
import sys
from privdesk.domain import records
from privdesk.services import open_register
with open_register(sys.argv[1], actor="crash") as service:
    for i in range(int(sys.argv[2])):
        service.create(records.Activity(ref=f"PA-{i:05d}", name=f"Activity {i}",
                                        purposes=("p",) * 5))
        print(i, flush=True)
"""


@dataclass
class Outcome:
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    # Kills that hit the moment the case is about (a file being written, a migration running):
    # a case that never hits it proves nothing, so the long suite prints this count.
    interrupted: int = 0
    # Files the killed children left in their temporary folder (openpyxl's sheet files).
    leftovers: int = 0


def integrity(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _kill_after(process: subprocess.Popen[str], delay: float) -> None:
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _kill_when(process: subprocess.Popen[Any], condition: Callable[[], bool],
               extra: float) -> None:
    """Kill ``process`` ``extra`` seconds after ``condition`` first holds (or when it ends)."""
    while process.poll() is None and not condition():
        time.sleep(0.0005)
    time.sleep(extra)
    process.send_signal(signal.SIGKILL)
    process.wait()


def big_interchange(path: Path, activities: int) -> None:
    """An interchange file with many activities linked to processors."""
    processors = [{"ref": f"VEN-{i:04d}", "name": f"Vendor {i}"} for i in range(50)]
    items = [{"ref": f"PA-{i:05d}", "name": f"Activity {i}", "legal_bases": ["6.1.e"],
              "processors": [f"VEN-{i % 50:04d}"], "purposes": ["Teaching"] * 3}
             for i in range(activities)]
    path.write_text(json.dumps({"format": "privdesk-register", "version": 1,
                                "processors": processors, "activities": items}),
                    encoding="utf-8")


def open_after_crash(path: Path) -> None:
    """What the next start does: open (and migrate) the register through privdesk."""
    subprocess.run([sys.executable, "-c",
                    "import sys; from privdesk.store.database import open_database; "
                    "open_database(sys.argv[1]).close()", str(path)],
                   check=True, cwd=ROOT, timeout=120)


def crash_during_load(folder: Path, runs: int, seed: int = 1) -> Outcome:
    rng, outcome = random.Random(seed), Outcome()
    source = folder / "big.json"
    big_interchange(source, 3000)
    for run in range(runs):
        register = folder / f"load-{run}.sqlite"
        subprocess.run([sys.executable, "-m", "privdesk", "init", "--db", str(register)],
                       check=True, cwd=ROOT, capture_output=True, timeout=120)
        process = subprocess.Popen([sys.executable, "-m", "privdesk", "load", "--db",
                                    str(register), str(source)], cwd=ROOT, text=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _kill_after(process, rng.uniform(0.2, 3.0))
        outcome.runs += 1
        open_after_crash(register)
        if integrity(register) != "ok":
            outcome.failures.append(f"load run {run}: integrity check failed")
        found = count(register, "activity")
        if found not in (0, 3000):
            outcome.failures.append(f"load run {run}: half a load ({found} activities)")
        if found == 0 and count(register, "audit_entry") != 0:
            outcome.failures.append(f"load run {run}: audit entries without their records")
    return outcome


def crash_during_edits(folder: Path, runs: int, seed: int = 2) -> Outcome:
    rng, outcome = random.Random(seed), Outcome()
    for run in range(runs):
        register = folder / f"edits-{run}.sqlite"
        open_after_crash(register)
        process = subprocess.Popen([sys.executable, "-c", EDIT_BURST, str(register), "100000"],
                                   cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
        _kill_after(process, rng.uniform(0.5, 4.0))
        assert process.stdout is not None
        # Each line is printed after its commit returned: the last whole line is the last
        # change the child knew to be committed.
        lines = [line for line in process.stdout.read().split("\n")[:-1] if line.strip()]
        process.stdout.close()
        reported = int(lines[-1]) if lines else -1
        outcome.runs += 1
        open_after_crash(register)
        if integrity(register) != "ok":
            outcome.failures.append(f"edit run {run}: integrity check failed")
        stored = count(register, "activity")
        if stored < reported + 1:
            outcome.failures.append(
                f"edit run {run}: {reported + 1} reported committed, {stored} stored")
        if count(register, "audit_entry") != stored:
            outcome.failures.append(f"edit run {run}: audit trail out of step with records")
    return outcome


def _run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "privdesk", *args], check=True, cwd=cwd,
                   capture_output=True, timeout=300, env=env)


def _child_env(folder: Path) -> dict[str, str]:
    """The environment of a child whose temporary files land in ``folder`` (to count them)."""
    folder.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(folder)}


def _check_folder(folder: Path, expected: set[str], label: str, outcome: Outcome) -> None:
    """No file in ``folder`` a user would see (not a dot-file) besides ``expected``."""
    visible = sorted(p.name for p in folder.iterdir()
                     if p.name not in expected and not p.name.startswith("."))
    if visible:
        outcome.failures.append(f"{label}: stray visible files {visible}")


def _parts(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name}.*.part"))


def _whole_zip(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.testzip() is None and "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _whole_pdf(content: bytes) -> bool:
    return content.startswith(b"%PDF-") and b"%%EOF" in content[-1024:]


def _crash_during_output(folder: Path, runs: int, rng: random.Random, name: str,
                         command: list[str], whole: Callable[[bytes], bool],
                         delays: tuple[float, float], register: Path) -> Outcome:
    """Kill a command that writes ``folder/out/name`` again and again; check the file."""
    outcome = Outcome()
    out_folder = folder / "out"
    out_folder.mkdir()
    target = out_folder / name
    temporary = folder / "tmp"
    env = _child_env(temporary)
    arguments = [*command, "--db", str(register), "--out", str(target)]
    _run(*arguments, env=env)
    previous = target.read_bytes()
    for run in range(runs):
        process = subprocess.Popen([sys.executable, "-m", "privdesk", *arguments], cwd=ROOT,
                                   env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        if run % 2:
            # Every other run aims at the write itself: kill as soon as the temporary exists.
            _kill_when(process, lambda: bool(_parts(out_folder, name)),
                       rng.choice((0, 0, rng.uniform(0, 0.05))))
        else:
            _kill_after(process, rng.uniform(*delays))
        outcome.runs += 1
        label = f"{name} run {run}"
        if _parts(out_folder, name):
            outcome.interrupted += 1
        current = target.read_bytes()
        if current != previous:
            # The rename happened before the kill: then the new file must be whole.
            if not whole(current):
                outcome.failures.append(f"{label}: the file was replaced by a broken one")
            previous = current
        if target.stat().st_mode & 0o777 != 0o600:
            outcome.failures.append(f"{label}: mode {target.stat().st_mode & 0o777:o}")
        _check_folder(out_folder, {name}, label, outcome)
        if integrity(register) != "ok":
            outcome.failures.append(f"{label}: register integrity check failed")
    leftovers = sorted(temporary.iterdir())
    outcome.leftovers = len(leftovers)
    for path in leftovers:
        path.unlink()
    # The next normal run writes a whole file and removes what the killed runs left.
    _run(*arguments, env=env)
    if not whole(target.read_bytes()):
        outcome.failures.append(f"{name}: the run after the kills wrote a broken file")
    stale = _parts(out_folder, name)
    if stale:
        outcome.failures.append(f"{name}: temporaries left after a normal run: {stale}")
    return outcome


def crash_during_export(folder: Path, runs: int, seed: int = 3) -> Outcome:
    """SIGKILL during ``export-ropa`` of a big register: the previous workbook stays whole."""
    register = folder / "big.sqlite"
    source = folder / "big.json"
    big_interchange(source, 5000)
    _run("init", "--db", str(register))
    _run("load", "--db", str(register), str(source))
    return _crash_during_output(folder, runs, random.Random(seed), "ropa.xlsx",
                                ["export-ropa"], _whole_zip, (0.3, 4.5), register)


def crash_during_letter(folder: Path, runs: int, seed: int = 4) -> Outcome:
    """SIGKILL during ``letter``: the previous letter stays whole, the register sound."""
    register = folder / "demo.sqlite"
    _run("init", "--demo", "--db", str(register))
    return _crash_during_output(folder, runs, random.Random(seed), "letter.pdf",
                                ["letter", "--request", "DSAR-2026-001"], _whole_pdf,
                                (0.2, 1.6), register)


CASES: dict[str, Callable[..., Outcome]] = {
    "load": crash_during_load,
    "edits": crash_during_edits,
    "export": crash_during_export,
    "letter": crash_during_letter,
}


OLD_SCHEMA = ROOT / "tests" / "fixtures" / "registers" / "schema-0001-demo.sqlite"

MIGRATE = r"""
import sys
from privdesk.store.database import open_database
open_database(sys.argv[1]).close()
"""


def _schema(path: Path) -> str | None:
    with sqlite3.connect(path) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            return None
    return None if row is None else str(row[0])


def _dump(register: Path, out: Path) -> str:
    _run("dump", "--db", str(register), "--out", str(out))
    return out.read_text(encoding="utf-8")


def crash_during_migration(folder: Path, runs: int, seed: int = 5) -> Outcome:
    """SIGKILL while a register of an older schema is upgraded at open.

    Afterwards the register opens (the migration completes), ``integrity_check`` is ok, it
    holds all the data the old register held, and every backup beside it is a sound copy.
    """
    rng, outcome = random.Random(seed), Outcome()
    reference = folder / "reference.sqlite"
    reference.write_bytes(OLD_SCHEMA.read_bytes())
    old = _schema(reference)
    open_after_crash(reference)
    expected = _dump(reference, folder / "reference.json")
    for run in range(runs):
        register = folder / f"old-{run}.sqlite"
        register.write_bytes(OLD_SCHEMA.read_bytes())
        os.chmod(register, 0o600)
        backups = folder / f"{register.name}.backups"
        process = subprocess.Popen([sys.executable, "-c", MIGRATE, str(register)], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if run % 2:
            # Aim at the migration itself (tens of milliseconds on the demo register): it
            # starts once the backup is there.
            _kill_when(process, lambda b=backups: b.exists() and any(b.iterdir()),
                       rng.uniform(0, 0.04))
        else:
            _kill_after(process, rng.uniform(0.1, 0.6))
        outcome.runs += 1
        label = f"migration run {run}"
        if _schema(register) == old and backups.exists():
            outcome.interrupted += 1
        open_after_crash(register)
        if integrity(register) != "ok":
            outcome.failures.append(f"{label}: integrity check failed")
        if _dump(register, folder / f"dump-{run}.json") != expected:
            outcome.failures.append(f"{label}: the data differ from the old register's")
        copies = sorted(backups.glob("*.sqlite")) if backups.exists() else []
        if not copies:
            outcome.failures.append(f"{label}: no backup beside the register")
        for copy in copies:
            try:
                sound = integrity(copy) == "ok" and _schema(copy) == old
            except sqlite3.DatabaseError:
                sound = False
            if not sound:
                outcome.failures.append(f"{label}: a broken backup is left: {copy.name}")
    return outcome


CASES["migration"] = crash_during_migration
