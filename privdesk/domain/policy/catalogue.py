"""The catalogue of common vendors: who a named third party is, where it sits, how it transfers.

The catalogue arrives as data (privdesk's ``resources/vendors.json`` plus the DPO's own entries)
and is read here into records; the domain never opens a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from privdesk.domain.codes import COUNTRIES, SAFEGUARDS
from privdesk.domain.errors import N_, UserError

CATEGORIES = (
    "payments", "analytics", "advertising", "support_chat", "hosting", "cdn", "video",
    "identity", "productivity", "email", "monitoring", "communication", "learning",
    "social_media", "authority", "other",
)
# Categories whose vendors process data on the vendor's behalf (subprocessors in a draft).
PROCESSOR_CATEGORIES = frozenset(CATEGORIES) - {"social_media", "authority"}


@dataclass(frozen=True, slots=True)
class Vendor:
    """One catalogue entry."""

    name: str
    country: str | None
    category: str = "other"
    safeguard: str | None = None
    aliases: tuple[str, ...] = ()
    legal_name: str | None = None
    processor: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Vendors with one compiled pattern for all their names, longest names first."""

    vendors: tuple[Vendor, ...]
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _by_name: dict[str, Vendor] = field(default_factory=dict, repr=False)

    def matches(self, text: str) -> list[tuple[int, int, Vendor]]:
        """Where catalogue vendors are named in ``text``; a longer name hides a shorter one."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end("name"), self._by_name[m.group("name")])
                for m in self._pattern.finditer(text)]


def build_catalogue(vendors: Iterable[Vendor]) -> Catalogue:
    """A catalogue; later entries with the same name replace earlier ones (the DPO's win)."""
    by_name: dict[str, Vendor] = {}
    for vendor in vendors:
        by_name[vendor.name.casefold()] = vendor
    ordered = tuple(by_name.values())
    names: dict[str, Vendor] = {}
    for vendor in ordered:
        for name in vendor.names:
            if name.strip():
                names[name] = vendor  # a later vendor's alias wins, as its entry does
    if not names:
        return Catalogue(vendors=ordered)
    # One alternation, longest names first: at each place the longest name matches.
    # Brand names are matched as written (case-sensitive): "Stripe", not "a stripe".
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # A genitive names the vendor too: "Microsofts datasentre", "Google's reCAPTCHA",
    # "Amazons molntjänst", "Zoom:s".
    pattern = re.compile(rf"(?<![\w@.])(?P<name>{alternation})(?:['’]s|:s|s)?(?![\w@]|\.\w)")
    return Catalogue(vendors=ordered, _pattern=pattern, _by_name=names)


def _text(entry: Mapping[str, Any], key: str, place: str, required: bool = False) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise UserError(N_("a value is required"), place=f"{place}.{key}")
        return None
    if not isinstance(value, str):
        raise UserError(N_("expected text, found {value}"), place=f"{place}.{key}",
                        value=repr(value))
    return value.strip() or None


def vendor_from_json(entry: Any, place: str) -> Vendor:
    """One catalogue entry from its JSON object; a UserError names a wrong field."""
    if not isinstance(entry, Mapping):
        raise UserError(N_("expected an object, found {value}"), place=place, value=repr(entry))
    name = _text(entry, "name", place, required=True)
    assert name is not None
    country = _text(entry, "country", place)
    if country is not None and country not in COUNTRIES:
        raise UserError(N_("unknown country code {value}"), place=f"{place}.country",
                        value=country)
    category = _text(entry, "category", place) or "other"
    if category not in CATEGORIES:
        raise UserError(N_("unknown category {value}"), place=f"{place}.category",
                        value=category)
    safeguard = _text(entry, "safeguard", place)
    if safeguard is not None and safeguard not in SAFEGUARDS:
        raise UserError(N_("unknown safeguard {value}"), place=f"{place}.safeguard",
                        value=safeguard)
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise UserError(N_("expected a list of names"), place=f"{place}.aliases")
    processor = entry.get("processor", category in PROCESSOR_CATEGORIES)
    if not isinstance(processor, bool):
        raise UserError(N_("expected true or false"), place=f"{place}.processor")
    return Vendor(name=name, country=country, category=category, safeguard=safeguard,
                  aliases=tuple(a.strip() for a in aliases if a.strip()),
                  legal_name=_text(entry, "legal_name", place), processor=processor)


def catalogue_from_json(data: Any, extra: Sequence[Any] = (), source: str = "vendors.json",
                        extra_source: str = "") -> Catalogue:
    """The catalogue from ``{"vendors": [...]}`` plus the DPO's extra entries, which win."""
    if not isinstance(data, Mapping) or not isinstance(data.get("vendors"), list):
        raise UserError(N_("expected an object with a list of vendors"), place=source)
    vendors = [vendor_from_json(e, f"{source}: vendors[{i}]")
               for i, e in enumerate(data["vendors"])]
    by_name = {v.name.casefold(): v for v in vendors}
    for i, entry in enumerate(extra):
        base = by_name.get(str(entry.get("name", "")).strip().casefold()) \
            if isinstance(entry, Mapping) else None
        if base is not None:
            # An entry for a known vendor changes what it names and keeps the rest.
            entry = {"category": base.category, "safeguard": base.safeguard,
                     "aliases": list(base.aliases), "country": base.country,
                     "legal_name": base.legal_name, "processor": base.processor, **entry}
        vendor = vendor_from_json(entry, f"{extra_source}[{i}]")
        vendors.append(vendor)
        by_name[vendor.name.casefold()] = vendor
    return build_catalogue(vendors)
