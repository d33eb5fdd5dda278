"""Composition root: the arguments decide between a subcommand and the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``privdesk`` command."""
    from privdesk import logs

    logs.start()  # before anything else, so that a crash while starting is in the log too
    from privdesk import cli

    arguments = sys.argv[1:] if argv is None else argv
    # The window's options alone first: importing every subcommand would delay the window.
    helping = any(a in ("-h", "--help") for a in arguments)
    parsed, rest = (None, True) if helping else (
        cli.build_parser(commands=False).parse_known_args(arguments))
    if rest or parsed is None:
        parsed = cli.build_parser().parse_args(arguments)
    if parsed.command is not None:
        return cli.run(arguments)
    from privdesk.gui.application import run_application

    return run_application(parsed.db, demo=parsed.demo, self_test=parsed.self_test)
