"""Fuzzed workbooks through ``import-ropa`` and fuzzed policies through ``review-policy``.

Workbooks: our own export of the demo register with random cells overwritten (wrong types,
formulas, hostile text, huge numbers, dates where text belongs), rows or sheets removed, or
cells merged. Policies: random bytes, random text in several encodings, random HTML. Each
run ends with exit 0 or 1 with one line (never an escaping exception), and a refused import
leaves the register exactly as it was. Run in process, like ``test_fuzz_interchange.py``.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from bad_input import register_dump
from hostile_text import examples, hostile_texts
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from privdesk import cli

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}

CELL_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False),
    # Naive on purpose: a spreadsheet cell has no time zone.
    st.datetimes(datetime(1900, 3, 1), datetime(9999, 1, 1)),  # noqa: DTZ001
    st.sampled_from(["=1+1", "=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "#N/A",
                     "ja", "nei", "yes", "no", "6.1.e", "Art. 6(1)(e)", "2 years", "P2Y",
                     "VEN-404", "PA-001", "PA-404", "Norge", "XX", "2026-02-30", "", " "]),
    hostile_texts(long_words=False),
)


def _run(*argv: str) -> tuple[int, str]:
    stderr = io.StringIO()
    code = cli.run(list(argv), cli.Context(stdout=io.StringIO(), stderr=stderr))
    return code, stderr.getvalue()


def _one_line_refusal(stderr: str) -> bool:
    return len(stderr.strip().splitlines()) == 1 and stderr.startswith("privdesk: ")


@pytest.fixture(scope="module")
def pristine(template_registers: dict[str, Path]) -> Path:
    """The session's demo register (``privdesk init --demo``), never opened by a test itself:
    each case works on a copy."""
    return template_registers["demo"]


@pytest.fixture(scope="module")
def export(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    register = folder / "r.sqlite"
    shutil.copyfile(pristine, register)
    out = folder / "demo.xlsx"
    assert _run("export-ropa", "--db", str(register), "--out", str(out), "--lang", "nb")[0] == 0
    return out


@st.composite
def edits(draw: Any) -> list[tuple[str, Any]]:
    """A few edits, each ("cell", sheet index, row, column, value), ("delete_rows", ...),
    ("delete_sheet", index) or ("merge", ...)."""
    found = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "cell", "delete_rows",
                                     "delete_sheet", "merge"]))
        sheet = draw(st.integers(0, 5))
        row, column = draw(st.integers(1, 8)), draw(st.integers(1, 30))
        value = draw(CELL_VALUES) if kind == "cell" else None
        found.append((kind, (sheet, row, column, value)))
    return found


@settings(max_examples=examples(15), **SETTINGS)
@given(changes=edits())
def test_import_refuses_cleanly_or_applies(pristine: Path, export: Path,
                                           changes: list[tuple[str, Any]]) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = load_workbook(export)
    for kind, (index, row, column, value) in changes:
        sheets = workbook.worksheets
        if not sheets:
            break
        sheet = sheets[index % len(sheets)]
        if kind == "cell":
            cell = sheet.cell(row=row, column=column)
            before = cell.value
            try:
                cell.value = value
            except (ValueError, TypeError, AttributeError, IllegalCharacterError):
                # openpyxl refuses some values (and cells inside a merge) itself, after
                # setting the new type: the old value goes back, as a user's edit would.
                with contextlib.suppress(ValueError, TypeError, AttributeError):
                    cell.value = before
                continue
        elif kind == "delete_rows":
            sheet.delete_rows(row, column % 3 + 1)
        elif kind == "delete_sheet" and len(sheets) > 1:
            workbook.remove(sheet)
        elif kind == "merge":
            sheet.merge_cells(start_row=row, start_column=column % 5 + 1, end_row=row + 1,
                              end_column=column % 5 + 2)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "edited.xlsx"
        try:
            workbook.save(path)
        except (ValueError, TypeError):  # openpyxl cannot write what was put in
            event("unsavable")
            return
        register = folder / "r.sqlite"
        shutil.copyfile(pristine, register)
        before = register_dump(register)
        code, stderr = _run("import-ropa", "--db", str(register), str(path))
        assert code in (0, 1), stderr
        event("refused" if code == 1 else "imported")
        if code == 1:
            assert _one_line_refusal(stderr), stderr
            assert register_dump(register) == before


_html = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<br>",
                     "<table><tr><td>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;",
                     "&#x110000;", '<meta charset="utf-16">', "<html>", "<body>", "<style>",
                     "<a href='javascript:x'>", "</a>", "<h2>", "</h2>"]),
    st.text(max_size=40),
    st.just("We store personal data in Sweden for 30 days and share it with Vendor AB. "),
), max_size=30).map("".join)
_texts = st.tuples(
    st.text(max_size=400),
    st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252",
                     "shift_jis", "utf-8-sig"]),
).map(lambda pair: pair[0].encode(pair[1], "replace"))
POLICIES = st.tuples(
    st.one_of(st.binary(max_size=3000), _texts, _html.map(lambda t: t.encode("utf-8")),
              st.binary(max_size=2000).map(lambda b: b"%PDF-1.4\n" + b)),
    st.sampled_from([".txt", ".html", ".pdf", ""]),
)


@settings(max_examples=examples(40), **SETTINGS)
@given(policy=POLICIES)
def test_review_policy_reads_or_refuses_any_file(policy: tuple[bytes, str]) -> None:
    content, suffix = policy
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / f"policy{suffix}"
        path.write_bytes(content)
        for extra in ([], ["--json"]):
            code, stderr = _run("review-policy", *extra, str(path))
            assert code in (0, 1), stderr
            event("refused" if code == 1 else "read")
            if code == 1:
                assert _one_line_refusal(stderr), stderr
