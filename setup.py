"""Build hooks for the wheel and the editable install: the packages and the compiled catalogues.

The message catalogues are kept as ``.po`` sources only; their ``.mo`` files are compiled here,
so a wheel (or an editable install) always carries catalogues that match their sources. The
resources folder sits beside the code (``resources/``) and is installed as the package
``privdesk.resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))

from i18n import compile_catalogues  # noqa: E402  (scripts/ is not a package)


class BuildWithCatalogues(build_py):
    """build_py that also compiles ``resources/locale/*/LC_MESSAGES/*.po`` to ``.mo``."""

    def run(self) -> None:
        super().run()
        source = ROOT / "resources" / "locale"
        if self.editable_mode:  # the editable install reads the resources from the checkout
            compile_catalogues(source)
        else:
            compile_catalogues(source, Path(self.build_lib) / "privdesk" / "resources" / "locale")


setup(
    packages=[*find_packages(include=["privdesk", "privdesk.*"]), "privdesk.resources"],
    package_dir={"privdesk": "privdesk", "privdesk.resources": "resources"},
    package_data={
        "privdesk.resources": ["**/*"],
        "privdesk.store.migrations": ["*.mako", "versions/*.py"],
    },
    # Build outputs lying in a developer's checkout stay out: the catalogues are compiled for the
    # wheel below, and the window draws its icon from the SVG (the PNGs are for the desktop).
    exclude_package_data={"privdesk.resources": [
        "**/__pycache__/*", "**/*.pyc", "locale/.lock", "locale/*/LC_MESSAGES/*.mo",
        "locale/*/LC_MESSAGES/*.po",
        "locale/*/LC_MESSAGES/*.partial", "icons/hicolor/*x*/apps/*", "icons/*.ico", "icons/*.icns",
    ]},
    cmdclass={"build_py": BuildWithCatalogues},
)
