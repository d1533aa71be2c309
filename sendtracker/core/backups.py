"""Backing up and restoring the PostgreSQL database with pg_dump and pg_restore.

The database holds everything: records, the audit trail, sessions, task results and
stored files (packs and letters, core.StoredFile), so one dump is the whole service.
Both tools take the connection from PG* environment variables built from Django's
settings, so that no password appears on a command line. On SQLite, use
`sqlite3 db.sqlite3 ".backup backup.sqlite3"` instead (see the README).
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import psycopg2
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from psycopg2 import sql


class BackupError(Exception):
    """What went wrong, in words for the person running the command."""


def _database(alias: str = DEFAULT_DB_ALIAS) -> dict:
    database = connections[alias].settings_dict
    if connections[alias].vendor != "postgresql":
        raise BackupError(
            "Backups by pg_dump need PostgreSQL. For SQLite, copy the database with "
            '`sqlite3 db.sqlite3 ".backup backup.sqlite3"`.'
        )
    return database


def _environment(database: dict, *, name: str | None = None) -> dict[str, str]:
    """The PG* variables pg_dump, pg_restore and psycopg2 read for this database."""
    variables = {
        "PGDATABASE": name or database["NAME"],
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
    }
    return {**os.environ, **{key: value for key, value in variables.items() if value}}


def default_backup_path(now: datetime.datetime | None = None) -> Path:
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"sendtracker-{stamp}.dump"


def _run(command: list[str], *, env: dict[str, str]) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()[-2000:]}") from None


def backup(path: Path, *, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Dump the whole database into `path` in pg_dump's custom (compressed) format.

    Written to a temporary name and renamed at the end, so that a file at `path` is
    always a whole dump. pg_dump reads one consistent snapshot while the site runs.
    """
    database = _database(alias)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"],
        env=_environment(database),
    )
    partial.replace(path)
    return path


def _connect(database: dict, name: str):
    env = _environment(database, name=name)
    return psycopg2.connect(
        dbname=name,
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
    )


def create_database(*, alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Create the configured database if it is missing; True if it was created."""
    database = _database(alias)
    connection = _connect(database, "postgres")
    connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]])
            if cursor.fetchone() is not None:
                return False
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))
            return True
    finally:
        connection.close()


def table_count(*, alias: str = DEFAULT_DB_ALIAS) -> int:
    """How many tables the configured database has in its public schema."""
    database = _database(alias)
    connection = _connect(database, database["NAME"])
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )
            return cursor.fetchone()[0]
    finally:
        connection.close()


def restore(path: Path, *, force: bool = False, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Restore a dump made by `backup` into the configured database.

    The database is created if it is missing. One that already has tables is refused
    unless `force`: then whatever the dump holds is dropped and replaced. All in one
    transaction, so that a failed restore leaves the database as it was.
    """
    database = _database(alias)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}")
    create_database(alias=alias)
    tables = table_count(alias=alias)
    if tables and not force:
        raise BackupError(
            f"The database {database['NAME']} is not empty ({tables} tables): restore into "
            "an empty database, or replace what it holds with FORCE=1 (--force)."
        )
    connections[alias].close()  # ours would hold locks on tables --clean drops
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    if tables:
        command += ["--clean", "--if-exists"]
    command += ["--single-transaction", f"--dbname={database['NAME']}", str(path)]
    _run(command, env=_environment(database))
