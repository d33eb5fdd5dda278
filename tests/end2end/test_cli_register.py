"""The register commands as a DPO or a script runs them: init, dump, load, list, --version.

Most tests run the command line in this process (``run_cli``); the first two start
``python -m privdesk`` as a shell would, so the real entry point, its exit status and its
output through a pipe stay tested.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from support import run_cli, run_cli_subprocess

from privdesk import __version__


def test_version() -> None:
    result = run_cli_subprocess("--version")
    assert result.code == 0 and result.stdout.strip() == f"privdesk {__version__}"


def test_demo_dump_load_dump_reproduces_the_document(tmp_path: Path) -> None:
    first, second = tmp_path / "x.sqlite", tmp_path / "y.sqlite"
    assert run_cli_subprocess("init", "--demo", "--db", str(first)).code == 0
    dumped = run_cli_subprocess("dump", "--db", str(first))
    assert dumped.code == 0
    (tmp_path / "a.json").write_text(dumped.stdout, encoding="utf-8")
    assert run_cli_subprocess("load", "--db", str(second), str(tmp_path / "a.json")).code == 0
    again = run_cli_subprocess("dump", "--db", str(second))
    assert again.stdout == dumped.stdout
    document = json.loads(dumped.stdout)
    assert len(document["requests"]) >= 2 and len(document["incidents"]) >= 2
    assert any(r["requester"]["relation"] == "guardian" for r in document["requests"])
    assert any(i["authority_notified_at"] for i in document["incidents"])
    names = {p["name"] for p in document["processors"]}
    assert {"Stripe", "Google Analytics", "Hotjar", "Intercom", "ScandiTek", "Elastx AB",
            "Eduplaytion AS", "Nextgen Classroom AB", "NexaLearn AS"} <= names


def test_dump_to_a_file_is_private(tmp_path: Path, demo_register: Path) -> None:
    register = demo_register
    out = tmp_path / "backup.json"
    assert run_cli("dump", "--db", str(register), "--out", str(out)).code == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "privdesk-register"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".backup.json")]


def test_init_refuses_a_register_that_has_data(demo_register: Path) -> None:
    register = demo_register
    before = run_cli("dump", "--db", str(register)).stdout
    result = run_cli("init", "--demo", "--db", str(register))
    assert result.code == 1 and "not empty" in result.stderr
    assert run_cli("dump", "--db", str(register)).stdout == before


def test_the_register_defaults_to_the_user_data_directory(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    assert run_cli("init", env=env).code == 0
    assert (tmp_path / "data" / "privdesk" / "register.sqlite").exists()
    env_db = {"PRIVDESK_DB": str(tmp_path / "from-env.sqlite")}
    assert run_cli("init", env=env_db).code == 0
    assert (tmp_path / "from-env.sqlite").exists()


BROKEN = {
    "wrong_type.json": ('{"format": "privdesk-register", "version": 1, '
                        '"activities": [{"ref": "PA-1", "name": ["list"]}]}',
                        "activities[0].name: expected text"),
    "unknown_reference.json": ('{"format": "privdesk-register", "version": 1, "activities": '
                               '[{"ref": "PA-1", "name": "A", "processors": ["VEN-404"]}]}',
                               'activities[0].processors[0]: "VEN-404" refers to no record'),
    "impossible_date.json": ('{"format": "privdesk-register", "version": 1, "requests": [{"ref":'
                             ' "R1", "received": "2026-02-29", "subject": {"name": "A"}, '
                             '"requester": {"name": "B"}}]}',
                             'requests[0].received: "2026-02-29" is not a possible date'),
    "unknown_field.json": ('{"format": "privdesk-register", "version": 1, "processors": '
                           '[{"ref": "V1", "name": "A", "colour": "blue"}]}',
                           "processors[0].colour: unknown field"),
    "not_json.json": ("ref;name\nPA-1;Maths\n", "the file is not valid JSON"),
    "binary.json": ("\x00\x01\x02PK\x03\x04", "the file is not valid JSON"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_refused_in_one_line_and_changes_nothing(
        tmp_path: Path, empty_register: Path, name: str) -> None:
    content, expected = BROKEN[name]
    register = empty_register
    before = run_cli("dump", "--db", str(register)).stdout
    broken = tmp_path / name
    broken.write_text(content, encoding="utf-8")
    result = run_cli("load", "--db", str(register), "--lang", "en", str(broken))
    assert result.code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert str(broken) in lines[0] and expected in lines[0]
    assert run_cli("dump", "--db", str(register)).stdout == before


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    result = run_cli("load", "--db", str(tmp_path / "r.sqlite"), str(tmp_path / "nowhere.json"))
    assert result.code == 1 and "cannot read the file" in result.stderr


def test_wrong_usage_exits_2() -> None:
    assert run_cli("list", "vendors").code == 2


def test_list_json_carries_computed_deadlines(demo_register: Path) -> None:
    register = demo_register
    requests = json.loads(run_cli("list", "requests", "--db", str(register), "--json").stdout)
    first = next(r for r in requests if r["ref"] == "DSAR-2026-001")
    assert first["due"] == "2026-12-02"
    incidents = json.loads(run_cli("list", "incidents", "--db", str(register), "--json").stdout)
    notified = next(i for i in incidents if i["ref"] == "INC-2026-001")
    assert notified["notify_by"] == "2026-11-23T14:40:00+00:00"


def test_messages_follow_the_chosen_language(demo_register: Path) -> None:
    register = demo_register
    result = run_cli("init", "--db", str(register), "--lang", "sv")
    assert result.code == 1 and "är inte tomt" in result.stderr


def _fields_set(value: object, path: str = "") -> set[str]:
    """The paths of every field that holds a value (not null, not an empty list)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            found |= _fields_set(inner, f"{path}.{key}" if path else key)
        if value and path:
            found.add(path)
    elif isinstance(value, list):
        for inner in value:
            found |= _fields_set(inner, f"{path}[]")
        if value:
            found.add(path)
    elif value is not None:
        found.add(path)
    return found


