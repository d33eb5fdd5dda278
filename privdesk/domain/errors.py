"""The one kind of error a user sees: bad input or a refused operation, nothing changed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class UserError(Exception):
    """Bad input or a refused operation.

    ``message`` is an English msgid of the catalogue with ``{name}`` placeholders; it is
    translated where it is shown, so the domain never needs to know the user's language.
    ``place`` names where the problem is (a field path, a file, a row) and is never translated.
    """

    def __init__(self, message: str, place: str = "", **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.place = place
        self.params: Mapping[str, Any] = params

    def render(self, gettext: Any = None) -> str:
        """The message in the language of ``gettext`` (English without one)."""
        template = gettext(self.message) if gettext is not None else self.message
        text = template.format(**self.params) if self.params else template
        return f"{self.place}: {text}" if self.place else text

    def __str__(self) -> str:
        return self.render()


class ConflictError(UserError):
    """Someone else changed the record since it was read (optimistic locking)."""


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for marking a msgid
    """Mark a string for extraction into the catalogue without translating it here."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - as N_
    """Mark a message whose words follow a number (``"{count} day"``, ``"{count} days"``):
    extracted as one plural entry of the catalogue, chosen with ``plural_text``."""
    return (singular, plural)


def plural_text(gettext: Any, message: tuple[str, str], count: int) -> str:
    """The form of ``message`` for ``count`` in the language of ``gettext``.

    ``gettext`` is a catalogue's bound ``gettext`` (what the callers hand around); its
    catalogue's ``ngettext`` knows the language's plural rule. Without one: English.
    """
    ngettext = getattr(getattr(gettext, "__self__", None), "ngettext", None)
    if ngettext is None:
        return message[0] if count == 1 else message[1]
    return str(ngettext(message[0], message[1], count))
