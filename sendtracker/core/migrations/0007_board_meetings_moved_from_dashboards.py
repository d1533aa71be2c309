"""Board meetings (and the actions they agree) move from dashboards to core.

Only Django's idea of which app owns them changes: the tables keep their names
(`dashboards_boardmeeting`, `dashboards_agreedaction`), their rows and their keys, so
no SQL runs (dashboards 0003 drops them from the dashboards' state). The content types
move too, so the audit trail's entries about meetings stay attached to them.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("boardmeeting", "agreedaction")


def move_content_types(apps, schema_editor, *, to="core", frm="dashboards"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label=to, model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=frm, model=model).update(app_label=to)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, to="dashboards", frm="core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_health_partner_role"),
        ("dashboards", "0002_council_summaries"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BoardMeeting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "board_name",
                            models.CharField(help_text="For example, SENDIB.", max_length=200),
                        ),
                        ("held_on", models.DateField(verbose_name="date of the meeting")),
                        (
                            "attendees",
                            models.TextField(
                                help_text="One role a line, for example Chair (independent) "
                                "or Parent carer forum."
                            ),
                        ),
                        ("apologies", models.TextField(blank=True, help_text="One role a line.")),
                        (
                            "decisions",
                            models.TextField(blank=True, help_text="One decision a line."),
                        ),
                        (
                            "council",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="board_meetings",
                                to="core.council",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "dashboards_boardmeeting",
                        "ordering": ["council", "-held_on", "-pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("council", "board_name", "held_on"),
                                name="one_board_meeting_a_day",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="AgreedAction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("description", models.TextField()),
                        ("owner", models.CharField(help_text="A role title.", max_length=200)),
                        (
                            "due_on",
                            models.DateField(blank=True, null=True, verbose_name="due date"),
                        ),
                        ("done", models.BooleanField(default=False)),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="actions",
                                to="core.boardmeeting",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "dashboards_agreedaction",
                        "ordering": ["meeting", "pk"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
