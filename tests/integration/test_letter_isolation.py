"""Only this child: a letter built from a register of siblings and classmates with similar names.

The register is read through the services as the command line reads it (the whole list of
activities and processors, the one request), so the test covers what a real letter is made of.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from pypdf import PdfReader

from privdesk.documents.access_letter import render_access_letter
from privdesk.domain.records import (
    Activity,
    Contact,
    DataItem,
    DataSubject,
    Organisation,
    Processor,
    Register,
    Request,
    Requester,
    Withheld,
)
from privdesk.services import RegisterService

ORGANISATION = Organisation(
    name="Bjørkely skole", org_number="998877665", country="NO", language="nb",
    address="Bjørkeveien 2, 8888 Bjørkely", dpo=Contact(name="Tove Lind", email="pvo@bk.example"),
)
PROCESSORS = (
    Processor(ref="V-1", name="Regnefabrikken AS", country="NO"),
    Processor(ref="V-2", name="Kantinekort AS", country="NO"),
    Processor(ref="V-3", name="Fotoboksen AS", country="NO"),
)
ACTIVITIES = (
    Activity(ref="PA-1", name="Regneapp", purposes=("Regnetrening",), processors=("V-1",)),
    Activity(ref="PA-2", name="Lesekartlegging", purposes=("Kartlegge lesing",)),
    Activity(ref="PA-3", name="Kantinekort", purposes=("Betaling i kantina",),
             processors=("V-2",)),
    Activity(ref="PA-4", name="Skolefoto", purposes=("Klassebilder",), processors=("V-3",)),
)


def _request(ref: str, child: str, born: date, class_: str, guardian: str,
             activities: tuple[str, ...], values: tuple[tuple[str, str], ...],
             withheld: tuple[Withheld, ...] = ()) -> Request:
    return Request(
        ref=ref, received=date(2026, 11, 2),
        subject=DataSubject(name=child, born=born, groups=("pupils",), class_=class_),
        requester=Requester(name=guardian, relation="guardian",
                            address=f"Adresse for {guardian}"),
        activities=activities,
        data=tuple(DataItem(activity=activity, item=f"Opplysning {n}", value=value)
                   for n, (activity, value) in enumerate(values)),
        withheld=withheld,
    )


# The child whose letter we write, and the others who must never appear in it.
EMMA = _request("DSAR-1", "Emma Nilsen", date(2015, 3, 2), "5B", "Kari Nilsen",
                ("PA-1", "PA-2"), (("PA-1", "Nivå 12 (Emma)"), ("PA-2", "Lesescore 41")),
                (Withheld(description="Klassekameratens kommentar",
                          reason="Andres personopplysninger"),))
OTHERS = (
    # Her brother: same guardian, same address, another child.
    _request("DSAR-2", "Emil Nilsen", date(2013, 6, 21), "7A", "Kari Nilsen",
             ("PA-1", "PA-3"), (("PA-1", "Nivå 19 (Emil)"), ("PA-3", "Kantinesaldo 212 kr"))),
    # A classmate with a name one letter away.
    _request("DSAR-3", "Emma Nilssen", date(2015, 1, 9), "5B", "Per Nilssen",
             ("PA-1",), (("PA-1", "Nivå 8 (Nilssen)"),)),
    # Another Emma in the parallel class.
    _request("DSAR-4", "Emma Nielsen", date(2015, 8, 30), "5A", "Lise Nielsen",
             ("PA-4",), (("PA-4", "Portrett 5A nr 14"),),
             (Withheld(description="Søsterens helseopplysninger", reason="Taushetsplikt"),)),
    # A younger child with exactly the same name.
    _request("DSAR-5", "Emma Nilsen", date(2019, 11, 11), "2C", "Ola Nilsen",
             ("PA-2",), (("PA-2", "Lesescore 7 (yngste Emma)"),)),
)
REGISTER = Register(organisation=ORGANISATION, activities=ACTIVITIES, processors=PROCESSORS,
                    requests=(EMMA, *OTHERS))

FORBIDDEN = (
    "Emil", "Nilssen", "Nielsen", "Per ", "Lise", "Ola Nilsen", "DSAR-2", "DSAR-3", "DSAR-4",
    "DSAR-5", "7A", "5A", "2C", "Nivå 19", "Kantinesaldo", "Nivå 8", "Portrett", "Lesescore 7",
    "Søsterens", "Taushetsplikt", "Kantinekort", "Betaling i kantina", "Skolefoto",
    "Fotoboksen", "Klassebilder", "2013", "2019", "Adresse for Per", "Adresse for Ola",
)


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_the_letter_holds_this_child_and_nobody_else(service: RegisterService,
                                                     language: str) -> None:
    service.load(REGISTER)
    request = service.request("DSAR-1")
    content = render_access_letter(request, service.organisation(), service.activities(),
                                   service.processors(), language, date(2026, 11, 23))
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("Emma Nilsen", "Kari Nilsen", "DSAR-1", "5B", "2015", "Nivå 12 (Emma)",
                     "Lesescore 41", "Regneapp", "Lesekartlegging", "Regnefabrikken AS",
                     "Klassekameratens kommentar", "Adresse for Kari Nilsen"):
        assert expected in text, expected
    for forbidden in FORBIDDEN:
        assert forbidden not in text, forbidden
    # The metadata's words (title, author, subject, keywords), not its dates: a letter written
    # at 20:19 has "2019" in its creation time, and that is no other child's birth year.
    metadata: dict[str, object] = dict(reader.metadata or {})
    assert forbidden_free(" ".join(str(value) for key, value in metadata.items()
                                   if not key.endswith("Date")))


def forbidden_free(text: str) -> bool:
    return not any(forbidden in text for forbidden in FORBIDDEN)


def test_the_letter_as_sent_is_kept_with_its_hash(service: RegisterService) -> None:
    service.load(REGISTER)
    request = service.request("DSAR-1")
    content = render_access_letter(request, service.organisation(), service.activities(),
                                   service.processors(), "nb", date(2026, 11, 23))
    digest = service.record_document("access_letter", "DSAR-1", "nb", content, "emma.pdf")
    assert digest == hashlib.sha256(content).hexdigest()
    kept = service.documents("DSAR-1")
    assert [(d["kind"], d["language"], d["filename"], d["sha256"]) for d in kept] == [
        ("access_letter", "nb", "emma.pdf", digest)]
    assert service.documents("DSAR-2") == []
