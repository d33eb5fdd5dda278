"""Kill privdesk in the middle of an operation and check what survives (tests and benchmarks).

Each case starts a child process doing real work on a real register and kills it with SIGKILL;
then it checks, as the next start of privdesk would see it: the register opens,
``PRAGMA integrity_check`` is ok, every change the child reported as committed is there, and
nothing is half applied.

A kill proves something only if it lands inside the operation. The child (``WATCHED``) writes
``begin`` to a marker file when the operation starts and ``done`` when it has finished, and it
can stop itself at a chosen step inside it (before its Nth write statement to the database, or
after its Nth write to the document's temporary file) after writing ``inside``. The tests kill
at such a step, chosen at random, and check the markers: a kill before ``begin`` or after
``done`` is a failure, not a silent pass. The long suite (``benchmarks/crash_long.py``) also
kills at random moments and counts the kills that landed inside.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
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

from support import run_cli

ROOT = Path(__file__).resolve().parent.parent

# The child: python -c WATCHED MARKERS PAUSE_AT WATCH PROGRAM...
#   WATCH: "files" (the document's atomic write), "module:Owner.function" (a call), or
#          "script" (PROGRAM is "-c CODE ARGS" and calls begin() and done() itself);
#   PROGRAM: privdesk's arguments, or "-c CODE ARGS";
#   PAUSE_AT: stop for good at this step of the operation (0: never).
WATCHED = r"""
import contextlib, importlib, sys, time

markers, pause_at, watch, program = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
steps = 0
began = False


def mark(text):
    with open(markers, "a", encoding="utf-8") as file:
        file.write(text + "\n")


def begin():
    global began
    began = True
    mark("begin")


def done():
    global began
    began = False
    mark(f"done {steps}")


def step(what):
    global steps
    if not began:
        return
    steps += 1
    if steps == pause_at:
        mark(f"inside {steps} {what}")
        time.sleep(3600)  # the parent kills the child here


if watch == "files":
    from privdesk.documents import files

    class Handle:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            written = self.handle.write(data)
            step("write")
            return written

        def __getattr__(self, name):
            return getattr(self.handle, name)

    real_init, real_commit = files.StagedFile.__init__, files.StagedFile.commit

    def staged_init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.handle = Handle(self.handle)
        begin()  # the temporary file exists

    def staged_commit(self):
        real_commit(self)
        done()  # renamed into place

    files.StagedFile.__init__, files.StagedFile.commit = staged_init, staged_commit
else:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")

    def before_execute(connection, cursor, statement, *rest):
        verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if verb in WRITES:
            step(statement.lstrip()[:60].replace("\n", " "))

    event.listen(Engine, "before_cursor_execute", before_execute)

    # A file renamed into place, and each page of a SQLite backup copied, is a step too.
    import os
    import sqlite3

    real_replace = os.replace

    def replace(source, target, **kwargs):
        step(f"before renaming to {os.path.basename(target)}")
        real_replace(source, target, **kwargs)
        step(f"after renaming to {os.path.basename(target)}")

    os.replace = replace

    class Connection(sqlite3.Connection):
        def backup(self, target, *, pages=-1, progress=None, name="main", sleep=0.25):
            super().backup(target, pages=1, name=name, sleep=0,
                           progress=lambda *rest: step("backup page copied"))

    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        kwargs.setdefault("factory", Connection)
        return real_connect(*args, **kwargs)

    sqlite3.connect = connect
    if watch != "script":
        module_name, _, attribute = watch.partition(":")
        owner = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        real_call = getattr(owner, name)

        def watched(*args, **kwargs):
            begin()
            result = real_call(*args, **kwargs)
            done()
            return result

        setattr(owner, name, watched)

if program[0] == "-c":
    sys.argv = ["-c", *program[2:]]
    exec(compile(program[1], "<crash case>", "exec"), {"begin": begin, "done": done})
else:
    from privdesk.app import main

    raise SystemExit(main(program))
