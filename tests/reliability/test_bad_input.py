"""Broken and hostile files through load, import-ropa and review-policy: a refusal, never harm.

Every run is judged by ``bad_input.judge``: exit 1 with one translated line (or exit 0 for an
odd but valid file), no traceback, the register unchanged after a refusal, memory and time
bounded. The committed corpus is in ``tests/fixtures/broken`` (``make_corpus.py`` rebuilds it);
the big inputs are made here, in the test's own folder.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from bad_input import (
    ROOT,
    corpus,
    failures,
    fresh_copy,
    run_batch,
    run_limited,
)


@pytest.fixture(scope="module")
def pristine(template_registers: dict[str, Path]) -> Path:
    """The session's demo register (``privdesk init --demo``), never opened by a test itself:
    each case works on a copy."""
    return template_registers["demo"]


def test_broken_interchange_files_are_refused(pristine: Path, tmp_path: Path) -> None:
    cases = []
    for number, path in enumerate(corpus("interchange")):
        register = fresh_copy(pristine, tmp_path / "registers", f"{number}.sqlite")
        cases.append({"name": f"load {path.name}", "register": str(register),
                      "argv": ["load", "--replace", "--db", str(register), str(path)]})
    verdicts = run_batch(cases, tmp_path / "batch")
    assert failures(verdicts) == []
    assert len(verdicts) == len(cases)
    # The corpus is made of refusals, but for the few odd files that are valid JSON registers.
    accepted = {v.name for v in verdicts if v.code == 0}
    assert accepted <= {"load bom.json", "load utf16.json", "load duration-huge.json",
                        "load unknown-transfer-recipient.json"}, accepted


def test_broken_workbooks_are_refused(pristine: Path, tmp_path: Path) -> None:
    cases = []
    for number, path in enumerate(corpus("workbooks")):
        register = fresh_copy(pristine, tmp_path / "registers", f"{number}.sqlite")
        cases.append({"name": f"import-ropa {path.name}", "register": str(register),
                      "argv": ["import-ropa", "--db", str(register), str(path)]})
    verdicts = run_batch(cases, tmp_path / "batch")
    assert failures(verdicts) == []
    assert len(verdicts) == len(cases)
    accepted = {v.name for v in verdicts if v.code == 0}
    assert accepted <= {"import-ropa huge-dimension.xlsx"}, accepted


def test_broken_policies_are_refused_or_read(tmp_path: Path) -> None:
    cases = [{"name": f"review-policy {path.name}", "argv": ["review-policy", str(path)]}
             for path in corpus("policies")]
    cases += [{"name": f"review-policy --json {path.name}",
               "argv": ["review-policy", "--json", str(path)]} for path in corpus("policies")]
    verdicts = run_batch(cases, tmp_path / "batch")
    assert failures(verdicts) == []
    assert len(verdicts) == len(cases)


# ---------------------------------------------------------------- big inputs, made here


def test_deeply_nested_interchange_is_refused(pristine: Path, tmp_path: Path) -> None:
    register = fresh_copy(pristine, tmp_path, "r.sqlite")
    source = tmp_path / "deep.json"
    depth = 1_000_000
    source.write_text('{"format": "privdesk-register", "version": 1, "activities": '
                      + "[" * depth + "]" * depth + "}", encoding="utf-8")
    verdict = run_limited("deep nesting", ["load", "--replace", "--db", str(register),
                                           str(source)], register, accept_success=False)
    assert verdict.problem is None, verdict


def test_huge_strings_in_interchange_are_refused(pristine: Path, tmp_path: Path) -> None:
    register = fresh_copy(pristine, tmp_path, "r.sqlite")
    document = json.loads((ROOT / "resources" / "demo" / "nordvik-skole.json").read_text("utf-8"))
    document["activities"][0]["name"] = "x" * 30_000_000
    document["activities"][1]["purposes"] = ["y" * 1000] * 20_000
    source = tmp_path / "huge.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    verdict = run_limited("huge strings", ["load", "--replace", "--db", str(register),
                                           str(source)], register, accept_success=False)
    assert verdict.problem is None, verdict


def _demo_workbook(pristine: Path, folder: Path) -> bytes:
    register = fresh_copy(pristine, folder, "export.sqlite")
    out = folder / "demo.xlsx"
    verdict = run_limited("export", ["export-ropa", "--db", str(register), "--out", str(out),
                                     "--lang", "en"])
    assert verdict.code == 0, verdict
    return out.read_bytes()


def _with_sheet(base: bytes, target: Path, name: str, write: object) -> None:
    """``base`` with the part ``name`` replaced by what ``write(stream)`` writes, streamed."""
    with zipfile.ZipFile(io.BytesIO(base)) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename == name:
                with out.open(name, "w", force_zip64=True) as stream:
                    write(stream, source.read(name).decode("utf-8"))  # type: ignore[operator]
            else:
                out.writestr(item, source.read(item.filename))


def test_zip_bomb_workbook_is_refused(pristine: Path, tmp_path: Path) -> None:
    base = _demo_workbook(pristine, tmp_path)
    bomb = tmp_path / "bomb.xlsx"

    def write(stream: io.BufferedWriter, sheet: str) -> None:
        head, tail = sheet.split("<sheetData>", 1)
        stream.write(head.encode() + b"<sheetData>")
        block = b" " * (1024 * 1024)
        for _ in range(250):  # 250 MB of blanks: about 250 KB compressed
            stream.write(block)
        stream.write(tail.encode())

    _with_sheet(base, bomb, "xl/worksheets/sheet2.xml", write)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    register = fresh_copy(pristine, tmp_path, "r.sqlite")
    verdict = run_limited("zip bomb", ["import-ropa", "--db", str(register), str(bomb)],
                          register, accept_success=False, timeout=60)
    assert verdict.problem is None, verdict


@pytest.mark.parametrize(("name", "content"), [
    ("too-large.txt", b"We keep data in Norway. " * 1_100_000),  # 26 MB: over the limit
    ("one-word.txt", b"a" * 15_000_000),
    ("sentences.txt", b"Data is stored in Sweden by Vendor AB for 30 days. " * 300_000),
    ("lines.html", b"<html><body>" + b"<p>We share data with partners.</p>\n" * 200_000
     + b"</body></html>"),
], ids=["too-large", "one-word", "sentences", "lines"])  # not megabytes of test id
def test_huge_policies_end_in_bounded_time(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    verdict = run_limited(name, ["review-policy", "--json", str(path)], timeout=90)
    assert verdict.problem is None, verdict
