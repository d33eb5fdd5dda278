"""The wheel is a program: built from the sdist, installed (not editable) in a fresh venv outside
the checkout, it opens the window, makes the demo school, writes a Norwegian workbook and a
letter, from the files it carries and nothing else.

The sdist is built first and the wheel from it (``python -m build``), so a file the sdist forgets
is missing here too. The venv gets the locked dependencies (``requirements/runtime.txt``), as a
user's install does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from support import ROOT

pytestmark = pytest.mark.wheel


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the files a fresh clone has (no build outputs)."""
    work = tmp_path_factory.mktemp("wheel")
    clone = work / "clone"
    # Tracked files and new ones not ignored: what a clone has once they are committed.
    listing = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    tracked = subprocess.run(listing, cwd=ROOT, capture_output=True,
                             check=True).stdout.decode().split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():  # deleted in the work tree but not yet in git
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"),
          str(clone)], cwd=work)
    (wheel,) = (work / "dist").glob("privdesk-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv outside the checkout with the locked dependencies and the wheel."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    uv = Path(sys.executable).with_name("uv")
    _run([str(uv), "venv", "--quiet", "--python", sys.executable, str(venv)], cwd=venv.parent)
    python = venv / "bin" / "python"
    _run([str(uv), "pip", "install", "--quiet", "--python", str(python), "--require-hashes",
          "-r", str(ROOT / "requirements" / "runtime.txt")], cwd=venv.parent)
    _run([str(uv), "pip", "install", "--quiet", "--python", str(python), "--no-deps",
          str(built)], cwd=venv.parent)
    yield venv / "bin" / "privdesk"


def _environment(home: Path) -> dict[str, str]:
    """A user's environment: no checkout on the path, a home of its own, no screen."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(home)}


def test_the_wheel_carries_catalogues_fonts_migrations_and_demo(built: Path) -> None:
    names = set(zipfile.ZipFile(built).namelist())
    for language in ("nb", "sv"):
        assert f"privdesk/resources/locale/{language}/LC_MESSAGES/privdesk.mo" in names
    assert "privdesk/resources/fonts/DejaVuSans.ttf" in names
    assert "privdesk/resources/demo/nordvik-skole.json" in names
    assert "privdesk/resources/qt/qtbase_nb.ts" in names
    assert "privdesk/resources/icons/hicolor/scalable/apps/no.privdesk.Privdesk.svg" in names
    assert "privdesk/store/migrations/script.py.mako" in names
    assert any(n.startswith("privdesk/store/migrations/versions/0001") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    # Build outputs of a developer's checkout do not leak in.
    assert not any(n.endswith((".pyc", ".po", ".ico", ".icns")) for n in names)


def test_the_installed_wheel_runs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    elsewhere = tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    env = _environment(home)
    register = str(home / "register.sqlite")
    privdesk = str(installed)

    # It is the installed copy that runs, not the checkout.
    where = _run([str(installed.with_name("python")), "-c",
                  "import privdesk; print(privdesk.__file__)"], cwd=elsewhere, env=env)
    assert str(ROOT) not in where.stdout

    _run([privdesk, "--self-test", "--db", str(home / "self-test.sqlite")], cwd=elsewhere,
         env=env)
    _run([privdesk, "init", "--demo", "--db", register], cwd=elsewhere, env=env)

    workbook = elsewhere / "ropa.xlsx"
    _run([privdesk, "export-ropa", "--db", register, "--lang", "nb", "--out", str(workbook)],
         cwd=elsewhere, env=env)
    sheets = openpyxl.load_workbook(workbook, read_only=True).sheetnames
    assert sheets[0] == "Forside" and "Databehandlere" in sheets, sheets

    letter = elsewhere / "letter.pdf"
    listing = _run([privdesk, "list", "requests", "--db", register, "--lang", "en"],
                   cwd=elsewhere, env=env)
    reference = next(line.split()[0] for line in listing.stdout.splitlines()
                     if line.startswith("DSAR-"))
    _run([privdesk, "letter", "--db", register, "--request", reference, "--out", str(letter)],
         cwd=elsewhere, env=env)
    assert letter.read_bytes().startswith(b"%PDF-")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None or os.environ.get("CI"):
        text = _run([pdftotext or "pdftotext", str(letter), "-"], cwd=elsewhere).stdout
        assert reference in text
