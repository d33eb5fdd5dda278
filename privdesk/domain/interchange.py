"""Reading and writing the interchange format: records to JSON values and back, checked.

One generic converter walks the dataclass fields of ``records.py`` so that every field is
read, checked and written the same way; a refusal names the place, e.g.
``activities[3].retention_period: "two years" is not an ISO 8601 duration``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from privdesk.domain import codes, kinds, records
from privdesk.domain.building import build_record as build_record  # (the services import it here)
from privdesk.domain.building import record_fields
from privdesk.domain.codes import FIRST_YEAR, LAST_YEAR
from privdesk.domain.durations import is_duration
from privdesk.domain.errors import N_, UserError
from privdesk.domain.retention import MAX_MONTHS

FORMAT = "privdesk-register"
VERSION = 1
MAX_TEXT = 100_000
# The largest whole number SQLite and PostgreSQL (bigint) can store.
MAX_INT = 2**63 - 1
# Characters no database can store as text: NUL (PostgreSQL refuses it) and lone surrogates
# (a JSON "\ud800" escape; they have no UTF-8 form).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Control characters other than tab, line feed and carriage return (NUL is refused above):
# ESC and its C1 twin CSI would reach the terminal of whoever lists the register.
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The ref columns are VARCHAR(100) on PostgreSQL: a longer ref could not move there.
MAX_REF = 100
# Refs are typed, matched exactly and shown in one cell: besides controls and line breaks, no
# invisible format characters (a zero-width space makes a second "PA-001"; bidi controls
# reorder what is shown) and no space other than the plain one.
_REF_REFUSED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")

T = TypeVar("T")


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------- writing


_PLAIN = (str, int, float, bool, type(None))


def to_json(value: Any) -> Any:
    """A record (or any value of a record field) as plain JSON values."""
    if isinstance(value, _PLAIN):
        return value
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: to_json(getattr(value, f.name)) for f, name, _ in record_fields(type(value))}
    if isinstance(value, tuple):
        if all(type(v) is str for v in value):  # the common case: a list of texts or codes
            return list(value)
        return [to_json(v) for v in value]
    if isinstance(value, datetime):
        # One written form for one instant: UTC (the store keeps UTC; screens show local time).
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def register_to_json(register: records.Register) -> dict[str, Any]:
    """The whole register as the interchange document."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "organisation": to_json(register.organisation),
        "retention": to_json(register.retention),
        **{kind.name: [to_json(r) for r in items] for kind, items in kinds.lists(register).items()},
    }


