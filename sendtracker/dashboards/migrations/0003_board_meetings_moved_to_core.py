"""Board meetings now belong to core (core 0007): drop them from the dashboards' state.

No SQL: the tables, rows and keys stay as they are, now owned by core.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_board_meetings_moved_from_dashboards"),
        ("dashboards", "0002_council_summaries"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AgreedAction"),
                migrations.DeleteModel(name="BoardMeeting"),
            ],
            database_operations=[],
        ),
    ]
