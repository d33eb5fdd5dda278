"""The ROPA workbook as an auditor opens it: sheets, headings, words for codes, real dates."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from fixtures.workbooks.ropa_registers import TRICKY, full_register
from openpyxl import load_workbook

from privdesk.documents.files import Cancelled
from privdesk.documents.ropa_headings import DATA_SHEETS, TRANSFERS, VERSION_KEY
from privdesk.documents.ropa_xlsx import write_ropa
from privdesk.documents.safe_cells import read_text
from privdesk.domain import labels
from privdesk.domain.records import Register
from privdesk.i18n import translation

EXPORTED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Oslo

SHEETS = {
    "nb": ["Forside", "Protokoll art. 30 nr. 1", "Protokoll art. 30 nr. 2", "Databehandlere",
           "Overføring ut av EØS", "Avvikslogg art. 33 nr. 5"],
    "sv": ["Försättsblad", "Register art. 30.1", "Register art. 30.2",
           "Personuppgiftsbiträden", "Överföring utanför EES", "Incidentlogg art. 33.5"],
    "en": ["Cover", "Record Art. 30(1)", "Record Art. 30(2)", "Processors",
           "Transfers outside the EEA", "Breach log Art. 33(5)"],
}

# The Art. 30(1) headings in the words of the official texts (GDPR, personvernforordningen,
# dataskyddsförordningen), in sheet order from column C.
ART_30_1 = {
    "nb": ["a) Behandlingsansvarlig", "a) Felles behandlingsansvarlige",
           "a) Den behandlingsansvarliges representant", "a) Personvernombud",
           "b) Formålene med behandlingen", "c) Kategorier av registrerte",
           "c) Kategorier av personopplysninger", "Særlige kategorier av personopplysninger "
           "(art. 9)", "c) Personopplysninger som behandles",
           "d) Kategorier av mottakere", "d) Databehandlere",
           "e) Overføringer til tredjestater", "f) Tidsfrister for sletting", "Lagringstid",
           "f) Tidsfrister per kategori av personopplysninger",
           "g) Tekniske og organisatoriske sikkerhetstiltak"],
    "sv": ["a) Personuppgiftsansvarig", "a) Gemensamt personuppgiftsansvariga",
           "a) Den personuppgiftsansvariges företrädare", "a) Dataskyddsombud",
           "b) Ändamålen med behandlingen", "c) Kategorier av registrerade",
           "c) Kategorier av personuppgifter", "Särskilda kategorier av personuppgifter "
           "(art. 9)", "c) Personuppgifter som behandlas",
           "d) Kategorier av mottagare", "d) Personuppgiftsbiträden",
           "e) Överföringar till tredjeland", "f) Tidsfrister för radering", "Lagringstid",
           "f) Tidsfrister per kategori av personuppgifter",
           "g) Tekniska och organisatoriska säkerhetsåtgärder"],
    "en": ["(a) Controller", "(a) Joint controllers", "(a) Controller's representative",
           "(a) Data protection officer", "(b) Purposes of the processing",
           "(c) Categories of data subjects", "(c) Categories of personal data",
           "Special categories of data (Art. 9)",
           "(c) Personal data processed", "(d) Categories of recipients", "(d) Processors",
           "(e) Transfers to third countries", "(f) Time limits for erasure",
           "Retention period", "(f) Time limits per category of data",
           "(g) Technical and organisational security measures"],
}

# What the auditor reads in a few cells of PA-001, by heading msgid.
PA_001 = {
    "nb": {
        "(c) Categories of data subjects": "Elever\nAnsatte\nLærlinger",
        "Retention period": "1 år, 6 måneder",
        "DPIA required": "Ja",
        "Status": "I bruk",
        "(d) Processors": "Læringsappen AS (VEN-001)\nAnalyse Inc. (VEN-003)",
    },
    "sv": {
        "Retention period": "1 år, 6 månader",
        "DPIA required": "Ja",
        "(d) Processors": "Læringsappen AS (VEN-001)\nAnalyse Inc. (VEN-003)",
    },
    "en": {
        "(c) Categories of data subjects": "Pupils\nStaff\nLærlinger",
        "(c) Categories of personal data": "Identity\nEducation and assessment\nHealth",
        "Legal basis": "Art. 6(1)(e) – public task\nArt. 6(1)(c) – legal obligation",
        "Condition for special categories (Art. 9/10)":
            "Art. 9(2)(g) – substantial public interest",
        "Retention period": "1 year, 6 months",
        "DPIA required": "Yes",
        "Status": "Active",
        # Skyhall AB, the app's subprocessor, keeps data in the US: a transfer too (Chapter V
        # applies to every recipient in the chain), and without a safeguard.
        "(e) Transfers to third countries":
            "United States (US): Skyhall AB (VEN-002) – No safeguard\n"
            "United States (US): Analyse Inc. (VEN-003) – EU–US Data Privacy Framework "
            "(Art. 45)\nMorocco (MA): Support partner – No safeguard\n"
            "Canada (CA): Exchange school – Derogation for a specific situation (Art. 49), "
            "Explicit consent (Art. 49(1)(a))",
        "(f) Time limits per category of data":
            "Health: Deleted when the pupil leaves\n"
            "Education and assessment: 10 years: archive rules",
        "Special categories of data (Art. 9)": "Health",
        "(a) Data protection officer": "Kari Nordmann\npvo@fjellheim.example\n+47 99 88 77 66",
    },
}


def export(tmp_path: Path, language: str, register: Register | None = None,
           **kwargs: Any) -> Path:
    out = tmp_path / f"ropa-{language}.xlsx"
    write_ropa(register or full_register(), out, language, kwargs.get("as_of"), EXPORTED,
               kwargs.get("progress", lambda done, total: None))
    return out


def rows_of(sheet: Any, header: int = 1) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(min_row=header, values_only=True))
    headings = [read_text(h) for h in rows[0]]
    return [dict(zip(headings, (read_text(v) if isinstance(v, str) else v for v in row),
                     strict=True))
            for row in rows[1:] if any(v is not None for v in row)]


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_sheets_headings_and_tables(tmp_path: Path, language: str) -> None:
    workbook = load_workbook(export(tmp_path, language))
    assert workbook.sheetnames == SHEETS[language]
    gettext = translation(language).gettext
    for spec, sheet in zip(DATA_SHEETS, workbook.worksheets[1:], strict=True):
        headings = [c.value for c in sheet[1]]
        # Without versions (a past day's register) the hidden version column is left out, and
        # without the audit trail's dates the Created and Last updated columns.
        assert headings == [gettext(c.heading) for c in spec.columns
                            if c.key not in (VERSION_KEY, "=created", "=updated")]
        (table,) = sheet.tables.values()
        assert table.name == spec.table
        assert table.ref.startswith("A1:")
        assert [c.name for c in table.tableColumns] == headings
        assert table.autoFilter is not None
        assert sheet.freeze_panes in ("A2", "C2")
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert all(sheet.column_dimensions[chr(65 + i)].width for i in range(min(26,
                                                                                 len(headings))))
        assert all(cell.font.b for cell in sheet[1])
    record = workbook.worksheets[1]
    assert [c.value for c in record[1]][2:18] == ART_30_1[language]
    assert workbook.properties.title.endswith("Fjellheim skole")
    assert workbook.properties.language.startswith(language)
    assert workbook.properties.created == datetime(2026, 11, 23, 9, 0)  # noqa: DTZ001 - UTC


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_codes_are_words_in_the_language(tmp_path: Path, language: str) -> None:
    workbook = load_workbook(export(tmp_path, language))
    gettext = translation(language).gettext
    record = rows_of(workbook.worksheets[1])
    by_ref = {row[gettext("Ref.")]: row for row in record}
    assert set(by_ref) == {"PA-001", "PA-002"}
    expected = PA_001[language]
    for msgid, value in expected.items():
        assert by_ref["PA-001"][gettext(msgid)] == value, msgid
    legal = by_ref["PA-001"][gettext("Legal basis")]
    assert legal.split("\n") == [gettext(labels.LEGAL_BASES[c]) for c in ("6.1.e", "6.1.c")]
    if language != "en":  # the words really are translated, not the English msgids
        assert gettext(labels.LEGAL_BASES["6.1.e"]) != labels.LEGAL_BASES["6.1.e"]
    for row in record:
        for heading, value in row.items():
            for code in ("6.1.", "9.2.", "special_needs", "known_untrusted", "controller"):
                assert not (isinstance(value, str) and value.startswith(code)), heading
    # Dates are real dates, numbers real numbers.
    assert by_ref["PA-001"][gettext("Next review")] == datetime(2027, 6, 30)  # noqa: DTZ001
    assert by_ref["PA-002"][gettext("Processing activity")] == TRICKY


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_processors_transfers_and_breach_log(tmp_path: Path, language: str) -> None:
    workbook = load_workbook(export(tmp_path, language))
    gettext = translation(language).gettext
    processing = rows_of(workbook.worksheets[2])
    assert [r[gettext("Ref.")] for r in processing] == ["PA-003"]
    assert processing[0][gettext("(a) Controllers on whose behalf we act")] == (
        "Fjellheim kommune")
    processors = rows_of(workbook.worksheets[3])
    assert [r[gettext("Ref.")] for r in processors] == ["VEN-001", "VEN-002", "VEN-003"]
    vendor = {r[gettext("Ref.")]: r for r in processors}
    assert vendor["VEN-002"][gettext("Chain")] == "Læringsappen AS › Skyhall AB"
    assert vendor["VEN-002"][gettext("Engaged by")] == "Læringsappen AS (VEN-001)"
    assert vendor["VEN-002"][gettext("Role")] == gettext("Subprocessor")
    assert vendor["VEN-001"][gettext("Processor agreement signed")] == datetime(2024, 8, 1)  # noqa: DTZ001
    # Review passed on 2026-08-01 (export 2026-11-23); VEN-003 has no agreement at all.
    assert gettext("Review of the processor agreement is overdue") in vendor["VEN-001"][
        gettext("Remarks")]
    assert gettext("No processor agreement") in vendor["VEN-003"][gettext("Remarks")]
    assert gettext("Data stored outside the EEA") in vendor["VEN-002"][gettext("Remarks")]
    assert vendor["VEN-003"][gettext("Services")] == "-usage statistics"
    country = {"nb": "Norge (NO)", "sv": "Norge (NO)", "en": "Norway (NO)"}[language]
    assert vendor["VEN-001"][gettext("Country")] == country

    transfers = rows_of(workbook.worksheets[4])
    assert [(t[gettext("Ref.")], t[gettext("Recipient")]) for t in transfers] == [
        ("PA-001", "Skyhall AB (VEN-002)"), ("PA-001", "Analyse Inc. (VEN-003)"),
        ("PA-001", "Support partner"), ("PA-001", "Exchange school")]
    derived, dpf, morocco, exchange = transfers
    assert exchange[gettext("Art. 49 derogation")] == gettext(labels.DEROGATIONS["49.1.a"])
    assert exchange[gettext("Valid safeguard")] == gettext("Yes")
    assert derived[gettext("Through processors")] == "Læringsappen AS › Skyhall AB"
    assert derived[gettext("Transfer safeguard")] == gettext(labels.SAFEGUARDS["none"])
    assert derived[gettext("Entered by hand")] == gettext("No")
    assert derived[gettext("Valid safeguard")] == gettext("No")
    assert dpf[gettext("Valid safeguard")] == gettext("Yes")
    assert dpf[gettext("Safeguard check")] == gettext(
        "Check that the recipient is certified under the Data Privacy Framework")
    assert morocco[gettext("Transfer safeguard")] == gettext(labels.SAFEGUARDS["none"])
    assert morocco[gettext("Entered by hand")] == gettext("Yes")
    assert len(TRANSFERS.columns) == len(transfers[0])

    incidents = {r[gettext("Ref.")]: r for r in rows_of(workbook.worksheets[5])}
    first = incidents["INC-001"]
    # Moments are shown in Oslo time, as real date-times.
    assert first[gettext("Became aware")] == datetime(2026, 11, 20, 15, 40)  # noqa: DTZ001
    assert first[gettext("Number of data subjects")] == 26
    assert first[gettext("Restored within (hours)")] == 2.5
    assert first[gettext("Children affected")] == gettext("Yes")
    assert first[gettext("Facts of the breach")] == (
        "A teacher e-mailed 5B's list to 6A.\tSecond part.")
    assert first[gettext("Reasons for the decision")] == "High risk: children, special needs"
    assert first[gettext("Who could see the data")] == gettext(
        labels.EXPOSURES["known_untrusted"])
    assert first[gettext("Notifications to the supervisory authority")].startswith(
        "2026-11-21 10:00 – " + gettext("Initial notification") + " – 21/01234")
    assert incidents["INC-002"][gettext("Status")] == gettext("Closed")


def test_cover_sheet(tmp_path: Path) -> None:
    workbook = load_workbook(export(tmp_path, "nb", as_of=date(2026, 6, 30)))
    cover = {r["Opplysning"]: r["Innhold"] for r in rows_of(workbook["Forside"], header=3)}
    assert cover["Behandlingsansvarlig"] == "Fjellheim skole"
    assert cover["Personvernombud"] == "Kari Nordmann"
    assert cover["Land"] == "Norge (NO)"
    assert cover["Eksportert"] == datetime(2026, 11, 23, 10, 0)  # noqa: DTZ001 - Oslo time
    assert cover["Protokollen slik den var ved utgangen av"] == datetime(2026, 6, 30)  # noqa: DTZ001
    assert cover["Behandlingsaktiviteter (art. 30 nr. 1)"] == 2
    assert cover["Behandlingsaktiviteter (art. 30 nr. 2)"] == 1
    assert cover["Databehandlere og underdatabehandlere"] == 3
    assert cover["Avvik"] == 2
    assert workbook["Forside"].tables["Cover"].ref == f"A3:B{3 + len(cover)}"


def test_no_cell_is_a_formula_an_error_or_a_link(tmp_path: Path) -> None:
    out = export(tmp_path, "en")
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml, name
            assert 't="e"' not in xml and "<hyperlink" not in xml, name
    workbook = load_workbook(out)
    cell = next(c for row in workbook.worksheets[1].iter_rows() for c in row
                if c.value == TRICKY)
    assert cell.data_type == "s" and cell.quotePrefix


def test_empty_register_gives_empty_tables(tmp_path: Path) -> None:
    workbook = load_workbook(export(tmp_path, "en", Register()))
    for sheet in workbook.worksheets[1:]:
        (table,) = sheet.tables.values()
        assert table.ref.endswith("2")  # the header and one empty row
        assert rows_of(sheet) == []


def test_file_is_private_and_progress_is_reported(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    out = export(tmp_path, "en", progress=lambda done, total: calls.append((done, total)))
    assert out.stat().st_mode & 0o777 == 0o600
    # 2 + 1 activities, 3 processors, 4 transfers (one derived from the chain), 2 incidents
    assert calls[-1] == (12, 12)


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    def cancel(done: int, total: int) -> None:
        raise Cancelled

    out = tmp_path / "ropa.xlsx"
    with pytest.raises(Cancelled):
        write_ropa(full_register(), out, "en", None, EXPORTED, cancel)
    assert list(tmp_path.iterdir()) == []


def test_record_versions_go_in_a_hidden_numeric_column(tmp_path: Path) -> None:
    from privdesk.documents.ropa_import import read_ropa

    register = full_register()
    versions = {"activities": {a.ref: 3 for a in register.activities},
                "processors": {p.ref: 2 for p in register.processors},
                "incidents": {i.ref: 1 for i in register.incidents},
                "organisation": {"organisation": 7}}
    path = tmp_path / "versions.xlsx"
    write_ropa(register, path, "en", None, EXPORTED, lambda d, t: None, versions)
    workbook = load_workbook(path)
    sheet = workbook["Processors"]
    last = sheet.cell(1, sheet.max_column)
    assert last.value == "Record version (privdesk, do not edit)"
    assert sheet.column_dimensions[last.column_letter].hidden
    assert {sheet.cell(r, sheet.max_column).value for r in range(2, sheet.max_row + 1)} == {2}
    result = read_ropa(path)
    assert result.versions["processors"] == versions["processors"]
    assert result.versions["activities"] == versions["activities"]
    assert result.organisation_version == 7


def test_record_flags_what_an_auditor_filters_on(tmp_path: Path) -> None:
    """Health data without an Art. 9(2) condition, and Morocco under an "adequacy decision"
    the Commission never made (Art. 45(3)), are each flagged in the Remarks column; the
    transfers sheet says the safeguard is not valid, and the cover counts every transfer."""
    from privdesk.domain.records import Activity, Organisation, Processor, Transfer

    register = Register(
        organisation=Organisation(name="Testvik skole", country="NO"),
        processors=(Processor(ref="VEN-1", name="Tracker Inc", country="US"),),
        activities=(
            Activity(ref="PA-1", name="Health follow-up", data_categories=("health",)),
            Activity(ref="PA-2", name="Support", processors=("VEN-1",), transfers=(
                Transfer(country="MA", recipient="Support partner", safeguard="adequacy"),)),
            Activity(ref="PA-3", name="Lists", data_categories=("identity",)),
        ))
    workbook = load_workbook(export(tmp_path, "en", register))
    rows = {r["Ref."]: r for r in rows_of(workbook.worksheets[1])}
    assert rows["PA-1"]["Remarks"] == "Special categories without an Art. 9 condition"
    assert rows["PA-1"]["Special categories of data (Art. 9)"] == "Health"
    assert rows["PA-2"]["Remarks"] == "Transfer outside the EEA without a valid safeguard"
    assert rows["PA-3"]["Remarks"] is None
    assert rows["PA-2"]["(e) Transfers to third countries"] == (
        "United States (US): Tracker Inc (VEN-1) – No safeguard\n"
        "Morocco (MA): Support partner – Adequacy decision (Art. 45) (No adequacy decision "
        "exists for this country)")
    transfers = {r["Recipient"]: r for r in rows_of(workbook.worksheets[4])}
    assert transfers["Support partner"]["Valid safeguard"] == "No"
    assert transfers["Support partner"]["Safeguard check"] == (
        "No adequacy decision exists for this country")
    assert transfers["Tracker Inc (VEN-1)"]["Through processors"] == "Tracker Inc"
    cover = {row[0].value: row[1].value for row in workbook.worksheets[0].iter_rows(min_row=4)}
    assert cover["Transfers outside the EEA"] == 2
    assert cover["Made with"].startswith("privdesk ")
    assert cover["Made with"].endswith(" · register format 1")


def test_footer_names_organisation_sheet_page_and_export_date(tmp_path: Path) -> None:
    workbook = load_workbook(export(tmp_path, "nb"))
    for sheet in workbook.worksheets:
        footer = sheet.oddFooter
        assert footer.left.text == "Fjellheim skole"
        assert footer.center.text == "&A – &P / &N"
        assert footer.right.text == "23.11.2026"  # the export day in Oslo, in nb's format


def test_created_and_last_updated_are_shown_when_given(tmp_path: Path) -> None:
    out = tmp_path / "ropa.xlsx"
    created = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    write_ropa(full_register(), out, "en", None, EXPORTED, lambda d, t: None, None,
               {"activities": {"PA-001": (created, EXPORTED)}})
    rows = {r["Ref."]: r for r in rows_of(load_workbook(out).worksheets[1])}
    assert rows["PA-001"]["Created"] == datetime(2026, 1, 5, 10, 0)  # noqa: DTZ001 - Oslo
    assert rows["PA-001"]["Last updated"] == datetime(2026, 11, 23, 10, 0)  # noqa: DTZ001
    assert rows["PA-002"]["Created"] is None


def test_the_dpia_screening_and_a_dpia_not_done_are_in_the_record(tmp_path: Path) -> None:
    """The screening's result, the criteria that decided it, who and when, in the DPO's
    language; "DPIA required but not done" in the Remarks; an outgrown screening says so."""
    from privdesk.domain import dpia
    from privdesk.domain.records import Activity, Dpia, Organisation, replace

    homework = Activity(ref="PA-1", name="Homework app", subjects=("pupils",),
                        data_categories=("identity", "health"), special_conditions=("9.2.g",))
    answers = [dpia.Answer(c.id, c.id in ("sensitive", "vulnerable"), "DPO")
               for c in dpia.criteria_for("NO")]
    screening = dpia.make_screening(answers, "NO", dpia.fingerprint(homework, ()), "dpo@skole",
                                    datetime(2026, 12, 3, 9, 30, tzinfo=UTC))
    screened = replace(homework, dpia=Dpia(required=True, screening=screening))
    grown = replace(screened, ref="PA-2", data_categories=("identity",))
    register = Register(organisation=Organisation(name="Testvik skole", country="NO"),
                        activities=(screened, grown))
    workbook = load_workbook(export(tmp_path, "en", register))
    rows = {r["Ref."]: r for r in rows_of(workbook.worksheets[1])}
    assert rows["PA-1"]["DPIA screening"] == (
        "DPIA required\nSensitive data or data of a highly personal nature\n"
        "Data concerning vulnerable data subjects (children, employees)\n"
        "Screened 2026-12-03 10:30 by dpo@skole")
    assert rows["PA-1"]["Remarks"] == "DPIA required but not done"
    assert rows["PA-2"]["DPIA screening"].endswith(
        "Out of date: the activity has changed since the screening")
    (tmp_path / "nb").mkdir()
    nb = load_workbook(export(tmp_path / "nb", "nb", register))
    first = rows_of(nb.worksheets[1])[0]
    assert any(str(v).startswith("DPIA påkrevd") for v in first.values() if v)


def test_a_past_day_s_cover_lists_the_records_erased_since(tmp_path: Path) -> None:
    from privdesk.domain.retention import Erased

    erased = [Erased("requests", "DSAR-2026-001", datetime(2026, 12, 1, 23, 30, tzinfo=UTC),
                     (("requests", 1), ("data_items", 4), ("audit_entries", 3))),
              Erased("incidents", "INC-2026-002", datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
                     (("incidents", 1), ("audit_entries", 1)))]
    out = tmp_path / "past.xlsx"
    write_ropa(full_register(), out, "en", date(2026, 11, 30), EXPORTED, lambda d, t: None,
               erased=erased)
    sheet = load_workbook(out).worksheets[0]
    cover = {r["Item"]: r["Value"] for r in rows_of(sheet, header=3)}
    # The day is the school's (Oslo): 23:30 UTC on 1 December is 2 December there.
    assert cover["Records erased since then"] == (
        "DSAR-2026-001 (erased 2026-12-02: 1 request, 4 data items, 3 audit entries); "
        "INC-2026-002 (erased 2026-12-02: 1 incident, 1 audit entry)")
    assert sheet.tables["Cover"].ref == f"A3:B{3 + len(cover)}"

    write_ropa(full_register(), out, "en", date(2026, 11, 30), EXPORTED, lambda d, t: None)
    cover = {r["Item"]: r["Value"]
             for r in rows_of(load_workbook(out).worksheets[0], header=3)}
    assert cover["Records erased since then"] == "none"
    # The current register's workbook leaves nothing out: no such line.
    current = {r["Item"] for r in rows_of(load_workbook(export(tmp_path, "en")).worksheets[0],
                                          header=3)}
    assert "Records erased since then" not in current
