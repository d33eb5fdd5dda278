"""The long crash suite: many SIGKILLs at random moments (the test run does a few).

Usage: .venv/bin/python benchmarks/crash_long.py [RUNS] [CASE ...]   (default 50 per case)

For each case it prints the kills, the kills that landed inside the moment the case is about
(a file being written, a migration running), the files killed children left in the temporary
folder, and the failures found.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from crash_cases import CASES  # noqa: E402


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    chosen = sys.argv[2:] or list(CASES)
    failures = 0
    for name in chosen:
        case = CASES[name]
        with tempfile.TemporaryDirectory(prefix=f"privdesk-crash-{name}-") as folder:
            outcome = case(Path(folder), runs, seed=1234)
        print(f"{name}: {outcome.runs} kills, {outcome.interrupted} inside the critical moment, "
              f"{outcome.leftovers} leftover temporary files, {len(outcome.failures)} failures",
              flush=True)
        for failure in outcome.failures:
            print(f"  {failure}")
        failures += len(outcome.failures)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
