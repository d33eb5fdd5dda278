"""The one message catalogue is complete in nb and sv, and the compiled catalogues match it.

The compiled ``.mo`` files are build outputs (setup.py, ``scripts/i18n.py compile``); what must
match is their messages, not their bytes, which change with the Babel that wrote them.
"""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from privdesk import i18n
from privdesk.domain.errors import UserError

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_message_is_translated_to_bokmal_and_swedish() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "missing"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, "untranslated messages:\n" + result.stdout[-5000:]


def _key(text: object) -> object:
    """A message's id or text, hashable (plural forms come as lists or tuples)."""
    return text if isinstance(text, str) else tuple(text)  # type: ignore[call-overload]


def _changes(message: Any) -> bool:
    """Whether a message has a translation that differs from its msgid."""
    if isinstance(message.string, str):
        return bool(message.string) and message.string != message.id
    return any(message.string) and tuple(message.string) != tuple(message.id)


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = ROOT / "resources" / "locale" / language / "LC_MESSAGES"
    with (folder / "privdesk.po").open("rb") as handle:
        source = read_po(handle, locale=language)
    with (folder / "privdesk.mo").open("rb") as handle:
        compiled = read_mo(handle)
    # A message that reads the same as its msgid changes nothing, compiled or not.
    expected = {_key(m.id): _key(m.string) for m in source
                if m.id and _changes(m) and not m.fuzzy}
    found = {_key(m.id): _key(m.string) for m in compiled if m.id and _changes(m)}
    assert found == expected, "run: python scripts/i18n.py compile"
    # And privdesk reads it: a message of the catalogue comes back translated.
    for msgid, text in list(expected.items())[:50]:
        if isinstance(msgid, str):
            assert i18n.translation(language).gettext(msgid) == text


def test_a_missing_catalogue_is_refused_not_english(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An installation without the compiled bokmål catalogue must not write English letters.
    monkeypatch.setattr(i18n, "resource", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(UserError) as refused:
        i18n.translation.__wrapped__("nb")
    assert "nb" in str(refused.value) and "reinstall" in str(refused.value)
    assert isinstance(i18n.translation.__wrapped__("en"), gettext.NullTranslations)


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_placeholders_survive_translation(language: str) -> None:
    import re

    with (ROOT / "resources" / "locale" / language / "LC_MESSAGES" / "privdesk.po").open(
            "rb") as handle:
        catalog = read_po(handle, locale=language)
    wrong = [m.id for m in catalog if m.id and m.string and
             set(re.findall(r"\{\w+\}", str(m.id))) != set(re.findall(r"\{\w+\}", str(m.string)))]
    assert wrong == []


def test_the_script_fills_and_checks_plural_forms(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``fill`` takes a list of forms for a plural msgid; ``missing`` wants every form."""
    import importlib.util
    import json

    from babel.messages import Catalog

    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "LOCALE", tmp_path)
    template = Catalog(project="privdesk", charset="utf-8")
    template.add(("{count} day left", "{count} days left"))
    monkeypatch.setattr(script, "extract", lambda: template)
    script.update()
    assert script.missing() == 1
    fill = tmp_path / "fill.json"
    fill.write_text(json.dumps({"{count} day left": {
        "nb": ["{count} dag igjen", "{count} dager igjen"], "sv": ["{count} dag kvar"]}}),
        encoding="utf-8")
    with pytest.raises(SystemExit, match="2 plural forms expected, 1 given"):
        script.fill(fill)
    fill.write_text(json.dumps({"{count} day left": {
        "nb": ["{count} dag igjen", "{count} dager igjen"],
        "sv": ["{count} dag kvar", "{count} dagar kvar"]}}), encoding="utf-8")
    script.fill(fill)
    assert script.missing() == 0
    with (tmp_path / "sv" / "LC_MESSAGES" / "privdesk.mo").open("rb") as handle:
        swedish = gettext.GNUTranslations(handle)
    assert swedish.ngettext("{count} day left", "{count} days left", 1) == "{count} dag kvar"
    assert swedish.ngettext("{count} day left", "{count} days left", 3) == "{count} dagar kvar"
