"""The findings of a policy review, one rule per kind of finding, each with its evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from privdesk.domain.codes import EEA_COUNTRIES
from privdesk.domain.policy import vocabulary as v
from privdesk.domain.policy.catalogue import Catalogue, Vendor
from privdesk.domain.policy.periods import find_dates, find_periods
from privdesk.domain.policy.rules import any_of, first_unnegated, is_negated, words
from privdesk.domain.policy.structure import Document, Sentence

# --- Findings ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VendorInfo:
    name: str | None
    org_number: str | None
    country: str | None
    aliases: tuple[str, ...]
    evidence: str | None


@dataclass(frozen=True, slots=True)
class Contact:
    role: str  # "dpo" or "privacy"
    email: str | None
    evidence: str
    obfuscated: bool = False


@dataclass(frozen=True, slots=True)
class ThirdParty:
    name: str
    country: str | None
    purpose: str | None
    evidence: str
    source: str  # "catalogue" or "text"
    usual_safeguard: str | None = None
    processor: bool = True
    sentence: int = 0
    block: int = 0
    placed: bool = False  # the policy itself says which country the party is in


@dataclass(frozen=True, slots=True)
class Location:
    country: str
    evidence: str
    party: str | None = None


@dataclass(frozen=True, slots=True)
class Region:
    region: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Transfer:
    country: str | None
    safeguard: str | None
    evidence: str
    recipient: str | None = None
    safeguard_evidence: str | None = None
    safeguard_source: str | None = None  # "policy" or "adequacy_list"


@dataclass(frozen=True, slots=True)
class Retention:
    text: str
    period: str | None
    kind: str  # "period", "event", "vague", "indefinite"
    evidence: str


@dataclass(frozen=True, slots=True)
class LegalBasis:
    basis: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Children:
    min_age: int | None
    parental_consent_below: int | None
    evidence: str | None
    other_rules: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Authority:
    name: str
    country: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact with the sentence it rests on (a date, a repealed law, a category...)."""

    value: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Findings:
    language: str
    languages: tuple[tuple[str, float], ...]
    sections: tuple[tuple[str, str], ...]
    vendor: VendorInfo
    contacts: tuple[Contact, ...]
    third_parties: tuple[ThirdParty, ...]
    data_locations: tuple[Location, ...]
    data_regions: tuple[Region, ...]
    transfers: tuple[Transfer, ...]
    retention: tuple[Retention, ...]
    legal_bases: tuple[LegalBasis, ...]
    data_categories: tuple[Evidence, ...]
    children: Children
    pupils: str | None
    response_time_days: int | None
    response_evidence: str | None
    authority: Authority | None
    complaint: str | None
    policy_date: date | None
    date_evidence: str | None
    repealed: tuple[Evidence, ...]
    tracking: str | None
    special_safeguard: str | None
    certifications: tuple[Evidence, ...] = field(default=())


def _body(document: Document) -> list[Sentence]:
    return [s for s in document.sentences if not s.is_heading]


def _in_context(document: Document, s: Sentence) -> str:
    """A cell of a flattened table ("Sju år.") only means something with its row: the whole
    short paragraph it stands in is its evidence."""
    if len(s.text.split()) > 3:
        return s.text
    row = " ".join(x.text for x in document.block_sentences(s.block))
    return row if len(row.split()) <= 60 else s.text


# --- Vendor -------------------------------------------------------------------------------

_SUFFIX = "|".join(sorted((re.escape(s) for s in v.COMPANY_SUFFIXES), key=len, reverse=True))
_NAME_WORD = r"[A-ZÆØÅÄÖ][\w&'’\-]*"
_COMPANY = re.compile(
    rf"(?<![\w])((?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD}),?\s+({_SUFFIX})(?![\w/])")
