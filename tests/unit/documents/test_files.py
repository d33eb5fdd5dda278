"""Atomic writes: a document appears whole or not at all, 0600, even without ``os.fchmod``."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from privdesk.documents.files import atomic_output, write_atomic

POSIX = os.name == "posix"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def no_fchmod(monkeypatch: pytest.MonkeyPatch) -> None:
    """os as on Windows before Python 3.13 (the Windows build's 3.11): no fchmod."""
    monkeypatch.delattr(os, "fchmod", raising=False)
    assert not hasattr(os, "fchmod")


@pytest.mark.usefixtures("no_fchmod")
def test_a_document_is_written_without_fchmod(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"%PDF-1.4 the old letter")
    write_atomic(target, b"%PDF-1.7 the new letter")
    assert target.read_bytes() == b"%PDF-1.7 the new letter"
    assert _temporaries(tmp_path) == []
    if POSIX:
        assert _mode(target) == 0o600


@pytest.mark.usefixtures("no_fchmod")
def test_without_fchmod_the_document_appears_only_when_it_is_whole(tmp_path: Path) -> None:
    target = tmp_path / "ropa.xlsx"
    target.write_bytes(b"the old workbook")
    with atomic_output(target) as handle:
        handle.write(b"half a work")
        # Still the old file at the name; the new one grows under a hidden temporary name.
        assert target.read_bytes() == b"the old workbook"
        [temporary] = _temporaries(tmp_path)
        assert temporary.startswith(".ropa.xlsx.")
        if POSIX:
            assert _mode(tmp_path / temporary) == 0o600
        handle.write(b"book")
    assert target.read_bytes() == b"half a workbook"
    assert _temporaries(tmp_path) == []

    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write(b"never finished")
        raise RuntimeError("the export failed")
    assert target.read_bytes() == b"half a workbook"
    assert _temporaries(tmp_path) == []


@pytest.mark.skipif(not POSIX, reason="permission bits are POSIX")
@pytest.mark.usefixtures("no_fchmod")
def test_without_fchmod_the_mode_asked_for_is_set_by_name(tmp_path: Path) -> None:
    # mkstemp makes 0600 by itself: another mode shows that the fallback really sets it.
    target = tmp_path / "shared.txt"
    write_atomic(target, b"for the group", mode=0o640)
    assert _mode(target) == 0o640


@pytest.mark.skipif(not POSIX, reason="permission bits are POSIX")
def test_with_fchmod_the_document_is_private(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    write_atomic(target, b"%PDF-1.7")
    assert _mode(target) == 0o600


@pytest.mark.parametrize("head", [b"<!DOCTYPE html>\n<html>", b"\xef\xbb\xbf  <HTML lang=nb>"])
def test_an_html_page_is_known_and_replaced_only_by_an_html_page(tmp_path: Path,
                                                                  head: bytes) -> None:
    from privdesk.documents.files import check_output, kind_of_file
    from privdesk.domain.errors import UserError

    page = tmp_path / "notice.html"
    page.write_bytes(head + b"</html>")
    assert kind_of_file(page) == "html"
    check_output(page, "html")
    with pytest.raises(UserError) as refused:
        check_output(page, "pdf")
    assert "not a PDF" in refused.value.render()
