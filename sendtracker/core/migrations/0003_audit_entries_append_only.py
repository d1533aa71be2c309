"""Make audit entries append-only in PostgreSQL itself.

A trigger refuses DELETE, and any UPDATE except the actor being cleared (Django sets
actor to NULL if a user is ever deleted). SQLite, the local default, relies on the
ORM guards in sendtracker.core.audit; production and CI run PostgreSQL.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION sendtracker_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit entries cannot be deleted';
  END IF;
  IF (to_jsonb(NEW) - 'actor_id') IS DISTINCT FROM (to_jsonb(OLD) - 'actor_id') THEN
    RAISE EXCEPTION 'audit entries cannot be changed';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER sendtracker_audit_append_only
  BEFORE UPDATE OR DELETE ON auditlog_logentry
  FOR EACH ROW EXECUTE FUNCTION sendtracker_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS sendtracker_audit_append_only ON auditlog_logentry;
DROP FUNCTION IF EXISTS sendtracker_audit_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_reference_places"), ("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(create, drop)]
