"""The demo register: a fictional Norwegian school that uses real edtech vendors."""

from __future__ import annotations

from privdesk.domain import interchange, records
from privdesk.resource_files import read_bytes

DEMO = ("demo", "nordvik-skole.json")


def demo_register() -> records.Register:
    """The demo school's register, as shipped under ``resources/demo``."""
    return interchange.loads(read_bytes(*DEMO))
