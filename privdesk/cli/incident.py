"""``privdesk assess-incident`` and ``privdesk breach-report``: the risk advice and the draft."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.documents.files import check_output, write_document
from privdesk.documents.inputs import INCIDENT, read_input
from privdesk.domain import interchange, records
from privdesk.domain.errors import N_, UserError
from privdesk.domain.incidents import (
    authority_notified_at,
    hours_to_notification,
    local_text,
    problems,
    processor_reported_first,
)
from privdesk.domain.kinds import zone_for
from privdesk.domain.labels import label
from privdesk.domain.risk import Assessment, assess, to_json

# Without a register the clock is shown where the language is spoken.


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assess-incident", help="assess one incident (JSON) and advise on notifying")
    parser.add_argument("file", metavar="FILE.json", help="one incident in the interchange format")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_lang_option(parser)
    parser.set_defaults(handler=run_assess)

    report = subparsers.add_parser(
        "breach-report", help="write the breach notification draft for the authority (PDF)")
    add_db_option(report)
    report.add_argument("--incident", required=True, metavar="REF", help="the incident's ref")
    report.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    add_lang_option(report)
    report.set_defaults(handler=run_breach_report)


def read_incident(path: str) -> records.Incident:
    """One incident object from a JSON file, or a UserError naming the file and the field."""
    data = read_input(path, INCIDENT)
    try:
        document = interchange.parse_json(data)
    except UnicodeDecodeError as error:
        raise UserError(N_("the file is not UTF-8 text"), path) from error
    except (ValueError, RecursionError) as error:
        raise UserError(N_("the file is not valid JSON"), path) from error
    except UserError as error:  # a name given twice in one object
        error.place = path
        raise
    try:
        return interchange.read_record(records.Incident, document, "")
    except UserError as error:
        error.place = f"{path}: {error.place}" if error.place else path
        raise
    except RecursionError as error:
        raise UserError(N_("the file is nested too deeply"), path) from error


def run_assess(args: argparse.Namespace, context: Context) -> int:
    incident = read_incident(args.file)
    try:
        assessment = assess(incident)
    except ValueError as error:  # a moment without a UTC offset, from a hand-made record
        raise UserError(N_("every moment needs a UTC offset"), args.file) from error
    # What to check in the record (a processor's report before the recorded awareness moves
    # the clock): in the JSON's "warnings" and, either way, on standard error.
    warnings = [f"{p.place}: {p.render(context.gettext)}" for p in problems(incident)]
    for warning in warnings:
        print(f"privdesk: {args.file}: "
              + context.gettext(N_("warning: {warning}")).format(warning=warning),
              file=context.stderr)
    if args.json:
        document = to_json(assessment, context.gettext, warnings)
        context.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    context.stdout.write(readable_report(incident, assessment, context))
    return 0


def readable_report(incident: records.Incident, assessment: Assessment,
                    context: Context) -> str:
    """The assessment as a DPO reads it in a terminal."""
    _ = context.gettext
    zone = zone_for({"nb": "NO", "sv": "SE"}.get(context.language))
    s = assessment.severity
    yes, no = _("yes"), _("no")
    # Babel is loaded here, for the readable report only (never for --json).
    from babel.numbers import format_decimal

    locale = {"nb": "nb_NO", "sv": "sv_SE"}.get(context.language, "en_GB")

    def number(value: float) -> str:
        """A number as the language writes it (4,25 in nb and sv)."""
        return str(format_decimal(value, format="#,##0.##", locale=locale))

    lines = [
        f"{incident.ref}: {incident.title}",
        _("Severity (ENISA): {band}, {score} = DPC {dpc} × EI {ei} + CB {cb}").format(
            band=label("severity_bands", s.band, _).lower(), score=number(s.score),
            dpc=s.dpc, ei=number(s.ei), cb=number(s.cb)),
        _("Became aware: {moment}").format(moment=local_text(incident.aware_at, zone)),
        *([_("The 72 hours run from the processor's report: {moment}").format(
            moment=local_text(incident.reported_by_processor, zone))]
          if incident.reported_by_processor is not None and processor_reported_first(incident)
          else []),
        _("Notify the supervisory authority: {answer}").format(
            answer=yes if assessment.notify_authority else no),
        _("Deadline (72 hours): {moment}").format(
            moment=local_text(assessment.notify_by, zone)),
    ]
    notified = authority_notified_at(incident)
    elapsed = hours_to_notification(incident)
    if notified is not None and elapsed is not None:
        lines.append(_("Notified: {moment}, {hours} hours after the school became aware.")
                     .format(moment=local_text(notified, zone), hours=number(round(elapsed, 1))))
    elif assessment.notify_authority:
        left = (assessment.notify_by - datetime.now(UTC)).total_seconds() / 3600
        if left >= 0:
            lines.append(_("Time left: {hours} hours").format(hours=number(round(left, 1))))
        else:
            lines.append(_("The deadline passed {hours} hours ago").format(
                hours=number(round(-left, 1))))
    lines.append(_("Tell the people affected: {answer}").format(
        answer=yes if assessment.notify_subjects else no))
    lines.append("")
    lines.append(_("Reasons:"))
    lines += [f"  - {reason.render(_)}" for reason in assessment.reasons]
    found = problems(incident)
    if found:
        lines.append("")
        lines.append(_("To check in the record:"))
        lines += [f"  - {p.place}: {p.render(_)}" for p in found]
    lines.append("")
    lines.append(_("This is advice: the DPO decides and records the decision and its reasons."))
    return "\n".join(lines) + "\n"


def run_breach_report(args: argparse.Namespace, context: Context) -> int:
    # Imported here: reportlab and Babel load only when a report is written.
    from privdesk.documents.breach_report import render_report
    from privdesk.services import open_register
    from privdesk.services.incidents import Incidents

    target = Path(args.out)
    check_output(target, "pdf")  # before any work; checked again before the rename
    with open_register(args.db, create=False) as service:
        incidents = Incidents(service)
        inputs = incidents.report_inputs(args.incident, context.language)
        content = render_report(inputs)
        # Kept in the register before it appears: a report on disk is always recorded.
        write_document(target, content, "pdf",
                       keep=lambda: incidents.keep_report(inputs, content, target.name))
    print(context.gettext(N_("Wrote the breach report for {ref} to {file}")).format(
        ref=inputs.incident.ref, file=str(target)), file=context.stderr)
    return 0
