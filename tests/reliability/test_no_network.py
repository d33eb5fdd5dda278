"""privdesk opens no network connection: every command runs with the network blocked.

An audit hook in the child process (``sitecustomize``) refuses and records any name lookup or
connection to a network address, so an attempt is seen even if the program swallowed the error.
"""

from __future__ import annotations

import json
from pathlib import Path

from support import run_cli_subprocess

BLOCKER = '''
import os, socket, sys

_LOG = os.environ["PRIVDESK_NETWORK_LOG"]

def _refuse(event, args):
    if event == "socket.getaddrinfo" or (
        event == "socket.connect" and getattr(args[0], "family", None) != socket.AF_UNIX
    ):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{event} {args[1:]!r}\\n")
        raise PermissionError("network access is blocked in this test")

sys.addaudithook(_refuse)
'''

# Run each command as ``privdesk`` would, one after the other; print the exit statuses and
# what each wrote to stderr, as JSON.
BATCH = r"""
import contextlib, io, json, sys
from privdesk.app import main
results = []
for arguments in json.loads(sys.argv[1]):
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(arguments)
        except SystemExit as leaving:
            code = leaving.code if isinstance(leaving.code, int) else 1
    results.append((code, stderr.getvalue()))
print(json.dumps(results))
"""

INCIDENT = {
    "ref": "INC-1", "title": "Laptop stolen", "aware_at": "2026-11-20T09:15:00+01:00",
    "breach_types": ["confidentiality"], "data_categories": ["identity", "special_needs"],
    "subject_groups": ["pupils"], "subjects_count": 30, "children": True,
    "exposure": "unknown", "encrypted": False,
}


def test_every_command_runs_without_the_network(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {"PYTHONPATH": str(tmp_path / "site"), "PRIVDESK_NETWORK_LOG": str(log)}
    register = str(tmp_path / "r.sqlite")
    incident = tmp_path / "incident.json"
    incident.write_text(json.dumps(INCIDENT), encoding="utf-8")
    policy = tmp_path / "policy.txt"
    policy.write_text("We store data in Sweden. Contact privacy@vendor.example.", "utf-8")
    commands = [
        ("init", "--demo", "--db", register),
        ("list", "activities", "--db", register, "--json"),
        ("list", "requests", "--db", register, "--json"),
        ("list", "incidents", "--db", register, "--json"),
        ("dump", "--db", register, "--out", str(tmp_path / "dump.json")),
        ("load", "--db", str(tmp_path / "copy.sqlite"), str(tmp_path / "dump.json")),
        ("export-ropa", "--db", register, "--out", str(tmp_path / "ropa.xlsx")),
        ("import-ropa", "--db", register, str(tmp_path / "ropa.xlsx"), "--dry-run"),
        ("letter", "--db", register, "--request", "DSAR-2026-001",
         "--out", str(tmp_path / "letter.pdf")),
        ("breach-report", "--db", register, "--incident", "INC-2026-001",
         "--out", str(tmp_path / "report.pdf")),
        ("assess-incident", str(incident), "--json"),
        ("review-policy", str(policy), "--json"),
    ]
    # One child runs every command in turn through the entry function (one Python start):
    # the audit hook in its sitecustomize is there from the start, imports included, and
    # cannot be removed again, so this is never run in the test's own process.
    completed = run_cli_subprocess("-c", BATCH, json.dumps(commands), env=env, python=True)
    results = json.loads(completed.stdout)
    assert completed.code == 0 and len(results) == len(commands), completed.stderr[-2000:]
    for command, (code, stderr) in zip(commands, results, strict=True):
        assert code == 0, (command, stderr[-2000:])
    assert not log.exists(), log.read_text(encoding="utf-8")
