"""Subcommands for the register itself: init, dump, load and list."""

from __future__ import annotations

import argparse
import json
from typing import Any

from privdesk.cli import Context, add_db_option, add_lang_option
from privdesk.documents.files import check_output, write_document
from privdesk.documents.inputs import INTERCHANGE, read_input
from privdesk.domain import interchange, kinds, records
from privdesk.domain.errors import N_, UserError
from privdesk.domain.labels import label


def add_parser(subparsers: Any) -> None:
    init = subparsers.add_parser("init", help="create an empty register (or a demo one)")
    add_db_option(init)
    add_lang_option(init)
    init.add_argument("--demo", action="store_true", help="fill it with the demo school")
    init.set_defaults(handler=run_init)

    dump = subparsers.add_parser("dump", help="write the whole register as JSON")
    add_db_option(dump)
    add_lang_option(dump)
    dump.add_argument("--out", metavar="FILE", help="file to write (default: standard output)")
    dump.set_defaults(handler=run_dump)

    load = subparsers.add_parser("load", help="load a register from an interchange file")
    add_db_option(load)
    add_lang_option(load)
    load.add_argument("file", metavar="FILE")
    load.add_argument("--replace", action="store_true",
                      help="replace what the register holds (default: refuse a non-empty one)")
    load.set_defaults(handler=run_load)

    listing = subparsers.add_parser("list", help="list records of one kind")
    listing.add_argument("kind", choices=kinds.names())
    add_db_option(listing)
    add_lang_option(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)


def run_init(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register

    with open_register(args.db, create=True) as service:
        if not service.is_empty():
            raise UserError(N_("the register {target} is not empty; init does not overwrite it"),
                            target=service.database.target)
        if args.demo:
            from privdesk.services.demo import demo_register

            service.load(demo_register(context.language))
        target = service.database.target
    message = N_("Created the demo register {target}") if args.demo else N_(
        "Created an empty register {target}")
    print(context.gettext(message).format(target=target), file=context.stderr)
    return 0


def run_dump(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register, read_register

    if args.out:
        check_output(args.out, "json")  # before any work; checked again before the rename
    register = read_register(args.db)  # sqlite3 alone when the register is current
    if register is None:
        with open_register(args.db, create=False) as service:
            register = service.snapshot()
    text = interchange.dumps(register)
    if args.out:
        write_document(args.out, text.encode("utf-8"), "json")
    else:
        context.stdout.write(text)
    return 0


def read_interchange(path: str) -> records.Register:
    """A register from an interchange file, or a UserError naming the file and the place."""
    data = read_input(path, INTERCHANGE)
    try:
        return interchange.loads(data)
    except UserError as error:
        error.place = f"{path}: {error.place}" if error.place else path
        raise


def run_load(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register

    register = read_interchange(args.file)
    with open_register(args.db, create=True) as service:
        change = service.load(register, replace=args.replace)
    print(context.gettext(N_("Loaded {count} records")).format(count=len(change.created)),
          file=context.stderr)
    return 0


def _computed(kind: str, record: Any, country: str) -> dict[str, Any]:
    """Fields computed by the rules: a request's due dates, an incident's 72-hour deadline."""
    if kind == "requests":
        from privdesk.domain.deadlines import request_deadlines

        deadlines = request_deadlines(record, country)
        extra: dict[str, Any] = {"due": deadlines.due.isoformat()}
        if deadlines.extended_due is not None:
            extra["extended_due"] = deadlines.extended_due.isoformat()
        return extra
    if kind == "incidents":
        from privdesk.domain.incidents import notify_by

        return {"notify_by": notify_by(record).isoformat()}
    return {}


_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "activities": (("ref", N_("Ref")), ("name", N_("Name")), ("role", N_("Role")),
                   ("status", N_("Status")), ("review_due", N_("Review due"))),
    "processors": (("ref", N_("Ref")), ("name", N_("Name")), ("country", N_("Country")),
                   ("role", N_("Role")), ("parent", N_("Engaged by"))),
    "incidents": (("ref", N_("Ref")), ("title", N_("Title")), ("aware_at", N_("Aware")),
                  ("notify_by", N_("Notify by")), ("status", N_("Status"))),
    "requests": (("ref", N_("Ref")), ("kind", N_("Kind")), ("received", N_("Received")),
                 ("due", N_("Due")), ("extended_due", N_("Extended due")),
                 ("status", N_("Status"))),
}
_LABEL_GROUPS = {
    ("activities", "role"): "activity_roles", ("activities", "status"): "activity_statuses",
    ("processors", "role"): "processor_roles", ("incidents", "status"): "incident_statuses",
    ("requests", "kind"): "request_kinds", ("requests", "status"): "request_statuses",
}


def run_list(args: argparse.Namespace, context: Context) -> int:
    from privdesk.services import open_register, read_register

    register = read_register(args.db, names=(args.kind,))  # sqlite3 alone when current
    if register is not None:
        organisation, items = register.organisation, list(getattr(register, args.kind))
    else:
        with open_register(args.db, create=False) as service:
            organisation = service.organisation()
            items = service.records(args.kind)
    country = organisation.country if organisation else "NO"
    rows = [{**interchange.to_json(r), **_computed(args.kind, r, country)} for r in items]
    if args.json:
        context.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    columns = _COLUMNS[args.kind]
    lines = [[context.gettext(title) for _, title in columns]]
    for row in rows:
        cells = []
        for name, _ in columns:
            raw = row.get(name)
            group = _LABEL_GROUPS.get((args.kind, name))
            shown = label(group, raw, context.gettext) if group and isinstance(raw, str) else raw
            cells.append("" if shown is None else str(shown))
        lines.append(cells)
    widths = [min(max(len(r[i]) for r in lines), 50) for i in range(len(columns))]
    for cells in lines:
        line = "  ".join(c[:50].ljust(w) for c, w in zip(cells, widths, strict=True))
        print(line.rstrip(), file=context.stdout)
    return 0
