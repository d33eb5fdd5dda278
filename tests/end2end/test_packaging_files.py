"""What the installable builds ship: desktop entry, AppStream file, icons, licences, data lists.

The frozen builds themselves are too slow for the test command (packaging/build_linux.sh makes
one and runs its self-test); these tests check the files the builds are made from, with the
validators the Linux desktops and software centres use.
"""

from __future__ import annotations

import ast
import configparser
import importlib.metadata
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

import pytest

from privdesk.gui.application import APPLICATION_ID

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / f"{APPLICATION_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APPLICATION_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tool(name: str, package: str) -> str:
    """The path of a validator; skipped without it on a developer machine, failed under CI."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{name} is missing under CI: apt-get install {package}")
        pytest.skip(f"{name} is not installed (apt-get install {package}); CI runs this check")
    return found


@pytest.fixture(scope="module")
def prepared() -> None:
    """What every build makes first and git does not hold: catalogues, icons, licences."""
    result = subprocess.run([sys.executable, str(PACKAGING / "prepare.py")], capture_output=True,
                            text=True, timeout=300, cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr


def bundle_data() -> ModuleType:
    """packaging/bundle_data.py, the data list the PyInstaller spec uses."""
    spec = importlib.util.spec_from_file_location("bundle_data", PACKAGING / "bundle_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_desktop_entry_passes_desktop_file_validate() -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


def test_appstream_file_passes_appstreamcli_validate() -> None:
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run([appstreamcli, "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_launches_privdesk_with_its_icon_in_three_languages() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    group = entry["Desktop Entry"]
    assert group["Exec"].split()[0] == "privdesk"
    assert group["Icon"] == APPLICATION_ID
    for key in ("Name", "GenericName", "Comment"):
        assert group[key] and group[f"{key}[nb]"] and group[f"{key}[sv]"], key
    assert group["Comment[nb]"] != group["Comment"] != group["Comment[sv]"]


def test_appstream_file_names_the_application_in_nb_and_sv() -> None:
    component = ElementTree.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APPLICATION_ID
    launchable = component.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    for element in ("name", "summary"):
        languages = {node.get(XML_LANG) for node in component.findall(element)}
        assert {None, "nb", "sv"} <= languages, element
    summaries = {node.get(XML_LANG): node.text for node in component.findall("summary")}
    assert len(set(summaries.values())) == len(summaries)  # really translated
    assert component.findtext("project_license") == "GPL-3.0-or-later"


def test_the_application_id_is_the_same_everywhere(prepared: None) -> None:
    data = bundle_data()
    assert data.APP_ID == APPLICATION_ID
    pyinstaller_spec = (PACKAGING / "privdesk.spec").read_text(encoding="utf-8")
    assert "bundle_identifier=APP_ID" in pyinstaller_spec
    nuitka = configparser.ConfigParser(comment_prefixes="/", strict=False, allow_no_value=True)
    nuitka.read(PACKAGING / "pysidedeploy.spec", encoding="utf-8")
    assert f"--macos-signed-app-name={APPLICATION_ID}" in nuitka.get("nuitka", "extra_args")
    for name in (f"{APPLICATION_ID}.ico", f"{APPLICATION_ID}.icns"):
        assert (ICONS / name).is_file(), name


def _png_size(path: Path) -> tuple[int, int]:
    content = path.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def test_icons_come_in_every_size_and_format(prepared: None) -> None:
    hicolor = ICONS / "hicolor"
    ElementTree.parse(hicolor / "scalable" / "apps" / f"{APPLICATION_ID}.svg")  # well-formed
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert _png_size(hicolor / f"{size}x{size}" / "apps" / f"{APPLICATION_ID}.png") == (
            size, size)
    ico = (ICONS / f"{APPLICATION_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    icns = (ICONS / f"{APPLICATION_ID}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_the_pyinstaller_data_list_covers_every_resource_and_migration(prepared: None) -> None:
    data = bundle_data()
    listed = {(Path(source).resolve(), target) for source, target in data.all_datas(ROOT)}
    resources = ROOT / "resources"
    for path in resources.rglob("*"):
        if (not path.is_file() or path.suffix in data.SKIPPED_SUFFIXES
                or "__pycache__" in path.parts or path.name.startswith(".")):
            continue
        folder = path.parent.relative_to(resources).as_posix()
        expected = "privdesk/resources" + ("" if folder == "." else f"/{folder}")
        assert (path.resolve(), expected) in listed, path
    migrations = ROOT / "privdesk" / "store" / "migrations"
    needed = [migrations / "env.py", migrations / "script.py.mako",
              *sorted((migrations / "versions").glob("*.py"))]
    for path in needed:
        folder = path.parent.relative_to(migrations).as_posix()
        expected = "privdesk/store/migrations" + ("" if folder == "." else f"/{folder}")
        assert (path.resolve(), expected) in listed, path
    # Every folder of resources/ is in the bundle (and what the catalogues are compiled to).
    folders = {target for _, target in data.resource_datas(ROOT)}
    for folder in (p for p in resources.iterdir() if p.is_dir() and p.name != "__pycache__"):
        assert any(t.startswith(f"privdesk/resources/{folder.name}") for t in folders), folder
    assert any(Path(s).name == "privdesk.mo" for s, _ in data.resource_datas(ROOT))


def _literal(tree: ast.Module, name: str) -> object:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not set in the spec")


def test_the_pyinstaller_spec_parses_and_keeps_the_qt_modules_we_use() -> None:
    source = (PACKAGING / "privdesk.spec").read_text(encoding="utf-8")
    tree = ast.parse(source, filename="privdesk.spec")
    unused = _literal(tree, "UNUSED_QT")
    assert isinstance(unused, list) and "QtQml" in unused and "QtTest" in unused
    assert not {"QtCore", "QtGui", "QtWidgets"} & set(unused)
    for needed in ("all_datas(ROOT)", 'collect_submodules("holidays")',
                   'collect_submodules("privdesk"', "privdesk_launcher.py"):
        assert needed in source, needed
    assert (PACKAGING / "privdesk_launcher.py").is_file()
    installer = (PACKAGING / "windows" / "privdesk.iss").read_text(encoding="utf-8")
    assert f"AppId={APPLICATION_ID}" in installer
    assert "SetupIconFile=resources\\icons\\no.privdesk.Privdesk.ico" in installer


def test_the_nuitka_spec_parses_and_names_files_that_exist(prepared: None) -> None:
    spec = configparser.ConfigParser(comment_prefixes="/", strict=False, allow_no_value=True)
    spec.read(PACKAGING / "pysidedeploy.spec", encoding="utf-8")
    assert (ROOT / spec.get("app", "input_file")).is_file()
    assert (ROOT / spec.get("app", "icon")).is_file()
    assert spec.get("python", "packages").startswith("Nuitka==")  # pinned
    assert set(spec.get("qt", "modules").split(",")) == {"Core", "Gui", "Widgets"}
    assert spec.get("nuitka", "mode") == "standalone"
    for argument in spec.get("nuitka", "extra_args").split():
        if argument.startswith(("--include-raw-dir=", "--include-data-dir=")):
            source = argument.split("=", 1)[1].split("=")[0]
            assert (ROOT / source).is_dir(), argument


def test_licences_of_qt_fonts_and_bundled_parts_are_shipped(prepared: None) -> None:
    licences = ROOT / "build" / "licenses"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (
        licences / "Qt-PySide6" / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert (licences / "DejaVu-fonts" / "LICENSE-DejaVu.txt").read_bytes() == (
        ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt").read_bytes()
    third_party = (licences / "THIRD-PARTY.md").read_text(encoding="utf-8")
    # Each part with the version that is installed, so bundled, now.
    for part in ("PySide6-Essentials", "SQLAlchemy", "alembic", "reportlab", "openpyxl",
                 "babel", "holidays", "platformdirs", "pypdf", "pypdfium2"):
        distribution = importlib.metadata.distribution(part)
        row = next((line for line in third_party.splitlines()
                    if line.lower().startswith(f"| {distribution.metadata['Name'].lower()} |")),
                   None)
        assert row is not None, part
        assert f"| {distribution.version} |" in row, row
    assert "DejaVu" in third_party
    assert (licences / "privdesk" / "COPYING").read_bytes() == (ROOT / "LICENSE").read_bytes()


def test_the_self_test_builds_the_window_and_writes_a_workbook_and_a_letter(
        tmp_path: Path) -> None:
    # The frozen build runs exactly this; here from the checkout, outside its folder.
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "privdesk", "--self-test", "--db", str(tmp_path / "r.sqlite")],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env=environment,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test:" not in result.stderr, result.stderr