"""

EDIT_BURST = r"""
import sys
from privdesk.domain import records
from privdesk.services import open_register
with open_register(sys.argv[1], actor="crash") as service:
    begin()
    for i in range(int(sys.argv[2])):
        service.create(records.Activity(ref=f"PA-{i:05d}", name=f"Activity {i}",
                                        purposes=("p",) * 5))
        print(i, flush=True)
    done()
"""

MIGRATE = r"""
import sys
from privdesk.store.database import open_database
open_database(sys.argv[1]).close()
"""

WATCH_LOAD = "privdesk.services.register:RegisterService.load"
WATCH_LETTER = "privdesk.cli.letter:run_letter"
WATCH_BACKUP = "privdesk.store.backup:backup_sqlite"
WATCH_MIGRATION = "alembic.command:upgrade"


def start_watched(markers: Path, pause_at: int, watch: str, program: list[str], *,
                  env: dict[str, str] | None = None,
                  stdout: int = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """Start ``program`` (privdesk's arguments or ``-c CODE ARGS``) in a watched child."""
    markers.write_text("", encoding="utf-8")
    return subprocess.Popen([sys.executable, "-c", WATCHED, str(markers), str(pause_at), watch,
                             *program], cwd=ROOT, env=env, text=True, stdout=stdout,
                            stderr=subprocess.DEVNULL)


def read_markers(markers: Path) -> list[str]:
    return markers.read_text(encoding="utf-8").splitlines()


def kill_inside(process: subprocess.Popen[Any], markers: Path, label: str,
                outcome: Outcome, timeout: float = 180) -> None:
    """Kill the child once it stopped inside the operation; a failure if it never got there."""
    deadline = time.monotonic() + timeout
    while (process.poll() is None and time.monotonic() < deadline
           and not any(m.startswith("inside") for m in read_markers(markers))):
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _judge_kill(markers, label, outcome, required=True)


def _judge_kill(markers: Path, label: str, outcome: Outcome, required: bool) -> None:
    """Count a kill that landed between ``begin`` and ``done``; else fail when ``required``."""
    seen = read_markers(markers)
    began = "begin" in seen
    finished = any(m.startswith("done") for m in seen[seen.index("begin"):]) if began else False
    if began and not finished:
        outcome.interrupted += 1
        outcome.evidence.append(f"{label}: {seen[-1]}")
    elif required:
        when = "before the operation began" if not began else "after the operation ended"
        outcome.failures.append(f"{label}: the kill landed {when} (markers {seen})")


@dataclass
class Outcome:
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    # Kills that hit the moment the case is about (a file being written, a migration running):
    # a case that never hits it proves nothing, so the long suite prints this count.
    interrupted: int = 0
    # Files the killed children left in their temporary folder (openpyxl's sheet files).
    leftovers: int = 0
    # For each kill inside: the last marker, i.e. where the child was (step and statement).
    evidence: list[str] = field(default_factory=list)


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
    from privdesk.store.database import open_database

    open_database(path).close()


def _pause_at(rng: random.Random, delays: tuple[float, float] | None, low: int,
              high: int) -> int:
    """The step at which the child stops to be killed; 0 (never) when killing at random."""
    return 0 if delays else rng.randint(low, high)


def _kill(process: subprocess.Popen[Any], markers: Path, label: str, outcome: Outcome,
          rng: random.Random, delays: tuple[float, float] | None) -> None:
    """With ``delays``, kill at a random moment (counted if inside); else at the pause."""
    if delays is None:
        kill_inside(process, markers, label, outcome)
    else:
        _kill_after(process, rng.uniform(*delays))
        _judge_kill(markers, label, outcome, required=False)


def crash_during_load(folder: Path, runs: int, seed: int = 1,
                      delays: tuple[float, float] | None = None) -> Outcome:
    """SIGKILL while ``load`` writes 3000 activities in one transaction: all or nothing.

    Without ``delays`` each kill lands before the 2nd, 3rd or 4th of the load's four bulk
    write statements: some rows are written, the transaction is not committed.
    """
    rng, outcome = random.Random(seed), Outcome()
    source = folder / "big.json"
    big_interchange(source, 3000)
    empty = folder / "empty.sqlite"
    _run("init", "--db", str(empty))
    for run in range(runs):
        register = folder / f"load-{run}.sqlite"
        shutil.copy(empty, register)
        markers = folder / f"load-{run}.markers"
        process = start_watched(markers, _pause_at(rng, delays, 2, 4), WATCH_LOAD,
                                ["load", "--db", str(register), str(source)])
        label = f"load run {run}"
        _kill(process, markers, label, outcome, rng, delays)
        outcome.runs += 1
        open_after_crash(register)
        if integrity(register) != "ok":
            outcome.failures.append(f"{label}: integrity check failed")
        found = count(register, "activity")
        if found not in (0, 3000):
            outcome.failures.append(f"{label}: half a load ({found} activities)")
        if found == 0 and count(register, "audit_entry") != 0:
            outcome.failures.append(f"{label}: audit entries without their records")
    return outcome


def crash_during_edits(folder: Path, runs: int, seed: int = 2,
                       delays: tuple[float, float] | None = None) -> Outcome:
    """SIGKILL during a burst of edits, each its own transaction: every reported commit stays.

    Without ``delays`` each kill lands at a random write statement among the first 300 (a
    create writes the record, its links and its audit entry, so most land mid-transaction).
    """
    rng, outcome = random.Random(seed), Outcome()
    empty = folder / "empty.sqlite"
    _run("init", "--db", str(empty))
    for run in range(runs):
        register = folder / f"edits-{run}.sqlite"
        shutil.copy(empty, register)
        markers = folder / f"edits-{run}.markers"
        process = start_watched(markers, _pause_at(rng, delays, 2, 300), "script",
                                ["-c", EDIT_BURST, str(register), "100000"],
                                stdout=subprocess.PIPE)
        label = f"edit run {run}"
        _kill(process, markers, label, outcome, rng, delays)
        assert process.stdout is not None
        # Each line is printed after its commit returned: the last whole line is the last
        # change the child knew to be committed.
        lines = [line for line in process.stdout.read().split("\n")[:-1] if line.strip()]
        process.stdout.close()
        reported = int(lines[-1]) if lines else -1
        outcome.runs += 1
        open_after_crash(register)
        if integrity(register) != "ok":
            outcome.failures.append(f"{label}: integrity check failed")
        stored = count(register, "activity")
        if stored < reported + 1:
            outcome.failures.append(
                f"{label}: {reported + 1} reported committed, {stored} stored")
        if count(register, "audit_entry") != stored:
            outcome.failures.append(f"{label}: audit trail out of step with records")
    return outcome


def _run(*args: str, env: dict[str, str] | None = None) -> None:
    """Set-up and checks: privdesk run in this process (the kills are for the children)."""
    result = run_cli(*args, env=env)
    if result.code != 0:
        raise AssertionError(f"privdesk {' '.join(args)}: exit {result.code}: {result.stderr}")


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
                         delays: tuple[float, float] | None, register: Path,
                         steps: tuple[int, int]) -> Outcome:
    """Kill a command that writes ``folder/out/name`` again and again; check the file.

    Without ``delays`` each kill lands after a random write (within ``steps``) to the
    temporary file: the document is half written, so the previous one must be untouched.
    """
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
        markers = folder / f"{name}-{run}.markers"
        process = start_watched(markers, _pause_at(rng, delays, *steps), "files", arguments,
                                env=env)
        label = f"{name} run {run}"
        interrupted = outcome.interrupted
        _kill(process, markers, label, outcome, rng, delays)
        outcome.runs += 1
        current = target.read_bytes()
        if outcome.interrupted > interrupted:
            # Killed between the temporary's creation and the rename: half a file is there,
            # hidden, and the document the user sees is the previous one.
            if not _parts(out_folder, name):
                outcome.failures.append(f"{label}: killed mid-write but no temporary file")
            if current != previous:
                outcome.failures.append(f"{label}: the file changed though the write was cut")
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


