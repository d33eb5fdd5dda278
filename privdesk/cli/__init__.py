"""The command line (docs/cli.md): headless subcommands over the services; no Qt.

Each subcommand lives in a module of this package that defines ``add_parser(subparsers)``;
the parser's ``handler`` takes the parsed arguments and a ``Context`` and returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from privdesk.domain.errors import UserError
from privdesk.i18n import choose_language, translation

# The modules that add subcommands, in the order --help lists them.
COMMAND_MODULES = (
    "privdesk.cli.register",
    "privdesk.cli.ropa",
    "privdesk.cli.letter",
    "privdesk.cli.notice",
    "privdesk.cli.incident",
    "privdesk.cli.review",
    "privdesk.cli.dpia",
    "privdesk.cli.erasure",
)

Handler = Callable[[argparse.Namespace, "Context"], int]

# C0 and C1 control characters and the line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class Context:
    """What a subcommand needs besides its arguments: where to write and in which language."""

    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    language: str = "en"

    def gettext(self, message: str) -> str:
        return translation(self.language).gettext(message)

    def error(self, error: UserError) -> int:
        """Print a refusal as one line in the chosen language; exit status 1."""
        # The message may quote the input (a field name, a cell): its control characters and
        # line breaks are shown as escapes, so the refusal stays one line and a hostile file
        # cannot send escape sequences to the terminal.
        text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                            else f"\\u{ord(m.group()):04x}", error.render(self.gettext))
        print(f"privdesk: {text}", file=self.stderr)
        return 1


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db``: a file path (SQLite) or a SQLAlchemy URL; else $PRIVDESK_DB, else the default."""
    parser.add_argument("--db", metavar="TARGET", default=os.environ.get("PRIVDESK_DB"),
                        help="register: a file path or a database URL")


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("nb", "sv", "en"), default=None,
                        help="language of what is written")


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The ``privdesk`` parser; without ``commands``, only the options of the window.

    The window's start skips importing every subcommand module (issue 6: first paint).
    """
    from privdesk import __version__

    parser = argparse.ArgumentParser(
        prog="privdesk", description="The data protection officer's desk."
    )
    parser.add_argument("--version", action="version", version=f"privdesk {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open a fresh demo register in a temporary folder")
    parser.add_argument("--self-test", action="store_true",
                        help="open the register, build the window offscreen and quit")
    add_db_option(parser)
    if not commands:
        parser.set_defaults(command=None)
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def run(argv: list[str], context: Context | None = None) -> int:
    """Run one subcommand; bad input gives one line on stderr and exit status 1."""
    parser = build_parser()
    args = parser.parse_args(argv)
    context = context or Context()
    explicit = getattr(args, "lang", None)
    context.language = choose_language(explicit, None if explicit else _register_language(args))
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(context.stderr)
        return 2
    try:
        return handler(args, context)
    except UserError as error:
        return context.error(error)
    except Exception as error:
        # A locked register, a full disk, a server that refuses: one line too (issue 20).
        from privdesk.store.failures import as_user_error

        refusal = as_user_error(error)
        if refusal is None:
            raise
        return context.error(refusal)


def _register_language(args: Any) -> str | None:
    """The organisation's language in an existing register named by ``args.db``, if any."""
    if args.command in ("init",) or not hasattr(args, "db"):
        return None
    try:
        from privdesk.services import open_register, read_register

        # Read with sqlite3 when the register is current (no SQLAlchemy for this); never
        # create a register just to choose a language.
        register = read_register(args.db, names=())
        if register is not None:
            organisation = register.organisation
        else:
            with open_register(args.db, create=False) as service:
                organisation = service.organisation()
    except Exception:  # noqa: BLE001 - the command itself will report a register it cannot open
        return None
    return organisation.language if organisation else None
