"""Word lists the policy rules read with, in English, Norwegian (nb/nn), Swedish and Danish.

Everything here is data a DPO can read and extend: each list says which words or phrases of a
privacy policy mean what. Patterns are regular-expression fragments, matched case-insensitively
unless a comment says otherwise.
"""

from __future__ import annotations

from privdesk.domain.codes import ADEQUACY_COUNTRIES
from privdesk.domain.errors import N_
from privdesk.domain.policy.territories import TERRITORY_NAMES

# --- Numbers written as words (en, nb/nn/da, sv) ----------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    # English
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90,
    # Norwegian (bokmål and nynorsk) and Danish
    "en": 1, "én": 1, "éin": 1, "ett": 1, "et": 1, "ei": 1, "eitt": 1, "ein": 1, "to": 2,
    "tre": 3, "fire": 4,
    "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "otte": 8, "ni": 9, "ti": 10,
    "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
    "sytten": 17, "atten": 18, "nitten": 19, "tjue": 20, "tyve": 20, "tjuefire": 24,
    "tretti": 30, "tredve": 30, "tredive": 30, "trettiseks": 36, "førti": 40, "femti": 50,
    "seksti": 60, "nitti": 90, "halvfems": 90,
    # Swedish
    "två": 2, "fyra": 4, "sex": 6, "åtta": 8, "nio": 9, "tio": 10, "elva": 11,
    "tretton": 13, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
    "tjugofyra": 24, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "nittio": 90,
}

# Units of a period and the ISO 8601 designator each one becomes.
UNIT_WORDS: dict[str, str] = {
    # days
    "day": "D", "days": "D", "dag": "D", "dager": "D", "dagar": "D", "dage": "D",
    "dagen": "D", "dagene": "D", "dagarna": "D", "dagers": "D", "dagars": "D", "døgn": "D",
    "dygn": "D",
    # weeks
    "week": "W", "weeks": "W", "uke": "W", "uker": "W", "veke": "W", "veker": "W",
    "vecka": "W", "veckor": "W", "uge": "W", "uger": "W", "ukers": "W", "veckors": "W",
    # months
    "month": "M", "months": "M", "måned": "M", "måneder": "M", "månad": "M", "månader": "M",
    "måneds": "M", "måneders": "M", "månaders": "M", "månede": "M", "mnd": "M",
    "månadene": "M", "månedene": "M", "månaderna": "M",
    # years
    "year": "Y", "years": "Y", "år": "Y", "års": "Y", "åren": "Y", "årene": "Y", "yrs": "Y",
}

# "half a year" and its kin, as months.
HALF_YEAR = (
    r"(?:half\s+a\s+year|et\s+halvt\s+år|eit\s+halvt\s+år|ett\s+halvår|ett\s+halvt\s+år|"
    r"halvår|six-month)"
)

# Words in front of a number that make it an age, not a period ("children under 16 years").
AGE_CUES = (
    r"(?:under|over|above|below|older\s+than|younger\s+than|eldre\s+enn|yngre\s+enn|"
    r"äldre\s+än|yngre\s+än|ældre\s+end|yngre\s+end|aged|age\s+of|the\s+age\s+of|alderen|"
    r"åldern|alder|ålder|fylt|fyllt|minst|at\s+least|mindst)"
)

# --- Negation ------------------------------------------------------------------------------

NEGATIONS = (
    "not", "never", "no", "neither", "nor", "don't", "doesn't", "won't", "cannot", "can't",
    "isn't", "aren't", "ikke", "ikkje", "aldri", "ingen", "intet", "inte", "aldrig", "inga",
    "inget", "icke", "ej", "hverken", "varken", "verken", "ingenting",
)
# Phrases with a negation word that do not negate what follows.
NOT_NEGATING = (
    r"not\s+only", r"ikke\s+bare", r"ikkje\s+berre", r"inte\s+bara", r"ikke\s+kun",
    r"unless", r"med\s+mindre", r"såvida\s+inte", r"om\s+ikke", r"hvis\s+ikke", r"if\s+not",
    r"om\s+inte", r"no\s+longer", r"ikke\s+lenger", r"inte\s+längre", r"ikke\s+længere",
)
# Words that end a clause for the purpose of negation scope.
CLAUSE_BREAKS = (
    r"[,;:()]", r"\bbut\b", r"\bmen\b", r"\bhowever\b", r"\bdock\b", r"\blikevel\b",
    r"\bselv\s+om\b", r"\btrots\s+att\b", r"\balthough\b", r"\bwhile\b", r"\bwhereas\b",
    # A subordinate clause has its own negation: "may access data when a fault cannot be
    # reproduced" still says the data is accessed.
    r"\bwhen\b", r"\bif\b", r"\bbecause\b", r"\bnår\b", r"\bhvis\b", r"\bfordi\b",
    r"\bnär\b", r"\beftersom\b",
)

# --- Places ------------------------------------------------------------------------------