_DEFINED = re.compile(r"\(\s*((?:[«\"“”'‘’][^»\"“”'‘’)]{2,40}[»\"“”'‘’][\s,]*)+)")
_QUOTED = re.compile(r"[«\"“”'‘’]([^»\"“”'‘’]{2,40})[»\"“”'‘’]")
_ORG_NUMBER = re.compile(
    rf"(?:{'|'.join(v.ORG_NUMBER_LABELS)})\s*[:.]?\s*(?:NO\s*|SE\s*|DK\s*)?"
    r"(\d{6}\s*-\s*\d{4}|\d{3}\s?\d{3}\s?\d{3}(?!\d)|\d{8}(?!\d)|\d{2}\s\d{2}\s\d{2}\s\d{2})",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"(?:privacy\s+(?:policy|notice|statement)|personvernerklæring(?:en)?|personvernerklæring|"
    r"personvernserklæring(?:en)?|integritetspolicy|dataskyddspolicy|privatlivspolitik)"
    # The name is written with a capital, whatever the case of the words before ("Privacy
    # notice for schools" names no vendor).
    r"\s+(?:for|för|fra|från|from|of|til)\s+"
    r"((?-i:[A-ZÆØÅÄÖ][\w&.\-]*(?:\s+[A-ZÆØÅÄÖ][\w&.\-]*){0,3}))",
    re.IGNORECASE,
)
_WORKED_WITH = re.compile(
    r"\b(?:by|av|partner\w*|leverandør\w*|leverantör\w*|providers?|via|through|gjennom|"
    r"genom|with|med|from|fra|från|hos)\s+(?:the\s+)?$", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_DOMAIN_TLD = re.compile(r"\b[\w-]+\.(no|se|dk|fi)\b", re.IGNORECASE)
_TLD_COUNTRY = {"no": "NO", "se": "SE", "dk": "DK", "fi": "FI"}
_LANGUAGE_COUNTRY = {"nb": "NO", "nn": "NO", "sv": "SE", "da": "DK"}


def _org_number(raw: str) -> tuple[str, str | None]:
    digits = re.sub(r"\D", "", raw)
    if "-" in raw and len(digits) == 10:
        return f"{digits[:6]}-{digits[6:]}", "SE"
    if len(digits) == 10:
        return f"{digits[:6]}-{digits[6:]}", "SE"
    if len(digits) == 9:
        return digits, "NO"
    if len(digits) == 8:
        return digits, "DK"
    return digits, None


def _aliases(name: str, suffix: str | None, defined: str) -> tuple[str, ...]:
    names = {name}
    if suffix:
        names.add(f"{name} {suffix}")
    names.update(q.strip() for q in _QUOTED.findall(defined))
    first = name.split()[0]
    if len(first) >= 5:
        names.add(first)
    return tuple(sorted(names, key=len, reverse=True))


def find_vendor(document: Document, emails: list[str], authority: Authority | None) -> VendorInfo:
    """The vendor behind the policy: its name, organisation number and country."""
    sentences = document.sentences
    name: str | None = None
    suffix: str | None = None
    defined = ""
    evidence: str | None = None
    for s in sentences:
        for m in _COMPANY.finditer(s.text):
            after = s.text[m.end():]
            d = _DEFINED.match(after.lstrip())
            if d:
                name, suffix, defined, evidence = m.group(1), m.group(2), d.group(1), s.text
                break
        if name:
            break
    org_number: str | None = None
    org_country: str | None = None
    for s in sentences:
        number = _ORG_NUMBER.search(s.text)
        if number:
            org_number, org_country = _org_number(number.group(1))
            if name is None:
                # The company name stands just above its organisation number.
                for earlier in reversed(sentences[max(0, s.index - 4):s.index + 1]):
                    c = _COMPANY.search(earlier.text)
                    if c:
                        name, suffix, evidence = c.group(1), c.group(2), earlier.text
                        break
            break
    if name is None:
        for s in sentences[:6]:
            t = _TITLE.search(s.text)
            if t:
                name, evidence = t.group(1).rstrip("."), s.text
                break
    if name is None:
        for s in sentences[: max(10, len(sentences) // 5)]:
            # "Support is provided by Kestrel Care Ltd": a company the vendor works with.
            c = next((c for c in _COMPANY.finditer(s.text)
                      if not _WORKED_WITH.search(s.text, 0, c.start())), None)
            if c:
                name, suffix, evidence = c.group(1), c.group(2), s.text
                break
    # Strip leading words that are no part of a name ("Vi", "The", "At").
    if name:
        parts = name.split()
        while len(parts) > 1 and parts[0].lower() in {"vi", "the", "at", "hos", "for", "og",
                                                      "and", "och", "med", "with"}:
            parts.pop(0)
        name = " ".join(parts)
    country = org_country
    if country is None and suffix:
        country = v.COMPANY_SUFFIXES.get(suffix)
    if country is None:
        tlds = [m.group(1).lower() for e in emails for m in [_DOMAIN_TLD.search(e)] if m]
        if name:
            key = re.escape(name.split()[0])
            site = re.search(rf"\b{key}\.(no|se|dk|fi)\b", document.text, re.IGNORECASE)
            if site:
                tlds.append(site.group(1).lower())
        if tlds:
            country = _TLD_COUNTRY[max(set(tlds), key=tlds.count)]
    if country is None and authority is not None:
        country = authority.country
    if country is None:
        country = _LANGUAGE_COUNTRY.get(document.language)
    full = f"{name} {suffix}" if name and suffix else name
    aliases = _aliases(name, suffix, defined) if name else ()
    return VendorInfo(name=full, org_number=org_number, country=country, aliases=aliases,
                      evidence=evidence)


# --- Contacts -------------------------------------------------------------------------------

_DPO = any_of(v.DPO_WORDS)
_OBFUSCATED = re.compile(v.OBFUSCATED_EMAIL, re.IGNORECASE)


def find_contacts(document: Document) -> list[Contact]:
    """E-mail addresses for privacy questions; the DPO's where the words before it say so."""
    found: dict[str, Contact] = {}
    for s in document.sentences:
        previous_end = 0
        addresses = sorted([(m.start(), m.end(), m.group().rstrip(".").lower())
                            for m in _EMAIL.finditer(s.text)]
                           + [(m.start(), m.end(), None) for m in _OBFUSCATED.finditer(s.text)],
                           key=lambda item: item[0])
        for start, end, email in addresses:
            # "Write to privacy@x, or to our DPO at dpo@x": the DPO is the one named before.
            dpo = bool(_DPO.search(s.text, previous_end, start))
            previous_end = end
            role = "dpo" if dpo else "privacy"
            key = email or f"[{role}]"
            known = found.get(key)
            if known is None or (dpo and known.role != "dpo"):
                # An address the page hid from scrapers is still a contact point.
                found[key] = Contact(role=role, email=email, evidence=s.text,
                                     obfuscated=email is None)
    return sorted(found.values(), key=lambda c: (c.role != "dpo", c.email or ""))


# --- Countries ---------------------------------------------------------------------------------

# A name, or its genitive: "USAs lover", "India's", "USA:s", "Filippinernes".
_COUNTRY = re.compile(
    r"(?<![\w.-])(" + "|".join(sorted((re.escape(n) for n in v.COUNTRY_NAMES), key=len,
                                      reverse=True)) + r")(?:['’]s|:s|s)?(?![\w-])"
)
_PLACE = re.compile(
    r"(?<![\w.-])(" + "|".join(sorted((re.escape(n) for n in v.PLACE_NAMES), key=len,
                                      reverse=True)) + r")(?![\w-])"
)
_TRANSFER = words((v.TRANSFER_WORDS,))
_STORAGE = words((v.STORAGE_WORDS,))
_OUTSIDE_EEA = re.compile(
    rf"(?:{v.OUTSIDE}\s+(?:(?:the|det|den)\s+)?{v.EEA_REGION}|{v.THIRD_COUNTRY})", re.IGNORECASE
)
_INSIDE_EEA = re.compile(
    rf"(?<![\w])(?:{v.INSIDE})\s+(?:(?:the|det|den)\s+)?{v.EEA_REGION}(?![\w])", re.IGNORECASE
)
_FOREIGN_LAW = any_of(v.FOREIGN_ACCESS_LAWS)
_MECHANISM_AFTER = re.compile(r"[\s\-–]*(?:Data\s+Privacy\s+Framework|Privacy\s+Shield|DPF)\b")
_NATIONALITY = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(n) for n in v.NATIONALITY_WORDS) + rf")\s+{v.COMPANY_WORDS}",
)


def _countries_in(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _COUNTRY.finditer(text):
        name = m.group(1)
        if _MECHANISM_AFTER.match(text, m.end()):
            continue  # "the EU-U.S. Data Privacy Framework" names a mechanism, not a place
        if name in ("US", "UK"):
            # In text set in capitals ("CONTACT US") the word is no country.
            around = re.sub(r"[^A-Za-z]", "", text[max(0, m.start() - 12):m.end() + 12])
            if around.isupper() and len(around) > len(name) + 3:
                continue
        found.append((m.start(), m.end(), v.COUNTRY_NAMES[name]))
    return found


def _places_in(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), v.PLACE_NAMES[m.group(1)]) for m in _PLACE.finditer(text)]


