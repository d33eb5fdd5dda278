"""Write ``privdesk/domain/policy/territories.py``: country names from CLDR, through Babel.

    .venv/bin/python scripts/policy_territories.py

The policy review recognises a country by the names CLDR gives it in the languages policies are
written in (en, nb, nn, sv, da). The domain imports only the standard library, so the names are
written out as data here; ``tests/unit/domain/policy/test_policy_territories.py`` fails when
they no longer match the Babel in the lock file (run this script again then).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from babel import Locale, __version__  # noqa: E402

from privdesk.domain.codes import COUNTRIES  # noqa: E402

LANGUAGES = ("en", "nb", "nn", "sv", "da")
TARGET = ROOT / "privdesk" / "domain" / "policy" / "territories.py"
# CLDR names that are ordinary words or names in the policies' languages: "Man" (the Isle of
# Man in Norwegian), "Jersey" (a garment), "Georgia" (a US state, where data centres are),
# "Chad" (a first name).
AMBIGUOUS = frozenset({"Man", "Jersey", "Georgia", "Chad"})


def territory_names() -> dict[str, str]:
    """CLDR's name -> ISO code, for the officially assigned codes, in every language."""
    names: dict[str, set[str]] = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in COUNTRIES and name not in AMBIGUOUS:
                names.setdefault(name, set()).add(code)
    # A name CLDR gives two countries in different languages names neither for certain.
    return {name: next(iter(codes)) for name, codes in sorted(names.items())
            if len(codes) == 1}


def render() -> str:
    lines = [
        '"""Country names from CLDR (Babel ' + __version__ + ") in "
        + ", ".join(LANGUAGES) + ' -> ISO 3166-1 code.',
        "",
        "Written by scripts/policy_territories.py; do not edit by hand.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "TERRITORY_NAMES: dict[str, str] = {",
    ]
    lines += [f"    {name!r}: {code!r}," for name, code in territory_names().items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