def dumps(register: records.Register) -> str:
    """The interchange document as text, stable so that two dumps can be compared."""
    return json.dumps(register_to_json(register), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- reading


def _fail(place: str, message: str, **params: Any) -> typing.NoReturn:
    raise UserError(message, place, **params)


Reader = Callable[[Any, str], Any]


def _text_reader(meta: typing.Mapping[str, Any]) -> Reader:
    allowed, free, kind = meta.get("codes"), meta.get("free"), meta.get("kind")

    def read(value: Any, place: str) -> str:
        if not isinstance(value, str):
            _fail(place, N_("expected text, found {value}"), value=_shown(value))
        if len(value) > MAX_TEXT:
            _fail(place, N_("text is too long ({length} characters, at most {limit})"),
                  length=len(value), limit=MAX_TEXT)
        if not value.isascii() or "\x00" in value:
            found = _UNSTORABLE.search(value)
            if found is not None:
                _fail(place, N_("the text holds a character that cannot be stored ({code})"),
                      code=f"U+{ord(found.group()):04X}")
        control = _CONTROL.search(value)
        if control is not None:
            _fail(place, N_("the text holds a control character ({code})"),
                  code=f"U+{ord(control.group()):04X}")
        if kind == "ref":
            _check_ref(value, place)
        if allowed is not None:
            if not free and value not in allowed:
                _fail(place, N_('"{value}" is not one of the codes {codes}'),
                      value=_shown(value), codes=", ".join(allowed))
            if free and not value.strip():
                _fail(place, N_("must not be empty"))
        if kind == "country" and value not in codes.COUNTRIES:
            _fail(place, N_('"{value}" is not an ISO 3166-1 country code'), value=_shown(value))
        if kind == "duration" and not is_duration(value):
            _fail(place, N_('"{value}" is not an ISO 8601 duration'), value=_shown(value))
        return value

    return read


def _check_ref(value: str, place: str) -> None:
    if len(value) > MAX_REF:
        _fail(place, N_("a ref is at most {limit} characters (this one has {length})"),
              limit=MAX_REF, length=len(value))
    for character in value:
        category = unicodedata.category(character)
        if category in _REF_REFUSED or (category == "Zs" and character != " "):
            name = unicodedata.name(character, "")
            _fail(place, N_("a ref may not hold the character {code}"),
                  code=f"U+{ord(character):04X}" + (f" ({name})" if name else ""))


def _check_year(value: str, year: int, place: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        _fail(place, N_('"{value}" is outside the years {first} to {last}'),
              value=_shown(value), first=FIRST_YEAR, last=LAST_YEAR)


def _read_bool(value: Any, place: str) -> bool:
    if not isinstance(value, bool):
        _fail(place, N_("expected true or false, found {value}"), value=_shown(value))
    return value


def _read_int(value: Any, place: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(place, N_("expected a whole number, found {value}"), value=_shown(value))
    if value < 0:
        _fail(place, N_("must not be negative"))
    if value > MAX_INT:
        _fail(place, N_("{value} is not a possible value"), value=_shown(value))
    return value


def _read_float(value: Any, place: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(place, N_("expected a number, found {value}"), value=_shown(value))
    if value < 0 or value != value or value in (float("inf"), float("-inf")):
        _fail(place, N_("{value} is not a possible value"), value=_shown(value))
    return float(value)


def _read_moment(value: Any, place: str) -> datetime:
    if not isinstance(value, str) or not _MOMENT.match(value):
        _fail(place, N_('"{value}" is not a moment with a UTC offset '
                        '(YYYY-MM-DDTHH:MM:SS+HH:MM)'), value=_shown(value))
    try:
        moment = datetime.fromisoformat(value)
        # The store keeps UTC: a moment at the very edge of the calendar may have none.
        moment.astimezone(UTC)
    except (ValueError, OverflowError):
        _fail(place, N_('"{value}" is not a possible moment'), value=_shown(value))
    _check_year(value, moment.year, place)
    return moment


def _read_date(value: Any, place: str) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        _fail(place, N_('"{value}" is not a date (YYYY-MM-DD)'), value=_shown(value))
    try:
        day = date.fromisoformat(value)
    except ValueError:
        _fail(place, N_('"{value}" is not a possible date'), value=_shown(value))
    _check_year(value, day.year, place)
    return day


def _required(inner: Reader) -> Reader:
    def read(value: Any, place: str) -> Any:
        if value is None:
            _fail(place, N_("a value is required"))
        return inner(value, place)

    return read


def _compile(hint: Any, meta: typing.Mapping[str, Any]) -> Reader:
    """A reader for one field type, worked out once: checks the value, names the place."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        option = [a for a in typing.get_args(hint) if a is not type(None)][0]
        inner = _compile(option, meta)
        return lambda value, place: None if value is None else inner(value, place)
    if origin is tuple:
        item = _compile(typing.get_args(hint)[0], meta)

        def read_list(value: Any, place: str) -> tuple[Any, ...]:
            if not isinstance(value, list):
                _fail(place, N_("expected a list, found {value}"), value=_shown(value))
            return tuple(item(v, f"{place}[{i}]") for i, v in enumerate(value))

        return _required(read_list)
    if hint is str:
        return _required(_text_reader(meta))
    scalars: dict[Any, Reader] = {bool: _read_bool, int: _read_int, float: _read_float,
                                  datetime: _read_moment, date: _read_date}
    if hint in scalars:
        return _required(scalars[hint])
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record_class = hint
        return _required(lambda value, place: read_record(record_class, value, place))
    raise TypeError(f"unsupported field type {hint!r}")  # a bug in records.py, not bad input


_READERS: dict[Any, tuple[frozenset[str], tuple[tuple[str, str, Reader, bool], ...]]] = {}


def _record_reader(cls: Any) -> tuple[frozenset[str], tuple[tuple[str, str, Reader, bool], ...]]:
    found = _READERS.get(cls)
    if found is None:
        plan = tuple(
            (f.name, name, _compile(hint, f.metadata),
             f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
            for f, name, hint in record_fields(cls)
        )
        found = (frozenset(name for _, name, _, _ in plan), plan)
        _READERS[cls] = found
    return found


def read_record(cls: type[T], data: Any, place: str) -> T:
    """A record of type ``cls`` read from JSON values, or a UserError naming the place."""
    if not isinstance(data, dict):
        _fail(place, N_("expected an object, found {value}"), value=_shown(data))
    known, plan = _record_reader(cls)
    for key in data:
        if key not in known:
            _fail(f"{place}.{key}" if place else str(key), N_("unknown field"))
    values: dict[str, Any] = {}
    for attribute, name, reader, required in plan:
        if name not in data:
            if required:
                _fail(f"{place}.{name}" if place else name, N_("a value is required"))
            continue
        values[attribute] = reader(data[name], f"{place}.{name}" if place else name)
    return cls(**values)


_REFERENCE_PLANS: dict[Any, tuple[tuple[str, str, str | None, bool], ...]] = {}


def _reference_plan(cls: Any) -> tuple[tuple[str, str, str | None, bool], ...]:
    """The fields of a record class that hold references, or records that may hold some."""
    found = _REFERENCE_PLANS.get(cls)
    if found is None:
        plan = []
        for f, name, hint in record_fields(cls):
            target = f.metadata.get("ref")
            inner = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
            element = inner[0]
            if typing.get_origin(element) is tuple:
                element = typing.get_args(element)[0]
            nested = isinstance(element, type) and dataclasses.is_dataclass(element) and bool(
                _reference_plan(element))
            if target is not None or nested:
                plan.append((f.name, name, target, nested))
        found = tuple(plan)
        _REFERENCE_PLANS[cls] = found
    return found


def _check_references(register: records.Register) -> None:
    refs: dict[str, set[str]] = {}
    lists = {kind.name: items for kind, items in kinds.lists(register).items()}
    for kind, items in lists.items():
        seen: set[str] = set()
        for i, record in enumerate(items):
            if not record.ref.strip():
                _fail(f"{kind}[{i}].ref", N_("must not be empty"))
            if record.ref in seen:
                _fail(f"{kind}[{i}].ref", N_('"{value}" is used twice'), value=record.ref)
            seen.add(record.ref)
        refs[kind] = seen

    def check(value: Any, place: str) -> None:
        for attribute, name, target, nested in _reference_plan(type(value)):
            item = getattr(value, attribute)
            if target is not None:
                items = item if isinstance(item, tuple) else (item,)
                for j, ref in enumerate(items):
                    if ref is not None and ref not in refs[target]:
                        where = f"{place}.{name}[{j}]" if isinstance(item, tuple) else \
                            f"{place}.{name}"
                        _fail(where, N_('"{value}" refers to no record in {kind}'),
                              value=_shown(ref), kind=target)
            elif nested and isinstance(item, tuple):
                for j, element in enumerate(item):
                    check(element, f"{place}.{name}[{j}]")
            elif nested and item is not None:
                check(item, f"{place}.{name}")

    for kind, items in lists.items():
        for i, record in enumerate(items):
            check(record, f"{kind}[{i}]")
    check_processor_chain(register.processors)


def check_processor_chain(processors: typing.Sequence[records.Processor]) -> None:
    """Refuse a processor that is its own parent, directly or through a loop."""
    parents = {p.ref: p.parent for p in processors}
    for i, processor in enumerate(processors):
        seen = {processor.ref}
        parent = processor.parent
        while parent is not None:
            if parent in seen:
                _fail(f"processors[{i}].parent", N_("the chain of parents loops back to {value}"),
                      value=parent)
            seen.add(parent)
            parent = parents.get(parent)


def register_from_json(data: Any) -> records.Register:
    """A whole register from the interchange document, checked field by field."""
    if not isinstance(data, dict):
        _fail("", N_("the file is not a privdesk register (expected a JSON object)"))
    if data.get("format") != FORMAT:
        _fail("format", N_('expected "{expected}"'), expected=FORMAT)
    version = data.get("version")
    # ``true == 1`` and ``1.0 == 1`` in Python: only the whole number 1 is version 1.
    if type(version) is not int or version != VERSION:
        _fail("version", N_("version {value} is not supported (this program reads {expected})"),
              value=_shown(data.get("version")), expected=VERSION)
    sections = ("format", "version", *records.SETTINGS, *kinds.names())
    for key in data:
        if key not in sections:
            _fail(str(key), N_("unknown field"))
    organisation = data.get("organisation")
    lists: dict[str, Any] = {}
    for kind in kinds.KINDS:
        items = data.get(kind.name, [])
        if not isinstance(items, list):
            _fail(kind.name, N_("expected a list, found {value}"), value=_shown(items))
        lists[kind.name] = tuple(read_record(kind.record, item, f"{kind.name}[{i}]")
                                 for i, item in enumerate(items))
    register = records.Register(
        organisation=None if organisation is None
        else read_record(records.Organisation, organisation, "organisation"),
        retention=_read_retention(data.get("retention")),
        **lists,
    )
    _check_references(register)
    return register


def _read_retention(data: Any) -> records.Retention | None:
    """The DPO's retention periods, each a whole number of months from 0 to the most."""
    if data is None:
        return None
    periods = read_record(records.Retention, data, "retention")
    for f in dataclasses.fields(periods):
        months = getattr(periods, f.name)
        if months is not None and months > MAX_MONTHS:
            _fail(f"retention.{f.name}", N_("a retention period is 0 to {most} months, not "
                                            "{months}"), most=MAX_MONTHS, months=months)
    return periods


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                _fail("", N_('the name "{key}" appears twice in one object'), key=_shown(key))
            seen.add(key)
    return data


def parse_json(text: str | bytes) -> Any:
    """JSON values from text, refusing an object that names a field twice.

    JSON parsers disagree about such an object (Python keeps the last value, others the
    first), so the value a DPO sees in the file might not be the one loaded.
    """
    return json.loads(text, object_pairs_hook=_unique_keys)


def loads(text: str | bytes) -> records.Register:
    """A register from interchange text; a UserError for anything that is not one."""
    try:
        data = parse_json(text)
    except (ValueError, RecursionError):
        _fail("", N_("the file is not valid JSON"))
    except UnicodeDecodeError:  # pragma: no cover - a ValueError subclass, kept for clarity
        _fail("", N_("the file is not UTF-8 text"))
    try:
        return register_from_json(data)
    except RecursionError:
        _fail("", N_("the file is nested too deeply"))
