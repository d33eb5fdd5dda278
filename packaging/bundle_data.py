"""The data files a frozen privdesk carries, shared by the PyInstaller spec and the tests.

Every file under ``resources/`` goes to ``privdesk/resources/`` in the bundle, where the package
``privdesk.resources`` lies in an installed wheel, so ``privdesk.resource_files.resource()``
finds it the same way frozen or not. The Alembic migrations go as source files beside
``privdesk/store/migrate.py``, because Alembic reads them from disk, not as modules.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "no.privdesk.Privdesk"

# Sources of compiled files (catalogues) and working files stay behind. The Qt translation
# (qtbase_nb.ts) is read as it is, so it goes along.
SKIPPED_SUFFIXES = frozenset({".po", ".pot", ".pyc", ".lock", ".partial"})
SKIPPED_PARTS = frozenset({"__pycache__"})


def _wanted(path: Path, base: Path) -> bool:
    relative = path.relative_to(base)
    return (path.is_file() and path.suffix not in SKIPPED_SUFFIXES
            and not SKIPPED_PARTS.intersection(relative.parts)
            and not path.name.startswith("."))


def _tree(base: Path, destination: str) -> list[tuple[str, str]]:
    """(source file, destination folder) for every wanted file under ``base``."""
    found = []
    for path in sorted(base.rglob("*")):
        if _wanted(path, base):
            parent = path.relative_to(base).parent.as_posix()
            target = destination if parent == "." else f"{destination}/{parent}"
            found.append((str(path), target))
    return found


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every resource file (fonts, catalogues, icons, demo register, vendor catalogue, ...)."""
    return _tree(root / "resources", "privdesk/resources")


def migration_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """The Alembic environment, script template and revisions, as files."""
    return _tree(root / "privdesk" / "store" / "migrations", "privdesk/store/migrations")


def licence_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """The licences of privdesk and of what the bundle contains, in ``licenses/``.

    ``packaging/prepare.py`` gathers them into ``build/licenses`` before a build.
    """
    return _tree(root / "build" / "licenses", "licenses")


def all_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    return resource_datas(root) + migration_datas(root) + licence_datas(root)
