"""The UI language: one ``tr()`` over the gettext catalogue, and Qt's own widgets in step with it.

Every string the window shows goes through ``tr``, or ``trn`` when its words follow a number
(msgids are English; ``scripts/i18n.py`` extracts calls to ``tr``, ``trn``, ``N_`` and ``NP_``).
Qt's own texts (standard buttons, the line-edit menu, "Undo") come from ``qtbase_sv.qm``
shipped with PySide6, or from our ``resources/qt/qtbase_nb.ts`` because Qt ships no bokmål
(``qt_translations``).
"""

from __future__ import annotations

import gettext
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QComboBox

from privdesk.domain.codes import LANGUAGES
from privdesk.domain.labels import label
from privdesk.gui.qt_translations import bokmal_translator
from privdesk.i18n import DEFAULT_LANGUAGE, system_language, translation

# The names of the languages are written in the language itself, as language menus are.
ENDONYMS = {"nb": "Norsk (bokmål)", "sv": "Svenska", "en": "English"}
# The locale each language is shown with (dates, numbers, collation).
LOCALES = {"nb": "nb_NO", "sv": "sv_SE", "en": "en_GB"}

_state: dict[str, Any] = {"language": DEFAULT_LANGUAGE, "translation": translation("en")}
_translators: list[QTranslator] = []


def current() -> str:
    """The language the UI speaks now."""
    return str(_state["language"])


def document_language_box(wanted: str | None, accessible_name: str) -> QComboBox:
    """A choice of the three languages for a document, on ``wanted`` (the organisation's
    language) or else the language the UI speaks."""
    box = QComboBox()
    for code, name in ENDONYMS.items():
        box.addItem(name, code)
    box.setCurrentIndex(max(box.findData(wanted or current()), 0))
    box.setAccessibleName(accessible_name)
    return box


def gettext_function() -> Any:
    """The current catalogue's ``gettext`` (for ``UserError.render`` and ``labels.label``)."""
    return _state["translation"].gettext


def tr(msgid: str, **params: Any) -> str:
    """``msgid`` in the UI language, with ``{name}`` placeholders filled in."""
    catalogue: gettext.NullTranslations = _state["translation"]
    text = catalogue.gettext(msgid)
    return text.format(**params) if params else text


def trn(singular: str, plural: str, count: int, **params: Any) -> str:
    """The form of ``singular``/``plural`` that ``count`` takes in the UI language (gettext's
    plural forms: "1 day", "2 days"), with ``{count}`` and the other placeholders filled in."""
    catalogue: gettext.NullTranslations = _state["translation"]
    return catalogue.ngettext(singular, plural, count).format(count=count, **params)


def ngettext_function() -> Any:
    """The current catalogue's ``ngettext`` (for messages whose words follow a number)."""
    return _state["translation"].ngettext


_labels: dict[tuple[str, str], str] = {}


def code_label(group: str, code: str) -> str:
    """A code of the register in words in the UI language (free labels as they are)."""
    # Cached: a list of 100,000 activities asks for the same few labels again and again.
    key = (group, code)
    found = _labels.get(key)
    if found is None:
        found = _labels[key] = label(group, code, gettext_function())
    return found


def default_language(saved: str | None) -> str:
    """The saved choice, else the system's language, else English."""
    for candidate in (saved, system_language()):
        if candidate in LANGUAGES:
            return str(candidate)
    return DEFAULT_LANGUAGE


def qt_locale(language: str | None = None) -> QLocale:
    return QLocale(LOCALES.get(language or current(), "en_GB"))


def _qt_translator(language: str) -> QTranslator | None:
    if language == "sv":
        translator = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        return translator if translator.load("qtbase_sv", folder) else None
    if language == "nb":
        return bokmal_translator()
    return None


def set_language(language: str) -> None:
    """Speak ``language`` from now on: our catalogue, Qt's widgets, the default locale.

    Installing or removing a translator sends every widget a LanguageChange event; windows
    re-translate themselves on it.
    """
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _state["language"] = language
    _state["translation"] = translation(language)
    _labels.clear()
    QLocale.setDefault(qt_locale(language))
    app = QCoreApplication.instance()
    if app is None:
        return
    while _translators:
        old = _translators.pop()
        QCoreApplication.removeTranslator(old)
    translator = _qt_translator(language)
    if translator is not None:
        translator.setParent(app)
        QCoreApplication.installTranslator(translator)
        _translators.append(translator)
