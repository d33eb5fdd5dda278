"""``privdesk erase``, ``privdesk purge`` and ``privdesk retention``: the register's own records
erased on request or when their retention period ends (services/erasure.py)."""

from __future__ import annotations

import argparse
from typing import Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.domain import retention
from privdesk.domain.errors import N_, NP_, plural_text


def add_parser(subparsers: Any) -> None:
    erase = subparsers.add_parser(
        "erase", help="erase a request or incident with every trace of it (not undoable)")
    add_db_option(erase)
    add_lang_option(erase)
    which = erase.add_mutually_exclusive_group(required=True)
    which.add_argument("--request", metavar="REF", help="the request to erase")
    which.add_argument("--incident", metavar="REF", help="the incident to erase")
    erase.add_argument("--reason", required=True, metavar="TEXT",
                       help="why it is erased (kept in the audit trail; without the person's "
                            "name)")
    erase.add_argument("--yes", action="store_true",
                       help="erase; without it, only show what would be erased")
    erase.set_defaults(handler=run_erase)

    purge = subparsers.add_parser(
        "purge", help="erase the closed records, kept documents and backups whose retention "
                      "period has ended")
    add_db_option(purge)
    add_lang_option(purge)
    purge.add_argument("--dry-run", action="store_true",
                       help="only list what is due; erase nothing")
    purge.set_defaults(handler=run_purge)

    periods = subparsers.add_parser(
        "retention", help="show or set how long the register keeps its own records")
    add_db_option(periods)
    add_lang_option(periods)
    for kind in retention.RETENTION_KINDS:
        periods.add_argument(f"--{kind}", type=int, metavar="MONTHS",
                             help=f"months to keep {kind} (closed requests and incidents "
                                  "from closing, documents from writing, backups from copying)")
    periods.set_defaults(handler=run_retention)


def _say(context: Context, message: str, **params: Any) -> None:
    print(context.gettext(message).format(**params), file=context.stdout)


def _report_mentions(context: Context, mentions: Any) -> None:
    if not mentions:
        return
    _say(context, N_("These places name the person; review them (nothing was changed "
                     "there):"))
    for mention in mentions:
        message = (N_("  {kind} {ref}: {field}") if mention.where == "record"
                   else N_("  audit trail of {kind} {ref}: {field}"))
        _say(context, message, kind=mention.kind, ref=mention.ref, field=mention.field or "–")


def run_erase(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register
    from privdesk.services.erasure import Erasure

    kind, ref = ("requests", args.request) if args.request else ("incidents", args.incident)
    with open_register(args.db, create=False) as service:
        erasure = Erasure(service)
        if not args.yes:
            plan = erasure.plan(kind, ref)
            _say(context, N_("Would erase {ref}: {what}."), ref=ref,
                 what=retention.removed_text(plan.counts(), context.gettext))
            _report_mentions(context, plan.mentions)
            _say(context, N_("Nothing was erased: run again with --yes to erase (this cannot "
                             "be undone)."))
            return 0
        result = erasure.erase(kind, ref, args.reason)
    _report(context, result)
    return 0


def _report(context: Context, result: Any) -> None:
    plan = result.plan
    _say(context, N_("Erased {ref}: {what}. The audit trail keeps a tombstone: who, when, why "
                     "and these counts."), ref=plan.ref,
         what=retention.removed_text(plan.counts(), context.gettext))
    for copies, message in (
            (result.backups_rewritten, NP_("Rewrote {count} backup without it: {files}",
                                           "Rewrote {count} backups without it: {files}")),
            (result.backups_removed, NP_(
                "Removed {count} backup that could not be rewritten: {files}",
                "Removed {count} backups that could not be rewritten: {files}"))):
        if copies:
            print(plural_text(context.gettext, message, len(copies)).format(
                count=len(copies), files=", ".join(p.name for p in copies)), file=context.stdout)
    if result.files_clean is False:
        _say(context, N_("warning: another program is reading the register, so its WAL file "
                         "still holds old pages; close it and run `privdesk purge`"))
    _report_mentions(context, plan.mentions)


def run_purge(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register
    from privdesk.services.erasure import Erasure

    with open_register(args.db, create=False) as service:
        erasure = Erasure(service)
        result = erasure.purge(dry_run=args.dry_run)
        if not args.dry_run:
            erasure.scrub_files()
    if not result.due and not result.backups:
        _say(context, N_("Nothing is due for erasure."))
        return 0
    for item in result.due:
        message = (N_("due since {due}: {kind} {ref} (closed {closed})") if item.document is None
                   else N_("due since {due}: {document} of {ref} (written {closed})"))
        _say(context, message, due=item.due.isoformat(), kind=item.kind, ref=item.ref,
             closed=item.closed.isoformat(), document=item.document or "")
    for copy in result.backups:
        _say(context, N_("due: backup {file}"), file=copy.name)
    if args.dry_run:
        _say(context, N_("Nothing was erased (--dry-run)."))
        return 0
    for erased in result.erased:
        _report(context, erased)
    counted = ((NP_("{count} record", "{count} records"), len(result.erased)),
               (retention.REMOVED_TEXTS["documents"],
                sum(1 for d in result.due if d.kind == "documents")),
               (NP_("{count} backup", "{count} backups"), len(result.backups)))
    _say(context, N_("Purged: {what}."), what=", ".join(
        plural_text(context.gettext, message, count).format(count=count)
        for message, count in counted if count))
    return 0


def run_retention(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register
    from privdesk.services.erasure import Erasure

    wanted = {kind: getattr(args, kind) for kind in retention.RETENTION_KINDS
              if getattr(args, kind) is not None}
    with open_register(args.db, create=False) as service:
        erasure = Erasure(service)
        months = erasure.set_retention(wanted) if wanted else erasure.retention_months()
    for kind in retention.RETENTION_KINDS:
        default = retention.DEFAULT_MONTHS[kind]
        message = (N_("{title}: {months} months") if months[kind] == default
                   else N_("{title}: {months} months (default {default})"))
        _say(context, message, title=context.gettext(retention.KIND_TITLES[kind]),
             months=months[kind], default=default)
    return 0