def crash_during_export(folder: Path, runs: int, seed: int = 3,
                        delays: tuple[float, float] | None = None) -> Outcome:
    """SIGKILL during ``export-ropa``: the previous workbook stays whole.

    At random moments the register is big (5000 activities) so that the write takes a while;
    killed at a chosen write (of about 230 for 300 activities), 300 activities are enough.
    """
    register = folder / "big.sqlite"
    source = folder / "big.json"
    big_interchange(source, 5000 if delays else 300)
    _run("load", "--db", str(register), str(source))
    return _crash_during_output(folder, runs, random.Random(seed), "ropa.xlsx",
                                ["export-ropa"], _whole_zip, delays, register, (1, 200))


def crash_during_letter(folder: Path, runs: int, seed: int = 4,
                        delays: tuple[float, float] | None = None) -> Outcome:
    """SIGKILL during ``letter``: the previous letter stays whole, the register sound.

    The letter is written in one write: a chosen kill lands after it, before the rename.
    """
    register = folder / "demo.sqlite"
    _run("init", "--demo", "--db", str(register))
    return _crash_during_output(folder, runs, random.Random(seed), "letter.pdf",
                                ["letter", "--request", "DSAR-2026-001"], _whole_pdf,
                                delays, register, (1, 1))


CASES: dict[str, Callable[..., Outcome]] = {
    "load": crash_during_load,
    "edits": crash_during_edits,
    "export": crash_during_export,
    "letter": crash_during_letter,
}


