"""`privdesk load` of 10,000 activities (with processors and links) against raw sqlite3 inserts.

The floor inserts the same rows (processors, activities, links and audit entries, with the same
JSON text) into the same schema with the standard library's sqlite3 and executemany, in one
transaction: what the load could cost with no checking and no ORM at all.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure  # noqa: E402

from privdesk.domain import interchange, records  # noqa: E402
from privdesk.services import open_register  # noqa: E402
from privdesk.store.database import open_database  # noqa: E402
from privdesk.store.mapping import record_columns  # noqa: E402

ACTIVITIES = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
PROCESSORS = max(ACTIVITIES // 10, 1)


def make_register() -> records.Register:
    processors = tuple(
        records.Processor(ref=f"VEN-{i:05d}", name=f"Vendor {i}", country="NO" if i % 3 else "US",
                          role="subprocessor" if i % 4 else "processor",
                          parent=f"VEN-{i - i % 4:05d}" if i % 4 else None,
                          data_locations=("SE", "IE"), services="Learning platform")
        for i in range(PROCESSORS))
    activities = tuple(
        records.Activity(
            ref=f"PA-{i:06d}", name=f"Activity {i}", purposes=("Teaching", "Follow-up"),
            legal_bases=("6.1.e",), subjects=("pupils",),
            data_categories=("identity", "education"), data_items=("name", "class", "marks"),
            processors=(f"VEN-{i % PROCESSORS:05d}", f"VEN-{(i + 1) % PROCESSORS:05d}"),
            transfers=(records.Transfer(country="US", recipient="Vendor", safeguard="scc"),),
            retention="Two years after the pupil leaves", retention_period="P2Y",
            security="Role-based access", source="Teachers", systems=("LMS",), owner="Principal")
        for i in range(ACTIVITIES))
    return records.Register(activities=activities, processors=processors)


def main() -> None:
    register = make_register()
    text = interchange.dumps(register)
    folder = Path(tempfile.mkdtemp(prefix="privdesk-bench-"))
    counter = iter(range(1_000_000))
    state: dict[str, Path] = {}

    def fresh() -> None:
        path = folder / f"r{next(counter)}.sqlite"
        open_database(path).close()  # migrated, empty: both sides start from the same schema
        state["path"] = path

    def privdesk_load() -> None:
        with open_register(state["path"], actor="bench") as service:
            service.load(interchange.loads(text))

    def raw_inserts() -> None:
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
        connection = sqlite3.connect(state["path"])
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:
            processor_rows, activity_rows, links, audit = [], [], [], []
            for i, p in enumerate(register.processors, 1):
                c = record_columns("processors", p)
                processor_rows.append((i, p.ref, p.name, c["org_number"], c["country"], c["role"],
                                       c["services"], json.dumps(c["data_locations"]),
                                       json.dumps(c["dpa"]), json.dumps(c["certifications"]),
                                       now))
                audit.append((now, "processors", p.ref,
                              json.dumps(interchange.to_json(p), ensure_ascii=False)))
            ids = {p.ref: i for i, p in enumerate(register.processors, 1)}
            for i, a in enumerate(register.activities, 1):
                c = record_columns("activities", a)
                activity_rows.append((i, a.ref, a.name, c["role"], *(json.dumps(c[k]) for k in (
                    "purposes", "legal_bases", "special_conditions", "joint_controllers",
                    "controllers", "subjects", "data_categories", "data_items", "recipients",
                    "transfers", "dpia", "systems")), c["retention"], c["retention_period"],
                    c["security"], c["source"], c["owner"], c["status"], now))
                links.extend((i, ids[ref], n) for n, ref in enumerate(a.processors))
                audit.append((now, "activities", a.ref,
                              json.dumps(interchange.to_json(a), ensure_ascii=False)))
            connection.executemany(
                "INSERT INTO processor (id, ref, name, org_number, country, role, services, "
                "data_locations, dpa, certifications, version_id, updated_at, updated_by) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,1,?,'bench')", processor_rows)
            connection.executemany(
                "INSERT INTO activity (id, ref, name, role, purposes, legal_bases, "
                "special_conditions, joint_controllers, controllers, subjects, data_categories, "
                "data_items, recipients, transfers, dpia, systems, retention, retention_period, "
                "security, source, owner, status, version_id, updated_at, updated_by) VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,'bench')", activity_rows)
            connection.executemany(
                "INSERT INTO activity_processor (activity_id, processor_id, position) "
                "VALUES (?,?,?)", links)
            connection.executemany(
                "INSERT INTO audit_entry (at, actor, kind, ref, action, after) "
                "VALUES (?, 'bench', ?, ?, 'create', ?)", audit)
        connection.close()

    print(f"load of {ACTIVITIES} activities, {PROCESSORS} processors "
          f"({len(text) / 1e6:.1f} MB of JSON)")
    measure("load", privdesk_load, raw_inserts, target=3.0, repeat=3, setup=fresh,
            floor_setup=fresh)


if __name__ == "__main__":
    main()
