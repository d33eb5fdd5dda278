"""Qt's own texts in bokmål, read from our Qt Linguist source (``resources/qt/qtbase_nb.ts``).

Qt ships ``qtbase_sv.qm`` but no bokmål. Rather than commit a compiled ``.qm`` (a build product
that drifts from its source), the translator answers from the ``.ts`` itself: Qt asks every
installed translator through the virtual ``QTranslator.translate``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

from privdesk.resource_files import resource


def read_linguist_source(content: bytes) -> dict[tuple[str, str, str], str]:
    """(context, source, disambiguation) → translation, for every finished message of a .ts."""
    from defusedxml import ElementTree  # only in bokmål, not on the way to the first paint

    root = ElementTree.fromstring(content)
    found: dict[tuple[str, str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "obsolete",
                                                                  "vanished"}:
                continue
            source = message.findtext("source") or ""
            found[(name, source, message.findtext("comment") or "")] = translation.text or ""
    return found


class LinguistTranslator(QTranslator):
    """A QTranslator over the messages of a Qt Linguist ``.ts`` file."""

    def __init__(self, messages: dict[tuple[str, str, str], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._messages = messages

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        # As Qt's own translator: the message with its disambiguation, else without it.
        key = (context, source, disambiguation or "")
        found = self._messages.get(key)
        if found is None and disambiguation:
            found = self._messages.get((context, source, ""))
        return found or ""

    def isEmpty(self) -> bool:
        return not self._messages

    def language(self) -> str:
        return "nb_NO"


def bokmal_translator() -> LinguistTranslator:
    """Qt's widgets in bokmål."""
    return LinguistTranslator(read_linguist_source(resource("qt", "qtbase_nb.ts").read_bytes()))
