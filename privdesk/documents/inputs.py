"""Reading a file the user named, never more than its kind can be: /dev/zero is refused, not read.

Every command that reads a named file (``load``, ``assess-incident``, ``import-ropa``,
``review-policy``) reads it here, in chunks, and stops one byte past the cap of its kind, so a
character device, a pipe or a file that grows as it is read costs at most cap + 1 bytes before
the one-line refusal. The caps are far above any real file of the kind and far below what
parsing it would need in memory (a JSON document takes roughly ten times its size as Python
objects; the checks run under a 2 GB address-space limit).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from privdesk.domain.errors import N_, UserError

MB = 1024 * 1024
_CHUNK = 1 * MB


@dataclass(frozen=True)
class InputKind:
    """The most a file of one kind may hold, and the refusal (a msgid) past it."""

    limit: int
    too_large: str


# A whole register: the demo school is 60 KB and a municipality with thousands of records a few
# MB; 100 MB parses in well under the 2 GB the checks allow.
INTERCHANGE = InputKind(100 * MB, N_("the file is larger than 100 MB; a privdesk register is "
                                     "far smaller"))
# One incident: a few KB, and under 1 MB even with every text at length.
INCIDENT = InputKind(1 * MB, N_("the file is larger than 1 MB; one incident is far smaller"))
# The limit the workbook reader already had for a file on disk (``ropa_import.MAX_FILE_BYTES``).
WORKBOOK = InputKind(50 * MB, N_("the file is larger than 50 MB; a ROPA workbook is far smaller"))
# The limit the policy reader always had (``policy_text.MAX_BYTES``): real policies, even as
# PDF with images, are well under 5 MB.
POLICY = InputKind(20 * MB, N_("the file is larger than 20 MB; a privacy policy is far smaller"))
# The DPO's own vendor list for review-policy: a few hundred entries are some KB.
VENDORS = InputKind(10 * MB, N_("the file is larger than 10 MB; a list of vendors is far "
                                "smaller"))


def read_input(path: str | os.PathLike[str], kind: InputKind) -> bytes:
    """The bytes of the file at ``path``, or a UserError naming it: unreadable or too large.

    Unbuffered reads of at most one chunk each, so no more than ``kind.limit + 1`` bytes are
    ever taken from the file, whatever it is.
    """
    place = os.fspath(path)
    data = bytearray()
    try:
        with open(path, "rb", buffering=0) as handle:
            while len(data) <= kind.limit:
                chunk = handle.read(min(_CHUNK, kind.limit + 1 - len(data)))
                if not chunk:
                    return bytes(data)
                data += chunk
    except OSError as error:
        raise UserError(N_("cannot read the file: {reason}"), place,
                        reason=error.strerror or str(error)) from error
    raise UserError(kind.too_large, place)
