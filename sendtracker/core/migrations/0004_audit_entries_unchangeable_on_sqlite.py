"""Refuse changes to audit entries in SQLite too, as 0003 does in PostgreSQL.

`QuerySet.update()` and raw SQL bypass the ORM guards in sendtracker.core.audit, and
SQLite is the embedded default. SQLite cannot compare whole rows, so the trigger fires
on any UPDATE that names a column other than actor_id (Django clears the actor when a
user is deleted). There is no DELETE trigger on SQLite: Django's `flush` (used between
transactional tests) empties tables with DELETE there; the ORM guard refuses deletion.
Rebuilding the table (a later auditlog migration altering it) drops the trigger: add
a migration that runs `create` again after any such change.
"""

from django.db import migrations

TRIGGER = "sendtracker_audit_no_update"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        columns = [
            column.name
            for column in connection.introspection.get_table_description(
                cursor, "auditlog_logentry"
            )
        ]
    guarded = ", ".join(schema_editor.quote_name(name) for name in columns if name != "actor_id")
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OF {guarded} ON auditlog_logentry "
        "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_entries_append_only"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(create, drop)]
