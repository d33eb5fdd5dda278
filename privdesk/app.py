"""Composition root: the arguments decide between a subcommand and the window."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``privdesk`` command."""
    # Starting makes many lasting objects (modules, classes, Qt's enums) and little garbage;
    # the collector's passes over them delay the register on screen. It is back on once the
    # window has opened the register (gui.application), or before a subcommand runs.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _dispatch(argv, collecting)
    finally:
        if collecting:
            gc.enable()


def _dispatch(argv: list[str] | None, collecting: bool) -> int:
    if "shibokensupport.feature" in sys.modules:  # PySide6 is loaded already (a test, a probe)
        from privdesk.gui.source_checks import skip_pyside_source_checks

        skip_pyside_source_checks()
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
        if collecting:
            gc.enable()
        return cli.run(arguments)
    from privdesk.gui.application import run_application

    return run_application(parsed.db, demo=parsed.demo, self_test=parsed.self_test,
                           collecting=collecting)
