"""A policy's text as paragraphs, sections and sentences, each sentence knowing its place.

The rules read sentences: a finding's evidence is the sentence it rests on. Sentences keep the
heading of their section and the list they belong to ("Third parties we use:"), because a line
such as "Stripe: handles payments" only means something under its list's introduction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from privdesk.domain.policy.language import detect_language

# Abbreviations after which a full stop does not end a sentence (lower case, without the dot).
_ABBREVIATIONS = frozenset(
    """f.eks t.ex e.g i.e bl.a nr org.nr art jf jfr ev evt o.l osv etc ca dvs mr mrs ms dr st
    inc ltd vs pkt kap ff resp m.m m.fl t.o.m fr.o.m inkl ekskl mv u.s e.u no co corp tlf tel
    ref s p pp bokst lit nos bl.a. dsv mfl fx el ds pvt pte pty""".split()
)
_BULLET = re.compile(r"^\s*(?:[-•*·▪●◦–]|\.(?=\s))\s*")
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Za-z]\.|\(?[a-z0-9]{1,2}\))\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
_END = re.compile(r"[.!?]['\"»”’)]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the policy, with where it stands."""

    index: int
    text: str
    block: int
    section: int
    heading: str
    intro: str
    is_heading: bool
    language: str


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the sentences under it, with the language they are written in."""

    index: int
    heading: str
    language: str
    chars: int


@dataclass(frozen=True, slots=True)
class Document:
    """The policy as the rules see it."""

    sentences: tuple[Sentence, ...]
    sections: tuple[Section, ...]
    language: str
    languages: tuple[tuple[str, float], ...]

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.sentences)

    def block_sentences(self, block: int) -> list[Sentence]:
        return [s for s in self.sentences if s.block == block]

    def section_sentences(self, section: int) -> list[Sentence]:
        return [s for s in self.sentences if s.section == section]


def normalise(text: str) -> str:
    """Unify line ends, spaces and a few typographic forms, so rules see one spelling."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00ad", "").replace("\ufeff", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def _paragraphs(text: str) -> list[str]:
    """Lines joined into paragraphs where a line was only wrapped (as in PDF text layers)."""
    paragraphs: list[str] = []
    current = ""
    for line in normalise(text).split("\n"):
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and _continues(current, line):
            current = current[:-1] + line if current.endswith("-") and line[:1].islower() \
                else f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    # A wrapped line: the previous one stops mid-sentence and this one goes on in lower case.
    if _END.search(previous) or previous.endswith(":"):
        return False
    return bool(line[:1].islower()) and not _BULLET.match(line)


# A line that opens with a person and a verb says something, full stop or not ("Du kan lämna
# klagomål till IMY"): headings are nouns or questions ("Your rights", "Hva vi lagrer").
_STATEMENT = re.compile(
    r"^(?:du|dere|ni|you|vi|we|the\s+data\s+subject|den\s+registrerte)\s+"
    r"(?:kan|kann|can|could|may|har|have|has|must|må|måste|will|vil|ska|skal|får|also|også|"
    r"också|are|er|är|use|uses|bruker|använder|lagrer|sparar|store|keep|deler|delar|share)\b",
    re.IGNORECASE,
)


def is_heading(paragraph: str) -> bool:
    """A short line without a full stop: a title, a numbered heading or a list's label."""
    words = paragraph.split()
    if not words or len(words) > 12 or paragraph.endswith(":"):
        return False
    if len(words) >= 5 and _STATEMENT.match(_BULLET.sub("", paragraph)):
        return False
    if _END.search(paragraph):
        # "1. Introduction" ends in no stop; "Seven years." is a sentence, not a heading.
        return False
    return paragraph[:1].isupper() or bool(_ENUMERATOR.match(paragraph)) or paragraph.isupper()


def _is_enumerator(prefix: str) -> bool:
    return bool(re.fullmatch(r"\s*(?:\d{1,2}(?:\.\d{1,2})*|[A-Za-z])\s*", prefix))


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph; dates, numbers and abbreviations do not split."""
    sentences: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?]+['\"»”’)]*(?:\s+|(?=[A-ZÆØÅÄÖ][a-zæøåäö]))", paragraph):
        end = match.end()
        piece = paragraph[start:end].strip()
        before = paragraph[start:match.start()]
        nxt = paragraph[end:end + 1]
        if not nxt:
            break
        if match.group().strip() == match.group() and not before[-1:].isdigit():
            # No space after the stop: only "2022.Next" (a date run into the next sentence).
            continue
        if not (nxt.isupper() or nxt.isdigit() or nxt in "«\"“”'(-–•"):
            continue
        last_word = re.split(r"[\s(]", before)[-1].lower().rstrip(".")
        initial = re.split(r"[\s(]", before)[-1]
        if last_word in _ABBREVIATIONS or _is_enumerator(before) or (
                len(initial) == 1 and initial.isupper()):
            continue
        if len(last_word) == 1 and last_word.isalpha() and nxt.isdigit():
            continue
        sentences.append(piece)
        start = end
    rest = paragraph[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def parse_document(text: str) -> Document:
    """Sentences with their section, list introduction and language; the document's language."""
    paragraphs = _paragraphs(text)
    raw: list[tuple[str, int, int, str, str, bool]] = []
    headings: list[str] = [""]
    section = 0
    intro = ""
    for block, paragraph in enumerate(paragraphs):
        heading = is_heading(paragraph)
        stripped = _BULLET.sub("", paragraph)
        # "4.4 Du har rätt ..." : the clause number is no part of the evidence sentence.
        stripped = re.sub(r"^\d{1,2}(?:\.\d{1,2})+\s+(?=\S)", "", stripped)
        if heading and (_ENUMERATOR.match(paragraph) or not _BULLET.match(paragraph)):
            section += 1
            headings.append(stripped)
            intro = ""
            raw.append((stripped, block, section, stripped, intro, True))
            continue
        if stripped.endswith(":") and len(stripped.split()) <= 12:
            intro = stripped
            raw.append((stripped, block, section, headings[section], intro, True))
            continue
        for sentence in split_sentences(stripped):
            raw.append((sentence, block, section, headings[section], intro, False))

    # Language section by section: a heading alone is too short to tell, so its body decides.
    by_section: dict[int, list[str]] = {}
    for sentence, _, sec, _, _, _ in raw:
        by_section.setdefault(sec, []).append(sentence)
    whole = detect_language(text)
    section_language: dict[int, str] = {}
    previous = whole
    for sec in sorted(by_section):
        body = " ".join(by_section[sec])
        # A short section (an address line, a date) says too little: it keeps the language
        # of the one before.
        language = detect_language(body, default=previous, min_score=3) \
            if len(body.split()) >= 8 else previous
        section_language[sec] = language
        previous = language
    sections = tuple(
        Section(index=sec, heading=headings[sec], language=section_language[sec],
                chars=sum(len(s) for s in by_section[sec]))
        for sec in sorted(by_section)
    )
    shares: Counter[str] = Counter()
    for s in sections:
        shares[s.language] += s.chars
    total = sum(shares.values()) or 1
    languages = tuple((lang, round(n / total, 2)) for lang, n in shares.most_common())
    language = languages[0][0] if languages else whole
    sentences = tuple(
        Sentence(index=i, text=t, block=b, section=sec, heading=h, intro=intro_, is_heading=hd,
                 language=section_language[sec])
        for i, (t, b, sec, h, intro_, hd) in enumerate(raw)
    )
    return Document(sentences=sentences, sections=sections, language=language,
                    languages=languages)
