"""The one way to reach files under ``resources/``, from a checkout, a wheel or a frozen build."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


@cache
def _root() -> Traversable:
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
