"""Words the documents share, in the reader's language: the supervisory authorities, retention
periods and country names.

Kept apart from the letter, the workbook and the notice so that one document does not load
another's renderer (the notice would otherwise pull in openpyxl and reportlab for two
dictionaries and a function). Babel loads on the first country name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from privdesk.domain.durations import parse_duration
from privdesk.domain.errors import N_
from privdesk.domain.letters import Gap

# Babel locales for the documents' dates and country names.
LOCALES = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}


@dataclass(frozen=True, slots=True)
class Authority:
    """A supervisory authority a person can complain to (Art. 77)."""

    name: str  # msgid
    address: str
    web: str


AUTHORITIES = {
    "NO": Authority(N_("Datatilsynet (the Norwegian Data Protection Authority)"),
                    "Postboks 458 Sentrum, 0105 Oslo", "https://www.datatilsynet.no"),
    "SE": Authority(N_("Integritetsskyddsmyndigheten (IMY, the Swedish Authority for Privacy "
                       "Protection)"), "Box 8114, 104 20 Stockholm", "https://www.imy.se"),
}

# Units of a retention period, singular and plural (msgids for ngettext).
DURATION_UNITS = (
    ("years", N_("{n} year"), N_("{n} years")),
    ("months", N_("{n} month"), N_("{n} months")),
    ("weeks", N_("{n} week"), N_("{n} weeks")),
    ("days", N_("{n} day"), N_("{n} days")),
)


def duration_words(text: str | None, gettext: Callable[[str], str]) -> str | None:
    """``P1Y6M`` as "1 year, 6 months" in the language of ``gettext``; other text as it is."""
    if not text:
        return None
    duration = parse_duration(text)
    if duration is None:
        return text
    # nb and sv form plurals as English does (one for 1, another for the rest).
    parts = [gettext(one if getattr(duration, unit) == 1 else many).format(
        n=getattr(duration, unit)) for unit, one, many in DURATION_UNITS
        if getattr(duration, unit)]
    return ", ".join(parts) if parts else gettext(DURATION_UNITS[3][2]).format(n=0)


_TERRITORY_CACHE: dict[str, dict[str, str]] = {}


def territories(language: str) -> dict[str, str]:
    """Each ISO country code with its name in ``language`` (a code of ``LOCALES`` or a Babel
    locale), from CLDR."""
    names = _TERRITORY_CACHE.get(language)
    if names is None:
        from babel import Locale

        locale = LOCALES.get(language, language)
        names = _TERRITORY_CACHE[language] = {code: str(name) for code, name
                                              in Locale.parse(locale).territories.items()}
    return names


def country_words(code: str | None, language: str) -> str:
    """The country's name in ``language`` ("Marokko" for MA in nb); the code when CLDR has no
    name for it."""
    if not code:
        return ""
    return territories(language).get(code.upper(), code)


def gap_line(gap: Gap, gettext: Callable[[str], str], language: str) -> str:
    """The gap in the words of ``gettext``, its country (an ISO code in the domain) named in
    ``language``: "… NexaLearn AS in Morocco …", not "… in MA …"."""
    country = gap.params.get("country")
    if isinstance(country, str):
        gap = Gap(gap.message, gap.blocks, {**gap.params, "country": country_words(country,
                                                                                  language)})
    return gap.render(gettext)


__all__ = ["AUTHORITIES", "DURATION_UNITS", "LOCALES", "Authority", "country_words",
           "duration_words", "gap_line", "territories"]
