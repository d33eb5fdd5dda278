"""``python -m privdesk``: the same as the ``privdesk`` command."""

from privdesk.app import main

raise SystemExit(main())