# --- Third parties ----------------------------------------------------------------------------

_THIRD_PARTY_INTRO = any_of(v.THIRD_PARTY_WORDS)
_ITEM = re.compile(rf"^\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})\s*:\s+\S")
_PARTNER = re.compile(
    rf"(?i:vår|våre|our|vores|vårt)\s+(?i:{'|'.join(v.PARTNER_NOUNS)})\s+"
    rf"({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
)
_LOCATED = re.compile(
    r"(?:\bi|\bin|\bpå|\bfrån|\bfra|\bfrom|\blocated\s+in|\bbased\s+in|\bbasert\s+i|"
    r"\bbaserad\s+i)\s+(?:the\s+)?$"
)
# "We use FullStory to ...": a CamelCase name right after a verb of using is a product.
_BRAND_USED = re.compile(
    r"(?i:\b(?:use|uses|using|used|bruker|brukar|nyttar|använder|anlitar|via)\s+)"
    r"([A-ZÆØÅÄÖ][a-zæøåäö]+[A-ZÆØÅÄÖ][\w]*)(?![\w.@])"
)
_NOT_BRANDS = frozenset({"JavaScript", "TypeScript", "PowerPoint", "PowerShell", "McAfee"})
_GENERIC_NAMES = frozenset(
    """GDPR EU EØS EEA Datatilsynet IMY Privacy Cookies Google Microsoft Apple""".split()
)


def _looks_like_name(name: str, description: str) -> bool:
    if name in _GENERIC_NAMES:
        return False
    if re.search(r"[a-zæøåäö][A-ZÆØÅÄÖ]", name) or re.search(r"\d", name):
        return True  # CamelCase or with digits: a brand
    if len(name.split()) > 1 and all(w[:1].isupper() for w in name.split()):
        return True
    return bool(re.search(r"\b(?:partner\w*|leverandør\w*|leverantör\w*|provider|company|"
                          r"selskap\w*|bolag\w*|tool|verktøy|verktyg|platform\w*|service)\b",
                          description, re.IGNORECASE))


def _is_vendor_name(name: str, vendor: VendorInfo) -> bool:
    folded = name.casefold()
    return any(folded == a.casefold() or folded.startswith(a.casefold())
               for a in vendor.aliases)


def _country_near(text: str, start: int, end: int) -> str | None:
    """A country the sentence places a named party in: "ScandiTek i Marokko", "the US firm X"."""
    if "|" in text:
        # A table row, "Cloudflare | content delivery | United States": a cell that is a
        # country places the party in the row's first cell.
        cells = [c.strip() for c in text.split("|")]
        if len(cells) >= 2 and cells[0] and cells[0] in text[start:end + len(cells[0])]:
            for cell in cells[1:]:
                hits = _countries_in(cell)
                if len(hits) == 1 and hits[0][0] == 0 and hits[0][1] == len(cell):
                    return hits[0][2]
    after = text[end:end + 60]
    for a, b, code in _countries_in(after):
        head = after[:a]
        if len(head.split()) <= 4 and _LOCATED.search(head) and not re.search(r"[.;:,]", head):
            return code
        # "Loop Contact Ltd, Kenya: answers tickets": the country set off after the name.
        if re.fullmatch(r"\s*,\s*", head) and re.match(r"\s*(?:[:;,)]|$)", after[b:]):
            return code
        break
    nationalities = list(_NATIONALITY.finditer(text[:start]))
    last = nationalities[-1] if nationalities else None
    if last is not None and start - last.end() < 20:
        return v.NATIONALITY_WORDS[last.group(1)]
    return None