def test_every_field_of_the_format_round_trips(tmp_path: Path) -> None:
    from support import ROOT

    source = ROOT / "tests" / "fixtures" / "registers" / "every-field.json"
    register = tmp_path / "r.sqlite"
    assert run_cli("load", "--db", str(register), str(source)).code == 0
    first = run_cli("dump", "--db", str(register)).stdout
    (tmp_path / "a.json").write_text(first, encoding="utf-8")
    assert run_cli("load", "--db", str(tmp_path / "s.sqlite"), str(tmp_path / "a.json")).code == 0
    assert run_cli("dump", "--db", str(tmp_path / "s.sqlite")).stdout == first
    given = json.loads(source.read_text(encoding="utf-8"))
    written = json.loads(first)
    # Every field the fixture fills in is still filled in after the round trip.
    assert _fields_set(given) <= _fields_set(written)
    for kind in ("activities", "processors", "incidents", "requests"):
        assert [r["ref"] for r in written[kind]] == sorted(r["ref"] for r in given[kind])


def test_the_every_field_fixture_really_fills_every_field() -> None:
    import dataclasses
    import types
    import typing

    from support import ROOT

    from privdesk.domain import records

    given = json.loads((ROOT / "tests" / "fixtures" / "registers" / "every-field.json")
                       .read_text(encoding="utf-8"))
    filled = _fields_set(given)

    def expect(cls: type, prefix: str) -> set[str]:
        paths = set()
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            name = f.metadata.get("json", f.name)
            paths.add(f"{prefix}.{name}")
            target = hints[f.name]
            if typing.get_origin(target) in (typing.Union, types.UnionType):
                target = [a for a in typing.get_args(target) if a is not type(None)][0]
            if typing.get_origin(target) is tuple:
                target, suffix = typing.get_args(target)[0], "[]"
            else:
                suffix = ""
            if dataclasses.is_dataclass(target):
                paths |= expect(target, f"{prefix}.{name}{suffix}")  # type: ignore[arg-type]
        return paths

    wanted = expect(records.Organisation, "organisation") | expect(records.Retention, "retention")
    for kind, cls in records.RECORD_TYPES.items():
        wanted |= expect(cls, f"{kind}[]")
    assert sorted(wanted - filled) == []
