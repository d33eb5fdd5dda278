"""The Art. 15 letter as a parent reads it: every element, in nb, sv and en, and nothing else.

Also the shared PDF base it stands on (``documents/pdf.py``): escaping of user text, embedded
fonts, Nordic and Sámi letters, metadata and "page X of Y".
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from privdesk.documents import pdf
from privdesk.documents.access_letter import render_access_letter
from privdesk.domain.letters import letter_language
from privdesk.domain.records import (
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
NORDIC = "æøå ÆØÅ äö ÄÖ áŋđŧšžč ÁŊĐŦŠŽČ"

ORGANISATION = Organisation(
    name="Fjordlia oppvekstsenter", org_number="912345678", country="NO", language="nb",
    address="Skolebakken 3, 9999 Fjordlia", email="post@fjordlia.example",
    phone="+47 11 22 33 44",
    dpo=Contact(name="Sigrid Haugland", email="personvern@fjordlia-kommune.example",
                phone="+47 11 22 33 55"),
)

PROCESSORS = [
    Processor(ref="V-1", name="Tallverksted AS", country="NO", role="processor"),
    Processor(ref="V-2", name="Nordhall Datasenter AB", country="SE", role="subprocessor",
              parent="V-1"),
    Processor(ref="V-3", name="Skyline Analytics Inc.", country="US", role="subprocessor",
              parent="V-1"),
    Processor(ref="V-9", name="Kantinekassa Betaling AS", country="NO", role="processor"),
]

ACTIVITIES = [
    Activity(
        ref="PA-1", name="Regneøving i Tallverksted",
        purposes=("Tilpasset regnetrening i timene",),
        legal_bases=("6.1.e",), legal_basis_note="Opplæringslova § 1-1",
        data_categories=("identity", "education"),
        processors=("V-1",),
        transfers=(Transfer(country="US", recipient="V-3", safeguard="scc"),),
        retention="Slettes tre måneder etter at avtalen er avsluttet",
        source="Registrert av læreren; elevens egen bruk av appen",
    ),
    Activity(
        ref="PA-2", name="Kartlegging av leseferdighet",
        purposes=("Finne elever som trenger ekstra leseopplæring",),
        legal_bases=("6.1.c",), data_categories=("education", "special_needs"),
        retention="Fem år etter skoleslutt",
        automated_decisions="Programmet sorterer resultatene og foreslår ekstra lesekurs; "
                            "en lærer avgjør",
    ),
    # In the register, not in the request: must never appear.
    Activity(ref="PA-3", name="Kantinebetaling", purposes=("Betaling for skolemat",),
             processors=("V-9",), retention="Ett år"),
]

REQUEST = Request(
    ref="DSAR-2026-017", received=date(2026, 11, 2),
    subject=DataSubject(name="Máret Ŋuolla", born=date(2015, 3, 2), class_="5B"),
    requester=Requester(name="Ánte Đuolla", relation="guardian",
                        relation_basis="Foreldreansvar bekreftet i elevregisteret",
                        address="Fjellveien 9\n9999 Fjordlia", email="ante@example.com"),
    identity=IdentityCheck(verified=True, method="BankID-signert krav", at=date(2026, 11, 3),
                           by="Sigrid Haugland"),
    activities=("PA-1", "PA-2"),
    data=(
        DataItem(activity="PA-1", category="identity", item="Navn og klasse",
                 value="Máret Ŋuolla, 5B", source="Tallverksted"),
        DataItem(activity="PA-1", category="education", item="Mestringsnivå",
                 value="Nivå 7 av 10", source="Tallverksted"),
        DataItem(activity="PA-2", category="special_needs", item="Lesekartlegging høst",
                 value="Under bekymringsgrensen; ekstra lesekurs tilbudt",
                 source="Kartleggingsprøve"),
    ),
    withheld=(Withheld(description="En medelevs kommentar i gruppearbeid",
                       reason="Medelevens egne personopplysninger"),),
)

# Words that show the letter is written in each language (fixed text, not the catalogue).
EXPECTED = {
    "nb": {
        "date": "23. november 2026", "received": "2. november 2026", "due": "2. desember 2026",
        "relation": "foresatt", "yes": "Ja: vi behandler personopplysninger om Máret Ŋuolla",
        "none": "Nei: vi behandler ingen personopplysninger om",
        "rights": ["Retting (art. 16)", "Sletting (art. 17)", "Begrensning (art. 18)",
                   "Protest (art. 21)", "Klage (art. 77)"],
        "free": "Svaret er gratis", "page": "Side 1 av", "annex": "Vedlegg",
        "no_adm": "ingen avgjørelser om Máret Ŋuolla tas utelukkende ved automatisert",
        "countries": ["Norge", "Sverige", "USA"], "withheld": "Det vi ikke har gitt deg",
        "remedy": "bringe saken inn for domstolene", "category": "Kategori",
    },
    "sv": {
        "date": "23 november 2026", "received": "2 november 2026", "due": "2 december 2026",
        "relation": "vårdnadshavare", "yes": "Ja: vi behandlar personuppgifter om Máret Ŋuolla",
        "none": "Nej: vi behandlar inga personuppgifter om",
        "rights": ["Rättelse (artikel 16)", "Radering (artikel 17)",
                   "Begränsning (artikel 18)", "Invändning (artikel 21)",
                   "Klagomål (artikel 77)"],
        "free": "Svaret är kostnadsfritt", "page": "Sida 1 av", "annex": "Bilaga",
        "no_adm": "inga beslut om Máret Ŋuolla fattas enbart genom automatiserad",
        "countries": ["Norge", "Sverige", "USA"], "withheld": "Det vi inte har lämnat ut",
        "remedy": "gå till domstol", "category": "Kategori",
    },
    "en": {
        "date": "23 November 2026", "received": "2 November 2026", "due": "2 December 2026",
        "relation": "parent or guardian",
        "yes": "Yes: we process personal data about Máret Ŋuolla",
        "none": "No: we do not process any personal data about",
        "rights": ["Rectification (Art. 16)", "Erasure (Art. 17)", "Restriction (Art. 18)",
                   "Objection (Art. 21)", "Complaint (Art. 77)"],
        "free": "This answer is free of charge", "page": "Page 1 of", "annex": "Annex",
        "no_adm": "no decision about Máret Ŋuolla is made by automated means alone",
        "countries": ["Norway", "Sweden", "United States"],
        "withheld": "What we have not given you", "remedy": "take the matter to the courts",
        "category": "Category",
    },
}


def letter(request: Request = REQUEST, organisation: Organisation = ORGANISATION,
           language: str = "nb") -> bytes:
    return render_access_letter(request, organisation, ACTIVITIES, PROCESSORS, language, TODAY)


def text_of(content: bytes) -> str:
    """The letter's text as a reader copies it: whitespace and line breaks made single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_every_element_of_the_letter(language: str) -> None:
    words = EXPECTED[language]
    text = text_of(letter(language=language))
    # Letterhead, reference, date; addressed to the requester, naming the child and relation.
    for expected in ("Fjordlia oppvekstsenter", "Skolebakken 3, 9999 Fjordlia", "912345678",
                     "DSAR-2026-017", words["date"], "Ánte Đuolla", "Fjellveien 9",
                     "Máret Ŋuolla", words["relation"],
                     "Foreldreansvar bekreftet i elevregisteret", "BankID-signert krav"):
        assert expected in text, expected
    # Confirmation and the layered summary on page one.
    first_page = " ".join(PdfReader(io.BytesIO(letter(language=language)))
                          .pages[0].extract_text().split())
    assert words["yes"] in first_page
    assert words["free"] in first_page
    assert words["due"] in first_page
    # Each activity of the request: purposes, categories, recipients, retention, source,
    # transfers with safeguard, automated decision-making.
    for expected in ("Regneøving i Tallverksted", "Tilpasset regnetrening i timene",
                     "Kartlegging av leseferdighet", "Opplæringslova § 1-1",
                     "Tallverksted AS", "Nordhall Datasenter AB", "Skyline Analytics Inc.",
                     "Slettes tre måneder etter at avtalen er avsluttet", "Fem år etter skoleslutt",
                     "Registrert av læreren; elevens egen bruk av appen",
                     "Programmet sorterer resultatene og foreslår ekstra lesekurs",
                     words["no_adm"], *words["countries"]):
        assert expected in text, expected
    from privdesk.domain.labels import label
    from privdesk.i18n import translation

    gettext = translation(language).gettext
    for group, code in (("data_categories", "special_needs"), ("data_categories", "education"),
                        ("safeguards", "scc"), ("legal_bases", "6.1.e")):
        assert label(group, code, gettext) in text, code
    # The copy of the data, as an annex; what was withheld and why, with the remedies.
    for expected in (words["annex"], "Nivå 7 av 10", "Mestringsnivå", "Kartleggingsprøve",
                     "Under bekymringsgrensen; ekstra lesekurs tilbudt", words["withheld"],
                     "En medelevs kommentar i gruppearbeid", "Medelevens egne personopplysninger",
                     words["remedy"]):
        assert expected in text, expected
    # The rights, the authority with its address and web site, the DPO, the dates.
    for expected in (*words["rights"], "Datatilsynet", "Postboks 458 Sentrum, 0105 Oslo",
                     "https://www.datatilsynet.no", "Sigrid Haugland",
                     "personvern@fjordlia-kommune.example", words["received"], words["due"],
                     words["page"]):
        assert expected in text, expected


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_only_the_requests_own_activities_appear(language: str) -> None:
    text = text_of(letter(language=language))
    for absent in ("Kantinebetaling", "Kantinekassa Betaling AS", "Betaling for skolemat"):
        assert absent not in text


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_metadata_title_author_subject_language(language: str) -> None:
    reader = PdfReader(io.BytesIO(letter(language=language)))
    info = reader.metadata
    assert info is not None
    assert "Máret Ŋuolla" in str(info.title) and "DSAR-2026-017" in str(info.title)
    assert info.author == "Fjordlia oppvekstsenter"
    assert info.subject and "15" in info.subject
    assert reader.trailer["/Root"]["/Lang"] == pdf.PDF_LANGUAGES[language]


