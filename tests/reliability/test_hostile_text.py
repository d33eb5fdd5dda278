"""Hostile text through every exporter: nothing runs, nothing links, the text reads back.

Workbook: no formula, hyperlink or external link anywhere (every cell's type and the sheet XML
are checked), and each value reads back as ``safe_cells.shown_text`` says. Letter and breach
report: no link, image, action or script in the PDF, and the extracted text holds the
characters as typed (``<font color=red>`` shown, not obeyed), modulo the documented rule of
``pdf.escape`` (control characters dropped).
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime
from pathlib import Path

from hostile_text import (
    examples,
    hostile_texts,
    pdf_compare,
    pdf_dangers,
    pdf_text,
    shown_in,
    workbook_dangers,
    workbook_texts,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privdesk.documents.safe_cells import shown_text
from privdesk.domain.records import (
    Activity,
    Contact,
    DataItem,
    DataSubject,
    Incident,
    Organisation,
    Processor,
    Register,
    Request,
    Requester,
    Transfer,
    Withheld,
)

SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow,
                                                        HealthCheck.function_scoped_fixture]}
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _register(texts: list[str]) -> Register:
    """A register whose every free-text field holds one of ``texts``, in turn."""
    pick = itertools.cycle(texts).__next__
    organisation = Organisation(name=pick(), org_number="987654321", country="NO",
                                language="nb", address=pick(), email="post@example.no",
                                dpo=Contact(name=pick(), email="dpo@example.no"))
    processors = (
        Processor(ref="V-1", name=pick(), country="NO", services=pick(), contact=pick()),
        Processor(ref="V-2", name=pick(), country="US", role="subprocessor", parent="V-1"),
    )
    activities = (
        Activity(ref="PA-1", name=pick(), purposes=(pick(), pick()), legal_bases=("6.1.e",),
                 legal_basis_note=pick(), data_items=(pick(),), recipients=(pick(),),
                 processors=("V-1",), retention=pick(), security=pick(), source=pick(),
                 transfers=(Transfer(country="US", recipient="V-2", safeguard="scc",
                                     note=pick()),),
                 systems=(pick(),), owner=pick()),
        Activity(ref="PA-2", name=pick(), role="processor", purposes=(pick(),)),
    )
    incidents = (
        Incident(ref="INC-1", title=pick(), description=pick(),
                 aware_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
                 breach_types=("confidentiality",), data_categories=("identity",),
                 subjects_count=3, consequences=pick(), measures=pick(),
                 activities=("PA-1",), processors=("V-1",), decision_note=pick(),
                 delay_reason=pick()),
    )
    request = Request(
        ref="DSAR-1", received=date(2026, 11, 2),
        subject=DataSubject(name=pick(), born=date(2015, 3, 2), class_=pick()),
        requester=Requester(name=pick(), relation="guardian", address=pick(), email=pick()),
        activities=("PA-1",),
        data=(DataItem(activity="PA-1", category="education", item=pick(), value=pick(),
                       source=pick()),),
        withheld=(Withheld(description=pick(), reason=pick()),),
    )
    return Register(organisation=organisation, activities=activities, processors=processors,
                    incidents=incidents, requests=(request,))


def _as_lines(items: tuple[str, ...]) -> tuple[str, ...]:
    """A list as its workbook cell reads back: one item per line, trimmed, no blank lines."""
    return tuple(line.strip() for item in items
                 for line in shown_text(item).replace("\r\n", "\n").split("\n")
                 if line.strip())


_REFUSED_ON_READING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_a_control_character_in_a_workbook_cell_is_refused_with_its_place(
        tmp_path: Path) -> None:
    from privdesk.documents.files import no_progress
    from privdesk.documents.ropa_import import read_ropa
    from privdesk.documents.ropa_xlsx import write_ropa

    out = tmp_path / "ropa.xlsx"
    write_ropa(_register(["Maths\x1b[31m", "Reading", "Art"]), out, "en", None, NOW,
               no_progress)
    result = read_ropa(out)
    blocking = [p.render() for p in result.problems if p.blocking]
    assert blocking and all("control character (U+001B)" in text for text in blocking)


@settings(max_examples=examples(5), **SETTINGS)
@given(texts=st.lists(hostile_texts(), min_size=3, max_size=8))
def test_workbook_never_runs_or_links_and_reads_back(tmp_path: Path, texts: list[str]) -> None:
    from privdesk.documents.files import no_progress
    from privdesk.documents.ropa_import import read_ropa
    from privdesk.documents.ropa_xlsx import write_ropa

    # NUL and the other control characters (but tab and line breaks) are written safely (as
    # _x0000_ …) but refused when read back, as every reader of the register refuses them
    # (PostgreSQL cannot store NUL; a terminal would run the others): leave them out of the
    # round trip. That they are refused, not read, is tested below.
    register = _register([_REFUSED_ON_READING.sub("", t) or "x" for t in texts])
    out = tmp_path / "ropa.xlsx"
    write_ropa(register, out, "en", None, NOW, no_progress)
    content = out.read_bytes()
    assert workbook_dangers(content) == []
    cells = "\n".join(workbook_texts(content))
    for activity in register.activities:
        assert shown_text(activity.name) in cells
        for purpose in activity.purposes:
            assert shown_text(purpose) in cells
    assert shown_text(register.incidents[0].title) in cells
    # Read back through the importer: the names and purposes are as typed.
    result = read_ropa(out)
    assert [p.render() for p in result.problems if p.blocking] == []
    back = {a.ref: a for a in result.activities}
    for activity in register.activities:
        assert back[activity.ref].name == shown_text(activity.name)
        assert back[activity.ref].purposes == _as_lines(activity.purposes)
    assert {p.ref: p.name for p in result.processors} == {
        p.ref: shown_text(p.name) for p in register.processors}


@settings(max_examples=examples(4), **SETTINGS)
# No 5,000-character word here (fifty pages a letter): the named-attacks test sends one.
@given(texts=st.lists(hostile_texts(long_words=False), min_size=3, max_size=8),
       language=st.sampled_from(["nb", "sv", "en"]))
def test_letter_shows_hostile_text_literally(texts: list[str], language: str) -> None:
    from privdesk.documents.access_letter import render_access_letter

    register = _register(texts)
    request = register.requests[0]
    content = render_access_letter(request, register.organisation, register.activities,
                                   register.processors, language, date(2026, 11, 23))
    assert pdf_dangers(content) == []
    text = pdf_compare(pdf_text(content))
    for value in (request.subject.name, request.requester.name, request.data[0].value,
                  request.data[0].item, register.activities[0].name):
        assert shown_in(value, text), value


@settings(max_examples=examples(4), **SETTINGS)
# No 5,000-character word here (fifty pages a letter): the named-attacks test sends one.
@given(texts=st.lists(hostile_texts(long_words=False), min_size=3, max_size=8),
       language=st.sampled_from(["nb", "sv", "en"]))
def test_breach_report_shows_hostile_text_literally(texts: list[str], language: str) -> None:
    from privdesk.documents.breach_report import render_breach_report

    register = _register(texts)
    incident = register.incidents[0]
    content = render_breach_report(incident, register.organisation, register.activities,
                                   register.processors, language, NOW)
    assert pdf_dangers(content) == []
    text = pdf_compare(pdf_text(content))
    for value in (incident.title, incident.description, incident.consequences,
                  incident.measures):
        assert value is not None
        assert shown_in(value, text), value


def test_the_classic_attacks_by_name(tmp_path: Path) -> None:
    """The named attacks, one per field, so that a failure names the attack."""
    attacks = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "<font color=red>red</font>",
               "<a href=x>link</a>", "<img src=/etc/passwd>", "&amp;", "a<br/>b",
               "\u202eevil\u202c", "Čáŋ Ŧšž 🙂", "x" * 5000]
    test_workbook_never_runs_or_links_and_reads_back.hypothesis.inner_test(  # type: ignore[attr-defined]
        tmp_path, attacks)
    test_letter_shows_hostile_text_literally.hypothesis.inner_test(  # type: ignore[attr-defined]
        attacks, "nb")
    test_breach_report_shows_hostile_text_literally.hypothesis.inner_test(  # type: ignore[attr-defined]
        attacks, "sv")
