"""Field names in the DPO's words, as the history and the import preview show them."""

from __future__ import annotations

import dataclasses

import pytest

from privdesk.domain import records as rec
from privdesk.gui.language import set_language, tr
from privdesk.gui.values import FIELD_TITLES, field_title


@pytest.mark.parametrize("kind", [rec.Activity, rec.Processor, rec.Incident, rec.Request,
                                  rec.Organisation])
def test_every_field_of_a_record_has_a_label(kind: type) -> None:
    """Issue 17: an incident's or a request's field without a label showed as its name
    ("Occurred at", "Subjects notice") instead of the form's words."""
    unlabelled = [f.name for f in dataclasses.fields(kind)
                  if f.name not in FIELD_TITLES and f.name not in ("version",)]
    assert unlabelled == []


def test_a_field_shows_as_the_form_labels_it_in_the_dpo_language() -> None:
    set_language("nb")
    assert field_title("occurred_at") == tr("Happened:").rstrip(":")
    assert field_title("subjects_notice") == tr("How they were told, or &why not:").replace(
        "&", "").rstrip(":")
    assert field_title("decided_not_to_notify_at") == "Besluttet å ikke varsle"
    assert field_title("requester") == "Den som har sendt begjæringen"