def test_page_x_of_y_on_every_page() -> None:
    many = replace(REQUEST, data=tuple(
        DataItem(activity="PA-1", item=f"Oppgave {n}", value=f"Svar {n}: riktig")
        for n in range(300)))
    reader = PdfReader(io.BytesIO(letter(many, language="en")))
    pages = len(reader.pages)
    assert pages > 3
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_the_none_letter(language: str) -> None:
    nothing = replace(REQUEST, activities=(), data=(), withheld=())
    content = letter(nothing, language=language)
    text = text_of(content)
    words = EXPECTED[language]
    assert words["none"] in text and "Máret Ŋuolla" in text
    assert words["yes"] not in text
    assert words["annex"] not in text
    for absent in ("Regneøving", "Kartlegging", "Tallverksted AS", "Kantinebetaling"):
        assert absent not in text
    # The rights, the authority and the DPO are in the none letter too.
    for expected in (*words["rights"], "Postboks 458 Sentrum, 0105 Oslo", "Sigrid Haugland",
                     words["free"]):
        assert expected in text


def test_swedish_school_names_imy_and_counts_swedish_holidays() -> None:
    skola = replace(ORGANISATION, name="Älvängens skola", country="SE", language="sv",
                    address="Skolvägen 1, 123 45 Älvängen")
    # Received 24 November 2026: one month ends on Christmas Eve, which counts as a holiday
    # for Swedish deadlines; the answer is due on Monday 28 December.
    request = replace(REQUEST, received=date(2026, 11, 24))
    text = text_of(letter(request, skola, language="sv"))
    for expected in ("Integritetsskyddsmyndigheten", "Box 8114, 104 20 Stockholm",
                     "https://www.imy.se", "28 december 2026", "Älvängens skola"):
        assert expected in text
    assert "Datatilsynet" not in text


