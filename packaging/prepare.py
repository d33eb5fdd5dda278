"""Make the generated files every build carries: catalogues, icons and the licence folder.

None of them is committed. Each build runs this first, with the Python it freezes:
``python packaging/prepare.py``. It compiles the message catalogues (``resources/locale``), draws
the icons (``resources/icons``: hicolor PNGs, ``.ico``, ``.icns``) and gathers the licences of
what is installed into ``build/licenses`` (with ``THIRD-PARTY.md``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "packaging")]

from collect_licenses import DEFAULT_TARGET, collect  # noqa: E402  (scripts, not packages)
from i18n import LOCALE, compile_catalogues  # noqa: E402
from make_icons import ICONS, make_icons  # noqa: E402


def main() -> int:
    compile_catalogues(LOCALE)
    make_icons(ICONS)
    collect(DEFAULT_TARGET)
    print(f"prepared: catalogues, icons under {ICONS}, licences under {DEFAULT_TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
