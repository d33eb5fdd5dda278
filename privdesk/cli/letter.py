"""``privdesk letter``: the answer to an access request as a PDF, written and kept as sent."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.documents.files import write_document
from privdesk.domain.errors import N_, UserError

# The letter is dated in the organisation's own time zone, not the machine's.
TIME_ZONES = {"NO": "Europe/Oslo", "SE": "Europe/Stockholm"}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("letter", help="write the answer to an access request (PDF)")
    add_db_option(parser)
    parser.add_argument("--request", required=True, metavar="REF", help="the request's ref")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    add_lang_option(parser)
    parser.set_defaults(handler=run_letter)


def today_in(country: str | None) -> date:
    """Today's date where the organisation is (Oslo or Stockholm; UTC elsewhere)."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(TIME_ZONES.get((country or "").upper(), "UTC"))).date()


def run_letter(args: argparse.Namespace, context: Context) -> int:
    # Imported here: reportlab and Babel load only when a letter is written.
    from privdesk.documents.access_letter import letter_language, render_access_letter
    from privdesk.services import open_register

    target = Path(args.out)
    with open_register(args.db, create=False) as service:
        request = service.request(args.request)
        if request.kind != "access":
            raise UserError(N_("request {ref} is not an access request; the letter answers "
                               "access requests only"), ref=request.ref)
        organisation = service.organisation()
        if organisation is None or not organisation.name:
            # The answer must say who the controller is (Art. 15(1), Art. 13(1)(a)).
            raise UserError(N_("the register has no organisation: record the school's name "
                               "and address before writing a letter"))
        language = letter_language(request, args.lang, organisation)
        content = render_access_letter(
            request, organisation, service.activities(), service.processors(), language,
            today_in(organisation.country),
        )
        write_document(target, content)
        service.record_document("access_letter", request.ref, language, content, target.name)
    print(context.gettext(N_("Wrote the letter for {ref} to {file}")).format(
        ref=request.ref, file=str(target)), file=context.stderr)
    return 0
