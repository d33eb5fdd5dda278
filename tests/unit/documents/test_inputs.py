"""``inputs.read_input``: a named file read whole up to its cap, and never more than cap + 1
bytes of anything larger, a pipe or a character device included (issue 20)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from privdesk.documents import inputs
from privdesk.domain.errors import UserError

SMALL = inputs.InputKind(1000, "too large")


def test_a_file_up_to_the_cap_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "exactly.json"
    path.write_bytes(b"x" * SMALL.limit)
    assert inputs.read_input(path, SMALL) == b"x" * SMALL.limit
    (tmp_path / "empty").write_bytes(b"")
    assert inputs.read_input(tmp_path / "empty", SMALL) == b""


def test_one_byte_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "over.json"
    path.write_bytes(b"x" * (SMALL.limit + 1))
    with pytest.raises(UserError) as refused:
        inputs.read_input(path, SMALL)
    assert refused.value.render() == f"{path}: too large"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/fd is Linux's")
@pytest.mark.parametrize("kind", [SMALL, inputs.INCIDENT, inputs.POLICY],
                         ids=["1000 bytes", "incident", "policy"])
def test_a_pipe_is_read_to_cap_plus_one_byte_and_no_further(kind: inputs.InputKind) -> None:
    """The bound, measured: what is left in the pipe after the refusal."""
    extra = 3 * 1024 * 1024
    total = kind.limit + extra
    read_end, write_end = os.pipe()

    def write() -> None:
        with os.fdopen(write_end, "wb") as stream:
            stream.write(b"\0" * total)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(UserError):
            inputs.read_input(f"/proc/self/fd/{read_end}", kind)
        left = 0
        while chunk := os.read(read_end, 1024 * 1024):
            left += len(chunk)
    finally:
        writer.join()
        os.close(read_end)
    assert total - left == kind.limit + 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused() -> None:
    with pytest.raises(UserError) as refused:
        inputs.read_input("/dev/zero", inputs.INCIDENT)
    assert refused.value.message == inputs.INCIDENT.too_large


def test_a_folder_or_a_missing_file_is_refused_in_words(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "missing.json"):
        with pytest.raises(UserError) as refused:
            inputs.read_input(path, SMALL)
        assert refused.value.message == "cannot read the file: {reason}"


def test_the_caps() -> None:
    """The caps and their reasons are in ``inputs``; the policy cap is the policy reader's."""
    from privdesk.documents import policy_text, ropa_import

    assert inputs.POLICY.limit == policy_text.MAX_BYTES == 20 * inputs.MB
    assert inputs.WORKBOOK.limit == ropa_import.MAX_FILE_BYTES
    assert inputs.INTERCHANGE.limit == 100 * inputs.MB
    assert inputs.INCIDENT.limit == inputs.MB
