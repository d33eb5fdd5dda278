"""The UI language: our catalogue and Qt's own widgets switch together."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from privdesk.gui.language import code_label, current, default_language, set_language, tr


@pytest.mark.parametrize(("language", "cancel", "undo", "copy"), [
    ("nb", "Avbryt", "Angre %1", "&Kopier"),
    ("sv", "Avbryt", "Ångra %1", "&Kopiera"),
    ("en", "Cancel", "Undo %1", "&Copy"),
])
def test_qt_widgets_speak_the_ui_language(language: str, cancel: str, undo: str,
                                          copy: str) -> None:
    set_language(language)
    assert current() == language
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == cancel
    assert QCoreApplication.translate("QUndoStack", "Undo %1") == undo
    assert QCoreApplication.translate("QLineEdit", "&Copy") == copy


def test_our_strings_and_codes_follow() -> None:
    set_language("nb")
    assert tr("Overview") == "Oversikt"
    assert tr("{shown} of {total} shown", shown=1, total=5) == "1 av 5 vises"
    assert code_label("activity_roles", "controller") == "Behandlingsansvarlig"
    assert code_label("subjects", "Bus drivers") == "Bus drivers"  # a free label stays
    assert QLocale().name() == "nb_NO"
    set_language("sv")
    assert tr("Overview") == "Översikt"
    set_language("en")
    assert tr("Overview") == "Overview"


def test_default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_language("sv") == "sv"
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert default_language(None) == "nb"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    # A German system and an unknown saved choice: privdesk speaks none of them, so English.
    monkeypatch.setattr("privdesk.i18n.locale.getlocale", lambda: ("de_DE", "UTF-8"))
    assert default_language("xx") == "en"
    # A Swedish system: an unknown saved choice gives way to the system's language.
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    assert default_language("xx") == "sv"


def test_every_message_of_our_bokmal_qt_source_is_answered() -> None:
    # Qt ships no bokmål; privdesk answers Qt from resources/qt/qtbase_nb.ts as it is.
    from xml.etree import ElementTree

    from support import ROOT

    set_language("nb")
    root = ElementTree.parse(ROOT / "resources" / "qt" / "qtbase_nb.ts").getroot()
    messages = [(context.findtext("name"), message.findtext("source"),
                 message.findtext("comment"), message.findtext("translation"))
                for context in root.iter("context") for message in context.iter("message")]
    assert len(messages) > 50
    for context, source, comment, translation in messages:
        assert QCoreApplication.translate(context, source, comment) == translation, source
    set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Save") == "Save"