def test_the_extension_with_its_reasons() -> None:
    extended = replace(REQUEST, status="extended", extension=Extension(
        months=2, reasons="Data in nine systems must be collected by hand",
        decided=date(2026, 11, 20), notified=date(2026, 11, 21)))
    text = text_of(letter(extended, language="en"))
    assert "2 February 2027" in text  # 2 November + 3 months
    assert "Data in nine systems must be collected by hand" in text
    assert "21 November 2026" in text
    assert "Time limit extended to" in text


def test_a_request_by_the_person_themselves() -> None:
    own = replace(REQUEST, requester=Requester(name="Máret Ŋuolla", relation="self"))
    text = text_of(letter(own, language="en"))
    assert "Yes: we process personal data about you" in text
    assert "Relation to the child" not in text


def test_language_is_the_one_asked_for_then_the_requesters_then_the_organisations() -> None:
    swedish = replace(REQUEST, requester=replace(REQUEST.requester, language="sv"))
    assert letter_language(swedish, "en", ORGANISATION) == "en"
    assert letter_language(swedish, None, ORGANISATION) == "sv"
    assert letter_language(REQUEST, "en", ORGANISATION) == "en"
    assert letter_language(REQUEST, None, ORGANISATION) == "nb"
    assert letter_language(REQUEST, None, None) == "en"


