"""Subcommands for the ROPA workbook: export-ropa writes it, import-ropa reads it back."""

from __future__ import annotations

import argparse
import io
import re
from datetime import UTC, date, datetime
from typing import Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.domain.errors import N_, NP_, UserError, plural_text
from privdesk.domain.retention import Erased
from privdesk.i18n import choose_language

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

KIND_WORDS = {
    "activities": N_("processing activity"),
    "processors": N_("processor"),
    "incidents": N_("incident"),
    "organisation": N_("organisation"),
}


def add_parser(subparsers: Any) -> None:
    export = subparsers.add_parser("export-ropa", help="write the ROPA workbook for auditors")
    add_db_option(export)
    export.add_argument("--out", metavar="FILE.xlsx", required=True, help="workbook to write")
    add_lang_option(export)
    export.add_argument("--as-of", metavar="DATE", default=None,
                        help="the register as it stood at the end of this day (YYYY-MM-DD)")
    export.set_defaults(handler=run_export)

    load = subparsers.add_parser("import-ropa", help="read a ROPA workbook and apply it")
    add_db_option(load)
    load.add_argument("file", metavar="FILE.xlsx")
    load.add_argument("--dry-run", action="store_true",
                      help="show what would change, change nothing")
    add_lang_option(load)
    load.set_defaults(handler=run_import)


def parse_day(text: str, place: str) -> date:
    """A YYYY-MM-DD date from the command line, or a UserError naming the option."""
    if _DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise UserError(N_("“{value}” is not a date (YYYY-MM-DD)"), place, value=text)


def run_export(args: argparse.Namespace, context: Context) -> int:
    from privdesk.documents.files import check_output, no_progress
    from privdesk.documents.ropa_xlsx import write_ropa
    from privdesk.services import open_register

    day = parse_day(args.as_of, "--as-of") if args.as_of else None
    # Before any work; atomic_output checks again before the rename.
    check_output(args.out, "xlsx")
    # The current register's workbook carries each record's version (read with the records),
    # so that its import refuses what a colleague saved since; a past day's does not.
    versions: dict[str, dict[str, int]] | None = None if day is not None else {}
    with open_register(args.db, create=False) as service:
        organisation = service.organisation()
        register = service.as_of(day) if day is not None else service.snapshot(versions)
        dates = service.record_dates(day)
        erased: list[Erased] = []
        if day is not None:
            from privdesk.services.erasure import Erasure

            erased = Erasure(service).erased_since(day)
    language = choose_language(args.lang, organisation.language if organisation else None)
    context.language = language
    try:
        write_ropa(register, args.out, language, day, datetime.now(UTC), no_progress,
                   versions, dates, erased)
    except OSError as error:
        raise UserError(N_("cannot write the file: {reason}"), args.out,
                        reason=error.strerror or str(error)) from None
    message = context.gettext(N_("Wrote {path}: {count} processing activities"))
    print(message.format(path=args.out, count=len(register.activities)), file=context.stderr)
    refs = list(dict.fromkeys(item.ref for item in erased))
    if refs:
        assert day is not None
        note = plural_text(context.gettext, NP_(
            "note: {count} record erased since {day} is left out: {refs} (the audit trail "
            "keeps when and why)",
            "note: {count} records erased since {day} are left out: {refs} (the audit trail "
            "keeps when and why)"), len(refs))
        print(note.format(count=len(refs), day=day.isoformat(), refs=", ".join(refs)),
              file=context.stderr)
    return 0


def run_import(args: argparse.Namespace, context: Context) -> int:
    """The same plan as the window's preview, printed; applied unless ``--dry-run``."""
    from privdesk.documents.ropa_import import read_ropa
    from privdesk.services import open_register
    from privdesk.services.imports import Imports

    result = read_ropa(args.file)  # through the capped reader (documents.inputs)
    gettext = context.gettext
    with open_register(args.db, create=False) as service:
        if args.lang is None:
            organisation = service.organisation()
            context.language = choose_language(
                None, organisation.language if organisation else None)
            gettext = context.gettext
        imports = Imports(service)
        plan = imports.plan(result, args.file)
        # The plan is shown once it is known whether it applies: an import refused at the
        # end (a colleague's import came first) says one line, not thousands (issue 20).
        out = io.StringIO()
        for added in plan.added:
            print(gettext(N_("adds {kind} {ref}: {name}")).format(
                kind=gettext(KIND_WORDS[added.kind]), ref=added.ref, name=added.name), file=out)
        for changed in plan.changed:
            print(gettext(N_("changes {kind} {ref}: {name}")).format(
                kind=gettext(KIND_WORDS[changed.kind]), ref=changed.ref, name=changed.name),
                file=out)
        if plan.organisation is not None:
            template = (N_("changes the organisation: {name}") if plan.replaces_organisation
                        else N_("sets the organisation: {name}"))
            print(gettext(template).format(name=plan.organisation.name), file=out)
        for conflict in plan.conflicts:
            template = (N_("changed in the register since the export: {kind} {ref}: {name} "
                           "(saved by {who} at {when})") if conflict.who
                        else N_("deleted from the register since the export: {kind} {ref}: "
                                "{name}"))
            print(gettext(template).format(
                kind=gettext(KIND_WORDS[conflict.kind]), ref=conflict.ref, name=conflict.name,
                who=conflict.who, when=conflict.when), file=out)
        for problem in plan.problems:
            template = (N_("cannot read {problem}") if problem.blocking
                        else N_("not read: {problem}"))
            print(gettext(template).format(problem=problem.render(gettext)), file=out)
        try:
            imports.check(plan)
        except UserError:
            context.stdout.write(out.getvalue())  # what is refused, and why
            raise
        if args.dry_run:
            print(gettext(N_("Dry run: nothing was changed.")), file=out)
            context.stdout.write(out.getvalue())
            return 0
        if plan.added or plan.changed or plan.organisation is not None:
            imports.apply(plan)  # one transaction: all of it or, after a kill, none of it
        context.stdout.write(out.getvalue())
    print(gettext(N_("Imported {file}: {added} added, {changed} changed")).format(
        file=args.file, added=len(plan.added),
        changed=len(plan.changed) + int(plan.organisation is not None)), file=context.stderr)
    return 0