def find_third_parties(document: Document, catalogue: Catalogue,
                       vendor: VendorInfo) -> list[ThirdParty]:
    """Named third parties: catalogue vendors wherever named, others by list or phrasing."""
    found: dict[str, ThirdParty] = {}

    def add(party: ThirdParty) -> None:
        key = party.name.casefold()
        if key in found:
            return
        found[key] = party

    for s in document.sentences:
        for start, end, entry in catalogue.matches(s.text):
            if _is_vendor_name(entry.name, vendor):
                continue
            if is_negated(s.text, start, end):
                continue
            add(_from_catalogue(entry, s, _country_near(s.text, start, end) == entry.country))

    text_parties: list[tuple[str, Sentence, int, int]] = []
    for s in document.sentences:
        item = _ITEM.match(s.text)
        if item and s.intro and _THIRD_PARTY_INTRO.search(s.intro):
            name = item.group(1)
            if _looks_like_name(name, s.text[item.end(1):]):
                text_parties.append((name, s, item.start(1), item.end(1)))
        for m in _PARTNER.finditer(s.text):
            text_parties.append((m.group(1), s, m.start(1), m.end(1)))
        for m in _BRAND_USED.finditer(s.text):
            if m.group(1) not in _NOT_BRANDS:
                text_parties.append((m.group(1), s, m.start(1), m.end(1)))
        if not _shouting(s.text):  # "CHILDREN AS USERS" names no company
            for m in _COMPANY.finditer(s.text):
                text_parties.append((f"{m.group(1)} {m.group(2)}", s, m.start(1), m.end(2)))

    names = {_clean_name(n) for n, *_ in text_parties}
    for name, s, start, end in text_parties:
        name = _clean_name(name)
        if not name or _is_vendor_name(name, vendor) or catalogue.matches(name):
            continue
        if is_negated(s.text, start, end) or name.casefold() in found:
            continue
        if any(other.startswith(name + " ") for other in names):
            continue  # "our partner Cedar Point Services" is "Cedar Point Services LLC"
        country = _country_near(s.text, start, end)
        if country is None:
            country = _country_elsewhere(document, name)
        placed = country is not None
        if country is None:
            suffix = _COMPANY.search(name)
            country = v.COMPANY_SUFFIXES.get(suffix.group(2)) if suffix else None
        add(ThirdParty(name=name, country=country, purpose=None, evidence=s.text,
                       source="text", sentence=s.index, block=s.block, placed=placed))
    return sorted(found.values(), key=lambda p: p.sentence)


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 8 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def _clean_name(name: str) -> str:
    parts = name.split()
    while parts and parts[0].lower() in {"vi", "the", "og", "and", "och", "hos", "at", "med"}:
        parts.pop(0)
    return " ".join(parts).strip(" .,:;")


def _country_elsewhere(document: Document, name: str) -> str | None:
    pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
    for s in document.sentences:
        for m in pattern.finditer(s.text):
            country = _country_near(s.text, m.start(), m.end())
            if country:
                return country
            # "ScandiTek ... fra Marokko" further on in the same clause.
            for a, _b, code in _countries_in(s.text[m.end():]):
                head = s.text[m.end():m.end() + a]
                if _LOCATED.search(head) and not re.search(r"[.;]", head):
                    return code
    return None


_SOCIAL = any_of((r"sosiale\s+medi\w*", r"sociala\s+medi\w*", r"sociale\s+medi\w*",
                  r"social\s+media", r"social\s+networks?", r"sosiale\s+nettverk\w*"))


def _from_catalogue(entry: Vendor, s: Sentence, placed: bool = False) -> ThirdParty:
    # YouTube named among "our pages on social media" is a page, not a video processor.
    social = bool(_SOCIAL.search(s.text)) and entry.category in {"video", "social_media"}
    return ThirdParty(name=entry.name, country=entry.country,
                      purpose="social_media" if social else entry.category,
                      evidence=s.text, source="catalogue", usual_safeguard=entry.safeguard,
                      processor=entry.processor and not social, sentence=s.index,
                      block=s.block, placed=placed and entry.country is not None)


# --- Locations and transfers ----------------------------------------------------------------

_SAFEGUARD_PATTERNS = {code: any_of(parts) for code, parts in v.SAFEGUARDS.items()}


def find_locations(document: Document, parties: list[ThirdParty]) -> tuple[
        list[Location], list[Region]]:
    """Countries where data is said to be stored, and EU/EEA-only statements."""
    locations: dict[str, Location] = {}
    regions: list[Region] = []
    block_parties: dict[int, list[ThirdParty]] = {}
    for p in parties:
        block_parties.setdefault(p.block, []).append(p)
    for s in _body(document):
        m = first_unnegated(s.text, _INSIDE_EEA)
        if m and not regions and _TRANSFER.search(s.text):
            regions.append(Region(region="EU/EEA", evidence=s.text))
        if not _STORAGE.search(s.text) or _FOREIGN_LAW.search(s.text):
            continue
        hits = sorted(_countries_in(s.text) + _places_in(s.text))
        last_end = -1
        for start, end, code in hits:
            before = s.text[max(0, start - 20):start]
            # "in Ireland and the United States": a list goes on from an accepted place.
            listed = last_end >= 0 and re.fullmatch(
                r"[\s,]*(?:and|og|och|or|eller|samt)?\s*(?:the\s+)?", s.text[last_end:start],
                re.IGNORECASE)
            if not listed and not re.search(
                    r"(?:\bi|\bin|\bpå|\bat|\bwithin|\binnenfor|\binom)\s+(?:the\s+)?$",
                    before, re.IGNORECASE):
                continue
            last_end = end
            if is_negated(s.text, start, end) or code in locations:
                continue
            locations[code] = Location(country=code, evidence=s.text,
                                       party=_party_of(s, block_parties.get(s.block, [])))
    return list(locations.values()), regions


