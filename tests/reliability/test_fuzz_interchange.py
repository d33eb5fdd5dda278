"""Fuzzed interchange files through ``privdesk load``: refused cleanly, or accepted and usable.

Each example is the demo register with a few fields replaced (wrong types, extreme dates and
numbers, unknown references, deep and odd structures), removed or added. ``load --replace``
either refuses it (exit 1, one line, the register exactly as before) or accepts it, and then
every command that reads the register (list, dump, export-ropa) must work on what was accepted.
Run in process through ``privdesk.cli.run``: an escaping exception is the traceback a user
would see.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from bad_input import ROOT, register_dump
from hostile_text import examples
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from privdesk import cli

DEMO = json.loads((ROOT / "resources" / "demo" / "nordvik-skole.json").read_text("utf-8"))

ODD_VALUES = st.sampled_from([
    None, True, False, 0, -1, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63), 1e308, -1e308,
    0.5, "", " ", "x" * 100_001, "2026-02-30", "2026-13-01", "0001-01-01", "9999-12-31",
    "2026-11-20", "2026-11-20T09:15:00", "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59+00:00", "9999-12-31T23:59:59-14:00", "2026-11-20T09:15:00Z",
    "P0D", "P9999Y", "P99999999999999999999Y", "PT5M", "P1Y2M3W4D", "VEN-404", "PA-404",
    "INC-404", "DSAR-404", "NO", "XX", "6.1.e", "9.2.a", "pupils", "controller", "processor",
    "=cmd|' /C calc'!A0", "<font color=red>x</font>", "\u202e", "\x00", "\ud800",
    [], {}, [[]], [{}], ["PA-001"], ["VEN-001"], [None], [1, "a"], {"ref": "X"},
])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@st.composite
def mutated_registers(draw: Any) -> dict[str, Any]:
    """The demo interchange document with one to three fields changed, removed or added."""
    document = copy.deepcopy(DEMO)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(document)))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        operation = draw(st.sampled_from(["replace", "replace", "remove", "add", "copy"]))
        if operation == "replace":
            parent[last] = draw(ODD_VALUES | JSON_VALUES)
        elif operation == "remove":
            del parent[last]
        elif operation == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(ODD_VALUES)
        elif isinstance(parent, list):  # a record or value twice (a duplicate ref)
            parent.append(copy.deepcopy(parent[last]))
    return document


def _run(*argv: str) -> tuple[int, str]:
    stderr = io.StringIO()
    code = cli.run(list(argv), cli.Context(stdout=io.StringIO(), stderr=stderr))
    return code, stderr.getvalue()


@pytest.fixture(scope="module")
def pristine(template_registers: dict[str, Path]) -> Path:
    """The session's demo register (``privdesk init --demo``), never opened by a test itself:
    each case works on a copy."""
    return template_registers["demo"]


@settings(max_examples=examples(25), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(document=mutated_registers())
def test_load_refuses_cleanly_or_accepts_something_usable(pristine: Path,
                                                          document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        register = folder / "r.sqlite"
        shutil.copyfile(pristine, register)
        source = folder / "in.json"
        # ensure_ascii keeps a lone surrogate as the \ud800 escape a hostile file would hold.
        source.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
        before = register_dump(register)
        code, stderr = _run("load", "--replace", "--db", str(register), str(source))
        assert code in (0, 1), stderr
        event("refused" if code == 1 else "accepted")
        if code == 1:
            assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("privdesk: ")
            assert register_dump(register) == before
            return
        for command in (["list", "activities", "--json"], ["list", "processors", "--json"],
                        ["list", "incidents", "--json"], ["list", "requests", "--json"],
                        ["list", "requests"], ["list", "incidents"],
                        ["dump", "--out", str(folder / "dump.json")],
                        ["export-ropa", "--out", str(folder / "ropa.xlsx")]):
            code, stderr = _run(*command, "--db", str(register))
            assert code == 0, (command, stderr)