HOSTILE = [
    "<font color=red>rød</font>",
    '<a href="https://evil.example/x">klikk her</a>',
    '<img src="/etc/passwd"/>',
    "Ola & Kari <b>uten slutt",
    "<para>&amp;&lt;</para>",
]


def test_user_text_is_shown_literally_never_interpreted() -> None:
    hostile = replace(
        REQUEST,
        subject=replace(REQUEST.subject, name=f"Máret {HOSTILE[3]}"),
        requester=replace(REQUEST.requester, name=HOSTILE[0], address=HOSTILE[1]),
        data=tuple(DataItem(activity="PA-1", item=f"Felt {n}", value=value, source=value)
                   for n, value in enumerate(HOSTILE)),
        withheld=(Withheld(description=HOSTILE[2], reason=HOSTILE[4]),),
    )
    content = letter(hostile, language="en")
    text = text_of(content)
    for value in HOSTILE:
        assert value in text, value
    reader = PdfReader(io.BytesIO(content))
    for page in reader.pages:
        assert "/Annots" not in page, "a link was made from user text"
        resources = page.get("/Resources") or {}
        assert "/XObject" not in resources, "an image was embedded from user text"


def test_escape_keeps_text_and_drops_control_characters() -> None:
    assert pdf.escape("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert pdf.escape("a\x00b\x07c\x1bd\x7f") == "abcd"
    assert pdf.escape("line 1\nline 2") == "line 1 line 2"
    assert pdf.escape("line 1\r\nline <2>", lines=True) == "line 1<br/>line &lt;2&gt;"
    assert pdf.escape("tab\there") == "tab here"
    assert pdf.escape("lone \ud800 surrogate") == "lone  surrogate"


def test_nordic_and_sami_letters_render_and_read_back() -> None:
    nordic = replace(REQUEST, data=(
        DataItem(activity="PA-1", item="Bokstaver", value=NORDIC),))
    text = text_of(letter(nordic, language="nb"))
    assert NORDIC in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_all_fonts_are_embedded(tmp_path: Path) -> None:
    target = tmp_path / "letter.pdf"
    target.write_bytes(letter(language="sv"))
    listing = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for line in listing:
        name, *_ = line.split()
        assert "DejaVuSans" in name, line
        # Columns: name, type, encoding, emb, sub, uni, object, id (type may be two words).
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


def test_the_first_page_is_the_letter_and_the_detail_follows() -> None:
    reader = PdfReader(io.BytesIO(letter(language="en")))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "In short" in first and "Kind regards" in first and "Sigrid Haugland" in first
    assert "About your request" not in first
    assert "About your request" in reader.pages[1].extract_text()


def test_texts_longer_than_a_page_break_across_pages() -> None:
    note = "Lærerens notat om lesing og skriving. " * 400
    long = replace(REQUEST, data=(DataItem(activity="PA-1", item="Notat", value=note),),
                   extension=Extension(months=2, reasons="Mange systemer. " * 600),
                   withheld=(Withheld(description="Vedlegg " * 900, reason="Andres data"),))
    text = text_of(letter(long, language="nb"))
    assert text.count("Lærerens notat om lesing og skriving.") == 400
    assert text.count("Mange systemer.") == 600


def test_many_activities_are_counted_in_the_summary_and_named_below() -> None:
    many = tuple(Activity(ref=f"PA-{n:02d}", name=f"Behandling nummer {n}") for n in range(12))
    request = replace(REQUEST, activities=tuple(a.ref for a in many), data=())
    content = render_access_letter(request, ORGANISATION, many, PROCESSORS, "en", TODAY)
    reader = PdfReader(io.BytesIO(content))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "The data are used in 12 activities, described below." in first
    text = text_of(content)
    for n in range(12):
        assert f"Behandling nummer {n}" in text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("abcXYZ019 <>&;=\"'/#!?-_.,:()[]{}") + list("æøåÆØÅäöÄÖáŋđŧšžčÁŊĐŦŠŽČ")),
    max_size=60))
