"""``privdesk notice``: the privacy notice (Art. 13 and 14) as a PDF or an HTML page, kept as
produced."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.domain.errors import N_, UserError

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html"}


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "notice", help="write the privacy notice for pupils, parents or staff (PDF or HTML)")
    add_db_option(parser)
    parser.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write: FILE.pdf or FILE.html")
    parser.add_argument("--audience", choices=("pupils", "parents", "staff"), default="parents",
                        help="whom the notice is written for (default: parents)")
    parser.add_argument("--activities", nargs="+", default=[], metavar="REF",
                        help="the activities to cover (default: every active one about the "
                             "audience's people)")
    parser.add_argument("--mark-gaps", action="store_true",
                        help="write the notice even where the register lacks a purpose, legal "
                             "basis, retention or safeguard, marking each as not yet recorded")
    add_lang_option(parser)
    parser.set_defaults(handler=run_notice)


def run_notice(args: argparse.Namespace, context: Context) -> int:
    """The same use case as the window's: refused with one line per gap, else written and kept."""
    from privdesk.documents.files import check_output, write_document
    from privdesk.domain.notice import NoticeRefused
    from privdesk.services import open_register
    from privdesk.services.notices import Notices

    target = Path(args.out)
    kind = FORMATS.get(target.suffix.lower())
    if kind is None:
        raise UserError(N_("name a file ending in .pdf or .html"), str(target))
    check_output(target, kind)  # before any work; checked again before the rename
    with open_register(args.db, create=False) as service:
        notices = Notices(service)
        try:
            notice = notices.notice(args.audience, args.lang, args.activities, form=kind,
                                    mark_gaps=args.mark_gaps)
        except NoticeRefused as refused:
            from privdesk.documents.wording import gap_line

            for gap in refused.gaps:
                print(context.gettext(N_("gap: {gap}")).format(
                    gap=gap_line(gap, context.gettext, context.language)), file=context.stderr)
            raise
        for activity in notice.activities:
            if activity.missing:
                print(context.gettext(N_("warning: “{name}” is marked in the notice as not yet "
                                         "recorded")).format(name=activity.name),
                      file=context.stderr)
        if kind == "pdf":
            from privdesk.documents.notice_pdf import render_notice_pdf

            content = render_notice_pdf(notice)
        else:
            from privdesk.documents.notice_html import render_notice_html

            content = render_notice_html(notice)
        # Kept as produced before it appears: a notice on disk is always in the register.
        write_document(target, content, kind,
                       keep=lambda: notices.keep_notice(notice, content, target.name))
    print(context.gettext(N_("Wrote the privacy notice (version {version}) to {file}")).format(
        version=notice.version, file=str(target)), file=context.stderr)
    return 0
