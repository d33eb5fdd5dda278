"""Document checks of ``--self-test``: a frozen build proves it still finds every data file."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

# What the checks need besides our own resources: Babel's locale data (dates, country names),
# the ``holidays`` country modules (loaded by name at run time), reportlab's and openpyxl's own
# files, the fonts, the catalogues and the demo register. A frozen build that forgot one of
# them fails here rather than in front of a DPO.
LANGUAGES = ("nb", "sv", "en")


def _ignore_progress(done: int, total: int) -> None:
    """Progress callback of the exports: the self-test shows none."""


def run_document_checks(folder: Path) -> list[str]:
    """Write a ROPA workbook and an access letter of the demo register into ``folder``.

    The demo register is loaded into a register of its own in ``folder``: the register the
    self-test opened is never written to. Returns the problems found (empty when all is well).
    """
    # Imported here: the document libraries load only when the self-test runs.
    from privdesk.documents.access_letter import render_access_letter
    from privdesk.documents.ropa_xlsx import write_ropa
    from privdesk.domain.deadlines import is_public_holiday
    from privdesk.services import open_register
    from privdesk.services.demo import demo_register

    problems: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    with open_register(str(folder / "selftest-register.sqlite")) as service:
        service.load(demo_register())
        register = service.snapshot()
        for language in LANGUAGES:
            workbook = folder / f"ropa-{language}.xlsx"
            write_ropa(register, workbook, language, None,
                       datetime(2026, 1, 5, 9, 0, tzinfo=UTC), _ignore_progress)
            problems.extend(_check_workbook(workbook))
        access = [r for r in service.requests() if r.kind == "access"]
        if not access:
            problems.append("the demo register has no access request to answer")
        for request in access[:1]:
            for language in LANGUAGES:
                letter = folder / f"letter-{request.ref}-{language}.pdf"
                letter.write_bytes(render_access_letter(
                    request, service.organisation(), service.activities(),
                    service.processors(), language, date(2026, 1, 5)))
                problems.extend(_check_pdf(letter))
    # 17 May is a public holiday in Norway, 6 June in Sweden: both country modules are found.
    for day, country in ((date(2026, 5, 17), "NO"), (date(2026, 6, 6), "SE")):
        if not is_public_holiday(day, country):
            problems.append(f"holiday data for {country} is missing ({day.isoformat()})")
    return problems


def _check_workbook(path: Path) -> list[str]:
    """Problems of a written workbook: it must be a non-empty xlsx with worksheets."""
    if not path.is_file() or path.stat().st_size == 0:
        return [f"no workbook written at {path}"]
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return [f"{path.name} is not an xlsx file"]
    if not any(name.startswith("xl/worksheets/") for name in names):
        return [f"{path.name} has no worksheets"]
    return []


def _check_pdf(path: Path) -> list[str]:
    """Problems of a written letter: it must be a complete PDF with our font embedded."""
    content = path.read_bytes() if path.is_file() else b""
    if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-1024:]:
        return [f"{path.name} is not a complete PDF"]
    if b"DejaVu" not in content:
        return [f"{path.name} does not embed the DejaVu fonts"]
    return []
