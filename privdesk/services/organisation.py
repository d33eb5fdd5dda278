"""The DPO's verb on the organisation the register belongs to (the controller)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from privdesk.domain import records as rec

if TYPE_CHECKING:
    from privdesk.services.register import Change, RegisterService


class Organisation:
    """Record the school or municipality: its name, number, address, country and DPO."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    def current(self) -> tuple[rec.Organisation | None, int]:
        """The organisation and the version an edit of it is based on (read version first,
        so that a save between the two reads is refused, never overwritten)."""
        version = self.register.organisation_version()
        return self.register.organisation(), version

    def edit(self, organisation: rec.Organisation, expected_version: int | None) -> Change:
        """Save the DPO's edit from the version the form showed (0: there was none yet)."""
        return self.register.set_organisation(organisation, expected_version)
