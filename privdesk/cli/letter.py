"""``privdesk letter``: the answer to an access request as a PDF, written and kept as sent."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.documents.files import check_output, write_document
from privdesk.domain.errors import N_, UserError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("letter", help="write the answer to an access request (PDF)")
    add_db_option(parser)
    parser.add_argument("--request", required=True, metavar="REF", help="the request's ref")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument(
        "--allow-name", action="append", default=[], metavar="NAME",
        help="let the letter name another data subject of the register (after you have checked "
             "that giving it out is lawful; recorded in the audit trail); may be repeated")
    add_lang_option(parser)
    parser.set_defaults(handler=run_letter)


def run_letter(args: argparse.Namespace, context: Context) -> int:
    """The same use case as the window's: refused when a gap blocks it, warned otherwise."""
    # Imported here: reportlab and Babel load only when a letter is written.
    from privdesk.documents.access_letter import render_letter
    from privdesk.domain.letters import NAMED
    from privdesk.services import open_register
    from privdesk.services.requests import Requests

    target = Path(args.out)
    check_output(target, "pdf")  # before any work; checked again before the rename
    with open_register(args.db, create=False) as service:
        requests = Requests(service)
        try:
            inputs = requests.letter_inputs(args.request, args.lang,
                                            allowed_names=args.allow_name)
        except UserError as error:
            if error.message not in NAMED.values():
                raise
            # The window asks; the command line says which option gives the same choice.
            raise UserError(N_("{problem} (--allow-name \"{name}\")"),
                            problem=error.render(context.gettext),
                            name=error.params["name"]) from None
        # Warned before anything is written, so that a late or incomplete letter is never
        # produced without a word.
        for gap in inputs.warnings:
            print(context.gettext(N_("warning: {gap}")).format(gap=gap.render(context.gettext)),
                  file=context.stderr)
        for name in inputs.allowed_names:
            print(context.gettext(N_("note: {name} is named in the letter, as you allowed; "
                                     "this is recorded in the audit trail")).format(name=name),
                  file=context.stderr)
        content = render_letter(inputs)
        # Recorded as sent before it appears: a letter on disk is always in the register.
        write_document(target, content, "pdf",
                       keep=lambda: requests.keep_letter(inputs, content, target.name))
    print(context.gettext(N_("Wrote the letter for {ref} to {file}")).format(
        ref=inputs.request.ref, file=str(target)), file=context.stderr)
    return 0
