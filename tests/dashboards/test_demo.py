"""What `manage.py load_demo` gives the dashboards: Leicester's board meetings."""

import pytest

from sendtracker.core.models import User
from sendtracker.dashboards.models import BoardMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(reference_places):
    """Every app's demo data, as `manage.py load_demo` loads it."""
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def demo_user(demo):
    return lambda email: User.objects.get(email=email)


def test_load_demo_records_leicesters_sendib_meetings(demo, leicester):
    meetings = list(BoardMeeting.objects.filter(council=leicester).order_by("held_on"))
    assert [m.board_name for m in meetings] == ["SENDIB"] * 4
    assert "Parent carer forum representative" in meetings[0].attendee_list
    assert all(m.actions.exists() for m in meetings)
    assert all(a.owner and a.due_on for m in meetings for a in m.actions.all())


def test_load_demo_twice_adds_no_meeting(demo, leicester):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert BoardMeeting.objects.filter(council=leicester).count() == 4


def test_since_last_meeting_on_the_demo_shows_what_moved(client, demo_user, leicester):
    client.force_login(demo_user("board@leicester.example"))
    body = client.get(f"/councils/{leicester.slug}/dashboard/?view=since").content.decode()
    assert "Since the last meeting: SENDIB, 16 December 2021" in body
    moved = body.split('id="moved"')[1].split("</ul>")[0]
    assert "Nothing moved" not in moved


def test_as_at_28_october_2021_the_headline_and_the_board_table_agree(client, demo_user, leicester):
    """The demo once showed 14 actions (3 not started) in the comparison table and 11
    (0 not started) in the headline: the headline left out actions recorded as added
    on the day the demo loaded, the table counted them. The APP's 14 actions were in the
    plan approved on 30 July 2021; both now count them, the same way."""
    from sendtracker.core.status import Status

    meeting = BoardMeeting.objects.get(council=leicester, held_on="2021-10-28")
    client.force_login(demo_user("board@leicester.example"))
    body = client.get(
        f"/councils/{leicester.slug}/dashboard/?view=as-at&meeting={meeting.pk}"
    ).content.decode()

    def figure(name):
        cell = body.split(f'data-figure="{name}">')[1].split("</td>")[0]
        return int(
            cell.split(">")[1].split("<")[0] if cell.startswith("<a") else cell.split("<")[0]
        )

    board = {s.value: figure(f"board-{s.value}") for s in Status}
    headline = {s.value: figure(f"status-{s.value}") for s in Status}
    assert board == headline
    assert sum(headline.values()) == 14 and headline["not_started"] == 3
    assert "Actions in Leicester's plans, by status (14 in all)" in body
