"""Records from JSON values privdesk wrote itself (the store, the undo history): no checks,
fast; and each record class's fields with their JSON names and types, which the checked
reader of ``interchange.py`` shares.

Apart from ``interchange.py`` so that reading a register (the window's first screen) loads
neither the checks nor their patterns.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from datetime import date, datetime
from typing import Any, TypeVar

T = TypeVar("T")

_RECORD_FIELDS: dict[Any, tuple[tuple[dataclasses.Field[Any], str, Any], ...]] = {}
# A field's type as written ("str | None") → the type, per module: the records repeat a few
# dozen annotations, and evaluating each once is a tenth of ``typing.get_type_hints``' time.
_TYPES: dict[tuple[str, str], Any] = {}


def record_fields(cls: Any) -> tuple[tuple[dataclasses.Field[Any], str, Any], ...]:
    """Each field of a record class with its JSON name and type (worked out once per class)."""
    found = _RECORD_FIELDS.get(cls)
    if found is None:
        found = tuple((f, f.metadata.get("json", f.name), _field_type(cls, f))
                      for f in dataclasses.fields(cls))
        _RECORD_FIELDS[cls] = found
    return found


def _field_type(cls: Any, field: dataclasses.Field[Any]) -> Any:
    written = field.type
    if not isinstance(written, str):  # a module without ``from __future__ import annotations``
        return written
    key = (cls.__module__, written)
    found = _TYPES.get(key)
    if found is None:
        # Our own annotations, evaluated where they were written (as get_type_hints does).
        found = _TYPES[key] = eval(written, vars(sys.modules[cls.__module__]))
    return found


_BUILDERS: dict[Any, tuple[tuple[str, str, Any], ...]] = {}


def _builders(cls: Any) -> tuple[tuple[str, str, Any], ...]:
    """For each field: attribute, JSON name and how to build its value from stored JSON."""
    found = _BUILDERS.get(cls)
    if found is None:
        found = tuple((f.name, name, _builder(hint)) for f, name, hint in record_fields(cls))
        _BUILDERS[cls] = found
    return found


def _builder(hint: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = _builder([a for a in typing.get_args(hint) if a is not type(None)][0])
        return None if inner is None else (lambda v: None if v is None else inner(v))
    if origin is tuple:
        item = _builder(typing.get_args(hint)[0])
        return tuple if item is None else (lambda v: tuple(item(x) for x in v))
    if hint is datetime:
        return lambda v: v if isinstance(v, datetime) else datetime.fromisoformat(v)
    if hint is date:
        return lambda v: v if isinstance(v, date) else date.fromisoformat(v)
    if dataclasses.is_dataclass(hint):
        return lambda v: build_record(hint, v)  # type: ignore[arg-type]
    return None  # str, int, float, bool: as they are


def build_record(cls: type[T], data: typing.Mapping[str, Any]) -> T:
    """A record from JSON values the program wrote itself (the store): no checks, fast."""
    values = {}
    for attribute, name, build in _builders(cls):
        if name in data:
            value = data[name]
            values[attribute] = value if build is None else build(value)
    return cls(**values)
