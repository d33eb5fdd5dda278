"""The demo register: a fictional Norwegian school that uses real edtech vendors.

The school's own words (activity names, data items, notes) are written in English in
``nordvik-skole.json``; ``nordvik-skole.<nb|sv>.json`` give each of them in bokmål and Swedish, so
the demo opened in Norwegian reads Norwegian throughout (its letters too). Vendor names, codes
and references stay as they are. The school and every requester speak the demo's language, so a
letter written from the demo is in one language throughout.
"""

from __future__ import annotations

import json
from typing import Any

from privdesk.domain import dpia, interchange, records
from privdesk.domain.transfers import Chains
from privdesk.resource_files import read_bytes

DEMO = ("demo", "nordvik-skole.json")
LANGUAGES = ("en", "nb", "sv")
# The fields that hold the school's own words (all else is a code, a name, a date or a ref).
WORDED = frozenset({
    "consequences", "data_items", "decision_note", "description", "item", "legal_basis_note",
    "measures", "method", "name", "note", "owner", "purposes", "reason", "recipients",
    "relation_basis", "retention", "security", "services", "source", "systems", "title",
    "value"})


def demo_register(language: str = "en") -> records.Register:
    """The demo school's register in ``language`` (nb, sv or en), as shipped under
    ``resources/demo``; English is the file itself, with the school and its requesters
    speaking the chosen language (a letter takes the requester's language first)."""
    if language not in LANGUAGES:
        language = "en"
    data = json.loads(read_bytes(*DEMO))
    if language != "en":
        words: dict[str, str] = json.loads(read_bytes("demo", f"nordvik-skole.{language}.json"))
        data = _translated(data, words, "")
    data["organisation"]["language"] = language
    for request in data.get("requests", []):
        request["requester"]["language"] = language
    register = interchange.loads(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return _screenings_current(register)


def _screenings_current(register: records.Register) -> records.Register:
    """The demo's DPIA screenings fit its activities as the English file has them; the
    purposes and items a screening's fingerprint covers are translated, so the fingerprint
    is taken again, or every screened activity would show as changed since."""
    chains = Chains(register.processors)
    activities = tuple(
        records.replace(a, dpia=records.replace(a.dpia, screening=records.replace(
            a.dpia.screening, fingerprint=dpia.fingerprint(a, chains.transfers(a)))))
        if a.dpia.screening is not None else a
        for a in register.activities)
    current: records.Register = records.replace(register, activities=activities)
    return current


def _translated(value: Any, words: dict[str, str], key: str) -> Any:
    if isinstance(value, dict):
        return {k: _translated(v, words, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_translated(v, words, key) for v in value]
    if isinstance(value, str) and key in WORDED:
        return words.get(value, value)
    return value