# Country names (nouns) -> ISO code: CLDR's names in en, nb, nn, sv and da (``territories.py``,
# written from Babel), plus the short forms and older names policies use that CLDR does not
# list. Matched case-sensitively: they are proper nouns, and "Island" (Iceland) or "Chile" must
# not match ordinary words. Genitives ("USAs", "India's", "USA:s") are read by the rules.
COUNTRY_ALIASES: dict[str, str] = {
    "USA": "US", "U.S.A.": "US", "U.S.": "US", "US": "US", "United States of America": "US",
    "America": "US", "Amerika": "US", "De forente stater": "US", "Dei sameinte statane": "US",
    "Förenta staterna": "US", "Forenede Stater": "US",
    "UK": "GB", "U.K.": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB",
    "Skottland": "GB", "Wales": "GB", "Det forente kongerike": "GB",
    "Förenade kungariket": "GB",
    "Holland": "NL", "the Netherlands": "NL", "Hong Kong": "HK", "Hongkong": "HK",
    "Macao": "MO", "Macau": "MO", "Turkey": "TR", "Tyrkia": "TR", "Turkiet": "TR",
    "Tyrkiet": "TR", "Czech Republic": "CZ", "Hviterussland": "BY", "Vitryssland": "BY",
    "Bosnia-Hercegovina": "BA", "Kosovo": "RS",
}
COUNTRY_NAMES: dict[str, str] = {**TERRITORY_NAMES, **COUNTRY_ALIASES}

# Cities and regions where data centres are named -> ISO code (data locations only).
PLACE_NAMES: dict[str, str] = {
    "Stockholm": "SE", "Göteborg": "SE", "Gothenburg": "SE", "Malmö": "SE", "Oslo": "NO",
    "Bergen": "NO", "Trondheim": "NO", "Stavanger": "NO", "København": "DK",
    "Copenhagen": "DK", "Köpenhamn": "DK", "Helsinki": "FI", "Helsingfors": "FI",
    "Frankfurt": "DE", "Berlin": "DE", "Dublin": "IE", "Amsterdam": "NL", "Paris": "FR",
    "London": "GB", "Virginia": "US", "California": "US", "Oregon": "US", "Iowa": "US",
    "Mumbai": "IN", "Bangalore": "IN", "Casablanca": "MA", "Rabat": "MA", "Kyiv": "UA",
    "Kiev": "UA", "Toronto": "CA", "Zürich": "CH", "Zurich": "CH", "Tokyo": "JP",
    "Sydney": "AU",
}

# Adjectives of nationality, used only right before a word for "company".
NATIONALITY_WORDS: dict[str, str] = {
    "svenske": "SE", "svenska": "SE", "svensk": "SE", "Swedish": "SE", "norske": "NO",
    "norska": "NO", "norsk": "NO", "Norwegian": "NO", "danske": "DK", "danska": "DK",
    "Danish": "DK", "finske": "FI", "finska": "FI", "Finnish": "FI", "amerikanske": "US",
    "amerikanska": "US", "amerikansk": "US", "American": "US", "US-based": "US",
    "irske": "IE", "irländska": "IE", "Irish": "IE", "tyske": "DE", "tyska": "DE",
    "German": "DE", "britiske": "GB", "brittiska": "GB", "British": "GB",
    "nederlandske": "NL", "nederländska": "NL", "Dutch": "NL", "marokkanske": "MA",
    "marockanska": "MA", "Moroccan": "MA", "indiske": "IN", "indiska": "IN", "Indian": "IN",
    "kinesiske": "CN", "kinesiska": "CN", "Chinese": "CN",
}
COMPANY_WORDS = (
    r"(?:selskapet|selskap|selskabet|bolaget|bolag|company|firm|firma|firmaet|leverandøren|"
    r"leverantören|provider)"
)

# Words for the EU/EEA as a region (not a country).
EEA_REGION = (
    r"(?:EU\s*/\s*EØS(?:-området)?|EU\s*/\s*EES|EU\s*/\s*EEA|EU\s*/\s*ESS|EØS(?:-området)?|"
    r"EES(?:-området)?|ESS(?:-området)?|EEA|EU|the\s+European\s+Union|European\s+Union|"
    r"European\s+Economic\s+Area|Den\s+europeiske\s+union|Europeiska\s+unionen|"
    r"Det\s+europeiske\s+økonomiske\s+samarbeidsområde[t]?|"
    r"Europeiska\s+ekonomiska\s+samarbetsområdet|Europa|Europe)"
)
OUTSIDE = r"(?:outside|beyond|utenfor|utanfor|utanför|uden\s*for|ut\s+av|out\s+of)"
INSIDE = r"(?:within|inside|innenfor|innanfor|inom|inden\s*for|i|in)"
THIRD_COUNTRY = (
    r"(?:third\s+countr(?:y|ies)|tredjeland(?:et|ene)?|tredjeländer|tredje\s*land|tredjelande)"
)

# Countries with an adequacy decision of the Commission (Art. 45), the US only through the DPF:
# the one list of ``privdesk.domain.codes``.
ADEQUATE_COUNTRIES = ADEQUACY_COUNTRIES

# --- Verbs and nouns that say what happens to data ------------------------------------------

TRANSFER_WORDS = (
    r"(?:overf[øo]r\w*|överför\w*|transfer\w*|tilgang|åtkomst|access\w*|utfør\w*|utför\w*|"
    r"perform\w*|support\w*|lagr\w*|stored?|storage|hosted|hosting|behandl\w*|process\w*|"
    r"server\w*|datasenter\w*|datacenter\w*|data\s+cent(?:re|er)s?|fra|från|from|"
    r"levere\w*|leverer|deliver\w*|partner\w*|håndter\w*|hanter\w*|handl\w*|sköt\w*|"
    r"drive[rs]?|drift\w*|operat\w*|provid\w*|locat\w*|based|basert|baserad|outsourc\w*|"
    r"underleverandør\w*|underleverantör\w*|sub-?processor\w*|vendors?|leverandør\w*|"
    r"leverantör\w*|databehandler\w*|personuppgiftsbiträde\w*|share[sd]?|sharing|deler|"
    r"(?:kan|can|may|får|kunne)\s+(?:sjå|se|see|view|read|lese|lesa|läsa|se\s+på)|"
    r"delas|delar|deles|disclos\w*|utlever\w*|lämna\w*\s+ut|sen[dt]\w*|skick\w*)"
)
STORAGE_WORDS = (
    r"(?:lagr\w*|oppbevar\w*|stored?|storage|hosted|hosting|hostes|hostas|datasent\w*|"
    r"datacent\w*|data\s+cent(?:re|er)s?|servere?|servrar|servers?|skybasert\w*|cloud|"
    r"sky|molnet|placed|located|ligger|plassert|placerade?|skytjenest\w*|molntjänst\w*|"
    r"kjører|körs|runs?\s+on|drift(?:es|as|ast)|hosts)"
)