def _party_of(s: Sentence, parties: list[ThirdParty]) -> str | None:
    """The party a location sentence speaks of: named in it, or alone in its paragraph."""
    named = [p.name for p in parties if p.name in s.text]
    if named:
        return named[0]
    return parties[0].name if len({p.name for p in parties}) == 1 else None


def _party_names(party: ThirdParty) -> tuple[str, ...]:
    """How a sentence may name a party: in full, or shorter ("Cedar Point" for "Cedar Point
    Services LLC"), down to a first word of five letters or more."""
    words_ = party.name.split()
    names = [" ".join(words_[:n]) for n in range(len(words_), 0, -1)]
    return tuple(n for n in names if len(n) >= 5 or n == party.name)


def _mention(text: str, party: ThirdParty) -> int | None:
    """Where ``text`` names ``party`` first, or None."""
    for name in _party_names(party):
        m = re.search(rf"(?<![\w]){re.escape(name)}", text)
        if m:
            return m.start()
    return None


def _names_party(text: str, party: ThirdParty) -> bool:
    return _mention(text, party) is not None


def _covered(text: str, country: str | None, recipient: ThirdParty | None,
             parties: list[ThirdParty]) -> bool:
    """Whether a sentence stating a safeguard covers the transfer (country, recipient): it
    names the country or the recipient, or it names neither a country outside the EEA nor a
    party, and so speaks of every transfer ("Transfers outside the EEA rely on SCCs")."""
    countries = {code for _a, _b, code in _countries_in(text) if code not in EEA_COUNTRIES}
    countries |= {code for word, code in v.NATIONALITY_WORDS.items()
                  if code not in EEA_COUNTRIES and re.search(rf"(?<![\w]){word}(?![\w])", text)}
    named = [p for p in parties if _names_party(text, p)]
    if country is not None and country in countries:
        return True
    if recipient is not None and recipient in named:
        return True
    return not countries and not named


def _safeguard_for(sentences: list[Sentence], country: str | None,
                   recipient: ThirdParty | None,
                   parties: list[ThirdParty]) -> tuple[str, str] | None:
    """The first safeguard stated for the transfer in ``sentences``: only a sentence that
    covers the transfer counts, and the DPF only for the United States."""
    for s in sentences:
        for code, pattern in _SAFEGUARD_PATTERNS.items():
            if code == "dpf" and country not in (None, "US"):
                continue
            if first_unnegated(s.text, pattern) and _covered(s.text, country, recipient,
                                                              parties):
                return code, s.text
    return None


def find_transfers(document: Document, parties: list[ThirdParty],
                   locations: list[Location]) -> list[Transfer]:
    """Processing or storage outside the EEA: one transfer per (country, recipient), each with
    the safeguard stated for it.

    A transfer is a country outside the EEA named with a word for handling data, a storage
    place outside the EEA, or a third party the policy places outside the EEA (a partner who
    performs part of the service or a team that may access data is a transfer, whether or not
    the policy says "transfer")."""
    found: dict[tuple[str | None, str | None], Sentence] = {}
    by_name = {p.name: p for p in parties}
    body = _body(document)
    for s in body:
        if _FOREIGN_LAW.search(s.text) or not _TRANSFER.search(s.text):
            continue
        for start, end, code in _countries_in(s.text):
            if code in EEA_COUNTRIES or is_negated(s.text, start, end):
                continue
            # The country belongs to the party of that country named nearest to it.
            named = [(abs(at - start), p.sentence, p.name) for p in parties if p.country == code
                     for at in [_mention(s.text, p)] if at is not None]
            if named:
                found.setdefault((code, min(named)[2]), s)
                continue
            of_country = [p for p in parties if p.country == code]
            recipient = of_country[0].name if len(of_country) == 1 else None
            found.setdefault((code, recipient), s)
    for loc in locations:
        if loc.country not in EEA_COUNTRIES and not any(c == loc.country for c, _ in found):
            sentence = next(s for s in body if s.text == loc.evidence)
            found[(loc.country, loc.party)] = sentence
    sentences = {s.index: s for s in document.sentences}
    for p in parties:
        if p.placed and p.country and p.country not in EEA_COUNTRIES and p.processor \
                and not any(c == p.country and r == p.name for c, r in found):
            found[(p.country, p.name)] = sentences[p.sentence]
    # A country named without a recipient, where the policy names a recipient in that
    # country, is the same transfer ("Transfers to the US rely on SCCs" after "Twilio, in
    # the US"): the safeguard sentence still reaches it.
    for country, recipient in list(found):
        if recipient is None and any(c == country and r is not None for c, r in found):
            del found[(country, None)]
    if not found:
        for s in body:
            m = first_unnegated(s.text, _OUTSIDE_EEA)
            if m and _TRANSFER.search(s.text):
                found[(None, None)] = s
                break
    transfers = []
    for (country, name), s in found.items():
        party = by_name.get(name) if name else None
        safeguard = _safeguard_for([s], country, party, parties) \
            or _safeguard_for(document.section_sentences(s.section), country, party, parties) \
            or _safeguard_for(body, country, party, parties)
        if safeguard is None and country in v.ADEQUATE_COUNTRIES:
            transfers.append(Transfer(country=country, safeguard="adequacy", evidence=s.text,
                                      recipient=name, safeguard_source="adequacy_list"))
            continue
        transfers.append(Transfer(country=country, safeguard=safeguard[0] if safeguard else None,
                                  evidence=s.text, recipient=name,
                                  safeguard_evidence=safeguard[1] if safeguard else None,
                                  safeguard_source="policy" if safeguard else None))
    return transfers


