"""Action.created_at, filled for existing actions from their audit trail's creation entry.

Actions with no such entry (loaded in bulk with the audit trail off) keep it blank,
which the as-at views read as "existed all along", as they did before.
"""

import django.utils.timezone
from django.db import migrations, models


def from_audit_trail(apps, schema_editor):
    Action = apps.get_model("inspections", "Action")
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    content_type = ContentType.objects.filter(app_label="inspections", model="action").first()
    if content_type is None:
        return
    created = (
        LogEntry.objects.filter(content_type=content_type, action=0)  # 0: create
        .order_by("object_id", "timestamp")
        .values_list("object_id", "timestamp")
    )
    first = {}
    for object_id, timestamp in created:
        first.setdefault(object_id, timestamp)
    changed = []
    for action in Action.objects.filter(pk__in=first).only("pk"):
        action.created_at = first[action.pk]
        changed.append(action)
    Action.objects.bulk_update(changed, ["created_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("inspections", "0002_plan_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="created_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When the action was added to the plan; blank if that was not recorded.",
                null=True,
            ),
        ),
        migrations.RunPython(from_audit_trail, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="action",
            name="created_at",
            field=models.DateTimeField(
                blank=True,
                default=django.utils.timezone.now,
                editable=False,
                help_text="When the action was added to the plan; blank if that was not recorded.",
                null=True,
            ),
        ),
    ]
