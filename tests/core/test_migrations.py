"""Board meetings move from dashboards to core without touching their rows."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(to):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(to)
    return executor.loader.project_state(to).apps


@pytest.fixture
def before_the_move(leicester):
    """The database before the move; put back afterwards, pass or fail."""
    apps = migrate([("dashboards", "0002_council_summaries"), ("core", "0006_health_partner_role")])
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_meetings_their_agreed_actions_and_audit_entries_survive_the_move(before_the_move):
    apps = before_the_move
    Council = apps.get_model("core", "Council")
    Meeting = apps.get_model("dashboards", "BoardMeeting")
    Agreed = apps.get_model("dashboards", "AgreedAction")
    ContentType = apps.get_model("contenttypes", "ContentType")
    meeting = Meeting.objects.create(
        council=Council.objects.get(dfe_la_code=856),
        board_name="SENDIB",
        held_on=datetime.date(2021, 9, 30),
        attendees="Chair (independent)",
    )
    agreed = Agreed.objects.create(meeting=meeting, description="Circulate", owner="Head of SEND")
    ContentType.objects.filter(app_label="core", model="boardmeeting").delete()
    old_type, _ = ContentType.objects.get_or_create(app_label="dashboards", model="boardmeeting")

    apps = migrate([("dashboards", "0003_board_meetings_moved_to_core")])
    Meeting = apps.get_model("core", "BoardMeeting")
    ContentType = apps.get_model("contenttypes", "ContentType")
    moved = Meeting.objects.get(pk=meeting.pk)
    assert (moved.board_name, moved.held_on) == ("SENDIB", datetime.date(2021, 9, 30))
    assert list(moved.actions.values_list("pk", flat=True)) == [agreed.pk]
    assert ContentType.objects.get(pk=old_type.pk).app_label == "core"
