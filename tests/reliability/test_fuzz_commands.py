"""Every command of docs/cli.md, fed any bytes as its input file and any kind of path as its
``--db`` and ``--out``, ends with exit 0, or exit 1 with one line (exit 2 with argparse's
usage), never a traceback, and a refusal leaves the register as it was (issue 20).

Bounds, stated and enforced: each run of a batch of cases is one child process limited to
2 GB of address space (``RLIMIT_AS``, ``bad_input.MEMORY_LIMIT``), each case to 30 seconds
(an alarm in the child). The test run tries ``examples(2)`` batches of six cases (a few
seconds each); ``benchmarks/fuzz_long.py`` runs twenty times as many.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest
from bad_input import Verdict, failures, fresh_copy, run_batch
from hostile_text import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CASE_SECONDS = 30
CASES_PER_BATCH = 6

# Where a file given as input comes from: any bytes, or the start of a real document of each
# kind with bytes changed (so the parsers get past their first check).
SEEDS = {
    "json": b'{"format": "privdesk-register", "version": 1, "organisation": null, ',
    "incident": b'{"title": "Lost laptop", "aware_at": "2026-11-20T08:00:00+01:00", ',
    "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    "pdf": b"%PDF-1.7\n",
    "html": b"<html><body><p>We store data in Sweden for 30 days.</p>",
}
INPUTS = st.one_of(
    st.binary(max_size=2048),
    st.builds(lambda seed, tail: SEEDS[seed] + tail, st.sampled_from(sorted(SEEDS)),
              st.binary(max_size=512)),
    st.text(max_size=512).map(lambda text: text.encode("utf-8", "surrogatepass")),
)
# The kinds of path a user can give as --db or --out by mistake, and the right ones.
PATH_KINDS = ("register", "fresh", "directory", "text", "missing folder", "/dev/zero",
              "empty")
# Each command with the options it takes; FILE, DB and OUT are filled in per case.
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("init", "--db", "DB"),
    ("dump", "--db", "DB", "--out", "OUT.json"),
    ("load", "FILE", "--db", "DB", "--replace"),
    ("list", "activities", "--db", "DB", "--json"),
    ("list", "incidents", "--db", "DB"),
    ("export-ropa", "--db", "DB", "--out", "OUT.xlsx"),
    ("import-ropa", "FILE", "--db", "DB"),
    ("import-ropa", "FILE", "--db", "DB", "--dry-run"),
    ("letter", "--request", "DSAR-2026-001", "--db", "DB", "--out", "OUT.pdf"),
    ("assess-incident", "FILE", "--json"),
    ("breach-report", "--incident", "INC-2026-001", "--db", "DB", "--out", "OUT.pdf"),
    ("review-policy", "FILE"),
    ("review-policy", "FILE", "--json", "--vendors", "FILE"),
)
CASES = st.tuples(st.sampled_from(COMMANDS), INPUTS, st.sampled_from(PATH_KINDS),
                  st.sampled_from(PATH_KINDS))

_numbers = itertools.count()


@pytest.fixture(scope="module")
def pristine(template_registers: dict[str, Path]) -> Path:
    return template_registers["demo"]


def _path(kind: str, folder: Path, pristine: Path, name: str) -> tuple[str, Path | None]:
    """A path of ``kind`` in ``folder`` and, for a register, the register to check."""
    if kind == "/dev/zero":
        return kind, None
    if kind == "register":
        copy = fresh_copy(pristine, folder, f"{name}.sqlite")
        return str(copy), copy
    if kind == "directory":
        (folder / name).mkdir()
        return str(folder / name), None
    if kind == "text":
        (folder / name).write_text("Ring rektor om skolefotoet.\n", encoding="utf-8")
    elif kind == "empty":
        (folder / name).write_bytes(b"")
    elif kind == "missing folder":
        return str(folder / "no such folder" / name), None
    return str(folder / name), None


def _case(command: tuple[str, ...], content: bytes, db: str, out: str, folder: Path,
          pristine: Path) -> dict[str, Any]:
    folder.mkdir(parents=True)
    source = folder / "input"
    source.write_bytes(content)
    db_path, register = _path(db, folder, pristine, "db")
    argv = []
    for word in command:
        if word == "FILE":
            argv.append(str(source))
        elif word == "DB":
            argv.append(db_path)
        elif word.startswith("OUT"):
            suffix = word.removeprefix("OUT")
            argv.append(_path(out, folder, pristine, f"out{suffix}")[0])
        else:
            argv.append(word)
    case: dict[str, Any] = {"name": " ".join([*command, f"[db: {db}, out: {out}]"]),
                            "argv": argv}
    if register is not None:
        case["register"] = str(register)
    return case


def _acceptable(verdict: Verdict) -> bool:
    """``judge``'s rule, and exit 2 with argparse's usage for a usage error."""
    if verdict.problem == "exit status 2":
        return "usage:" in verdict.stderr and "Traceback" not in verdict.stderr
    return verdict.problem is None


@settings(max_examples=examples(2), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(batch=st.lists(CASES, min_size=CASES_PER_BATCH, max_size=CASES_PER_BATCH))
def test_every_command_ends_in_one_line_within_bounds(
        batch: list[tuple[tuple[str, ...], bytes, str, str]], pristine: Path,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("fuzz-commands")
    try:
        cases = [_case(command, content, db, out, root / f"case{next(_numbers)}", pristine)
                 for command, content, db, out in batch]
        verdicts = run_batch(cases, root / "batch", seconds=CASE_SECONDS)
        wrong = [v for v in verdicts if not _acceptable(v)]
        assert not wrong, "\n".join(failures(wrong))
    finally:
        shutil.rmtree(root, ignore_errors=True)