# Names of foreign laws on government access. A sentence about such a law speaks of who may
# reach data, not of where it is kept: "the US CLOUD Act" is no storage place and no transfer.
FOREIGN_ACCESS_LAWS = (
    r"CLOUD\s+Act", r"FISA", r"Foreign\s+Intelligence\s+Surveillance\s+Act",
    r"Executive\s+Order\s+12333", r"PATRIOT\s+Act", r"(?:section|seksjon|avsnitt)\s+702",
)

# --- Transfer safeguards -> interchange code --------------------------------------------------

SAFEGUARDS: dict[str, tuple[str, ...]] = {
    "scc": (
        r"standard\s+contractual\s+clauses?", r"\bSCCs?\b", r"standardavtaleklausul\w*",
        r"standardkontraktsklausul\w*", r"standard\s*personvernbestemmelse\w*",
        r"standardavtalsklausul\w*", r"standardkontrakt\w*", r"modellklausul\w*",
        r"model\s+clauses", r"standardbestemmelse\w*",
    ),
    "adequacy": (
        r"adequacy\s+decision", r"adekvansbeslutning\w*", r"adekvansbeslut\w*",
        r"beslutning\s+om\s+tilstrekkelig\s+beskyttelsesnivå",
        r"beslut\s+om\s+adekvat\s+skyddsnivå", r"tilstrækkeligheds\w*",
        r"artikkel\s+45", r"article\s+45", r"artikel\s+45",
    ),
    "dpf": (r"Data\s+Privacy\s+Framework", r"\bDPF\b"),
    "bcr": (
        r"binding\s+corporate\s+rules", r"\bBCRs?\b", r"bindende\s+virksomhetsregler",
        r"bindande\s+företagsbestämmelser", r"bindende\s+virksomhedsregler",
    ),
    "derogation": (r"artikkel\s+49", r"article\s+49", r"artikel\s+49", r"art\.\s*49"),
}

# --- Legal bases ------------------------------------------------------------------------------

# Phrases specific enough to name a basis wherever they stand.
LEGAL_BASIS_STRONG: dict[str, tuple[str, ...]] = {
    "6.1.c": (
        r"legal\s+obligations?", r"rettslig\s+forpliktelse", r"rettsleg\s+plikt",
        r"rättslig\s+förpliktelse", r"retlig\s+forpligtelse", r"lovpålagt\w*",
        r"rättslig\s+skyldighet", r"compliance\s+with\s+a\s+legal",
    ),
    "6.1.d": (
        r"vital\s+interests?", r"vitale\s+interesser", r"grundläggande\s+intressen",
        r"livsviktige\s+interesser",
    ),
    "6.1.e": (
        r"public\s+interest", r"official\s+authority", r"allmennhetens\s+interesse",
        r"allmenne\s+interesse", r"offentlig\s+myndighet\w*", r"allmänt\s+intresse",
        r"myndighetsutövning", r"samfundets\s+interesse",
        r"lov\s+om\s+grunnskole\w*", r"opplæringslov\w*", r"skollag\w*", r"education\s+act",
    ),
    "6.1.f": (
        r"legitimate\s+interests?", r"berettiget\w*\s+interesse\w*", r"berettig\w*\s+interesse\w*",
        r"berättigat?\w*\s+intresse\w*", r"legitime\s+interesser", r"interesseavveining\w*",
        r"intresseavvägning\w*", r"interesseafvejning\w*", r"legitim\w*\s+interesse",
    ),
}
# Phrases that name a basis only next to a word saying it is the basis.
LEGAL_BASIS_WEAK: dict[str, tuple[str, ...]] = {
    "6.1.a": (r"consent", r"samtykk\w*", r"samtyck\w*"),
    "6.1.b": (
        r"contracts?", r"agreements?", r"avtal\w*", r"kontrakt\w*", r"terms\s+of\s+service",
        r"brukervilkår\w*", r"användarvillkor\w*",
    ),
}
LEGAL_BASIS_MARKERS = (
    r"grunnlag\w*", r"behandlingsgrunnlag\w*", r"rettsl\w*\s+grunnlag\w*", r"hjemmel\w*",
    r"basert\s+på", r"baserer", r"basere", r"med\s+grunnlag\s+i", r"på\s+grunnlag\s+av",
    r"skjer\s+etter", r"i\s+henhold\s+til", r"laglig\s+grund", r"rättslig\s+grund",
    r"rättsliga\s+grund\w*", r"med\s+stöd\s+av", r"baserar", r"baseras\s+på",
    r"grundar\s+sig", r"stöd\s+av", r"legal\s+basis", r"lawful\s+basis", r"legal\s+ground",
    r"based\s+on", r"on\s+the\s+basis", r"relies?\s+on", r"rely\s+on", r"behandlingsgrundlag",
    r"retsgrundlag", r"grundlag", r"fullgörande", r"oppfylle\s+vår\s+avtale",
    r"performance\s+of\s+a\s+contract", r"necessary\s+for\s+the\s+performance",
)
# A sentence about the data subject's rights is not a statement of a legal basis.
RIGHTS_WORDS = (
    "rett", "retten", "rettigheter", "rettighetene", "rätt", "rätten", "rättigheter",
    "right", "rights", "ret", "rettigheder", "protestere", "invända", "object",
)
ARTICLE_6 = (
    r"(?:art(?:ikkel|ikel|icle|\.)?)\s*6\s*(?:\(\s*1\s*\)|\.\s*1|\s+nr\.?\s*1|\s+1)?\s*"
    r"(?:\.|,)?\s*(?:første\s+ledd\s+)?(?:bokstav|lit\.?|letter|punkt|led)?\s*"
    r"(?:\(\s*([a-f])\s*\)|([a-f])\b)"
)

