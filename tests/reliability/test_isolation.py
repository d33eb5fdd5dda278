"""Only this child: letters for siblings, classmates and same-named children, over many registers.

Each generated register holds a few children whose names, classes and guardians overlap
(siblings share a guardian, classmates a class, some children share a name), each with data
items and withheld items carrying values unique to that child. The register goes through the
services into a real SQLite file, as ``privdesk letter`` reads it; every child's letter must hold
its own values and none of another child's values, refs or guardians.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hostile_text import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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
from privdesk.services import open_register

# No name in one list is part of another name in either list.
CHILDREN = ("Emma Nilsen", "Emil Nilsen", "Emma Nilssen", "Máret Ŋuolla", "Noah Berg")
GUARDIANS = ("Kari Nilsen", "Per Olsson", "Ánte Đuolla", "Lise Dahl", "Ola Hansen")
CLASSES = ("5B", "5A", "7A", "2C")
ORGANISATION = Organisation(name="Fjellbygda skole", org_number="998877665", country="NO",
                            language="nb", address="Skolevegen 1, 9999 Fjellbygda",
                            dpo=Contact(name="Tove Lind", email="pvo@fjellbygda.example"))
PROCESSORS = (Processor(ref="V-1", name="Regnefabrikken AS", country="NO"),
              Processor(ref="V-2", name="Lesehuset AB", country="SE"))
ACTIVITIES = (
    Activity(ref="PA-1", name="Regneapp", purposes=("Regnetrening",), processors=("V-1",)),
    Activity(ref="PA-2", name="Lesekartlegging", purposes=("Kartlegge lesing",),
             processors=("V-2",)),
    Activity(ref="PA-3", name="Skolefoto", purposes=("Klassebilder",)),
)

_child = st.fixed_dictionaries({
    "name": st.integers(0, len(CHILDREN) - 1),
    "guardian": st.integers(0, len(GUARDIANS) - 1),
    "class": st.integers(0, len(CLASSES) - 1),
    "born": st.dates(date(2010, 1, 1), date(2020, 12, 31)),
    "activities": st.sets(st.sampled_from(["PA-1", "PA-2", "PA-3"]), min_size=1),
    "items": st.integers(1, 3),
    "withheld": st.booleans(),
    "word": st.text(alphabet="abcdefghijkmnopqrstuvwxyzæøå", min_size=1, max_size=8),
})


def _request(number: int, child: dict[str, Any]) -> Request:
    activities = tuple(sorted(child["activities"]))
    guardian = GUARDIANS[child["guardian"]]
    return Request(
        ref=f"DSAR-{number}", received=date(2026, 11, 2),
        subject=DataSubject(name=CHILDREN[child["name"]], born=child["born"],
                            groups=("pupils",), class_=CLASSES[child["class"]]),
        requester=Requester(name=guardian, relation="guardian",
                            address=f"Postboks {100 + child['guardian']}, 9999 Fjellbygda",
                            email=f"foresatt{child['guardian']}@example.no"),
        activities=activities,
        data=tuple(DataItem(activity=activities[k % len(activities)], item=f"Opplysning {k}",
                            value=f"Verdi{number}x{child['word']}{k}")
                   for k in range(child["items"])),
        withheld=(Withheld(description=f"Holdt{number}x tilbake", reason="Andres opplysninger"),)
        if child["withheld"] else (),
    )


def _words(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(f"{text} {reader.metadata}".split())


@settings(max_examples=examples(6), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(children=st.lists(_child, min_size=2, max_size=5),
       language=st.sampled_from(["nb", "sv", "en"]))
def test_each_letter_holds_its_own_child_only(template_registers: dict[str, Path],
                                              children: list[dict[str, Any]],
                                              language: str) -> None:
    requests = tuple(_request(n, c) for n, c in enumerate(children, start=1))
    register = Register(organisation=ORGANISATION, activities=ACTIVITIES,
                        processors=PROCESSORS, requests=requests)
    with tempfile.TemporaryDirectory() as folder:
        # An empty register at the current schema, copied rather than migrated per example.
        shutil.copy(template_registers["empty"], Path(folder) / "r.sqlite")
        _check_letters(Path(folder) / "r.sqlite", register, requests, language)


def _check_letters(path: Path, register: Register, requests: tuple[Request, ...],
                   language: str) -> None:
    with open_register(path, actor="dpo") as service:
        service.load(register)
        for own in requests:
            request = service.request(own.ref)
            content = render_access_letter(request, service.organisation(),
                                           service.activities(), service.processors(),
                                           language, date(2026, 11, 23))
            text = _words(content)
            assert own.subject.name in text and own.requester.name in text
            for item in own.data:
                assert item.value in text, item.value
            for other in requests:
                if other.ref == own.ref:
                    continue
                forbidden = [other.ref + " ", f"Holdt{other.ref[5:]}x",
                             f"Verdi{other.ref[5:]}x"]
                if other.requester.name != own.requester.name:
                    forbidden += [other.requester.name, other.requester.email or "",
                                  other.requester.address or ""]
                if other.subject.name != own.subject.name:
                    forbidden.append(other.subject.name)
                for value in forbidden:
                    assert value not in f"{text} ", (own.ref, value)
