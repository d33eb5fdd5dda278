"""The privacy notice read back from its PDF and its HTML in nb, sv and en: every element of
Art. 13(1)–(2) (and 14's source and categories) for the chosen activities, nothing internal,
user text shown as typed, the HTML's structure and colours as WCAG asks."""

from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from babel import Locale
from babel.dates import format_date
from pypdf import PdfReader

from privdesk.documents.notice_html import COLOURS, render_notice_html
from privdesk.documents.notice_pdf import render_notice_pdf
from privdesk.domain.notice import Notice, build_notice
from privdesk.domain.records import (
    Activity,
    Contact,
    Organisation,
    Processor,
    Transfer,
    replace,
)
from privdesk.i18n import translation

SCHOOL = Organisation(
    name="Lindeby skole", org_number="911222333", country="NO", language="nb",
    address="Lindeveien 5, 7777 Lindeby", email="post@lindeby.example", phone="+47 11 22 33 44",
    dpo=Contact(name="Mona Strand", email="pvo@lindeby.example", phone="+47 12 34 56 78"))
GRADES = Activity(
    ref="PA-1", name="Karakterer og vurdering", purposes=("Sette standpunktkarakterer",),
    legal_bases=("6.1.e",), legal_basis_note="Opplæringslova § 3-1",
    subjects=("pupils",), data_categories=("identity", "education"),
    source="Lærerne og elevenes innleveringer", retention="Fem år etter avsluttet skolegang",
    processors=("V-1",),
    transfers=(Transfer(country="US", recipient="Skyen AS", safeguard="scc",
                        note="Spurte leverandøren 1. oktober; intern"),),
    automated_decisions="Poengsummen i prøven regnes ut av programmet", owner="Rektor Berg")
PHOTOS = Activity(
    ref="PA-2", name="Bilder på skolens nettside", purposes=("Vise skolens hverdag",),
    legal_bases=("6.1.a",), subjects=("pupils",), data_categories=("images",),
    retention="P1Y")
CLOUD = Processor(ref="V-1", name="Skyen AS", country="NO", data_locations=("US",))
LANGUAGES = ("nb", "sv", "en")
LOCALES = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}


def make_notice(language: str, activities: tuple[Activity, ...] = (GRADES, PHOTOS),
                audience: str = "parents", organisation: Organisation = SCHOOL) -> Notice:
    return build_notice(list(activities), [CLOUD], organisation, audience=audience,
                        language=language, today=date(2026, 12, 3), version=4)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return flat(" ".join(page.extract_text() for page in reader.pages))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(content: bytes) -> str:
    parser = _Text()
    parser.feed(content.decode("utf-8"))
    return flat(" ".join(parser.parts))


def art13_elements(language: str) -> dict[str, list[str]]:
    """What a reader must find, by point of Art. 13 (and 14), in ``language``."""
    t = translation(language).gettext
    territories = Locale.parse(LOCALES[language]).territories
    return {
        "13(1)(a) controller": ["Lindeby skole", "Lindeveien 5, 7777 Lindeby",
                                "post@lindeby.example", "+47 11 22 33 44"],
        "13(1)(b) DPO": ["Mona Strand", "pvo@lindeby.example", "+47 12 34 56 78"],
        "13(1)(c) purposes": ["Sette standpunktkarakterer", "Vise skolens hverdag"],
        "13(1)(c) legal basis": [
            t("Needed for a task in the public interest, such as teaching under the Education "
              "Act, or for official authority."), "Opplæringslova § 3-1",
            t("Art. 6(1)(e) – public task")],
        "13(1)(e) recipients": ["Skyen AS"],
        "13(1)(f) transfers": [str(territories["US"]),
                               t("Standard contractual clauses (Art. 46(2)(c))"),
                               t("You can ask us for a copy of the safeguards.")],
        "13(2)(a) retention": ["Fem år etter avsluttet skolegang"],
        "13(2)(b) rights": [t("Access"), t("Rectification"), t("Erasure"), t("Restriction"),
                            t("Data portability"), t("Objection")],
        "13(2)(c) consent": [t("Withdraw consent")],
        "13(2)(d) complaint": [t("Datatilsynet (the Norwegian Data Protection Authority)"),
                               "Postboks 458 Sentrum, 0105 Oslo"],
        "13(2)(e) provision": [t("It is your choice. Saying no, or changing your mind later, "
                                 "has no other consequence than that we do not do this.")],
        "13(2)(f) automated decisions": ["Poengsummen i prøven regnes ut av programmet"],
        "14(1)(d) categories": [t("Education and assessment"), t("Photos, video and sound")],
        "14(2)(f) source": ["Lærerne og elevenes innleveringer"],
        "date and version": [format_date(date(2026, 12, 3), format="long",
                                         locale=LOCALES[language]), "4"],
    }