def test_any_text_through_escape_reads_back_as_typed(typed: str) -> None:
    meta = pdf.DocumentMeta(title="t", author="a", subject="s", language="nb", invariant=True)
    content = pdf.render([Paragraph(pdf.escape(typed), pdf.styles().body)], meta)
    page = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert " ".join(typed.split()) in " ".join(page.split())


def test_data_kept_outside_the_eea_are_never_said_to_stay_inside() -> None:
    """Art. 15(1)(c) and 15(2): the parent learns of every recipient in a third country and
    the safeguard. Nothing is typed on the activity here, yet its processor keeps data in the
    US and its subprocessor sits there: both are transfers, and no safeguard is recorded."""
    abroad = [replace(p, data_locations=("US",)) if p.ref == "V-1" else p for p in PROCESSORS]
    own_activities = [replace(ACTIVITIES[0], transfers=()), ACTIVITIES[1]]
    content = render_access_letter(REQUEST, ORGANISATION, own_activities, abroad, "en", TODAY)
    text = text_of(content)
    assert "United States: Tallverksted AS – no safeguard recorded" in text
    assert "United States: Skyline Analytics Inc. – no safeguard recorded" in text
    # Reading test (no processors) still stays inside; the maths app does not claim to.
    assert text.count("None: the data stay in the EU/EEA.") == 1


def test_a_typed_safeguard_is_shown_for_its_recipient() -> None:
    text = text_of(letter(language="en"))
    assert "United States: Skyline Analytics Inc. – Standard contractual clauses" in text


# --- issue 16: what the DPO's own notes and the layout must not do ----------------------------


def test_a_transfer_note_of_the_demo_school_never_reaches_the_parent() -> None:
    """The demo's NexaLearn transfer note ("asked on 2026-10-01") is the DPO's own."""
    from privdesk.services.demo import demo_register

    demo = demo_register()
    request = replace(demo.requests[0], activities=("PA-001", "PA-002", "PA-003"))
    text = text_of(render_access_letter(request, demo.organisation, demo.activities,
                                        demo.processors, "en", TODAY))
    assert "ScandiTek" in text  # the transfer itself is listed
    assert "asked on" not in text and "2026-10-01" not in text


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
@pytest.mark.parametrize("withheld", range(1, 11, 2))
def test_no_near_empty_page_before_the_annex(language: str, withheld: int) -> None:
    """However long the detail, no page before the annex holds only a stray few lines (the
    contact section's end, as the demo letter did with a few more withheld items)."""
    from privdesk.services.demo import demo_register

    demo = demo_register()
    request = replace(demo.requests[0], withheld=demo.requests[0].withheld * withheld)
    reader = PdfReader(io.BytesIO(render_access_letter(
        request, demo.organisation, demo.activities, demo.processors, language, TODAY)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    # The running header and footer alone are about 110 characters.
    assert all(len(page) > 400 for page in pages[:-1]), [len(page) for page in pages]
