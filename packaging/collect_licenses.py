"""Gather the licences of everything a frozen privdesk bundles into one folder.

The builds run it with the Python they freeze: ``python packaging/collect_licenses.py FOLDER``
(default ``build/licenses``). It walks the runtime requirements of privdesk as installed in that
environment (plus the optional PostgreSQL driver and tzdata, which the builds carry when
installed), copies each distribution's own licence files and writes ``THIRD-PARTY.md``, the list
a DPO's IT department asks for, with the versions really bundled. Only the Qt licence texts are
kept in the repository (``packaging/licenses/Qt-PySide6``): Qt's wheels carry none.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TARGET = ROOT / "build" / "licenses"
KEPT_TEXTS = ROOT / "packaging" / "licenses"
# Bundled when installed in the build environment (see packaging/privdesk.spec).
OPTIONAL = ("psycopg", "psycopg-binary", "tzdata")
LICENCE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.IGNORECASE)


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


def collect(target: Path) -> None:
    """Write the licence texts and ``THIRD-PARTY.md`` into ``target`` (emptied first)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    # Qt's wheels carry no licence file; the LGPLv3 (which builds on the GPLv3) is the one used.
    shutil.copytree(KEPT_TEXTS / "Qt-PySide6", target / "Qt-PySide6")
    fixed = {
        "privdesk/COPYING": ROOT / "LICENSE",
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
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / relative)
    rows = []
    for distribution in runtime_distributions():
        name = distribution.metadata["Name"]
        files = [f for f in distribution.files or []
                 if ".dist-info/" in str(f) and LICENCE_FILE.search(f.name)]
        folder = target / name
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
    (target / "THIRD-PARTY.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    target = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else DEFAULT_TARGET
    collect(target)
    print(f"licences written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
