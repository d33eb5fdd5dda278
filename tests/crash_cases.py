"""Kill privdesk at random moments and check what survives (used by tests and benchmarks).

Each case starts a child process doing real work on a real register, kills it with SIGKILL
after a random delay, and then checks, as the next start of privdesk would see it: the register
opens, ``PRAGMA integrity_check`` is ok, every change the child reported as committed is there,
and nothing is half applied.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

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
