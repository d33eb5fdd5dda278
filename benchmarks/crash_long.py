"""The long crash suite: many SIGKILLs at random moments (the test run does a few).

Usage: .venv/bin/python benchmarks/crash_long.py [RUNS]   (default 50 per case)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from crash_cases import crash_during_edits, crash_during_load  # noqa: E402


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    failures = 0
    for name, case in (("load", crash_during_load), ("edits", crash_during_edits)):
        with tempfile.TemporaryDirectory(prefix=f"privdesk-crash-{name}-") as folder:
            outcome = case(Path(folder), runs, seed=1234)
        print(f"{name}: {outcome.runs} kills, {len(outcome.failures)} failures", flush=True)
        for failure in outcome.failures:
            print(f"  {failure}")
        failures += len(outcome.failures)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
