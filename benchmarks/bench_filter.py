"""Filtering 100,000 activities as the DPO types in the search field (target: < 100 ms/key).

The figure is one keystroke end to end: the search field's text changes, the activities page
filters its model, and the table view repaints (``processEvents`` after each key, offscreen).
A word is typed letter by letter, then erased letter by letter (erasing widens the filter, the
slower direction), and a second word is typed after a space. Prints the mean and the worst
keystroke, and the time to fill the list once (not per keystroke).

    .venv/bin/python benchmarks/bench_filter.py [ROWS]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from privdesk.domain import codes  # noqa: E402
from privdesk.domain import records as rec  # noqa: E402
from privdesk.gui.columns import activity_columns  # noqa: E402
from privdesk.gui.language import set_language  # noqa: E402
from privdesk.gui.main_window import ListPage  # noqa: E402
from privdesk.gui.settings import Settings  # noqa: E402

TARGET_MS = 100.0
WORDS = ("mathematics practice reading homework help special needs assignments feedback "
         "adult education exams library canteen transport photos sports health nurse "
         "attendance timetable grades portfolio tutoring music art swimming trips").split()
PLACES = ("Nordvik Ålesund Tromsø Bodø Lillehammer Göteborg Malmö Växjö Umeå Örebro").split()


def activities(count: int) -> list[rec.Activity]:
    chance = random.Random(6)
    processors = [f"VEN-{i:04d}" for i in range(1, 1001)]
    made = []
    for i in range(count):
        name = " ".join(chance.sample(WORDS, 3)).capitalize() + " in " + chance.choice(PLACES)
        made.append(rec.Activity(
            ref=f"PA-{i + 1:06d}", name=name,
            role=chance.choice(codes.ACTIVITY_ROLES),
            legal_bases=(chance.choice(codes.LEGAL_BASES),),
            subjects=tuple(chance.sample(codes.SUBJECT_GROUPS, 2)),
            data_categories=tuple(chance.sample(codes.DATA_CATEGORIES, 3)),
            processors=tuple(chance.sample(processors, 2)),
            status=chance.choice(codes.ACTIVITY_STATUSES),
            owner=chance.choice(("Principal", "Head of IT", "School nurse", "Rektor")),
        ))
    return made


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("privdesk-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    set_language("nb")
    records = activities(rows)
    names = {f"VEN-{i:04d}": f"Vendor {i} AS" for i in range(1, 1001)}
    page = ListPage("activities", activity_columns(names), Settings())
    search = QLineEdit()
    search.textChanged.connect(page.set_filter)
    page.resize(1200, 700)
    page.show()
    start = time.perf_counter()
    page.set_records(records)
    app.processEvents()
    fill = time.perf_counter() - start

    typed = "tromsø"
    keystrokes = [typed[:i] for i in range(1, len(typed) + 1)]
    keystrokes += [typed[:i] for i in range(len(typed) - 1, -1, -1)]
    keystrokes += [f"{word[:i]}" for word in ("homework",) for i in range(1, 9)]
    keystrokes += [f"homework {'nordvik'[:i]}" for i in range(1, 8)]
    times = []
    shown = []
    for text in keystrokes:
        begin = time.perf_counter()
        search.setText(text)
        app.processEvents()
        times.append(time.perf_counter() - begin)
        shown.append(page.model.rowCount())
    mean, worst = statistics.mean(times) * 1000, max(times) * 1000
    verdict = "within target" if worst < TARGET_MS else "OVER target"
    print(f"filter {rows:,} activities: {mean:.1f} ms per keystroke on average, worst "
          f"{worst:.1f} ms over {len(times)} keystrokes (target < {TARGET_MS:g} ms; {verdict})")
    print(f"  filling the list once: {fill * 1000:.0f} ms; rows shown after the last key: "
          f"{shown[-1]:,}")
    page.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
