"""ROPA workbook export of 10,000 activities against a bare streaming writer (target ≤ 1.3×).

The figure is everything ``write_ropa`` does: rendering codes as words in nb, countries and
references with names, the safe-cell function on every value, styles, column widths from a
sample, row heights, tables, print set-up, the atomic 0600 write. The floor is openpyxl's
write-only mode writing the same cell values (rendered untimed beforehand) with ``append``
and nothing else: no styles, no tables, no safety. When XlsxWriter is importable, its
``constant_memory`` mode writing the same values is measured too and printed as a second
ratio (XlsxWriter is not a dependency of privdesk: install it for the benchmark only).

Memory: each size runs in a child process, which builds the register, notes its peak resident
size, exports, and notes the peak again; the difference is what the export needed.

    .venv/bin/python benchmarks/bench_ropa.py [--activities 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure  # noqa: E402

from privdesk.documents.files import no_progress  # noqa: E402
from privdesk.documents.ropa_headings import (  # noqa: E402
    CONTROLLER_RECORD,
    INCIDENTS,
    PROCESSOR_RECORD,
    PROCESSORS,
    TRANSFERS,
)
from privdesk.documents.ropa_xlsx import Renderer, write_ropa  # noqa: E402
from privdesk.domain.records import (  # noqa: E402
    Activity,
    Agreement,
    Contact,
    Dpia,
    Incident,
    Organisation,
    Processor,
    Register,
    Transfer,
)

EXPORTED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ORGANISATION = Organisation(
    name="Nordvik kommune", org_number="987654321", country="NO", language="nb",
    address="Rådhusgata 1, 1234 Nordvik", email="post@nordvik.example", phone="+47 22 00 00 00",
    dpo=Contact(name="Ingrid Solberg", email="pvo@nordvik.example", phone="+47 22 00 00 10"),
)


def make_register(activities: int) -> Register:
    """A municipality's register: one vendor (and a subprocessor) per five activities, a
    transfer on every third activity, an incident per ten."""
    vendors = max(1, activities // 5)
    processors = []
    for n in range(vendors):
        processors.append(Processor(
            ref=f"VEN-{n:05d}", name=f"Læringsleverandør {n} AS", org_number="912345678",
            country="NO", role="processor", services="Læringsplattform for grunnskolen",
            data_locations=("NO", "SE"), certifications=("ISO/IEC 27001",),
            dpa=Agreement(signed=date(2024, 8, 1), review_due=date(2026, 8, 1),
                          reference=f"DBA-{n}"),
            contact="personvern@leverandor.example", policy_url="https://leverandor.example/pv"))
        processors.append(Processor(
            ref=f"VEN-{n:05d}-S", name=f"Driftspartner {n} AB", country="SE",
            role="subprocessor", parent=f"VEN-{n:05d}", services="Drift", data_locations=("SE",),
            dpa=Agreement(signed=date(2024, 8, 1))))
    items = []
    for n in range(activities):
        vendor = f"VEN-{n % vendors:05d}"
        items.append(Activity(
            ref=f"PA-{n:05d}", name=f"Digital læringsressurs nr. {n} for mellomtrinnet",
            role="processor" if n % 25 == 0 else "controller",
            controllers=("Nordvik kommune",) if n % 25 == 0 else (),
            purposes=("Tilpasset opplæring i matematikk", "Oppfølging av elevenes progresjon"),
            legal_bases=("6.1.e",), legal_basis_note="Opplæringslova § 1-1",
            special_conditions=("9.2.g",) if n % 7 == 0 else (),
            subjects=("pupils", "staff"), data_categories=("identity", "education", "behaviour"),
            data_items=("navn", "klasse", "ferdighetsnivå", "poeng"),
            recipients=("Leverandøren som databehandler",), processors=(vendor,),
            transfers=(Transfer(country="US", recipient=vendor, safeguard="scc"),)
            if n % 3 == 0 else (),
            retention="Slettes to måneder etter at abonnementet avsluttes",
            retention_period="P2M", security="Feide-innlogging, tilgangsstyring, kryptering",
            source="Registrert av lærere", dpia=Dpia(required=n % 10 == 0),
            systems=("Læringsplattformen",), owner="Rektor", status="active",
            review_due=date(2027, 6, 30)))
    incidents = []
    for n in range(activities // 10):
        aware = datetime(2026, 1, 1, 8, 0, tzinfo=UTC) + timedelta(hours=n)
        incidents.append(Incident(
            ref=f"INC-{n:05d}", title=f"Klasseliste sendt til feil foresatte ({n})",
            description="En lærer sendte klasselisten til feil foreldregruppe.",
            occurred_at=aware - timedelta(hours=2), aware_at=aware,
            breach_types=("confidentiality",), data_categories=("identity",),
            subject_groups=("pupils",), subjects_count=26, records_count=26, children=True,
            exposure="known_untrusted", consequences="Foreldre så navn på andres barn",
            measures="Mottakerne ble bedt om å slette e-posten", activities=(f"PA-{n:05d}",),
            decision_note="Lav risiko: ikke meldt", status="closed"))
    return Register(organisation=ORGANISATION, activities=tuple(items),
                    processors=tuple(processors), incidents=tuple(incidents))


def rendered_sheets(register: Register) -> list[tuple[str, list[list[Any]]]]:
    """The cell values of every data sheet, as ``write_ropa`` renders them."""
    renderer = Renderer(register, "nb", EXPORTED.date())
    sheets = []
    for spec, items in (
        (CONTROLLER_RECORD, [a for a in register.activities if a.role != "processor"]),
        (PROCESSOR_RECORD, [a for a in register.activities if a.role == "processor"]),
        (PROCESSORS, list(register.processors)),
        (INCIDENTS, list(register.incidents)),
    ):
        rows = [[renderer.gettext(c.heading) for c in spec.columns]]
        rows += [[renderer.value(item, c) for c in spec.columns] for item in items]
        sheets.append((spec.table, rows))
    transfers = [[renderer.gettext(c.heading) for c in TRANSFERS.columns]]
    transfers += [renderer.transfer_row(a.ref, t) for a in register.activities
                  for t in renderer.transfers(a)]
    sheets.append((TRANSFERS.table, transfers))
    return sheets


def openpyxl_floor(sheets: list[tuple[str, list[list[Any]]]], out: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(out)


def xlsxwriter_floor(sheets: list[tuple[str, list[list[Any]]]], out: Path) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(out), {"constant_memory": True,
                                              "strings_to_formulas": False,
                                              "strings_to_urls": False})
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    for title, rows in sheets:
        sheet = workbook.add_worksheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, date):
                    sheet.write_datetime(r, c, value, date_format)
                else:
                    sheet.write(r, c, value)
    workbook.close()


def memory_child(activities: int) -> None:
    register = make_register(activities)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as folder:
        write_ropa(register, Path(folder) / "ropa.xlsx", "nb", None, EXPORTED, no_progress)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{before} {after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child is not None:
        memory_child(args.memory_child)
        return

    register = make_register(args.activities)
    sheets = rendered_sheets(register)
    cells = sum(len(row) for _, rows in sheets for row in rows)
    print(f"{args.activities} activities, {len(register.processors)} processors, "
          f"{len(register.incidents)} incidents: {cells} cells")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        measure(f"export-ropa {args.activities} activities (floor: openpyxl write-only)",
                lambda: write_ropa(register, out / "ours.xlsx", "nb", None, EXPORTED,
                                   no_progress),
                lambda: openpyxl_floor(sheets, out / "floor.xlsx"),
                target=1.3, repeat=args.repeat)
        try:
            import xlsxwriter  # noqa: F401
        except ImportError:
            print("XlsxWriter is not installed: no second floor")
        else:
            measure(f"export-ropa {args.activities} activities (floor: XlsxWriter "
                    "constant_memory)",
                    lambda: write_ropa(register, out / "ours.xlsx", "nb", None, EXPORTED,
                                       no_progress),
                    lambda: xlsxwriter_floor(sheets, out / "floor2.xlsx"),
                    target=1.3, repeat=args.repeat)

    for size in (1_000, 10_000, 50_000):
        child = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(size)], capture_output=True,
            text=True, check=True, env=os.environ.copy())
        before, after = (int(x) for x in child.stdout.split())
        print(f"peak memory, {size} activities: register built {before / 1024:.0f} MiB, "
              f"after export {after / 1024:.0f} MiB -> export added "
              f"{(after - before) / 1024:.1f} MiB", flush=True)


if __name__ == "__main__":
    main()