# --- Data categories -> interchange codes ---------------------------------------------------

DATA_CATEGORIES: dict[str, tuple[str, ...]] = {
    "identity": (
        r"names?", r"navn", r"namn", r"navne", r"surname", r"etternavn", r"efternamn",
        r"date\s+of\s+birth", r"fødselsdato", r"födelsedatum", r"fødselsdag", r"gender",
        r"kjønn", r"kön", r"køn", r"age", r"alder", r"ålder", r"avatar\w*",
    ),
    "contact": (
        r"e-?mail(?:\s+address(?:es)?)?", r"e-?post(?:adresse\w*)?", r"epostadresse\w*",
        r"e-?mailadress\w*", r"mejladress\w*", r"emailadress\w*", r"phone(?:\s+numbers?)?",
        r"telephone(?:\s+numbers?)?", r"telefonnummer\w*", r"mobilnummer\w*",
        r"(?:residential\s+|postal\s+|home\s+)?address(?:es)?", r"adresse", r"adress",
        r"bostedsadresse", r"folkbokföringsadress\w*", r"kontaktinformasjon\w*",
        r"kontaktopplysninger", r"kontaktuppgifter", r"contact\s+details",
        r"contact\s+information",
    ),
    "national_id": (
        r"fødselsnummer\w*", r"personnummer\w*", r"social\s+security\s+numbers?",
        r"national\s+identity\s+numbers?", r"national\s+id\w*", r"d-nummer\w*",
        r"samordningsnummer\w*", r"CPR-nummer\w*",
    ),
    "education": (
        r"grades?", r"karakterer", r"betyg", r"skill\s+level", r"ferdighetsnivå\w*",
        r"klassetrinn", r"årskurs", r"school\s+results?", r"test\s+results?",
        r"læringsresultat\w*", r"resultater", r"resultat", r"poeng", r"points",
        r"ferdigstilte\s+øvelser", r"learning\s+progress", r"skolearbeid", r"skolarbete",
        r"kunskapsnivå", r"elevarbeid\w*", r"elevarbete\w*", r"assignments", r"results",
        r"practice\s+results", r"class", r"klasse", r"klass", r"skoleklasse",
    ),
    "special_needs": (
        r"spesialundervisning", r"særskilt\s+tilrettelegging", r"særlig\s+tilrettelegging",
        r"särskilt\s+stöd", r"special\s+educational\s+needs", r"special\s+needs",
        r"åtgärdsprogram\w*", r"individuell\s+opplæringsplan", r"\bIOP\b",
    ),
    "health": (
        r"health(?:\s+data|\s+information)?", r"helse\w*", r"hälsa\w*", r"hälsouppgifter",
        r"helbred\w*", r"diagnos(?:e|er|en|is|es|erna|ene)?", r"allerg\w*", r"medical",
        r"medisinsk\w*", r"medicinsk\w*",
        r"sykdom\w*", r"sjukdom\w*", r"disabilit\w*", r"funksjonsnedsettelse\w*",
        r"funktionsnedsättning\w*",
    ),
    "ethnicity": (r"ethnic\w*", r"etnisk\w*", r"racial", r"rase", r"ras"),
    "religion": (
        r"relig\w*", r"livssyn\w*", r"philosophical\s+beliefs", r"trosoppfatning\w*",
        r"trosuppfattning\w*",
    ),
    "political": (
        r"political\s+opinions?", r"politisk\w*\s+oppfatning\w*", r"politisk\w*\s+åsikt\w*",
        r"politisk\w*\s+syn",
    ),
    "trade_union": (
        r"trade\s+union\w*", r"fagforening\w*", r"fackförening\w*", r"fagforeningsmedlemskap",
        r"fackligt\s+medlemskap",
    ),
    "genetic": (r"genetic\w*", r"genetisk\w*"),
    "biometric": (
        r"biometric\w*", r"biometrisk\w*", r"fingerprints?", r"fingeravtrykk\w*",
        r"fingeravtryck\w*", r"facial\s+recognition", r"ansiktsgjenkjenning\w*",
        r"ansiktsigenkänning\w*",
    ),
    "sex_life": (
        r"sexual\s+orientation", r"seksuell\w*\s+orientering", r"sexuell\w*\s+läggning",
        r"sex\s+life", r"seksualliv\w*", r"sexualliv\w*",
    ),
    "criminal": (
        r"criminal\s+(?:records?|convictions?|offences?)", r"politiattest\w*",
        r"straffeattest\w*", r"belastningsregister\w*", r"straffbare\s+forhold",
        r"lovovertredelse\w*", r"brottmål\w*",
    ),
    "financial": (
        r"payment\s+(?:information|details|data|status)", r"betalingsinformasjon\w*",
        r"betalingsopplysninger", r"betalningsinformation\w*", r"betalningsuppgifter",
        r"credit\s+card\w*", r"kredittkort\w*", r"kreditkort\w*", r"bank\s+account\w*",
        r"kontonummer\w*", r"invoices?", r"faktura\w*", r"transaction\s+details",
        r"transaksjon\w*", r"transaktion\w*", r"kreditvärdighet", r"kredittverdighet",
        r"uppgifter\s+om\s+köp", r"purchase\s+history", r"kjøpshistorikk",
    ),
    "credentials": (
        r"passwords?", r"passord", r"lösenord", r"adgangskode\w*", r"usernames?",
        r"brukernavn", r"användarnamn", r"brugernavn", r"login\s+information",
        r"innloggingsinformasjon", r"inloggningsuppgifter",
    ),
    "location": (
        r"locations?", r"geolocation", r"geolokasjon", r"posisjon\w*", r"gps",
        r"position\w*", r"bosted", r"geografi", r"opprinnelsesland", r"lokasjon\w*",
        r"platsdata", r"platsinformation",
    ),
    "behaviour": (
        r"usage\s+(?:patterns?|data)", r"bruksmønst\w*", r"brukermønst\w*",
        r"user\s+behaviou?r", r"brukeradferd", r"brukeratferd", r"bruksatferd",
        r"användarbeteende", r"device\s+information", r"enhetsinformasjon",
        r"browser", r"nettleser\w*", r"webbläsar\w*", r"ip[\s-]+address\w*",
        r"ip-adresse\w*", r"ip-adress\w*", r"cookies?", r"informasjonskapsler",
        r"kakor", r"sidevisninger", r"page\s+views", r"interest\s+profiles?",
        r"interesseprofil\w*", r"tracking", r"sporing\w*", r"spårning\w*",
        r"sessionsinformation", r"interagerer", r"interagerar", r"interact\w*",
        r"search\s+terms", r"søkeord", r"sökord", r"analysdata",
    ),
    "communication": (
        r"messages?", r"meldinger", r"meddelanden?", r"chat\w*", r"korrespondens\w*",
        r"correspondence", r"innhold\s+i\s+meldinger", r"skriven\s+kommunikation",
        r"content\s+of\s+your\s+message", r"e-?postkorrespondanse", r"meldingsinnhold",
        r"kundeforespørsler", r"förfrågan", r"inquir\w*",
    ),
    "images": (
        r"photos?", r"photographs?", r"pictures?", r"images?", r"bilde\w*", r"bild(?:er)?",
        r"profilbild\w*", r"profile\s+pictures?", r"foto\w*", r"video\s+recordings?",
        r"videoopptak\w*", r"videoinspelning\w*",
    ),
}

