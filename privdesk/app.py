"""Composition root: the arguments decide between a subcommand and the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``privdesk`` command."""
    from privdesk import cli

    arguments = sys.argv[1:] if argv is None else argv
    parsed = cli.build_parser().parse_args(arguments)
    if parsed.command is not None:
        return cli.run(arguments)
    from privdesk.gui.application import run_application

    return run_application(parsed.db, demo=parsed.demo, self_test=parsed.self_test)
