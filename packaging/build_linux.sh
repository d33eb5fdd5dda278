#!/usr/bin/env bash
# Build the Linux one-folder privdesk with PyInstaller, then prove it runs on its own: copied
# out of the checkout, started from another folder with a clean environment, --self-test must
# open a register, build the window offscreen, write a workbook and a letter, and exit 0.
#
# Usage (from anywhere):  packaging/build_linux.sh
#   PYTHON=...   the Python of the venv that has privdesk installed (default: .venv/bin/python)
#   DIST=...     where the build goes (default: dist/ in the checkout)
# Output: $DIST/privdesk/ (the folder to ship) and $DIST/privdesk-<version>-linux-<arch>.tar.gz
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST="${DIST:-$ROOT/dist}"
WORK="${WORK:-$ROOT/build/pyinstaller}"

cd "$ROOT"
# The build venv gets exactly the locked versions, and PyInstaller (a build tool, never one of
# privdesk's dependencies) from the same lock.
"$PYTHON" -m pip install --quiet --require-hashes -r requirements/freeze.txt
"$PYTHON" -m pip install --quiet --no-deps --no-build-isolation --editable .
# Catalogues, icons and licences are generated, not committed.
"$PYTHON" packaging/prepare.py

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/privdesk.spec

APP="$DIST/privdesk"
VERSION="$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
# What a DPO or an administrator needs beside the program: the licences at the top, the
# desktop entry, AppStream file and icons for a desktop install (install.sh places them).
rm -rf "$APP/licenses" "$APP/share"
cp -r build/licenses "$APP/licenses"
mkdir -p "$APP/share/applications" "$APP/share/metainfo" "$APP/share/icons"
cp packaging/linux/no.privdesk.Privdesk.desktop "$APP/share/applications/"
cp packaging/linux/no.privdesk.Privdesk.metainfo.xml "$APP/share/metainfo/"
cp -r resources/icons/hicolor "$APP/share/icons/hicolor"
cp packaging/linux/install.sh "$APP/install.sh"
chmod 0755 "$APP/install.sh"

# The self-test runs on a copy far from the checkout, with nothing of this shell's environment
# (no PYTHONPATH, no venv on PATH, no Python home) and a throw-away home.
OUTSIDE="$(mktemp -d "${TMPDIR:-/tmp}/privdesk-selftest-XXXXXX")"
trap 'rm -rf "$OUTSIDE"' EXIT
cp -a "$APP" "$OUTSIDE/privdesk"
mkdir -p "$OUTSIDE/home" "$OUTSIDE/elsewhere"
echo "self-test of the copy in $OUTSIDE/privdesk"
(
    cd "$OUTSIDE/elsewhere"
    env -i \
        HOME="$OUTSIDE/home" \
        PATH="/usr/bin:/bin" \
        LANG="C.UTF-8" \
        QT_QPA_PLATFORM="offscreen" \
        "$OUTSIDE/privdesk/privdesk" --self-test --db "$OUTSIDE/home/register.sqlite"
)
echo "self-test passed (offscreen)"
# Offscreen loads no X11 library: where Xvfb is at hand, start once more on a real X server,
# so the xcb platform plugin and the system libraries bundled for it are loaded too.
if command -v xvfb-run >/dev/null; then
    (
        cd "$OUTSIDE/elsewhere"
        env -i HOME="$OUTSIDE/home" PATH="/usr/bin:/bin" LANG="C.UTF-8" \
            xvfb-run -a env QT_QPA_PLATFORM=xcb \
            "$OUTSIDE/privdesk/privdesk" --self-test --db "$OUTSIDE/home/register.sqlite"
    )
    echo "self-test passed (X11 through Xvfb)"
fi
# The command line of the same program answers too.
(
    cd "$OUTSIDE/elsewhere"
    env -i HOME="$OUTSIDE/home" PATH="/usr/bin:/bin" LANG="C.UTF-8" \
        "$OUTSIDE/privdesk/privdesk" list activities --db "$OUTSIDE/home/register.sqlite" >/dev/null
)

ARCHIVE="$DIST/privdesk-$VERSION-linux-$(uname -m).tar.gz"
tar -C "$DIST" -czf "$ARCHIVE" privdesk
echo "build:   $(du -sh "$APP" | cut -f1)  $APP"
echo "archive: $(du -sh "$ARCHIVE" | cut -f1)  $ARCHIVE"
