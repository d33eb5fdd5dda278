"""The organisation is edited like a record: from the version the DPO's form showed."""

from __future__ import annotations

from pathlib import Path

import pytest

from privdesk.domain import records as rec
from privdesk.domain.errors import ConflictError
from privdesk.services import RegisterService, open_register
from privdesk.services.organisation import Organisation


def test_a_colleagues_later_save_of_the_school_is_not_overwritten(tmp_path: Path) -> None:
    with open_register(tmp_path / "register.sqlite", actor="dpo@test") as service:
        mine = Organisation(service)
        colleague = Organisation(RegisterService(service.database, actor="colleague@test"))
        # Both open the empty form: nothing recorded yet.
        organisation, version = mine.current()
        assert organisation is None and version == 0
        _, theirs_opened = colleague.current()
        colleague.edit(rec.Organisation(name="Nordvik skole", country="NO"), theirs_opened)
        with pytest.raises(ConflictError) as refused:
            mine.edit(rec.Organisation(name="Nordvik skule", country="NO"), version)
        assert "colleague@test changed this record" in refused.value.render()
        assert service.organisation() == rec.Organisation(name="Nordvik skole", country="NO")
        # From the form reopened, the edit goes through and the version moves on.
        organisation, version = mine.current()
        assert organisation is not None and version == 1
        mine.edit(rec.replace(organisation, address="Skoleveien 1, 8000 Nordvik"), version)
        assert Organisation(service).current()[1] == 2
        assert service.organisation() == rec.Organisation(
            name="Nordvik skole", country="NO", address="Skoleveien 1, 8000 Nordvik")
