"""A killed run's hidden temporary file is removed by the next write of the same file, and
nothing else is: not a newer temporary (another process may be writing it), not a look-alike."""

from __future__ import annotations

import os
import time
from pathlib import Path

from privdesk.documents.files import write_atomic


def test_the_next_write_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    stale = tmp_path / ".letter.pdf.k2j4h5g6.part"
    other_file = tmp_path / ".other.pdf.k2j4h5g6.part"
    look_alike = tmp_path / ".letter.pdf.notmkstemp.part"
    visible = tmp_path / "letter.pdf.k2j4h5g6.part"
    an_hour_ago = time.time() - 3600
    for path in (stale, other_file, look_alike, visible):
        path.write_bytes(b"half a letter")
        os.utime(path, (an_hour_ago, an_hour_ago))
    # Made after this process started: perhaps another privdesk writing the same file now.
    fresh = tmp_path / ".letter.pdf.a1b2c3d4.part"
    fresh.write_bytes(b"being written")

    write_atomic(target, b"%PDF-1.7 the letter")

    assert target.read_bytes() == b"%PDF-1.7 the letter"
    assert not stale.exists()
    assert other_file.exists() and look_alike.exists() and visible.exists() and fresh.exists()
