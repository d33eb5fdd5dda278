"""Messages in nb, sv and en from the one gettext catalogue under ``resources/locale``.

A document takes the translation of its recipient's language (``translation(lang)``); the UI
and the command line take the user's. Nothing is installed process-wide.
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache

from privdesk.domain.codes import LANGUAGES
from privdesk.domain.errors import N_, UserError
from privdesk.resource_files import resource

DOMAIN = "privdesk"
DEFAULT_LANGUAGE = "en"

__all__ = ["N_", "translation", "system_language", "choose_language", "DEFAULT_LANGUAGE"]


@cache
def translation(language: str) -> gettext.NullTranslations:
    """The catalogue for ``language`` (nb, sv or en); English is the msgids themselves.

    A missing catalogue is an incomplete installation: refused, so that a parent never gets an
    English letter that was asked for in Norwegian.
    """
    if language not in LANGUAGES or language == "en":
        return gettext.NullTranslations()
    mo = resource("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except FileNotFoundError:
        raise UserError(
            N_("The messages in {language} are missing from this installation ({path}): "
               "reinstall privdesk (from the source: python scripts/i18n.py compile)."),
            language=language, path=str(mo)) from None


def language_of_locale(name: str | None) -> str | None:
    """nb, sv or en for a locale name such as ``nb_NO.UTF-8``, ``no``, ``nn_NO`` or ``sv_SE``."""
    if not name:
        return None
    code = name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code in ("nb", "no", "nn"):
        return "nb"
    if code in ("sv", "en"):
        return code
    return None


def system_language() -> str | None:
    """The language of the user's system, when it is one privdesk speaks."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        found = language_of_locale(os.environ.get(variable, "").split(":")[0])
        if found:
            return found
    return language_of_locale(locale.getlocale()[0])


def choose_language(explicit: str | None, organisation: str | None = None) -> str:
    """The language to write in: the one asked for, the organisation's, the system's, English."""
    for candidate in (explicit, organisation, system_language()):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE
