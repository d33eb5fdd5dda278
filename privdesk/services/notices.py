"""The DPO's verbs on privacy notices: assemble one from the register, keep each one produced.

Each notice produced is kept as produced (its bytes, SHA-256, date, language and the
activities it covers, audited), like the letters; its version is one more than the notices
already kept for the same audience and language.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privdesk.domain.attention import local_today
from privdesk.domain.notice import (
    DOCUMENT_KIND,
    Notice,
    build_notice,
    choose_activities,
    notice_language,
)

if TYPE_CHECKING:
    from privdesk.services.register import RegisterService


# The file name endings of each form of the notice.
FORM_SUFFIXES = {"pdf": ("pdf",), "html": ("html", "htm")}


def history_ref(audience: str) -> str:
    """The ref the notices for ``audience`` are kept under (their version history)."""
    return f"notice-{audience}"


class Notices:
    """Verbs on the register's privacy notices."""

    def __init__(self, register: RegisterService) -> None:
        self.register = register

    def history(self, audience: str) -> list[dict[str, Any]]:
        """The notices kept for ``audience``, oldest first (without their content)."""
        return [document for document in self.register.documents(history_ref(audience))
                if document["kind"] == DOCUMENT_KIND]

    def next_version(self, audience: str, language: str, form: str) -> int:
        """One more than the notices kept for ``audience`` in ``language`` as ``form`` (pdf
        or html), so that a notice published as both has one version number in both."""
        return 1 + sum(1 for document in self.history(audience)
                       if document["language"] == language
                       and Path(document["filename"]).suffix.lower().lstrip(".")
                       in FORM_SUFFIXES[form])

    def notice(self, audience: str, language: str | None = None,
               activities: Iterable[str] = (), *, form: str = "pdf", mark_gaps: bool = False,
               today: date | None = None) -> Notice:
        """The notice for ``audience`` from the register as it is now.

        ``activities`` names the activities to cover (default: those about the audience's
        people); ``form`` (pdf or html) the file it becomes, which numbers its version.
        Refused (``NoticeRefused``, one line per gap) while an activity lacks what Art. 13
        requires, unless ``mark_gaps``.
        """
        organisation = self.register.organisation()
        chosen = choose_activities(self.register.activities(), audience, activities)
        lang = notice_language(language, organisation)
        if today is None:
            today = local_today(self.register.clock(),
                                organisation.country if organisation else None)
        version = self.next_version(audience, lang, form)
        return build_notice(chosen, self.register.processors(), organisation,
                            audience=audience, language=lang, today=today, version=version,
                            mark_gaps=mark_gaps)

    def keep_notice(self, notice: Notice, content: bytes, filename: str) -> str:
        """Keep the notice as produced (its bytes and SHA-256, audited with its version and
        the activities it covers); returns the digest."""
        return self.register.record_document(
            DOCUMENT_KIND, history_ref(notice.audience), notice.language, content, filename,
            version=notice.version, audience=notice.audience, activities=list(notice.refs),
            marked=sorted({m for a in notice.activities for m in a.missing}))
