"""Backup and restore, timed and compared table by table.

    .venv/bin/python scripts/faults/backup_restore.py

On the fault scripts' own PostgreSQL (scripts/faults/_harness.py: the national scale
data, the demo, and what the other fault scripts wrote, audit trail included): times
`make backup` (the documented command: `manage.py backup_database`, pg_dump) of that
database, then `make restore` of the dump into a new, empty database, and compares
every table of the two: its rows counted and an MD5 of all its rows in order. PASS when
every table, the audit trail (auditlog_logentry) among them, is the same.
"""

import subprocess
import sys
import time

import psycopg2
from _harness import (
    DB_NAME,
    PG_PORT,
    ROOT,
    STATE,
    Postgres,
    app_environment,
    log,
    print_report,
    save_result,
)

RESTORED = f"{DB_NAME}_restored"


def run(command: list[str], **extra: str) -> float:
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=app_environment(**extra), check=True)
    return time.monotonic() - started


def tables(pg: Postgres, dbname: str) -> dict[str, tuple[int, str]]:
    """Each table's (rows, MD5 of its rows as text, sorted)."""
    connection = psycopg2.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname=dbname)
    found = {}
    with connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{name}\" t"  # noqa: E501, S608 (names from pg_tables)
            )
            found[name] = cursor.fetchone()
    connection.close()
    return found


def main() -> int:
    pg = Postgres()
    pg.ensure()
    dump = STATE / "backup.dump"
    dump.unlink(missing_ok=True)
    admin = pg.connect()
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
        cursor.execute(f"SELECT pg_size_pretty(pg_database_size('{DB_NAME}'))")
        size = cursor.fetchone()[0]
    admin.close()

    log(f"make backup of {DB_NAME} ({size})")
    backup_seconds = run(["make", "-s", "backup", f"BACKUP_FILE={dump}"])
    restored_url = f"postgres://postgres@127.0.0.1:{PG_PORT}/{RESTORED}"
    log(f"make restore into the new database {RESTORED}")
    restore_seconds = run(
        ["make", "-s", "restore", f"BACKUP_FILE={dump}"], DATABASE_URL=restored_url
    )
    log("comparing every table")
    original, restored = tables(pg, DB_NAME), tables(pg, RESTORED)
    different = sorted(
        name
        for name in original.keys() | restored.keys()
        if original.get(name) != restored.get(name)
    )
    rows = sum(count for count, _ in original.values())
    audit = original.get("auditlog_logentry", (0, ""))[0]
    lines = [
        f"database {DB_NAME}: {size}, {len(original)} tables, {rows:,} rows "
        f"({audit:,} audit entries); dump {dump.stat().st_size:,} bytes",
        f"make backup: {backup_seconds:.1f} s; make restore into an empty database: "
        f"{restore_seconds:.1f} s",
        f"tables that differ: {', '.join(different) or 'none'}",
    ]
    checks = [
        (
            f"every table the same after restore ({len(original)} tables, counts and MD5 of rows)",
            not different and len(original) == len(restored),
        ),
        (
            f"the audit trail the same ({audit:,} entries)",
            original.get("auditlog_logentry") == restored.get("auditlog_logentry"),
        ),
    ]
    code = print_report("Backup and restore", lines, checks)
    save_result("backup-restore", {"lines": lines, "checks": checks})
    return code


if __name__ == "__main__":
    sys.exit(main())