# --- Retention ----------------------------------------------------------------------------------

_RETENTION_VERB = any_of(v.RETENTION_VERBS)
_VAGUE = re.compile("|".join(v.VAGUE_RETENTION), re.IGNORECASE)
_INDEFINITE = re.compile("|".join(v.INDEFINITE_RETENTION), re.IGNORECASE)
_NEVER_DELETED = re.compile("|".join(v.NEVER_DELETED), re.IGNORECASE)
_EVENT = re.compile(r"(?<![\w])(?:" + "|".join(v.RETENTION_EVENT) + r")", re.IGNORECASE)
_QUESTION = any_of(v.RETENTION_QUESTION)
_USER_ACTION = re.compile("|".join(v.USER_ACTION), re.IGNORECASE)
_RIGHTS = words(tuple(v.RIGHTS_WORDS))
_RESPONSE = any_of(v.RESPONSE_WORDS)
_CLAUSE_END = re.compile(r"[.;,]|\s(?:og|och|and|men|but|eller|or)\s")


_EXAMPLE = re.compile(r"^(?:for\s+eksempel|f\.\s?eks\.?|till\s+exempel|t\.\s?ex\.?|"
                      r"for\s+example|for\s+instance|e\.\s?g\.?|eksempelvis|exempelvis)\b",
                      re.IGNORECASE)


def find_retention(document: Document) -> list[Retention]:
    """Retention statements: a period (as ISO 8601), an end event, or none at all.

    "As long as necessary" followed at once by the periods it sums up ("We keep data as long
    as necessary. Accounts are deleted 12 months after the last log-in.") is an introduction,
    not a statement without a period, and is left out. Followed by an example ("For example,
    accounts are kept five years"), it stays: the rest of the data still has no period."""
    found = _retention_statements(document)
    body = _body(document)
    concrete = [r for r in found if r.kind in ("period", "event")]

    def introduces(r: Retention) -> bool:
        at = next((i for i, s in enumerate(body) if s.text in r.evidence), None)
        if at is None or at + 1 >= len(body) or body[at + 1].section != body[at].section:
            return False
        following = body[at + 1].text
        return not _EXAMPLE.match(following) and any(following in c.evidence for c in concrete)

    return [r for r in found if not (r.kind == "vague" and introduces(r))]


def _retention_statements(document: Document) -> list[Retention]:
    found: list[Retention] = []
    seen: set[str] = set()
    for s in _body(document):
        text = s.text
        if text in seen:
            continue  # the same sentence twice (a repeated paragraph) is one statement
        seen.add(text)
        evidence = _in_context(document, s)
        if _QUESTION.search(text) or _USER_ACTION.search(text):
            continue
        periods = find_periods(text)
        only_period = bool(periods) and len(text.rstrip(". ").split()) <= 4 and \
            periods[0].start <= 1
        verb = _RETENTION_VERB.search(text)
        event = _EVENT.search(text)
        table_row = bool(re.match(r"^(?:Under|Tills?|Till\s+dess|Until|Inntil|Så\s+lenge|"
                                  r"Så\s+länge|As\s+long|For\s+as\s+long|During)\b", text))
        if not (verb or only_period or table_row):
            continue
        if _RESPONSE.search(text) and not verb:
            continue
        if verb and not (periods or event or table_row) and not _VAGUE.search(text) \
                and not _INDEFINITE.search(text) and not _NEVER_DELETED.search(text):
            continue
        indefinite = _INDEFINITE.search(text)
        if indefinite and is_negated(text, indefinite.start(), indefinite.end()):
            indefinite = None
        # "slettes ikke", "is not deleted": the negation is the statement.
        indefinite = indefinite or _NEVER_DELETED.search(text)
        if indefinite:
            found.append(Retention(text=indefinite.group(), period=None, kind="indefinite",
                                   evidence=evidence))
            continue
        if periods:
            for p in periods:
                if _RESPONSE.search(text) and not _RETENTION_VERB.search(text):
                    continue
                tail = _CLAUSE_END.search(text, p.end)
                words_ = text[p.start:tail.start() if tail else len(text)].strip()
                found.append(Retention(text=words_, period=p.iso, kind="period", evidence=evidence))
            continue
        vague = _VAGUE.search(text)
        if vague and not is_negated(text, vague.start(), vague.end()) and not _RIGHTS.search(text):
            found.append(Retention(text=vague.group(), period=None, kind="vague",
                                   evidence=evidence))
            continue
        if event and (verb or table_row):
            tail = _CLAUSE_END.search(text, event.end())
            found.append(Retention(text=text[event.start():tail.start() if tail else None]
                                   .strip(), period=None, kind="event", evidence=evidence))
        elif table_row:
            found.append(Retention(text=text.rstrip("."), period=None, kind="event",
                                   evidence=evidence))
    return found


# --- Legal bases --------------------------------------------------------------------------------

_ARTICLE_6 = re.compile(v.ARTICLE_6, re.IGNORECASE)
_ARTICLE_6_DOTTED = re.compile(
    r"(?<![\w.])6\s*\.\s*1\s*\.?\s*([a-f])\b|6\s*\(\s*1\s*\)\s*\(\s*([a-f])\s*\)", re.IGNORECASE
)
_STRONG = {code: any_of(parts) for code, parts in v.LEGAL_BASIS_STRONG.items()}
_WEAK = {code: any_of(parts) for code, parts in v.LEGAL_BASIS_WEAK.items()}
_MARKER = any_of(v.LEGAL_BASIS_MARKERS)


