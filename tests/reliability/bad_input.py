"""Run privdesk on hostile input in a child with bounded memory and time, and judge the result.

A refusal is right when the command exits 1 with one line on standard error (``privdesk: ...``),
shows no traceback, and leaves the register exactly as it was (its SQL dump before and after
are equal). A command that accepts the input (exit 0) is right too, for inputs that are odd but
valid. Anything else is a failure: a traceback, another exit status, a changed register after a
refusal, memory above the limit, a time above the limit.

Two ways to run: ``run_limited`` starts ``python -m privdesk`` for one input (what a user runs);
``run_batch`` starts one child that runs many inputs through ``privdesk.cli.run`` in turn, each
under an alarm, for the corpus and the long fuzz runs (a child start costs more than most cases).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "broken"
MEMORY_LIMIT = 2 * 1024**3  # address space of the child (RLIMIT_AS)
TIME_LIMIT = 60.0


def limit_memory(limit: int = MEMORY_LIMIT) -> None:
    """For ``preexec_fn``: cap the child's address space."""
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def register_dump(path: Path) -> str:
    """Everything the register holds, as SQL (WAL included): equal dumps, equal registers."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@dataclass
class Verdict:
    """What one run did and, when it was wrong, why."""

    name: str
    code: int | None
    stderr: str
    problem: str | None = None


def judge(name: str, code: int | None, stderr: str, changed: bool,
          accept_success: bool = True) -> Verdict:
    """The verdict on one run by the rule in this module's docstring."""
    problem = None
    lines = [line for line in stderr.splitlines() if line.strip()]
    if "Traceback" in stderr:
        problem = "traceback"
    elif code is None:
        problem = "time limit"
    elif code == 1:
        if len(lines) != 1 or not lines[0].startswith("privdesk: "):
            problem = "refusal is not one line"
        elif changed:
            problem = "the register changed although the input was refused"
    elif code != 0 or not accept_success:
        problem = f"exit status {code}"
    return Verdict(name, code, stderr[-3000:], problem)


def run_limited(name: str, args: list[str], register: Path | None = None,
                timeout: float = TIME_LIMIT, memory: int = MEMORY_LIMIT,
                accept_success: bool = True) -> Verdict:
    """``python -m privdesk ARGS`` with bounded memory and time; the register checked."""
    before = register_dump(register) if register is not None else ""
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "privdesk", *args], cwd=ROOT, capture_output=True,
            text=True, timeout=timeout, preexec_fn=lambda: limit_memory(memory),
        )
        code: int | None = completed.returncode
        stderr = completed.stderr
    except subprocess.TimeoutExpired as expired:
        code = None
        raw = expired.stderr or b""
        stderr = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    changed = register is not None and register_dump(register) != before
    return judge(name, code, stderr, changed, accept_success)


# The batch child: runs each case through privdesk.cli.run under an alarm and reports, one
# JSON line per case, the exit status, what was written to stderr, a traceback if one escaped
# and whether the register changed.
_CHILD = r'''
import io, json, signal, sqlite3, sys, time, traceback

class TimeLimit(BaseException):
    pass

def alarm(signum, frame):
    raise TimeLimit()

def dump(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()

signal.signal(signal.SIGALRM, alarm)
from privdesk import cli

cases = json.load(open(sys.argv[1], encoding="utf-8"))
seconds = int(sys.argv[2])
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for case in cases:
        register = case.get("register")
        before = dump(register) if register else ""
        stderr = io.StringIO()
        context = cli.Context(stdout=io.StringIO(), stderr=stderr)
        code, error = None, None
        started = time.monotonic()
        signal.alarm(seconds)
        try:
            code = cli.run(case["argv"], context)
        except TimeLimit:
            error = "time limit"
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 2
        except BaseException:
            error = traceback.format_exc()
        finally:
            signal.alarm(0)
        changed = bool(register) and dump(register) != before
        out.write(json.dumps({"name": case["name"], "code": code, "error": error,
                              "stderr": stderr.getvalue(), "changed": changed,
                              "seconds": time.monotonic() - started}) + "\n")
        out.flush()
'''


def run_batch(cases: list[dict[str, Any]], folder: Path, seconds: int = 60,
              memory: int = MEMORY_LIMIT) -> list[Verdict]:
    """Run ``cases`` (``name``, ``argv``, optional ``register``) in one limited child."""
    folder.mkdir(parents=True, exist_ok=True)
    listing = folder / "cases.json"
    listing.write_text(json.dumps(cases), encoding="utf-8")
    results = folder / "results.jsonl"
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, str(listing), str(seconds), str(results)], cwd=ROOT,
        capture_output=True, text=True, timeout=seconds * len(cases) + 120,
        preexec_fn=lambda: limit_memory(memory),
    )
    verdicts = []
    done = set()
    if results.exists():
        for line in results.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            done.add(row["name"])
            if row["error"] == "time limit":
                verdicts.append(Verdict(row["name"], None, row["stderr"], "time limit"))
            elif row["error"]:
                verdicts.append(Verdict(row["name"], row["code"], row["error"][-3000:],
                                        "traceback"))
            else:
                verdicts.append(judge(row["name"], row["code"], row["stderr"], row["changed"]))
    for case in cases:
        if case["name"] not in done:
            verdicts.append(Verdict(case["name"], completed.returncode, completed.stderr[-3000:],
                                    "the child died"))
            break
    return verdicts


def fresh_copy(pristine: Path, folder: Path, name: str) -> Path:
    """A copy of a register file (closed, so no WAL) for one case."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / name
    shutil.copyfile(pristine, copy)
    os.chmod(copy, 0o600)
    return copy


def demo_register(folder: Path) -> Path:
    """A demo register made by ``privdesk init --demo`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.sqlite"
    subprocess.run([sys.executable, "-m", "privdesk", "init", "--demo", "--db", str(path)],
                   check=True, cwd=ROOT, capture_output=True, timeout=120)
    return path


def corpus(kind: str) -> list[Path]:
    """The committed broken files of one kind (``interchange``, ``workbooks``, ``policies``)."""
    return sorted(p for p in (CORPUS / kind).iterdir() if p.is_file())


def failures(verdicts: list[Verdict]) -> list[str]:
    return [f"{v.name}: {v.problem} (exit {v.code}): {v.stderr[-1500:]}"
            for v in verdicts if v.problem]
