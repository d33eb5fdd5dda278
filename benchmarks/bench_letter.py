"""One access letter against reportlab rendering the same story directly (target: at most 2×).

The figure is everything ``render_access_letter`` does: choosing the child's activities,
translating, formatting dates, escaping every piece of user text, building the story, and
rendering it with our template (letterhead, running header, "page X of Y", metadata). The
floor is reportlab's ``SimpleDocTemplate.build`` on the same flowables, built untimed before
each run: layout and PDF output alone, with the same embedded fonts.
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import SimpleDocTemplate  # noqa: E402

from privdesk.documents.access_letter import (  # noqa: E402
    access_letter_story,
    render_access_letter,
)
from privdesk.domain.records import (  # noqa: E402
    Activity,
    Contact,
    DataItem,
    DataSubject,
    Extension,
    IdentityCheck,
    Organisation,
    Processor,
    Request,
    Requester,
    Transfer,
    Withheld,
)

TODAY = date(2026, 11, 23)
ORGANISATION = Organisation(
    name="Nordvik skole", org_number="987654321", country="NO", language="nb",
    address="Skoleveien 1, 1234 Nordvik", email="post@nordvik.example", phone="+47 22 00 00 00",
    dpo=Contact(name="Ingrid Solberg", email="pvo@nordvik.example", phone="+47 22 00 00 10"),
)


def make_case(activities: int, items: int) -> tuple[Request, list[Activity], list[Processor]]:
    """A request about one pupil across ``activities`` activities with ``items`` data items."""
    processors = []
    for n in range(activities):
        processors.append(Processor(ref=f"V-{n}", name=f"Læringsleverandør {n} AS",
                                    country="NO", role="processor"))
        processors.append(Processor(ref=f"V-{n}-s", name=f"Driftspartner {n} AB", country="SE",
                                    role="subprocessor", parent=f"V-{n}"))
    register_activities = [
        Activity(
            ref=f"PA-{n:03d}", name=f"Læringsapp nummer {n}",
            purposes=("Tilpasset opplæring i klassen", "Oppfølging av hver elev"),
            legal_bases=("6.1.e",), legal_basis_note="Opplæringslova § 1-1",
            data_categories=("identity", "education", "behaviour"),
            processors=(f"V-{n}",),
            transfers=(Transfer(country="US", recipient=f"V-{n}-s", safeguard="scc"),)
            if n % 5 == 0 else (),
            retention="Slettes to måneder etter at abonnementet avsluttes",
            source="Registrert av lærere; elevens egen bruk",
        )
        for n in range(activities)
    ]
    request = Request(
        ref="DSAR-2026-100", received=date(2026, 11, 2),
        subject=DataSubject(name="Máret Ŋuolla Ødegård", born=date(2015, 3, 2), class_="5B"),
        requester=Requester(name="Ánte Ødegård", relation="guardian",
                            relation_basis="Foreldreansvar", address="Fjordgata 12, 1234 Nordvik",
                            language="nb"),
        identity=IdentityCheck(verified=True, method="BankID", at=date(2026, 11, 3)),
        extension=Extension(months=2, reasons="Mange systemer må gjennomgås for hånd"),
        activities=tuple(activity.ref for activity in register_activities),
        data=tuple(
            DataItem(activity=f"PA-{n % activities:03d}", category="education",
                     item=f"Oppgave {n}: brøk og desimaltall",
                     value=f"Levert {n % 28 + 1}. oktober, vurdering: godt arbeid <{n}> & mer",
                     source="Læringsappen")
            for n in range(items)),
        withheld=(Withheld(description="Medelevs kommentar", reason="Andres opplysninger"),),
    )
    return request, register_activities, processors


def bench(name: str, activities: int, items: int, repeat: int) -> None:
    request, register_activities, processors = make_case(activities, items)
    prepared: dict[str, Any] = {}

    def ours() -> bytes:
        return render_access_letter(request, ORGANISATION, register_activities, processors,
                                    "nb", TODAY)

    def prepare_floor() -> None:
        prepared["story"], _ = access_letter_story(request, ORGANISATION, register_activities,
                                                   processors, "nb", TODAY)

    def floor() -> bytes:
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build(prepared["story"])
        return buffer.getvalue()

    measure(name, ours, floor, target=2.0, repeat=repeat, floor_setup=prepare_floor)


if __name__ == "__main__":
    bench("access letter, typical (5 activities, 40 data items)", 5, 40, repeat=7)
    bench("access letter, long (50 activities, 2,000 data items)", 50, 2000, repeat=3)
