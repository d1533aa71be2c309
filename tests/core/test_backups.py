"""Backup and restore (core.backups, `make backup` / `make restore`): a dump of a filled
database restored into an empty one holds every table's rows, the audit trail, the
stored files and the sequences, and the audit trail stays append-only."""

import os
import subprocess
import sys
from contextlib import contextmanager

import psycopg2
import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from sendtracker.core import backups
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role

ROOT = settings.BASE_DIR


def primary_key_columns(cursor, table: str) -> list[str]:
    cursor.execute(
        """
        SELECT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = %s::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey::int2[], a.attnum)
        """,
        [f'"{table}"'],
    )
    return [row[0] for row in cursor.fetchall()]


def fingerprint(cursor) -> dict[str, tuple]:
    """Every table's row count and an MD5 of its rows in primary-key order, and every
    sequence's last value."""
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    tables = [row[0] for row in cursor.fetchall()]
    prints = {}
    for table in tables:
        order = ", ".join(f't."{c}"' for c in primary_key_columns(cursor, table)) or "t::text"
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY {order}), '')) "  # noqa: S608 (names from the catalog)
            f'FROM "{table}" t'
        )
        prints[table] = cursor.fetchone()
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    prints.update({f"sequence {name}": (value,) for name, value in cursor.fetchall()})
    return prints


AUDIT_TRAIL = (
    "SELECT id, content_type_id, object_pk, object_repr, action, changes_text, actor_id, "
    "remote_addr, timestamp FROM auditlog_logentry ORDER BY id"
)


def server(database: str):
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=database,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )


@contextmanager
def cursor_on(database: str):
    """A cursor on another database of the server; committed and closed at the end."""
    other = server(database)
    try:
        with other, other.cursor() as cursor:
            yield cursor
    finally:
        other.close()


@pytest.fixture
def empty_database():
    """The name of a database that does not exist yet (the restore creates it)."""
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = server("postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def restore_into(database: str, backup_file, *extra):
    """`manage.py restore_database` as an operator runs it, against another database."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{database}"
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "restore_database", str(backup_file), *extra],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_holds_every_table_and_the_audit_trail(
    tmp_path, empty_database, reference_places, make_user, leicester
):
    call_command("load_demo", verbosity=0)
    administrator = make_user(Role.SITE_ADMINISTRATOR)
    grant_role(user=make_user(), role=Role.BOARD_MEMBER, council=leicester, by=administrator)
    default_storage.save("packs/restore/pack.pdf", ContentFile(b"%PDF-1.7 kept"))
    assert LogEntry.objects.filter(actor=administrator).exists()

    backup_file = tmp_path / "backups" / "sendtracker.dump"
    call_command("backup_database", output=backup_file, verbosity=0)
    assert backup_file.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format

    restored = restore_into(empty_database, backup_file)
    assert restored.returncode == 0, restored.stderr

    with connection.cursor() as cursor:
        source, source_audit = fingerprint(cursor), (cursor.execute(AUDIT_TRAIL), cursor.fetchall())
    with cursor_on(empty_database) as cursor:
        target, target_audit = fingerprint(cursor), (cursor.execute(AUDIT_TRAIL), cursor.fetchall())
        cursor.execute("SELECT content FROM core_storedfile WHERE name = 'packs/restore/pack.pdf'")
        assert bytes(cursor.fetchone()[0]) == b"%PDF-1.7 kept"
    assert len(source) > 50 and source["auditlog_logentry"][0] > 0
    assert target == source
    assert target_audit[1] == source_audit[1] and len(source_audit[1]) > 10

    # The restored audit trail is as append-only as the original.
    with (
        pytest.raises(psycopg2.errors.RaiseException, match="cannot be deleted"),
        cursor_on(empty_database) as cursor,
    ):
        cursor.execute("DELETE FROM auditlog_logentry")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_database_in_use_is_replaced_only_when_forced(tmp_path, empty_database, officer):
    backup_file = tmp_path / "sendtracker.dump"
    call_command("backup_database", output=backup_file, verbosity=0)
    assert restore_into(empty_database, backup_file).returncode == 0
    with cursor_on(empty_database) as cursor:
        cursor.execute(
            "UPDATE core_user SET email = 'changed@example' WHERE email = %s", [officer.email]
        )

    refused = restore_into(empty_database, backup_file)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "FORCE=1" in refused.stderr
    with cursor_on(empty_database) as cursor:
        cursor.execute("SELECT count(*) FROM core_user WHERE email = %s", [officer.email])
        assert cursor.fetchone()[0] == 0

    forced = restore_into(empty_database, backup_file, "--force")
    assert forced.returncode == 0, forced.stderr
    with cursor_on(empty_database) as cursor:
        cursor.execute("SELECT count(*) FROM core_user WHERE email = %s", [officer.email])
        assert cursor.fetchone()[0] == 1


@pytest.mark.postgresql
@pytest.mark.django_db
def test_a_missing_backup_file_is_named(tmp_path):
    with pytest.raises(backups.BackupError, match="no backup file"):
        backups.restore(tmp_path / "missing.dump")


@pytest.mark.django_db
def test_on_sqlite_the_backup_command_says_to_use_sqlite3(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(CommandError, match=r"sqlite3 db.sqlite3 \".backup"):
        call_command("backup_database", output=tmp_path / "x.dump")
