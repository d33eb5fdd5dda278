"""Endless and oversized inputs through every command that reads a named file (issue 20).

Bounds stated: each command reads its file through ``documents.inputs.read_input``, which takes
at most cap + 1 bytes (measured on a pipe in ``tests/unit/documents/test_inputs.py``); here
``/dev/zero`` and ``/dev/urandom`` end in exit 1 with the one-line refusal naming the cap, and
a 200 MB interchange file the same, in a child whose address space is capped at 2 GB.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input import run_limited
from support import run_cli

from privdesk.documents import inputs

pytestmark = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")

COMMANDS = {
    "load": (["load", "--db", "{db}", "{file}"], inputs.INTERCHANGE),
    "import-ropa": (["import-ropa", "--db", "{db}", "{file}"], inputs.WORKBOOK),
    "assess-incident": (["assess-incident", "{file}"], inputs.INCIDENT),
    "review-policy": (["review-policy", "{file}"], inputs.POLICY),
    "review-policy --vendors": (["review-policy", "--vendors", "{file}", "README.md"],
                                inputs.VENDORS),
}


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_endless_device_is_refused_in_one_line(tmp_path: Path, command: str,
                                                  device: str) -> None:
    template, kind = COMMANDS[command]
    db = tmp_path / "register.sqlite"
    argv = [a.format(db=db, file=device) for a in template]
    result = run_cli(*argv, "--lang", "en")
    assert result.code == 1, result
    assert result.stderr == f"privdesk: {device}: {kind.too_large}\n"
    assert not db.exists()  # refused before any register was made or opened for writing


def test_a_200_mb_register_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    source = tmp_path / "big.json"
    with source.open("wb") as stream:  # sparse: the test writes no 200 MB
        stream.truncate(200 * inputs.MB)
    verdict = run_limited("200 MB", ["load", "--lang", "en", "--db", str(tmp_path / "r.sqlite"),
                                     str(source)], accept_success=False)
    assert verdict.problem is None, verdict
    assert verdict.stderr == f"privdesk: {source}: {inputs.INTERCHANGE.too_large}\n"
