from django.db import migrations, models


def recompute_plans_part(apps, schema_editor):
    """Rows computed before these fields existed hold no delays or changes: mark their
    plans part as behind, so that it is recomputed when next read."""
    apps.get_model("dashboards", "CouncilSummary").objects.update(plans_clean=None)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0003_board_meetings_moved_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="councilsummary",
            name="delays",
            field=models.JSONField(default=list),
        ),
        migrations.AddField(
            model_name="councilsummary",
            name="recent_changes",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(recompute_plans_part, migrations.RunPython.noop),
    ]
