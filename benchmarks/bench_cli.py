"""Commands as whole processes against bare Python doing the same work, alternately.

What the DPO waits for at the terminal is the whole process: start, imports, the register,
the output. Each figure is the median wall time of N runs of a fresh child process, run in
turn with its floor (A B A B ...), and the ratio of the medians:

- ``privdesk list activities --json`` on the demo register and on one ten and a hundred times
  larger, against ``python`` + ``sqlite3`` printing the same table as JSON (target <= 5x on
  the small register; the figure should grow with the register, not faster);
- ``privdesk --help`` and ``privdesk --version`` against ``python -c pass`` (no database is
  touched, SQLAlchemy is not imported);
- ``privdesk export-ropa`` of 10,000 activities against ``python`` + openpyxl's write-only
  mode writing the very same cells, read from a pickle made untimed beforehand (target
  <= 1.3x). ``--skip-export`` leaves it out (it takes a minute on a busy machine).

    .venv/bin/python benchmarks/bench_cli.py [--runs 7] [--skip-export]
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The floor of a reading command: the same table, as JSON, by the standard library alone.
SQLITE_FLOOR = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.row_factory = sqlite3.Row
rows = [dict(r) for r in connection.execute("SELECT * FROM activity ORDER BY ref")]
print(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
"""

# The floor of the workbook: openpyxl write-only appending the cells privdesk writes.
OPENPYXL_FLOOR = """
import pickle, sys
from openpyxl import Workbook
with open(sys.argv[1], "rb") as handle:
    sheets = pickle.load(handle)
workbook = Workbook(write_only=True)
for title, rows in sheets:
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)
workbook.save(sys.argv[2])
"""


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   env=env, cwd=ROOT, timeout=600)
    return time.perf_counter() - start


def compare(name: str, ours: list[str], floor: list[str], runs: int, target: float | None,
            env: dict[str, str]) -> float:
    wall(ours, env)  # warm-up: bytecode, file cache
    wall(floor, env)
    mine, base = [], []
    for _ in range(runs):
        mine.append(wall(ours, env))
        base.append(wall(floor, env))
    figure, bottom = statistics.median(mine), statistics.median(base)
    ratio = figure / bottom
    verdict = "" if target is None else (
        f"; target <= {target:g}: {'within target' if ratio <= target else 'OVER target'}")
    print(f"{name}: {figure * 1000:.0f} ms vs floor {bottom * 1000:.0f} ms -> ratio "
          f"{ratio:.2f} (medians of {runs}{verdict})", flush=True)
    return figure


def make_register(path: Path, activities: int, env: dict[str, str]) -> None:
    """A register with ``activities`` activities (the benchmark's municipality), by load."""
    from bench_ropa import make_register as municipality

    from privdesk.domain import interchange

    source = path.with_suffix(".json")
    source.write_text(interchange.dumps(municipality(activities)), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "privdesk", "load", str(source), "--db", str(path)],
                   check=True, capture_output=True, env=env, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    privdesk = [sys.executable, "-m", "privdesk"]
    with tempfile.TemporaryDirectory(prefix="privdesk-bench-") as name:
        folder = Path(name)
        env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"),
               "PRIVDESK_LOG_DIR": str(folder / "log")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode as an installed program has it
        demo = folder / "demo.sqlite"
        subprocess.run([*privdesk, "init", "--demo", "--db", str(demo)], check=True,
                       capture_output=True, env=env, cwd=ROOT)
        floor = [sys.executable, "-c", SQLITE_FLOOR]
        small = compare("list activities --json, demo register (5 activities)",
                        [*privdesk, "list", "activities", "--json", "--db", str(demo)],
                        [*floor, str(demo)], args.runs, 5.0, env)
        for size in (50, 500):
            larger = folder / f"register-{size}.sqlite"
            make_register(larger, size, env)
            figure = compare(f"list activities --json, {size} activities",
                             [*privdesk, "list", "activities", "--json", "--db", str(larger)],
                             [*floor, str(larger)], args.runs, None, env)
            print(f"  {figure / small:.1f}x the demo register's time for {size / 5:g}x "
                  "the activities")
        bare = [sys.executable, "-c", "pass"]
        compare("--help", [*privdesk, "--help"], bare, args.runs, 5.0, env)
        compare("--version", [*privdesk, "--version"], bare, args.runs, 5.0, env)
        if args.skip_export:
            return 0
        from bench_ropa import make_register as municipality
        from bench_ropa import rendered_sheets

        register = municipality(10_000)
        big = folder / "register-10000.sqlite"
        make_register(big, 10_000, env)
        cells = folder / "cells.pickle"
        # The cells as privdesk writes them (the floor does not render: it is given them).
        with cells.open("wb") as handle:
            pickle.dump(rendered_sheets(register), handle)
        compare("export-ropa, 10,000 activities",
                [*privdesk, "export-ropa", "--db", str(big), "--out",
                 str(folder / "ours.xlsx")],
                [sys.executable, "-c", OPENPYXL_FLOOR, str(cells), str(folder / "floor.xlsx")],
                max(3, args.runs // 2), 1.3, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
