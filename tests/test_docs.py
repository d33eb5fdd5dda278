"""The repository's own documents: nothing points outside it, and docs/ covers what users run.

The command line, the interchange format and the policy review are described in ``docs/``;
these tests fail when a command, an option, a field, a code or a flag exists in the code but not
in those pages, or when a file cites a document that is not in the repository.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import subprocess
import typing
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from privdesk.cli import build_parser
from privdesk.domain import codes, interchange, records
from privdesk.domain.policy.catalogue import CATEGORIES
from privdesk.domain.policy.flags import FLAG_CODES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
THIS = Path(__file__).resolve().relative_to(ROOT).as_posix()
SCANNED = ("privdesk", "tests", "scripts", "packaging", "benchmarks", "README.md")
# Documents that live outside the repository, which a reader of it does not have.
OUTSIDE = (b"shared/docs", b"ecosystem.md", b"style.md")


# ---------------------------------------------------------------- nothing points outside


def repository_files() -> list[str]:
    """Tracked files, and new ones not ignored, under the scanned paths (repository-relative)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--",
             *SCANNED],
            cwd=ROOT, capture_output=True, check=True,
        ).stdout.decode("utf-8").split("\0")
    except (OSError, subprocess.CalledProcessError):  # no git, or not a checkout
        listed = list(_walk())
    return sorted({name for name in listed if name and (ROOT / name).is_file()})


def _walk() -> Iterator[str]:
    for top in SCANNED:
        path = ROOT / top
        if path.is_file():
            yield top
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = [d for d in subfolders if d != "__pycache__" and not d.startswith(".")]
            for name in files:
                if not name.endswith((".pyc", ".pyo")):
                    yield (Path(folder) / name).relative_to(ROOT).as_posix()


def outside_citations(names: Iterable[str], root: Path = ROOT) -> list[str]:
    """``file:line: text`` for every line that cites a document outside the repository."""
    found = []
    for name in names:
        if name == THIS:
            continue
        for number, line in enumerate((root / name).read_bytes().splitlines(), start=1):
            if any(marker in line for marker in OUTSIDE):
                found.append(f"{name}:{number}: {line.decode('utf-8', 'replace').strip()}")
    return found


def test_code_cites_no_document_outside_the_repository() -> None:
    names = [n for n in repository_files() if n != "README.md"]
    assert len(names) > 50, "far too few files: is the test looking in the right place?"
    assert outside_citations(names) == []


def test_readme_cites_no_document_outside_the_repository() -> None:
    assert outside_citations(["README.md"]) == []