def missing_elements(text: str, language: str) -> list[str]:
    return [f"{point}: {value}" for point, values in art13_elements(language).items()
            for value in values if flat(value) not in text]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_holds_every_art_13_element_in_its_language(language: str) -> None:
    text = pdf_text(render_notice_pdf(make_notice(language)))
    assert missing_elements(text, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_html_holds_every_art_13_element_in_its_language(language: str) -> None:
    text = html_text(render_notice_html(make_notice(language)))
    assert missing_elements(text, language) == []


def test_the_notice_is_not_in_english_when_asked_for_in_norwegian_or_swedish() -> None:
    english = html_text(render_notice_html(make_notice("en")))
    for language in ("nb", "sv"):
        text = html_text(render_notice_html(make_notice(language)))
        assert "Your rights" in english and "Your rights" not in text
        assert "What we use the information for" not in text


@pytest.mark.parametrize("render", [render_notice_pdf, render_notice_html])
def test_nothing_internal_is_printed(render: object) -> None:
    content = render(make_notice("nb"))  # type: ignore[operator]
    text = pdf_text(content) if content.startswith(b"%PDF") else html_text(content)
    for internal in ("PA-1", "PA-2", "V-1", "intern", "Rektor Berg", "Spurte leverandøren"):
        assert internal not in text


def test_text_from_the_register_is_shown_as_typed_in_the_html_never_interpreted() -> None:
    hostile = Activity(ref="PA-9", name='<script>alert("x")</script> & <b>Fet</b>',
                       purposes=('<img src=x onerror="alert(1)">',), legal_bases=("6.1.e",),
                       subjects=("pupils",), retention="<a href='https://evil'>ett år</a>")
    content = render_notice_html(make_notice("nb", (hostile,))).decode("utf-8")
    assert "<script" not in content and "<img" not in content and "<b>" not in content
    assert "href='https://evil'" not in content
    text = html_text(content.encode("utf-8"))
    assert '<script>alert("x")</script> & <b>Fet</b>' in text
    assert "<a href='https://evil'>ett år</a>" in text
    pdf = pdf_text(render_notice_pdf(make_notice("nb", (hostile,))))
    assert '<script>alert("x")</script> & <b>Fet</b>' in pdf


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[int] = []
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self._link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.lang = found.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a":
            self._link, self._href = [], str(found.get("href") or "")

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((self._href, "".join(self._link).strip()))
            self._link = None


@pytest.mark.parametrize(("language", "audience"), [("nb", "parents"), ("sv", "pupils"),
                                                    ("en", "staff")])
def test_the_html_is_one_page_with_its_language_headings_in_order_and_working_links(
        language: str, audience: str) -> None:
    content = render_notice_html(make_notice(language, audience=audience))
    page = _Structure()
    page.feed(content.decode("utf-8"))
    assert page.lang == language
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    # No level is skipped going down (h1 → h2 → h3).
    assert all(after <= before + 1 for before, after in zip(page.headings, page.headings[1:],
                                                             strict=False))
    assert {"script", "img", "link", "iframe", "object"}.isdisjoint(page.tags)
    assert page.links, "the index by kind of information links to each processing"
    for href, text in page.links:
        assert text, f"empty link to {href}"
        assert href.startswith("#") and href[1:] in page.ids
    assert b"http://" not in content and b"url(" not in content  # nothing fetched


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_colour_pair_of_the_html_has_a_contrast_of_at_least_7_to_1() -> None:
    for name, (foreground, background) in COLOURS.items():
        lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 7, name


def test_the_pupils_notice_speaks_to_the_pupil_in_short_sentences() -> None:
    t = translation("nb").gettext
    text = html_text(render_notice_html(make_notice("nb", audience="pupils")))
    assert t("See what we keep") in text and t("Fix mistakes") in text
    assert t("Rectification") not in text
    summary = text.split(t("In short"), 1)[1].split(t("Find by kind of information"), 1)[0]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", summary) if s]
    # The pupils' own sentences (activity names and purposes aside) stay short.
    own = [s for s in sentences if "Sette standpunkt" not in s and "Vise skolens" not in s]
    assert own and max(len(s.split()) for s in own) <= 20


def test_the_pdf_embeds_its_fonts_sets_its_language_and_has_an_outline() -> None:
    reader = PdfReader(io.BytesIO(render_notice_pdf(make_notice("sv"))))
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    t = translation("sv").gettext
    assert t("Your rights") in titles and t("Complaints") in titles
    nested = [entry for entry in reader.outline if isinstance(entry, list)]
    assert any(e.title == "Karakterer og vurdering" for group in nested for e in group)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor


def test_the_pupils_notice_gives_the_legal_basis_in_a_pupils_words() -> None:
    t = translation("sv").gettext
    text = html_text(render_notice_html(make_notice("sv", audience="pupils")))
    assert t("The school needs it to teach you and look after you. The law says so.") in text
    assert t("You or your parents said yes to it.") in text
    assert t("Needed for a task in the public interest, such as teaching under the Education "
             "Act, or for official authority.") not in text


def test_subprocessors_are_named_once_under_the_processor_that_engaged_them() -> None:
    helpers = [Processor(ref=f"S-{n}", name=f"Hjelper {n}", country="SE", parent="V-1",
                         role="subprocessor") for n in (1, 2, 3)]
    photos = replace(PHOTOS, processors=("V-1",))
    notice = build_notice([photos], [replace(CLOUD, data_locations=()), *helpers], SCHOOL,
                          audience="parents", language="en", today=date(2026, 12, 3), version=1)
    text = html_text(render_notice_html(notice))
    assert ("Skyen AS uses these subcontractors for it: Hjelper 1 (Sweden), "
            "Hjelper 2 (Sweden), Hjelper 3 (Sweden)") in text
    assert text.count("handles the information for us") == 1


def test_a_transfer_without_a_safeguard_says_so_in_one_marked_line_when_gaps_are_marked(
        ) -> None:
    bare = replace(GRADES, transfers=())
    notice = build_notice([bare], [CLOUD], SCHOOL, audience="parents", language="en",
                          today=date(2026, 12, 3), version=1, mark_gaps=True)
    page = render_notice_html(notice).decode("utf-8")
    assert ('<span class="missing">United States: Skyen AS – how the information is protected '
            "is not yet recorded; we are working on it.</span>") in page
    assert "protected by" not in page


def test_the_legitimate_interests_are_said_as_interests_not_as_a_law() -> None:
    cameras = Activity(ref="PA-6", name="Kameraovervåking", purposes=("Hindre hærverk",),
                       legal_bases=("6.1.f",), legal_basis_note="Verne skolens bygg mot hærverk",
                       subjects=("staff",), retention="P7D")
    text = html_text(render_notice_html(make_notice("en", (cameras,), audience="staff")))
    assert "Our legitimate interests: Verne skolens bygg mot hærverk" in text
    assert "The law:" not in text


def test_the_index_leaves_out_what_every_use_holds_and_says_it_once() -> None:
    # Both hold identity; only grades hold education, only photos hold images.
    photos = replace(PHOTOS, data_categories=("identity", "images"))
    t = translation("en").gettext
    text = html_text(render_notice_html(make_notice("en", (GRADES, photos))))
    index = text.split(t("Find by kind of information"), 1)[1].split(
        t("What we do with the information, one use at a time"), 1)[0]
    assert "Every use below holds this information: Identity." in index
    assert index.count("Identity") == 1
    assert "Education and assessment Karakterer og vurdering" in flat(index)
    assert "Photos, video and sound Bilder på skolens nettside" in flat(index)
    # One use alone has nothing to look up: no index at all.
    alone = html_text(render_notice_html(make_notice("en", (GRADES,))))
    assert t("Find by kind of information") not in alone


def test_the_staff_notice_does_not_tell_staff_about_their_teaching() -> None:
    t = translation("en").gettext
    staff = html_text(render_notice_html(make_notice("en", (GRADES,), audience="staff")))
    parents = html_text(render_notice_html(make_notice("en", (GRADES,))))
    assert "teaching and follow-up" in parents and "teaching and follow-up" not in staff
    assert t("Must the information be given?") in staff
    assert "without it we cannot do that task" in staff


def test_a_row_of_a_processing_is_never_split_from_its_label_across_pages() -> None:
    # The transfers' row lands at every height of the page as the purposes above it grow: it
    # moves whole to the next page rather than leave its lines there without their label.
    vendors = [Processor(ref=f"V-{n}", name=f"Leverandør {n}", country="NO",
                         data_locations=("US",)) for n in range(2, 5)]
    for count in range(33, 37):  # the row straddles the first page break of the details
        grades = replace(GRADES, processors=tuple(v.ref for v in vendors), transfers=(),
                         purposes=tuple(f"Formål nummer {n}" for n in range(count)))
        notice = build_notice([grades], vendors, SCHOOL, audience="parents", language="en",
                              today=date(2026, 12, 3), version=1, mark_gaps=True)
        for page in PdfReader(io.BytesIO(render_notice_pdf(notice))).pages:
            text = flat(page.extract_text())
            if "Leverandør" in text and "protected" in text:  # a transfer's line
                assert "Outside the EU/EEA" in text, count
