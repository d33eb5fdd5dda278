"""The one way to reach files under ``resources/``, from a checkout, a wheel or a frozen build."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


@cache
def _root() -> Traversable:
    # importlib.resources is loaded with the first resource asked for: a window in English
    # reads none before its first paint (the catalogues of nb and sv, the icon after it).
    from importlib import resources

    # Installed (wheel, frozen build, editable finder) the folder is the package
    # ``privdesk.resources``; run from a checkout with the checkout first on sys.path, the
    # package ``privdesk`` is the source folder and ``resources/`` lies beside it.
    try:
        return resources.files("privdesk.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """The resource at ``resources/<parts...>``."""
    node: Traversable = _root()
    for part in parts:
        node = node / part
    return node


def read_bytes(*parts: str) -> bytes:
    """The content of a resource file."""
    return resource(*parts).read_bytes()