def test_the_scan_finds_a_citation(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('"""See ecosystem.md §2.2."""\n', encoding="utf-8")
    (tmp_path / "b.spec").write_text("ok\n# from ../shared/docs/cli.md\n", encoding="utf-8")
    (tmp_path / "c.py").write_text('"""See docs/cli.md."""\n', encoding="utf-8")
    assert outside_citations(["a.py", "b.spec", "c.py"], tmp_path) == [
        'a.py:1: """See ecosystem.md §2.2."""', "b.spec:2: # from ../shared/docs/cli.md"]


# ---------------------------------------------------------------- docs/cli.md


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Every subcommand the ``privdesk`` parser registers, with its own parser."""
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    choices = actions[0].choices
    assert choices, "the parser registers no subcommand"
    return dict(choices)


def long_options(parser: argparse.ArgumentParser) -> list[str]:
    return [option for action in parser._actions for option in action.option_strings
            if option.startswith("--") and option != "--help"]


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def sections(text: str) -> list[tuple[str, str]]:
    """Each heading of a Markdown text with the text under it, up to the next heading of the
    same or a higher level."""
    lines = text.splitlines()
    heads = [(i, len(m.group(1)), m.group(2)) for i, line in enumerate(lines)
             if (m := _HEADING.match(line))]
    found = []
    for n, (start, level, title) in enumerate(heads):
        end = next((i for i, lv, _ in heads[n + 1:] if lv <= level), len(lines))
        found.append((title, "\n".join(lines[start + 1:end])))
    return found


def command_section(text: str, command: str) -> str | None:
    """The section whose heading names ``privdesk COMMAND`` (the window: ``privdesk``)."""
    name = f"`privdesk {command}`" if command else "`privdesk`"
    for title, body in sections(text):
        if name in title:
            return body
    return None


def names_command(text: str, command: str) -> bool:
    """True when a heading or the first cell of a table row names ``privdesk COMMAND``."""
    pattern = re.compile(rf"^(?:#{{1,6}}\s+.*|\|\s*)`privdesk {re.escape(command)}(?:[` ])",
                         re.MULTILINE)
    return bool(pattern.search(text))


def mentions_option(body: str, option: str) -> bool:
    return re.search(rf"{re.escape(option)}(?![\w-])", body) is not None


def undocumented_commands(text: str) -> list[str]:
    return [name for name in subcommands() if not names_command(text, name)]


def undocumented_options(text: str) -> list[str]:
    missing = []
    for name, parser in subcommands().items():
        body = command_section(text, name)
        if body is None:
            missing.append(f"{name}: no section headed `privdesk {name}`")
            continue
        missing += [f"{name} {option}" for option in long_options(parser)
                    if not mentions_option(body, option)]
    window = command_section(text, "")
    top = long_options(build_parser(commands=False))
    if window is None:
        missing.append("no section headed `privdesk` (the window)")
    else:
        missing += [f"privdesk {option}" for option in top if not mentions_option(window, option)]
    return missing


@pytest.fixture(scope="module")
def cli_doc() -> str:
    return (DOCS / "cli.md").read_text(encoding="utf-8")


def test_every_subcommand_is_documented(cli_doc: str) -> None:
    assert undocumented_commands(cli_doc) == []


def test_every_option_is_documented_under_its_command(cli_doc: str) -> None:
    assert undocumented_options(cli_doc) == []


def test_the_cli_check_notices_a_missing_command(cli_doc: str) -> None:
    """Remove one command's section and table row: the checks must name it."""
    command = "letter"
    body = command_section(cli_doc, command)
    assert body is not None
    cut = cli_doc.replace(body, "")
    cut = "\n".join(line for line in cut.splitlines() if f"`privdesk {command}" not in line)
    assert undocumented_commands(cut) == [command]
    assert f"{command}: no section headed `privdesk {command}`" in undocumented_options(cut)


def test_the_cli_check_notices_a_missing_option(cli_doc: str) -> None:
    body = command_section(cli_doc, "export-ropa")
    assert body is not None
    cut = cli_doc.replace(body, body.replace("--as-of", "--as_of"))
    assert undocumented_options(cut) == ["export-ropa --as-of"]


# ---------------------------------------------------------------- docs/interchange.md


def record_classes() -> list[type]:
    """Every record class the interchange format holds, nested ones included."""
    found: list[type] = []
    todo: list[type] = [records.Organisation, records.Retention, *records.RECORD_TYPES.values()]
    while todo:
        cls = todo.pop(0)
        if cls in found:
            continue
        found.append(cls)
        for hint in typing.get_type_hints(cls).values():
            for part in (hint, *typing.get_args(hint)):
                for inner in (part, *typing.get_args(part)):
                    if isinstance(inner, type) and dataclasses.is_dataclass(inner):
                        todo.append(inner)
    return found


def json_names(cls: type) -> list[str]:
    return [f.metadata.get("json", f.name) for f in dataclasses.fields(cls)]


def all_codes() -> list[str]:
    """Every fixed code of the format (the country lists aside)."""
    return sorted({code for name, value in vars(codes).items()
                   if name.isupper() and name not in ("COUNTRIES", "EEA_COUNTRIES")
                   and isinstance(value, tuple | frozenset) for code in value})


def quoted_missing(text: str, names: Iterable[str]) -> list[str]:
    return [n for n in names if f"`{n}`" not in text]


@pytest.fixture(scope="module")
def interchange_doc() -> str:
    return (DOCS / "interchange.md").read_text(encoding="utf-8")


def test_every_top_level_key_is_documented(interchange_doc: str) -> None:
    keys = list(interchange.register_to_json(records.Register()))
    assert "format" in keys and "requests" in keys
    assert quoted_missing(interchange_doc, keys) == []


def test_every_record_kind_has_a_section(interchange_doc: str) -> None:
    titles = [title for title, _ in sections(interchange_doc)]
    kinds = ["organisation", *records.RECORD_TYPES]
    assert [k for k in kinds if not any(f"`{k}`" in t for t in titles)] == []


def test_every_field_is_documented(interchange_doc: str) -> None:
    missing = [f"{cls.__name__}.{name}" for cls in record_classes()
               for name in json_names(cls) if f"`{name}`" not in interchange_doc]
    assert missing == []


def test_every_code_is_documented(interchange_doc: str) -> None:
    assert quoted_missing(interchange_doc, all_codes()) == []


def test_the_interchange_check_notices_a_missing_kind(interchange_doc: str) -> None:
    cut = interchange_doc.replace("`incidents`", "incidents")
    assert quoted_missing(cut, interchange.register_to_json(records.Register())) == ["incidents"]


# ---------------------------------------------------------------- docs/policy-review.md


@pytest.fixture(scope="module")
def policy_doc() -> str:
    return (DOCS / "policy-review.md").read_text(encoding="utf-8")


def test_every_key_of_the_review_json_is_documented(policy_doc: str) -> None:
    from privdesk.documents.policy_text import read_policy_text, vendor_catalogue
    from privdesk.domain.policy.review import review_policy, review_to_json

    policy = ROOT / "tests" / "fixtures" / "policies" / "laromedel_sv.txt"
    review = review_policy(read_policy_text(policy), vendor_catalogue(), date(2026, 6, 1))
    data = review_to_json(review)
    assert quoted_missing(policy_doc, data) == []
    assert quoted_missing(policy_doc, data["draft"]) == []


def test_every_flag_and_vendor_category_is_documented(policy_doc: str) -> None:
    assert quoted_missing(policy_doc, FLAG_CODES) == []
    assert quoted_missing(policy_doc, CATEGORIES) == []
