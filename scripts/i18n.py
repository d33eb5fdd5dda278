#!/usr/bin/env python3
"""Keep the one message catalogue in step with the code (Babel's extract, update, compile).

Usage:
  python scripts/i18n.py update              extract msgids, merge into nb/sv/en .po, compile .mo
  python scripts/i18n.py compile             compile the .po catalogues to .mo (not committed)
  python scripts/i18n.py fill FILE.json      set translations: {"msgid": {"nb": "...", "sv": "..."}}
  python scripts/i18n.py missing             list msgids without an nb or sv translation (exit 1)
Safe to run from several shells at once: a lock file serialises the work.

Plural entries (``ngettext``/``trn``/``NP_``: "{count} day" / "{count} days") are keyed in the
fill file by their singular msgid, with one text per plural form of the language, in the order
of its Plural-Forms header (nb and sv: [one, other]):
  {"{count} day left": {"nb": ["{count} dag igjen", "{count} dager igjen"],
                        "sv": ["{count} dag kvar", "{count} dagar kvar"]}}
``missing`` lists a plural entry until every one of its forms is filled; ``fill`` refuses a list
of the wrong length, and a list for a singular msgid (or a string for a plural one).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
LANGUAGES = ("nb", "sv", "en")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "tr": None,
            "trn": (1, 2), "NP_": (1, 2)}


def extract() -> Catalog:
    """Every msgid marked in privdesk/."""
    template = Catalog(project="privdesk", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "privdesk"), method_map=method_map, keywords=KEYWORDS,
        comment_tags=("Translators:",), strip_comment_tags=True,
    ):
        template.add(message, None, [(f"privdesk/{filename}", lineno)],
                     auto_comments=comments, context=context)
    return template


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "privdesk.po"


def load(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="privdesk", charset="utf-8")
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def save(catalog: Catalog, language: str) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True,
             ignore_obsolete=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())
    compile_catalogues(LOCALE)


def compile_catalogues(source: Path, target: Path | None = None) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/*.po`` under ``source`` to ``.mo`` under ``target``.

    The ``.mo`` files are build outputs (setup.py calls this for the wheel and the editable
    install); each is written to a temporary name and renamed, so a reader never sees half.
    """
    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        language = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        mo = io.BytesIO()
        write_mo(mo, catalog, use_fuzzy=False)
        out = (target or source) / po.relative_to(source).with_suffix(".mo")
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        partial.write_bytes(mo.getvalue())
        partial.replace(out)
        written.append(out)
    return written


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        catalog = load(language)
        catalog.update(template, no_fuzzy_matching=True)
        save(catalog, language)


def _translation(catalog: Catalog, msgid: str, text: str | list[str]) -> str | tuple[str, ...]:
    """``text`` as the catalogue keeps it: a string, or a tuple with one text per plural form."""
    message = catalog.get(msgid)
    plural = message is not None and message.pluralizable
    if isinstance(text, list) != plural:
        raise SystemExit(f"{catalog.locale}: {msgid!r}: give "
                         + ("a list of plural forms" if plural else "one text, not a list"))
    if isinstance(text, list):
        if len(text) != catalog.num_plurals:
            raise SystemExit(f"{catalog.locale}: {msgid!r}: {catalog.num_plurals} plural forms "
                             f"expected, {len(text)} given")
        return tuple(text)
    return text


def fill(source: Path) -> None:
    entries = json.loads(source.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        catalog = load(language)
        for msgid, translations in entries.items():
            text = translations.get(language)
            if text is None:
                continue
            message = catalog.get(msgid)
            if message is None:
                if isinstance(text, list):
                    raise SystemExit(f"{language}: {msgid!r}: a plural entry must be extracted "
                                     "first (run update)")
                catalog.add(msgid, text)
            else:
                message.string = _translation(catalog, msgid, text)
                message.flags.discard("fuzzy")
        save(catalog, language)


def _untranslated(found: Message | None) -> bool:
    if found is None or found.fuzzy:
        return True
    forms = found.string if isinstance(found.string, tuple | list) else (found.string,)
    return not all(forms)


def missing() -> int:
    template = extract()
    count = 0
    for language in ("nb", "sv"):
        catalog = load(language)
        for message in template:
            if not message.id:
                continue
            if _untranslated(catalog.get(message.id)):
                shown = message.id[0] if isinstance(message.id, tuple) else message.id
                print(f"{language}: {shown!r}")
                count += 1
    return 1 if count else 0


def main() -> int:
    import fcntl  # the lock is for developers' shells; setup.py imports this module on Windows too

    LOCALE.mkdir(parents=True, exist_ok=True)
    with open(LOCALE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if sys.argv[1:2] == ["update"]:
            update()
        elif sys.argv[1:2] == ["fill"] and len(sys.argv) == 3:
            fill(Path(sys.argv[2]))
        elif sys.argv[1:2] == ["compile"]:
            compile_catalogues(LOCALE)
        elif sys.argv[1:2] == ["missing"]:
            return missing()
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