def find_legal_bases(document: Document) -> list[LegalBasis]:
    """Legal bases named by article ("art. 6.1.f") or in words, in en, nb and sv."""
    found: dict[str, LegalBasis] = {}

    def add(code: str, s: Sentence) -> None:
        if code not in found:
            found[code] = LegalBasis(basis=code, evidence=_in_context(document, s))

    for s in _body(document):
        text = s.text
        for m in list(_ARTICLE_6.finditer(text)) + list(_ARTICLE_6_DOTTED.finditer(text)):
            letter = (m.group(1) or m.group(2) or "").lower()
            if letter:
                add(f"6.1.{letter}", s)
        if _RIGHTS.search(text):
            continue
        # A table cell such as "Samtycke." or "Fullgörande av avtal med dig." names a basis.
        short = len(text.split()) <= 8 and text.endswith(".")
        for code, pattern in _STRONG.items():
            if first_unnegated(text, pattern):
                add(code, s)
        if _MARKER.search(text) or short:
            for code, pattern in _WEAK.items():
                if first_unnegated(text, pattern):
                    add(code, s)
    return sorted(found.values(), key=lambda b: b.basis)


# --- Data categories ----------------------------------------------------------------------------

_CATEGORIES = {code: any_of(parts) for code, parts in v.DATA_CATEGORIES.items()}
_SPECIAL_SAFEGUARDS = any_of(v.SPECIAL_SAFEGUARDS)


def find_data_categories(document: Document) -> list[Evidence]:
    """Interchange data categories the policy says are processed, each with a sentence."""
    found: dict[str, Evidence] = {}
    for s in _body(document):
        for code, pattern in _CATEGORIES.items():
            if code in found:
                continue
            if first_unnegated(s.text, pattern):
                found[code] = Evidence(value=code, evidence=s.text)
    order = list(v.DATA_CATEGORIES)
    return sorted(found.values(), key=lambda e: order.index(e.value))


def find_special_safeguard(document: Document) -> str | None:
    for s in _body(document):
        if first_unnegated(s.text, _SPECIAL_SAFEGUARDS):
            return s.text
    return None


# --- Children -------------------------------------------------------------------------------------

_AGE = re.compile(
    r"(?:under|below|younger\s+than|yngre\s+enn|yngre\s+än|yngre\s+end|over|above|older\s+than|"
    r"at\s+least|minst|mindst|aldersgrense\w*(?:\s+på)?|åldersgräns\w*(?:\s+på)?|"
    r"minimum\s+age(?:\s+of)?|age\s+of|alderen|åldern)\s+(?:the\s+age\s+of\s+|alderen\s+|"
    r"åldern\s+)?(\d{1,2})(?:\s*(?:år|years?|yrs|-year))?",
    re.IGNORECASE,
)
_CHILD = any_of(v.CHILD_WORDS)
_PARENT = any_of(v.PARENT_WORDS)
_CONSENT = any_of(v.CONSENT_WORDS)
_PROHIBITION = any_of(v.PROHIBITION_WORDS)
_PUPIL = any_of(v.PUPIL_WORDS)
_STRONG_PUPIL = any_of((r"skoleelev\w*", r"elev(?:er|ene|erna|en|ar|ane)?", r"pupils?",
                        r"schoolchildren", r"skolbarn", r"children", r"barn", r"barna"))


def find_children(document: Document) -> tuple[Children, str | None]:
    """The policy's age rules for children, and the sentence that shows pupils use it."""
    min_age: int | None = None
    parental: int | None = None
    evidence: str | None = None
    other: list[tuple[int, str]] = []
    for s in _body(document):
        for m in _AGE.finditer(s.text):
            age = int(m.group(1))
            word = m.group().split()[0].lower()
            # "You must be at least 13 years old" is an age rule without a word for children.
            minimum = word in {"at", "minst", "mindst", "minimum"} or word.startswith(
                ("aldersgrense", "åldersgräns")) and bool(_PROHIBITION.search(s.text))
            if not 6 <= age <= 18 or not (_CHILD.search(s.text) or minimum):
                continue
            below = word in {"under", "below", "younger", "yngre"}
            # "Parental consent is not required for pupils under 16" sets no consent age.
            if below and _PARENT.search(s.text) and first_unnegated(s.text, _CONSENT):
                if parental is None:
                    parental = age
                    evidence = evidence or s.text
            elif _PROHIBITION.search(s.text):
                if min_age is None:
                    min_age = age
                    evidence = evidence or s.text
            elif below and _PARENT.search(s.text):
                other.append((age, s.text))
    pupils = None
    for s in _body(document):
        if _STRONG_PUPIL.search(s.text):
            pupils = s.text
            break
    if pupils is None:
        for s in _body(document):
            if _PUPIL.search(s.text):
                pupils = s.text
                break
    if evidence is None and other:
        evidence = other[0][1]
    return Children(min_age=min_age, parental_consent_below=parental, evidence=evidence,
                    other_rules=tuple(other)), pupils


# --- Rights, authority, response time ------------------------------------------------------------

_COMPLAINT = any_of(v.COMPLAINT_WORDS)
_GENERIC_AUTHORITY = any_of(v.GENERIC_AUTHORITY)
_AUTHORITIES = [(re.compile(p), name, country) for p, (name, country) in v.AUTHORITIES.items()]
_EXTENSION = any_of(v.EXTENSION_WORDS)