OLD_SCHEMA = ROOT / "tests" / "fixtures" / "registers" / "schema-0001-demo.sqlite"


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


def crash_during_migration(folder: Path, runs: int, seed: int = 5,
                           delays: tuple[float, float] | None = None) -> Outcome:
    """SIGKILL while a register of an older schema is upgraded at open.

    Afterwards the register opens (the migration completes), ``integrity_check`` is ok, it
    holds all the data the old register held, and every backup beside it is a sound copy.
    Without ``delays`` each kill lands before a random one of the migration's 7 write
    statements (0001 to 0002), after the backup was taken.
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
        markers = folder / f"old-{run}.markers"
        process = start_watched(markers, _pause_at(rng, delays, 1, 7), WATCH_MIGRATION,
                                ["-c", MIGRATE, str(register)])
        label = f"migration run {run}"
        interrupted = outcome.interrupted
        _kill(process, markers, label, outcome, rng, delays)
        outcome.runs += 1
        if outcome.interrupted > interrupted and _schema(register) != old:
            outcome.failures.append(f"{label}: killed mid-migration, yet the schema moved on")
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


def _steps(folder: Path, label: str, watch: str, program: list[str]) -> int:
    """How many steps the operation takes: one run of the child to its end, not killed."""
    markers = folder / f"{label}-count.markers"
    process = start_watched(markers, 0, watch, program)
    process.wait(timeout=300)
    ends = [m for m in read_markers(markers) if m.startswith("done")]
    if process.returncode != 0 or not ends:
        raise AssertionError(f"{label}: the uncut run failed (markers {read_markers(markers)})")
    return int(ends[-1].split()[1])


def _recorded(register: Path) -> set[str]:
    with sqlite3.connect(register) as connection:
        rows = connection.execute("SELECT sha256 FROM sent_document").fetchall()
    connection.close()
    return {str(row[0]) for row in rows}


def crash_during_letter_record(folder: Path, runs: int = 0, seed: int = 6,
                               delays: tuple[float, float] | None = None) -> Outcome:
    """SIGKILL at every step of ``letter`` (each write statement, each rename): a letter on
    disk is always one the register records as sent.

    The steps are counted in an uncut run first; then a fresh register is killed at each of
    them (``runs`` > 0: at that many steps chosen at random).
    """
    rng, outcome = random.Random(seed), Outcome()
    template = folder / "demo.sqlite"
    _run("init", "--demo", "--db", str(template))
    out = folder / "out"
    out.mkdir()
    program = ["letter", "--request", "DSAR-2026-001", "--lang", "en", "--db"]
    count_register = folder / "count.sqlite"
    shutil.copy(template, count_register)
    total = _steps(folder, "letter", WATCH_LETTER,
                   [*program, str(count_register), "--out", str(folder / "count.pdf")])
    chosen = list(range(1, total + 1))
    if runs:
        chosen = sorted(rng.sample(chosen, min(runs, total)))
    for pause_at in chosen:
        register = folder / f"letter-{pause_at}.sqlite"
        shutil.copy(template, register)
        target = out / f"letter-{pause_at}.pdf"
        markers = folder / f"letter-{pause_at}.markers"
        process = start_watched(markers, 0 if delays else pause_at, WATCH_LETTER,
                                [*program, str(register), "--out", str(target)])
        label = f"letter killed at step {pause_at} of {total}"
        _kill(process, markers, label, outcome, rng, delays)
        outcome.runs += 1
        if integrity(register) != "ok":
            outcome.failures.append(f"{label}: register integrity check failed")
        if target.exists():
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            if digest not in _recorded(register):
                outcome.failures.append(f"{label}: a letter on disk the register does not "
                                        "record as sent")
        _check_folder(out, {p.name for p in out.glob("letter-*.pdf")}, label, outcome)
    return outcome


def _backup_problems(backups: Path, old: str | None) -> list[str]:
    """Names of files named like a backup that are not a sound copy of the old register."""
    broken = []
    for copy in sorted(backups.glob("*.sqlite")) if backups.exists() else []:
        try:
            sound = integrity(copy) == "ok" and _schema(copy) == old
        except sqlite3.DatabaseError:
            sound = False
        if not sound:
            broken.append(copy.name)
    return broken


def crash_during_backup(folder: Path, runs: int, seed: int = 7,
                        delays: tuple[float, float] | None = None) -> Outcome:
    """SIGKILL while the backup before a migration is copied (page by page, or at its rename).

    Afterwards no file named like a backup is broken; the next start (a fresh process)
    migrates, takes a whole backup and removes what the killed copy left.
    """
    rng, outcome = random.Random(seed), Outcome()
    old = _schema(OLD_SCHEMA)
    counted = folder / "count.sqlite"
    counted.write_bytes(OLD_SCHEMA.read_bytes())
    total = _steps(folder, "backup", WATCH_BACKUP, ["-c", MIGRATE, str(counted)])
    for run in range(runs):
        register = folder / f"old-{run}.sqlite"
        register.write_bytes(OLD_SCHEMA.read_bytes())
        os.chmod(register, 0o600)
        backups = folder / f"{register.name}.backups"
        markers = folder / f"old-{run}.markers"
        pause_at = _pause_at(rng, delays, 1, total)
        process = start_watched(markers, pause_at, WATCH_BACKUP, ["-c", MIGRATE, str(register)])
        label = f"backup run {run} (step {pause_at} of {total})"
        _kill(process, markers, label, outcome, rng, delays)
        outcome.runs += 1
        outcome.failures += [f"{label}: a broken file named like a backup: {name}"
                             for name in _backup_problems(backups, old)]
        # The next start is another process: what this one left is from an earlier run.
        restart = subprocess.run([sys.executable, "-c", MIGRATE, str(register)], cwd=ROOT,
                                 capture_output=True, text=True, timeout=300)
        if restart.returncode != 0:
            outcome.failures.append(f"{label}: the next start failed: {restart.stderr[-300:]}")
        outcome.failures += [f"{label}: after the next start, a broken backup: {name}"
                             for name in _backup_problems(backups, old)]
        if not list(backups.glob("*.sqlite")):
            outcome.failures.append(f"{label}: no backup after the next start")
        hidden = sorted(p.name for p in backups.iterdir() if p.name.startswith("."))
        if hidden:
            outcome.failures.append(f"{label}: the killed copy's leftovers stay: {hidden}")
    return outcome


CASES["letter-record"] = crash_during_letter_record
CASES["backup"] = crash_during_backup
