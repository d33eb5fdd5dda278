"""The one message catalogue is complete in nb and sv, and the compiled catalogues match it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_message_is_translated_to_bokmal_and_swedish() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "missing"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, "untranslated messages:\n" + result.stdout[-5000:]


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = ROOT / "resources" / "locale" / language / "LC_MESSAGES"
    with (folder / "privdesk.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    assert (folder / "privdesk.mo").read_bytes() == compiled.getvalue(), \
        "run: python scripts/i18n.py update"


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_placeholders_survive_translation(language: str) -> None:
    import re

    with (ROOT / "resources" / "locale" / language / "LC_MESSAGES" / "privdesk.po").open(
            "rb") as handle:
        catalog = read_po(handle, locale=language)
    wrong = [m.id for m in catalog if m.id and m.string and
             set(re.findall(r"\{\w+\}", str(m.id))) != set(re.findall(r"\{\w+\}", str(m.string)))]
    assert wrong == []
