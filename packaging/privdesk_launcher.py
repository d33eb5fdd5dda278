"""Entry script of the frozen builds: the same as the ``privdesk`` command."""

from privdesk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