# Words that show extra protection for special categories of data.
SPECIAL_SAFEGUARDS = (
    r"explicit\s+consent", r"uttrykkelig\s+samtykke", r"uttryckligt\s+samtycke",
    r"udtrykkeligt\s+samtykke", r"artikkel\s+9", r"article\s+9", r"artikel\s+9",
    r"art\.\s*9", r"9\s*\(\s*2\s*\)", r"9\.2", r"særlig\s+beskyttelse", r"særskilt\s+vern",
    r"extra\s+skydd", r"additional\s+safeguards", r"ekstra\s+sikkerhet\w*",
    r"ytterligere\s+sikkerhetstiltak", r"särskilda\s+skyddsåtgärder",
    r"særlige\s+kategorier", r"særlige\s+kategoriar", r"känsliga\s+personuppgifter\s+skyddas",
)
# Verbs that say the vendor itself takes in data.
COLLECT_WORDS = (
    r"(?:collect\w*|process\w*|store\w*|receive\w*|samler\w*|samle\s+inn|behandl\w*|lagr\w*|"
    r"registrer\w*|samla\w*|samlar\w*|mottar|tar\s+imot|tar\s+emot|indsaml\w*|use|uses|"
    r"bruker|använder|include\w*|inkluder\w*|omfatt\w*)"
)

# --- Retention --------------------------------------------------------------------------------

