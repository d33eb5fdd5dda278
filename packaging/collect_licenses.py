"""Gather the licences of everything a frozen privdesk bundles into ``packaging/licenses/``.

Run from the checkout after a change of dependencies:
``.venv/bin/python packaging/collect_licenses.py``. It walks the runtime requirements of
privdesk (plus the optional PostgreSQL driver and tzdata, which the builds carry when
installed), copies each distribution's own licence files and writes ``THIRD-PARTY.md``, the
list a DPO's IT department asks for. The output is committed.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "packaging" / "licenses"
# Bundled when installed in the build environment (see packaging/privdesk.spec).
OPTIONAL = ("psycopg", "psycopg-binary", "tzdata")
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
# Qt's wheels carry no licence file; the LGPLv3 (which builds on the GPLv3) is the one we use.
COMMON = Path("/usr/share/common-licenses")
KEPT = {"privdesk", "Qt-PySide6", "DejaVu-fonts", "Python", "CLDR", "THIRD-PARTY.md"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> list[metadata.Distribution]:
    """privdesk's runtime requirements and theirs, each once, sorted by name."""
    seen: dict[str, metadata.Distribution] = {}
    pending = [r for r in metadata.requires("privdesk") or [] if "extra ==" not in r]
    pending += list(OPTIONAL)
    while pending:
        requirement = pending.pop()
        if ";" in requirement and "extra ==" in requirement:
            continue
        name = canonical(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0])
        if name in seen:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = distribution
        pending += [r for r in distribution.requires or [] if "extra ==" not in r]
    return [seen[name] for name in sorted(seen)]


def licence_text(distribution: metadata.Distribution) -> str:
    """The licence a distribution declares, in one line."""
    meta = distribution.metadata
    declared = meta.get("License-Expression") or meta.get("License") or ""
    return declared.splitlines()[0] if declared else ""


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.iterdir():
        if old.name not in KEPT:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    fixed = {
        "privdesk/COPYING": COMMON / "GPL-3",
        "Qt-PySide6/LGPL-3.0.txt": COMMON / "LGPL-3",
        "Qt-PySide6/GPL-3.0.txt": COMMON / "GPL-3",
        "DejaVu-fonts/LICENSE-DejaVu.txt": ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt",
        "Python/LICENSE.txt": Path(sys.base_prefix) / "lib" / (
            f"python{sys.version_info.major}.{sys.version_info.minor}") / "LICENSE.txt",
    }
    # Babel's locale data is Unicode CLDR, under the Unicode licence that Babel ships with it.
    babel = metadata.distribution("babel")
    cldr = babel.locate_file("babel/locale-data/LICENSE.unicode")
    fixed["CLDR/LICENSE.unicode"] = Path(str(cldr))
    for relative, source in fixed.items():
        if source.is_file():
            (TARGET / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, TARGET / relative)
    rows = []
    for distribution in runtime_distributions():
        name = distribution.metadata["Name"]
        files = [f for f in distribution.files or []
                 if ".dist-info/" in str(f) and LICENCE_FILE.search(f.name)]
        folder = TARGET / name
        for file in files:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(str(file.locate())), folder / file.name)
        where = f"`{name}/`" if files else "see Qt-PySide6/" if name.lower().startswith(
            ("pyside6", "shiboken6")) else "(no licence file shipped)"
        rows.append(f"| {name} | {distribution.version} | {licence_text(distribution)} | {where} |")
    lines = [
        "# Third-party software in the privdesk builds",
        "",
        "privdesk itself is free software under the GNU General Public License, version 3 or",
        "later (`privdesk/COPYING`). The installable builds contain the following parts, each",
        "under its own licence; the full texts are in this folder.",
        "",
        "| Part | Version | Licence | Text |",
        "|---|---|---|---|",
        f"| Python | {sys.version.split()[0]} | PSF-2.0 | `Python/` |",
        "| Qt 6 (libraries, plugins, translations) | as PySide6 | LGPL-3.0-only "
        "| `Qt-PySide6/` |",
        "| DejaVu fonts | as in resources/fonts | Bitstream Vera and Arev fonts licences "
        "| `DejaVu-fonts/` |",
        "| Unicode CLDR data (in Babel) | as in Babel | Unicode-3.0 | `CLDR/` |",
        *rows,
        "",
        "Qt and PySide6 are used under the GNU Lesser General Public License v3: the builds keep",
        "them as separate shared libraries in the program folder (`_internal/PySide6/`), so you",
        "may replace them with your own build of the same version. Qt's source code is at",
        "<https://download.qt.io/official_releases/qt/>, PySide6's at",
        "<https://download.qt.io/official_releases/QtForPython/>. Qt itself includes further",
        "third-party code (ICU, HarfBuzz, FreeType, libpng, zlib, PCRE2, among others); its",
        "attributions are listed at <https://doc.qt.io/qt-6/licenses-used-in-qt.html>.",
        "",
        "The Linux build also carries system libraries of the build machine (for example",
        "libsqlite3, public domain, and OpenSSL's libcrypto, Apache-2.0, used by the",
        "PostgreSQL driver); the frozen program is made with PyInstaller, whose bootloader is",
        "GPL-2.0-or-later with an exception that allows distributing the result.",
        "",
    ]
    (TARGET / "THIRD-PARTY.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"licences written to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
