"""Which language a stretch of policy text is in: nb, nn, sv, da or en, by function words.

Each language has a list of frequent words that its neighbours spell differently; a text scores
one point per occurrence, and the letters æ/ø or ä/ö tip the balance between Scandinavian
neighbours. It is a rule a reader can check, good enough for paragraphs of a policy.
"""

from __future__ import annotations

import re
from collections import Counter

LANGUAGE_CODES = ("nb", "nn", "sv", "da", "en")

# Frequent words, each counted for every language that spells it this way.
_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the and of to we you your is are for with that this our be will not by or which
        when have from as it data personal information use may can us any such these those
        if how what who about other their they been has more all an at on in do does
        privacy policy""".split()
    ),
    "nb": frozenset(
        """og ikke jeg deg meg seg det er vi til av for på som med hva hvordan også etter fra
        være bare dine våre vår personopplysninger opplysninger eller hvis dersom når kan
        skal vil mellom slik gjennom noen hos ved om blir denne disse hvilke behandler
        tjenester tjenesten personvern behandlingen slettes lagres dette mer kun hvor
        henhold""".split()
    ),
    "nn": frozenset(
        """og ikkje eg deg meg seg det er vi me til av for på som med kva korleis òg etter
        frå vere berre dine våre vår personopplysningar opplysningar eller viss dersom når
        kan skal vil mellom slik gjennom nokon hjå ved om blir denne desse kva tenester
        tenesta personvern handsaming dykk dei deira sjølv mykje noko kven kvar""".split()
    ),
    "sv": frozenset(
        """och inte jag dig mig sig det är vi till av för på som med vad hur också efter från
        vara bara dina våra vår personuppgifter uppgifter eller om när kan ska kommer mellan
        sådan genom några hos vid att detta denna dessa samt enligt vilka vilken behandlar
        tjänster tjänsten behandling raderas lagras oss ditt din även endast""".split()
    ),
    "da": frozenset(
        """og ikke jeg dig mig sig det er vi til af for på som med hvad hvordan også efter fra
        være kun dine vores personoplysninger oplysninger eller hvis når kan skal vil mellem
        sådan gennem nogle hos ved om bliver denne disse hvilke behandler tjenester
        tjenesten behandlingen slettes opbevares jer jeres ud udenfor hvorfor""".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def scores(text: str) -> dict[str, float]:
    """Each language's score for ``text``: matching function words plus a letter bonus."""
    words = [w.lower() for w in _WORD.findall(text)]
    counts = Counter(words)
    result: dict[str, float] = {}
    for language, vocabulary in _WORDS.items():
        result[language] = float(sum(n for w, n in counts.items() if w in vocabulary))
    lowered = text.lower()
    nordic = lowered.count("æ") + lowered.count("ø")
    swedish = lowered.count("ä") + lowered.count("ö")
    # æ/ø never occur in Swedish and ä/ö never in Norwegian or Danish: a strong sign each.
    for language in ("nb", "nn", "da"):
        result[language] += 0.5 * nordic - 0.5 * swedish
    result["sv"] += 0.5 * swedish - 0.5 * nordic
    result["en"] -= 0.5 * (nordic + swedish + lowered.count("å"))
    return result


def detect_language(text: str, default: str = "en", min_score: float = 0.5) -> str:
    """The most likely of nb, nn, sv, da and en for ``text``; ``default`` when too little shows
    (the best score is below ``min_score``)."""
    result = scores(text)
    best = max(LANGUAGE_CODES, key=lambda code: (result[code], -LANGUAGE_CODES.index(code)))
    if result[best] < min_score:
        return default
    return best