RETENTION_VERBS = (
    r"lagr(?:e|es|er|et|ede|ing|ingstid\w*)", r"lagr(?:a|as|ar|ades|ats)",
    r"oppbevar\w*", r"slett(?:e|es|er|et|ede|a|ast)", r"anonymiser(?:es|er|as|ar)",
    r"behold(?:e|es|er)", r"arkiver\w*", r"spar(?:a|as|ar|ades)", r"radera(?:s|r|des)?",
    r"gallr(?:a|as|ar|ades|es|er)", r"bevar(?:a|as|ar|es|er)", r"behåll\w*", r"behålls",
    r"retain\w*", r"retention", r"keep", r"keeps", r"kept", r"stored?", r"stores",
    r"delete[sd]?", r"erase[sd]?", r"opbevar\w*", r"gemme[s]?",
    r"för\s+dokumentation", r"fører\s+dokumentasjon", r"lagringstid\w*", r"storage\s+period",
)
# "As long as necessary": retention without a period.
VAGUE_RETENTION = (
    r"(?:så\s+lenge|så\s+länge|så\s+længe|as\s+long\s+as|for\s+as\s+long\s+as)\s+"
    r"(?:det\s+|it\s+|vi\s+|we\s+|they\s+|de\s+)?(?:er\s+|är\s+|is\s+|are\s+)?"
    r"(?:nødvendig\w*|nödvändig\w*|nødvendigt|necessary|needed|required|"
    r"kreves|krävs|kræves|behov|behövs|trenger|har\s+behov)",
    r"(?:så\s+lenge|så\s+länge|as\s+long\s+as)\s+(?:det\s+|it\s+)?(?:er\s+|är\s+|is\s+)?"
    r"(?:relevant|hensiktsmessig|lämpligt|appropriate)",
)
INDEFINITE_RETENTION = (
    r"inntil\s+videre", r"intil\s+videre", r"til\s+videre", r"tills\s+vidare",
    r"indtil\s+videre", r"until\s+further\s+notice", r"indefinitely", r"på\s+ubestemt\s+tid",
    r"på\s+obestämd\s+tid", r"på\s+ubestemt\s+tid", r"for\s+an\s+unlimited\s+(?:period|time)",
    r"without\s+(?:a\s+)?time\s+limit", r"uten\s+tidsbegrensning", r"utan\s+tidsgräns",
    r"for\s+ever", r"forever", r"for\s+alltid", r"för\s+alltid",
    r"permanent(?:ly)?\s+(?:stored|kept|retained)",
    r"(?:lagres|lagras|oppbevares|sparas|stored|kept|retained)\s+permanent\w*",
    r"as\s+long\s+as\s+we\s+(?:wish|want|like|see\s+fit)", r"så\s+lenge\s+vi\s+(?:ønsker|vil)",
    r"så\s+länge\s+vi\s+(?:önskar|vill)", r"så\s+længe\s+vi\s+ønsker",
)
# Deletion denied: retention without end, unless an end follows ("not deleted until ...").
NEVER_DELETED = (
    r"(?:is|are)\s+(?:not|never)\s+(?:deleted|erased|removed)(?!\s+(?:until|before|unless))",
    r"(?:will|do|does)\s+not\s+(?:be\s+)?(?:delete|erase)d?(?!\s+(?:until|before|unless))",
    r"(?:slettes|slettast|slettes)\s+(?:ikke|ikkje|aldri)(?!\s+(?:før|inntil|med\s+mindre))",
    r"(?:raderas|gallras|tas\s+bort)\s+(?:inte|aldrig|ej)(?!\s+(?:förrän|innan|före|om\s+inte))",
    r"(?:slettes|sletter\s+vi)\s+ikke(?!\s+(?:før|inden))",
)
# An end the statement ties retention to (an event, not a period).
RETENTION_EVENT = (
    r"så\s+lenge", r"så\s+länge", r"så\s+længe", r"as\s+long\s+as",
    r"i\s+den\s+tid", r"under\s+den\s+tid", r"under\s+tiden", r"under\s+hela",
    r"under\s+pågående", r"tills\b", r"till\s+dess", r"until\s+(?:you|your|the)",
    r"inntil\s+(?:du|kontoen|avtalen|abonnement)", r"frem\s+til", r"fram\s+till",
    r"while\s+(?:you|your)", r"mens\s+du", r"medan\s+du", r"for\s+the\s+duration",
    r"during\s+the", r"ved\s+avslutning", r"etter\s+endt", r"løpende", r"löpande",
    r"kontinuerlig\w*", r"continuously",
)
# Sentences that only describe retention in general terms, such as the rights section's
# "how long your data is kept", are not retention statements.
RETENTION_QUESTION = (
    r"hvor\s+lenge", r"hur\s+länge", r"hur\s+lång\s+tid", r"how\s+long", r"hvor\s+længe",
    r"kor\s+lenge",
)
USER_ACTION = (
    r"^(?:du|you|dere|ni|de)\s+(?:kan|can|may|har|have|får)\b",
)

# --- Children and pupils -----------------------------------------------------------------------

CHILD_WORDS = (
    r"barn\w*", r"children", r"child", r"kids?", r"minors?", r"mindreårig\w*",
    r"minderårig\w*", r"underårig\w*", r"elev\w*", r"pupils?", r"students?",
    r"skoleelev\w*", r"brukere", r"users?", r"användare", r"personer", r"unge", r"ungdom\w*",
    r"young\s+people", r"brugere",
)
PUPIL_WORDS = (
    r"skoleelev\w*", r"elev(?:er|ene|erna|en|ar|ane)?", r"pupils?", r"schoolchildren",
    r"school\s*children", r"skolbarn", r"children", r"barn", r"barna", r"kids",
    r"classroom", r"klasserom\w*", r"klassrum\w*", r"undervisning\w*", r"teaching",
    r"skole", r"skola", r"school", r"skolor", r"skoler",
)
PARENT_WORDS = (
    r"foreldre\w*", r"foresatt\w*", r"føresett\w*", r"parents?", r"parental", r"guardians?",
    r"vårdnadshavare\w*", r"föräldr\w*", r"forældre\w*", r"verge", r"værge",
)
CONSENT_WORDS = (
    r"samtykk\w*", r"samtyck\w*", r"consent\w*", r"godkjenning\w*", r"godkännande",
    r"tillatelse", r"tillåtelse", r"tillstånd", r"permission", r"approval",
)
PROHIBITION_WORDS = (
    r"ikke\s+(?:bruke|benytte|tillatt|beregnet|ment)", r"inte\s+(?:använda|avsedd\w*|tillåten)",
    r"ska\s+inte", r"skal\s+ikke", r"må\s+ikke", r"får\s+ikke", r"får\s+inte",
    r"not\s+(?:use|intended|directed|permitted|allowed)", r"may\s+not", r"must\s+not",
    r"must\s+be", r"må\s+være", r"måste\s+vara", r"at\s+least", r"minst", r"aldersgrense\w*",
    r"åldersgräns\w*", r"minimum\s+age", r"age\s+limit", r"ikkje\s+bruke",
    r"samler\s+ikke", r"samlar\s+inte", r"do\s+not\s+(?:knowingly\s+)?collect",
    r"inte\s+avsiktligt", r"ikke\s+bevisst", r"knowingly",
)