def _authority_in(text: str) -> tuple[str, str] | None:
    for pattern, name, country in _AUTHORITIES:
        if pattern.search(text):
            return name, country
    return None


def find_authority(document: Document) -> tuple[Authority | None, str | None]:
    """The supervisory authority named, and the sentence granting the right to complain."""
    authority: Authority | None = None
    complaint: str | None = None
    body = _body(document)
    for i, s in enumerate(body):
        named = _authority_in(s.text)
        if named and authority is None:
            authority = Authority(name=named[0], country=named[1], evidence=s.text)
        if complaint is None and first_unnegated(s.text, _COMPLAINT):
            nearby = [s.text] + ([body[i + 1].text] if i + 1 < len(body)
                                 and body[i + 1].block == s.block else [])
            if any(_authority_in(t) or _GENERIC_AUTHORITY.search(t) for t in nearby):
                complaint = s.text
                if named and authority is not None and authority.evidence != s.text \
                        and _authority_in(s.text):
                    authority = Authority(name=named[0], country=named[1], evidence=s.text)
    return authority, complaint


def find_response_time(document: Document) -> tuple[int | None, str | None]:
    """The longest time the vendor promises to answer a request in, in days."""
    for s in _body(document):
        if not _RESPONSE.search(s.text) or _RETENTION_VERB.search(s.text):
            continue
        periods = [p for p in find_periods(s.text) if p.days > 0]
        if not periods:
            continue
        if _EXTENSION.search(s.text):
            return min(p.days for p in periods), s.text
        return max(p.days for p in periods), s.text
    return None, None


# --- Date, repealed law, tracking ----------------------------------------------------------------

_DATE_MARKER = any_of(v.DATE_MARKERS)
_REPEALED = [(re.compile(p), reason) for p, reason in v.REPEALED]
_TRACKING = any_of(v.TRACKING_WORDS)
_TRACKING_WEAK = any_of(v.TRACKING_WEAK)
_CERTIFICATION = re.compile(r"\bISO(?:/IEC)?\s*(27001|27017|27018|27701|9001)"
                            r"(?:\s*,\s*(27001|27017|27018|27701)|\s+og\s+(27001|27017|27018|27701)"
                            r"|\s+och\s+(27001|27017|27018|27701))*")


def find_policy_date(document: Document, today: date) -> tuple[date | None, str | None]:
    """The policy's own date: the latest date a sentence gives as updated, revised or valid."""
    best: tuple[date, str] | None = None
    for s in document.sentences:
        if not _DATE_MARKER.search(s.text):
            continue
        for d in find_dates(s.text):
            if d > today or d.year < 1995:
                continue
            if best is None or d > best[0]:
                best = (d, s.text)
    return (best[0], best[1]) if best else (None, None)


def find_repealed(document: Document) -> list[Evidence]:
    found: dict[str, Evidence] = {}
    for s in _body(document):
        for pattern, reason in _REPEALED:
            if reason not in found and pattern.search(s.text):
                found[reason] = Evidence(value=reason, evidence=s.text)
    return list(found.values())


def find_tracking(document: Document, parties: list[ThirdParty]) -> str | None:
    """The sentence that shows tracking, targeted advertising or profiling, strongest first."""
    body = _body(document)
    # A full sentence makes better evidence than a list label that names the same thing.
    ordered = [s for s in body if s.text.endswith(".")] + [s for s in body
                                                          if not s.text.endswith(".")]
    for pattern in (_TRACKING, _TRACKING_WEAK):
        for s in ordered:
            if first_unnegated(s.text, pattern):
                return s.text
    for p in parties:
        if p.purpose == "advertising":
            return p.evidence
    return None


def find_certifications(document: Document) -> list[Evidence]:
    found: dict[str, Evidence] = {}
    for s in _body(document):
        for m in _CERTIFICATION.finditer(s.text):
            for number in re.findall(r"\d{4,5}", m.group()):
                found.setdefault(number, Evidence(value=f"ISO/IEC {number}", evidence=s.text))
    return list(found.values())


def extract(document: Document, catalogue: Catalogue, today: date) -> Findings:
    """Every finding of the review, from a parsed document and the vendor catalogue."""
    contacts = find_contacts(document)
    authority, complaint = find_authority(document)
    vendor = find_vendor(document, [c.email for c in contacts if c.email], authority)
    parties = find_third_parties(document, catalogue, vendor)
    locations, regions = find_locations(document, parties)
    transfers = find_transfers(document, parties, locations)
    children, pupils = find_children(document)
    response_days, response_evidence = find_response_time(document)
    policy_date, date_evidence = find_policy_date(document, today)
    return Findings(
        language=document.language,
        languages=document.languages,
        sections=tuple((s.heading, s.language) for s in document.sections),
        vendor=vendor,
        contacts=tuple(contacts),
        third_parties=tuple(parties),
        data_locations=tuple(locations),
        data_regions=tuple(regions),
        transfers=tuple(transfers),
        retention=tuple(find_retention(document)),
        legal_bases=tuple(find_legal_bases(document)),
        data_categories=tuple(find_data_categories(document)),
        children=children,
        pupils=pupils,
        response_time_days=response_days,
        response_evidence=response_evidence,
        authority=authority,
        complaint=complaint,
        policy_date=policy_date,
        date_evidence=date_evidence,
        repealed=tuple(find_repealed(document)),
        tracking=find_tracking(document, parties),
        special_safeguard=find_special_safeguard(document),
        certifications=tuple(find_certifications(document)),
    )
