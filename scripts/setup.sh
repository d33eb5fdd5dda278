#!/usr/bin/env bash
# Installs what privdesk needs on a Debian or Ubuntu machine, from the lock files in requirements/
# (every package pinned, with hashes), into the virtual environment .venv/.
#   bash scripts/setup.sh          what running needs: Qt's system libraries, privdesk and its
#                                  dependencies (scripts/start.sh)
#   bash scripts/setup.sh --dev    and what the test command needs: the readers the checks use
#                                  (LibreOffice, poppler), PostgreSQL, Xvfb, the desktop-file and
#                                  AppStream validators, Chromium with axe-core (the accessibility
#                                  check), and the code tools (scripts/test.sh)
# Nothing is done twice: a stamp in .venv/ records what was installed from which lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

kind=runtime
[ "${1:-}" = "--dev" ] && kind=dev

RUNTIME_SYSTEM_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1
)
DEV_SYSTEM_PACKAGES=(
  xvfb xauth poppler-utils libreoffice-calc-nogui postgresql desktop-file-utils appstream
  chromium
)

system_packages=("${RUNTIME_SYSTEM_PACKAGES[@]}")
[ "$kind" = dev ] && system_packages+=("${DEV_SYSTEM_PACKAGES[@]}")
if command -v dpkg-query >/dev/null; then
  # One dpkg-query for all: the packages it does not list as installed are missing.
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${system_packages[@]}" 2>/dev/null \
    | awk '/install ok installed/ {print $1}')"
  missing=()
  for p in "${system_packages[@]}"; do
    grep -qx "$p" <<<"$installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "privdesk setup: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

# The accessibility check of the privacy notice's HTML runs axe-core (pinned in
# scripts/a11y/package-lock.json) in the headless Chromium above; npm installs it from the lock.
if [ "$kind" = dev ]; then
  if ! command -v npm >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "privdesk setup: installing npm" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm \
      >/dev/null
  fi
  a11y_stamp="$(sha256sum scripts/a11y/package-lock.json | cut -d' ' -f1)"
  if [ "$(cat scripts/a11y/node_modules/.installed 2>/dev/null)" != "$a11y_stamp" ]; then
    echo "privdesk setup: installing axe-core from scripts/a11y/package-lock.json" >&2
    npm ci --prefix scripts/a11y --ignore-scripts --no-audit --no-fund --silent
    echo "$a11y_stamp" > scripts/a11y/node_modules/.installed
  fi
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "privdesk setup: needs Python 3.11 or newer as $PYTHON (set PYTHON=...)" >&2
  exit 1
fi

# What the install depends on: the lock file, the build description and the catalogue sources
# (the editable install compiles them).
stamp_of() {
  cat "requirements/$1.txt" pyproject.toml setup.py resources/locale/*/LC_MESSAGES/*.po \
    | sha256sum | cut -d' ' -f1
}
up_to_date() {
  [ -f ".venv/.installed-$1" ] && [ "$(cat ".venv/.installed-$1")" = "$(stamp_of "$1")" ]
}
if up_to_date "$kind" || { [ "$kind" = runtime ] && up_to_date dev; }; then
  exit 0
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
rm -f .venv/.installed-runtime .venv/.installed-dev
echo "privdesk setup: installing the $kind packages from requirements/$kind.txt" >&2
# pip's warnings about index folders named in this machine's pip.conf that do not exist say
# nothing about privdesk: they are left out; every other message is shown.
pip_install() {
  .venv/bin/python -m pip install --quiet "$@" 2> >(grep -v "^WARNING: Location '" >&2)
}
pip_install --require-hashes -r "requirements/$kind.txt"
# privdesk itself, editable, built by the locked setuptools (no download of build tools).
pip_install --no-deps --no-build-isolation --editable .
stamp_of "$kind" > ".venv/.installed-$kind"