# --- Tracking and advertising ------------------------------------------------------------------

TRACKING_WORDS = (
    r"tracking\s+pixels?", r"sporingspiksl\w*", r"sporingspixl\w*", r"spårningspixl\w*",
    r"web\s+beacons?", r"targeted\s+advertis\w*", r"målrett\w*\s+(?:reklame|annonse\w*|"
    r"informasjonskapsler|markedsføring)", r"riktad\w*\s+(?:reklam|annonser\w*|marknadsföring)",
    r"målrettede\s+informasjonskapsler", r"annonser\s+som\s+er\s+mer\s+relevante",
    r"relevant\w*\s+(?:ads|advertising|annonser|reklam)", r"retargeting",
    r"remarketing", r"behaviou?ral\s+advertising", r"interest-based\s+advertising",
    r"reklamenettverk\w*", r"annonsnätverk\w*", r"advertising\s+networks?",
    r"ad\s+networks?",
    # Recording what a user does on the page is tracking, whatever the tool calls it.
    r"session\s+(?:recordings?|replays?)", r"heat\s*maps?", r"screen\s+recordings?",
    r"skjermopptak\w*", r"opptak\s+av\s+økt\w*", r"øktopptak\w*", r"sesjonsopptak\w*",
    r"varmekart\w*", r"sessionsinspelning\w*", r"inspelning\w*\s+av\s+sessioner",
    r"skärminspelning\w*", r"värmekart\w*", r"heatmap\w*",
    r"record(?:s|ing)?\s+(?:user\s+|your\s+|their\s+)?sessions", r"tar\s+opp\s+økt\w*",
    r"spela[rs]?\s+in\s+sessioner",
)
# Weaker signs, used as evidence only when none of the above is found.
TRACKING_WEAK = (
    r"tracking\s+(?:mechanisms?|technolog\w*|cookies)",
    r"sporingsmekanism\w*", r"sporingsteknolog\w*", r"spårningsteknik\w*",
    r"marketing\s+cookies", r"markedsføringscookies", r"marknadsföringscookies",
    r"targeting\s+cookies", r"annonsecookies", r"reklamekampanj\w*", r"advertising\s+campaign\w*",
    r"profiling", r"profilering\w*", r"Meta\s+Pixel", r"Facebook\s+Pixel",
    r"sell\s+(?:your\s+)?data",
)

# --- Contacts, complaints, authorities, response time -------------------------------------------

DPO_WORDS = (
    r"personvernombud\w*", r"personvernrådgiver\w*", r"dataskyddsombud\w*", r"\bDSO\b",
    r"\bDPO\b", r"data\s+protection\s+officer", r"databeskyttelsesrådgiver\w*",
    r"personuppgiftsombud\w*",
)
OBFUSCATED_EMAIL = r"\[\s*email[\s\u00a0]+protected\s*\]"
COMPLAINT_WORDS = (
    r"klage\w*", r"klaga\w*", r"klagomål\w*", r"complain\w*", r"lodge", r"anmäla",
    r"indgive\s+en\s+klage", r"klag\w*",
)
# Supervisory authorities -> (display name, country).
AUTHORITIES: dict[str, tuple[str, str]] = {
    r"Datatilsynet\w*": ("Datatilsynet", "NO"),
    r"Integritetsskyddsmyndigheten\w*": ("Integritetsskyddsmyndigheten (IMY)", "SE"),
    r"\bIMY\b": ("Integritetsskyddsmyndigheten (IMY)", "SE"),
    r"Datainspektionen\w*": ("Datainspektionen", "SE"),
    r"Information\s+Commissioner'?s?\s+Office|\bICO\b": ("Information Commissioner's Office",
                                                         "GB"),
    r"Data\s+Protection\s+Commission": ("Data Protection Commission", "IE"),
    r"Tietosuojavaltuutettu|Office\s+of\s+the\s+Data\s+Protection\s+Ombudsman":
        ("Tietosuojavaltuutettu", "FI"),
}
GENERIC_AUTHORITY = (
    r"supervisory\s+authorit\w*", r"tilsynsmyndighet\w*", r"tillsynsmyndighet\w*",
    r"tilsynsmyndighed\w*", r"data\s+protection\s+authorit\w*", r"dataskyddsmyndighet\w*",
    r"personvernmyndighet\w*",
)
RESPONSE_WORDS = (
    r"svar\w*", r"besvar\w*", r"respond\w*", r"reply", r"answer\w*", r"response",
    r"behandle\s+(?:din|henvendelsen|forespørselen)", r"hantera\s+din", r"handle\s+your",
)
EXTENSION_WORDS = (
    r"forleng\w*", r"förläng\w*", r"forlæng\w*", r"extend\w*", r"extension",
    r"ytterligare\s+två\s+månader", r"further\s+two\s+months",
)

