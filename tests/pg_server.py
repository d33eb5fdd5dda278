"""A throw-away PostgreSQL cluster for the tests: initdb in a temporary folder, trust, loopback.

The server refuses to run as root, so as root the cluster belongs to the ``postgres`` user and
every server program runs through ``runuser``. Nothing here touches the machine's own cluster.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

SUPERUSER = "privdesk_test"
# A role whose password libpq must find (pgpass) because its logins are not trusted.
PASSWORD_USER = "secret_dpo"


class PostgresUnavailable(Exception):
    """The cluster could not be set up here (no PostgreSQL, no unprivileged user, ...)."""


def unavailable(reason: str) -> NoReturn:
    """Skip a postgres test here; but fail it in CI, where the postgres tests must run."""
    import pytest

    message = f"PostgreSQL is not available: {reason}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set: the postgres tests must run)", pytrace=False)
    pytest.skip(message)


def find_bindir() -> Path | None:
    """Debian's server programs (not on PATH), else whatever ``pg_ctl`` is on PATH."""
    configured = os.environ.get("PRIVDESK_PG_BINDIR")
    if configured:  # only this one: a way to point at another version, or at none
        found = Path(configured)
        return found if (found / "initdb").exists() and (found / "pg_ctl").exists() else None
    candidates: list[Path] = []
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        versions = sorted((p for p in root.iterdir() if (p / "bin" / "initdb").exists()),
                          key=lambda p: int(p.name) if p.name.isdigit() else 0, reverse=True)
        candidates += [v / "bin" for v in versions]
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgServer:
    """One running throw-away cluster; ``create_database`` gives each test its own database."""

    bindir: Path
    folder: Path
    port: int
    run_as: str | None
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(self.bindir / program), *args]
        return ["runuser", "-u", self.run_as, "--", *command] if self.run_as else command

    def _run(self, program: str, *args: str) -> None:
        completed = subprocess.run(self._command(program, *args), capture_output=True, text=True,
                                   timeout=120, cwd=self.folder, check=False)
        if completed.returncode != 0:
            raise PostgresUnavailable(
                f"{program} failed ({completed.returncode}): {completed.stderr.strip()}"
                + (f"\n{self.log.read_text(errors='replace')}" if self.log.exists() else ""))

    @classmethod
    def start(cls) -> PgServer:
        """initdb and start a cluster listening on a free loopback port only."""
        bindir = find_bindir()
        if bindir is None:
            raise PostgresUnavailable("no PostgreSQL server programs (apt-get install postgresql)")
        run_as = None
        if os.geteuid() == 0:
            run_as = os.environ.get("PRIVDESK_PG_USER", "postgres")
            if shutil.which("runuser") is None:
                raise PostgresUnavailable("running as root without runuser")
        folder = Path(tempfile.mkdtemp(prefix="privdesk-pg-"))
        server = cls(bindir, folder, free_port(), run_as)
        try:
            if run_as is not None:
                shutil.chown(folder, user=run_as)
            server._initdb()
            server._run("pg_ctl", "-D", str(server.data), "-l", str(server.log), "-w",
                        "-t", "60", "-o", server._options(), "start")
        except (PostgresUnavailable, OSError, LookupError, subprocess.SubprocessError) as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise PostgresUnavailable(str(error)) from error
        return server

    def _initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        # A password role first (the first matching line wins), then trust for everyone else.
        hba = self.data / "pg_hba.conf"
        hba.write_text(
            f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n"
            "local all all trust\n"
            "host all all 127.0.0.1/32 trust\n",
            encoding="utf-8",
        )

    def _options(self) -> str:
        # Durability is pointless for a cluster that lives as long as a test run.
        return (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------ databases and roles

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None) -> str:
        """A SQLAlchemy URL (psycopg 3) for ``database`` on this server."""
        secret = f":{password}" if password else ""
        return f"postgresql+psycopg://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the superuser, outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database,
                             autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement.encode("utf-8"))

    def create_database(self, owner: str = SUPERUSER) -> str:
        """A fresh, empty database (from template0, UTF-8); returns its name."""
        name = f"register_{os.getpid()}_{next(self._names)}"
        self.execute(f'CREATE DATABASE "{name}" OWNER "{owner}" TEMPLATE template0 '
                     "ENCODING 'UTF8'")
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_role(self, name: str, password: str | None = None, member_of: str = "") -> None:
        """A login role (roles are cluster-wide: made once, its password set each time)."""
        secret = f" PASSWORD '{password}'" if password else ""
        group = f' IN ROLE "{member_of}"' if member_of else ""
        self.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
            f'THEN CREATE ROLE "{name}" LOGIN{secret}{group}; END IF; END $$')
        if password:
            self.execute(f'ALTER ROLE "{name}" PASSWORD \'{password}\'')
