#!/usr/bin/env bash
# Install the unpacked privdesk folder for the current user: the program under
# ~/.local/opt/privdesk, the command in ~/.local/bin, the menu entry, icons and AppStream file
# under ~/.local/share. No administrator rights needed; run it again to update.
# ./install.sh --uninstall removes all of it again (never the registers: they live in
# ~/.local/share/privdesk, which this script does not touch).
set -euo pipefail

APP_ID="no.privdesk.Privdesk"
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
TARGET="$HOME/.local/opt/privdesk"
BIN="$HOME/.local/bin"

remove() {
    rm -rf "$TARGET"
    rm -f "$BIN/privdesk" "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    echo "privdesk removed (your registers in $DATA/privdesk are kept)"
    exit 0
fi

if [ ! -x "$SOURCE/privdesk" ]; then
    echo "install.sh: run me from the unpacked privdesk folder" >&2
    exit 1
fi
if [ "$SOURCE" != "$TARGET" ]; then
    remove
    mkdir -p "$(dirname "$TARGET")"
    cp -a "$SOURCE" "$TARGET"
fi
mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo"
ln -sf "$TARGET/privdesk" "$BIN/privdesk"
# The menu entry names the program by its full path: ~/.local/bin is not on every PATH.
sed -e "s|^Exec=privdesk|Exec=$TARGET/privdesk|" -e "s|^TryExec=privdesk|TryExec=$TARGET/privdesk|" \
    "$TARGET/share/applications/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$TARGET/share/metainfo/$APP_ID.metainfo.xml" "$DATA/metainfo/"
mkdir -p "$DATA/icons/hicolor"
cp -r "$TARGET/share/icons/hicolor/." "$DATA/icons/hicolor/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "privdesk installed in $TARGET; start it from the menu or with: privdesk"
