"""Applying an import of N and of 2N new processors: the time should double, not quadruple.

The figure is ``RegisterService.apply`` (what ``import-ropa`` runs once the workbook is read)
creating N processors, a third of them subprocessors of another, in an empty SQLite register;
the "floor" is the same for N / 2, so a linear apply prints a ratio near 2 and a quadratic one
near 4 (issue 20: 900 processors took 13 s, 1,800 took 50 s).

    .venv/bin/python benchmarks/bench_import.py [--processors 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure  # noqa: E402

from privdesk.domain.records import Processor  # noqa: E402
from privdesk.services import open_register  # noqa: E402


def processors(count: int) -> list[Processor]:
    """``count`` processors; every third is engaged by the one before it."""
    return [Processor(ref=f"VEN-{i:05d}", name=f"Vendor {i}",
                      role="subprocessor" if i % 3 == 2 else "processor",
                      parent=f"VEN-{i - 1:05d}" if i % 3 == 2 else None)
            for i in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processors", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        runs = iter(range(10_000))

        def apply(count: int) -> None:
            with open_register(Path(folder) / f"r{next(runs)}.sqlite") as service:
                service.apply(processors(count))

        result = measure(f"apply {args.processors} vs {args.processors // 2} new processors",
                         lambda: apply(args.processors), lambda: apply(args.processors // 2),
                         target=2.5, repeat=args.repeat)
    return 0 if result.ratio <= result.target else 1


if __name__ == "__main__":
    raise SystemExit(main())
