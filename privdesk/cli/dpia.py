"""``privdesk screen-dpia``: an activity's DPIA screening, shown, answered and saved."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.domain import dpia
from privdesk.domain.errors import N_

if TYPE_CHECKING:
    from privdesk.services.dpia import ScreeningView


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "screen-dpia", help="screen an activity: is a DPIA required, and why",
        description="Show an activity's DPIA screening (stored, or pre-filled from the "
                    "register), answer its questions and save it.")
    add_db_option(parser)
    parser.add_argument("--activity", required=True, metavar="REF", help="the activity's ref")
    parser.add_argument("--answer", action="append", default=[],
                        metavar="CRITERION[,CRITERION…]=yes|no[:REASON]",
                        help="answer one question, or several the same way (may be repeated)")
    parser.add_argument("--save", action="store_true",
                        help="store the screening (every question must be answered)")
    parser.add_argument("--out", metavar="FILE.pdf", default=None,
                        help="write the screening as a one-page PDF")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_lang_option(parser)
    parser.set_defaults(handler=run_screen)


def run_screen(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register
    from privdesk.services.dpia import Screenings

    given = [answer for text in args.answer for answer in dpia.parse_answer(text)]
    if args.out:
        from pathlib import Path

        from privdesk.documents.files import check_output

        check_output(Path(args.out), "pdf")  # before any work; checked again before the rename
    with open_register(args.db, create=False) as service:
        screenings = Screenings(service)
        view = screenings.answer(args.activity, given, context.gettext)
        if args.save:
            screenings.save(args.activity, view.answers, view.version)
            view = screenings.open(args.activity, context.gettext)
            print(context.gettext(N_("Saved the DPIA screening of {ref}")).format(
                ref=args.activity), file=context.stderr)
        if args.out:
            _write_pdf(args, context, service, view)
    if args.json:
        context.stdout.write(json.dumps(view_to_json(view, context.gettext),
                                        ensure_ascii=False, indent=2) + "\n")
    else:
        context.stdout.write(render(view, context.gettext))
    return 0


def _write_pdf(args: argparse.Namespace, context: Context, service: Any,
               view: ScreeningView) -> None:
    from pathlib import Path

    from privdesk.documents.dpia_pdf import render_screening
    from privdesk.documents.files import write_document

    organisation = service.organisation()
    language = args.lang or context.language
    content = render_screening(view_inputs(view), organisation, language,
                               service.clock())
    write_document(Path(args.out), content, "pdf")
    print(context.gettext(N_("Wrote the DPIA screening of {ref} to {file}")).format(
        ref=view.activity.ref, file=args.out), file=context.stderr)


def view_inputs(view: ScreeningView) -> Any:
    from privdesk.documents.dpia_pdf import ScreeningInputs

    return ScreeningInputs(view.activity, view.answers, view.decision, view.stored,
                           view.out_of_date)


def view_to_json(view: ScreeningView, gettext: Any) -> dict[str, Any]:
    """The screening as the command's ``--json`` prints it (docs/cli.md)."""
    stored = view.stored
    return {
        "activity": view.activity.ref,
        "name": view.activity.name,
        "result": view.decision.result,
        "result_text": gettext(dpia.RESULT_LABELS[view.decision.result]),
        "deciding": list(view.decision.deciding),
        "unanswered": list(view.decision.unanswered),
        "screened_at": stored.at.isoformat() if stored else None,
        "screened_by": stored.by if stored else None,
        "out_of_date": view.out_of_date,
        "national_list": dpia.NATIONAL_LISTS.get(view.country or ""),
        "answers": [{
            "criterion": a.criterion,
            "label": gettext(dpia.BY_ID[a.criterion].label),
            "source": dpia.BY_ID[a.criterion].source,
            "item": dpia.BY_ID[a.criterion].item,
            "met": a.met,
            "reason": a.reason,
            "prefilled": a.prefilled,
        } for a in view.answers],
    }


def source_tag(criterion: dpia.Criterion) -> str:
    """``WP248 3``, ``Datatilsynet``: where a question comes from, in short."""
    return criterion.reference


def render(view: ScreeningView, gettext: Any) -> str:
    """The screening as text: the result and what decided it, then each question."""
    activity, decision, stored = view.activity, view.decision, view.stored
    lines = [f"{activity.ref} {activity.name}",
             gettext(dpia.RESULT_LABELS[decision.result])]
    if decision.deciding:
        names = "; ".join(f"{gettext(dpia.BY_ID[c].label)} ({source_tag(dpia.BY_ID[c])})"
                          for c in decision.deciding)
        lines.append(gettext(N_("Decided by: {criteria}")).format(criteria=names))
    if stored is None:
        lines.append(gettext(N_("Not screened yet: the answers are the register's "
                                "suggestions, to be confirmed with --save")))
    else:
        lines.append(gettext(N_("Screened {at} by {by}")).format(
            at=stored.at.isoformat(timespec="minutes"), by=stored.by))
    if view.out_of_date:
        lines.append(gettext(N_("The activity has changed since it was screened: screen it "
                                "again")))
    if decision.unanswered:
        lines.append(gettext(N_("Unanswered: {criteria}")).format(
            criteria=", ".join(decision.unanswered)))
    lines.append("")
    words = {True: gettext(N_("yes")), False: gettext(N_("no")), None: "?"}
    for answer in view.answers:
        criterion = dpia.BY_ID[answer.criterion]
        lines.append(f"{words[answer.met]:<4} {answer.criterion:<20} {source_tag(criterion):<16}"
                     f" {gettext(criterion.label)}")
        if answer.reason:
            lines.append(f"{'':<42}{answer.reason}")
    return "\n".join(lines) + "\n"