# --- Dates and outdated law ------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "januar": 1, "januari": 1, "jan": 1, "february": 2, "februar": 2,
    "februari": 2, "feb": 2, "march": 3, "mars": 3, "marts": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "mai": 5, "maj": 5, "june": 6, "juni": 6, "jun": 6, "july": 7,
    "juli": 7, "jul": 7, "august": 8, "augusti": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "october": 10, "oktober": 10, "okt": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "desember": 12, "des": 12, "dec": 12,
}
DATE_MARKERS = (
    r"oppdater\w*", r"updated?", r"revised", r"revidert\w*", r"reviderades", r"reviderad\w*",
    r"uppdater\w*", r"ändrad\w*", r"endret", r"endra", r"gjelder\s+fra", r"gäller\s+från",
    r"gældende\s+fra", r"effective", r"sist\w*", r"senast\w*", r"last", r"publisert",
    r"publicerad", r"published", r"dato", r"datum", r"version", r"versjon", r"opdateret",
    r"ikraft\w*", r"i\s+kraft", r"gjelder", r"gjeld", r"gäller", r"gælder", r"fr\.o\.m\.?",
    r"f\.o\.m\.?", r"as\s+of",
)
# Law or mechanisms no longer in force -> (what it is, the message's reason).
REPEALED: tuple[tuple[str, str], ...] = (
    (r"(?:direktiv|directive)\s+95\s*/\s*46(?:\s*/\s*EC|\s*/\s*EF|\s*/\s*EG)?|95/46/E[CFG]",
     N_("the Data Protection Directive 95/46/EC, replaced by the GDPR in 2018")),
    (r"[Pp]ersonuppgiftslagen|\bPUL\b|personuppgiftslag\s*\(1998:204\)",
     N_("the Swedish Personal Data Act (PUL), repealed in 2018")),
    (r"personopplysningsloven\s+(?:av\s+)?(?:14\.\s*april\s+)?2000|"
     r"personopplysningsforskriften|LOV-2000-04-14-31",
     N_("the Norwegian Personal Data Act of 2000, repealed in 2018")),
    (r"[Ll]ov\s+om\s+grunnskolen\s+og\s+den\s+vid(?:aregåande|eregående)\s+opplæring\w*|"
     r"LOV-1998-07-17-61|opplæringslova\s+(?:av\s+)?1998",
     N_("the Norwegian Education Act of 1998, replaced by a new Education Act on 1 August 2024")),
    (r"Privacy\s+Shield", N_("the EU-US Privacy Shield, invalidated by the EU Court in 2020")),
    (r"Safe\s+Harbou?r", N_("the Safe Harbor scheme, invalidated by the EU Court in 2015")),
    (r"Data\s+Protection\s+Act\s+1998", N_("the UK Data Protection Act 1998, repealed in 2018")),
    (r"skollagen\s*\(1985:1100\)", N_("the Swedish Education Act of 1985, repealed in 2011")),
    (r"Datainspektionen", N_("the former name of the Swedish authority, IMY since 2021")),
)

# --- Vendor identification -------------------------------------------------------------------

COMPANY_SUFFIXES: dict[str, str | None] = {
    "AS": "NO", "ASA": "NO", "AB": "SE", "AB (publ)": "SE", "ApS": "DK", "A/S": "DK",
    "Oy": "FI", "Oyj": "FI", "GmbH": None, "Ltd": None, "Ltd.": None, "Limited": None,
    "Inc": "US", "Inc.": "US", "LLC": "US", "Corp.": "US", "Corporation": None, "B.V.": "NL",
    "BV": "NL", "SA": None, "S.A.": None, "SAS": "FR", "AG": None, "SE": None, "Plc": "GB",
    "plc": "GB", "Pvt. Ltd.": None, "Pvt Ltd": None, "Private Limited": None, "SARL": None,
    "S.A.R.L.": None, "SRL": None, "S.r.l.": None, "LLP": None,
    "Pte Ltd": None, "Pty Ltd": None, "d.o.o.": None, "Sp. z o.o.": "PL", "Kft.": "HU",
}
ORG_NUMBER_LABELS = (
    r"org\.?\s*-?\s*nr\.?", r"org\.?\s*nummer", r"organisasjonsnummer", r"organisationsnummer",
    r"organisationsnr\.?", r"orgnr\.?", r"company\s+(?:registration\s+)?(?:number|no\.?)",
    r"registration\s+number", r"CVR(?:-nr\.?|-nummer)?", r"foretaksnummer", r"Y-tunnus",
    r"business\s+id",
)
THIRD_PARTY_WORDS = (
    r"tredjepart\w*", r"tredje\s*part\w*", r"third[\s-]part\w*", r"underleverandør\w*",
    r"underleverantör\w*", r"underleverandør", r"sub-?processors?", r"databehandler(?:e|ne)\b",
    r"personuppgiftsbiträden", r"service\s+providers?", r"partners?", r"samarbeidspartner\w*",
    r"samarbetspartner\w*", r"leverandører", r"leverantörer", r"mottakere", r"mottagare",
    r"recipients", r"vendors", r"suppliers", r"verktøy", r"tools", r"verktyg",
    r"informasjonskapsler", r"cookies",
)
PARTNER_NOUNS = (
    r"partner", r"samarbeidspartner", r"samarbetspartner", r"leverandør", r"underleverandør",
    r"leverantör", r"underleverantör", r"databehandler", r"personuppgiftsbiträde",
    r"subprocessor", r"sub-processor", r"processor", r"service\s+provider", r"provider",
    r"supplier", r"vendor",
)
