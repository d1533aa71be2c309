"""The home page's "what needs you" for a board member and an adviser, and the meeting
page's list of what the board signed off there."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import services
from inspections.models import Action
from sendtracker.core.models.people import Role
from tests.factories import BoardMeetingFactory
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete_action(leicester, officer):
    plan = plan_with_actions(3, council=leicester)
    action = Action.objects.filter(plan=plan).order_by("position").first()
    services.update_action_status(
        action=action,
        by=officer,
        status="complete",
        stage="completed",
        evidence_of_output="Minutes",
        expected_version=action.version,
    )
    return action


def test_a_board_member_sees_what_awaits_sign_off_and_the_next_meeting(
    client, board_member, complete_action, leicester
):
    today = timezone.localdate()
    BoardMeetingFactory(council=leicester, held_on=today + datetime.timedelta(days=9))
    client.force_login(board_member)
    page = client.get(reverse("home")).content.decode()
    awaiting = page[page.index("awaiting the board") : page.index("next meeting")]
    assert f"Action {complete_action.ref}" in awaiting
    assert f"{today + datetime.timedelta(days=9):%-d %B %Y}" in page


def test_the_meeting_page_lists_what_the_board_signed_off_there(
    client, board_member, complete_action, leicester
):
    meeting = BoardMeetingFactory(council=leicester)
    other = BoardMeetingFactory(council=leicester, held_on=meeting.held_on - datetime.timedelta(1))
    services.sign_off_action(
        action=complete_action,
        by=board_member,
        meeting=meeting,
        minute="4.1",
        expected_version=complete_action.version,
    )
    client.force_login(board_member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f"Action {complete_action.ref}</a>" in page and "4.1" in page
    assert "signed no action off" in client.get(other.get_absolute_url()).content.decode()
    home = client.get(reverse("home")).content.decode()
    awaiting = home[home.index("awaiting the board") : home.index("next meeting")]
    assert complete_action.get_absolute_url() not in awaiting


def test_an_adviser_sees_councils_with_new_delays_since_their_last_visit(
    client, make_user, leicester, officer
):
    adviser = make_user(Role.ADVISER, region=leicester.region)
    plan = plan_with_actions(2, council=leicester)
    action = Action.objects.filter(plan=plan).order_by("position").first()
    action.status, action.recovery_date, action.status_reason = "on_track", None, ""
    action.save()
    client.force_login(adviser)
    session = client.session
    session["previous_visit"] = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    session.save()
    assert "No action has become delayed" in client.get(reverse("home")).content.decode()
    services.update_action_status(
        action=action,
        by=officer,
        status="major_delay",
        stage="action",
        reason="No data",
        recovery_date=timezone.localdate() + datetime.timedelta(days=30),
        expected_version=action.version,
    )
    page = client.get(reverse("home")).content.decode()
    assert "Leicester</a>: 1 action newly delayed" in page


def test_signing_in_keeps_the_previous_visit(client, make_user, leicester):
    from tests.factories import TEST_PASSWORD

    adviser = make_user(Role.ADVISER, region=leicester.region)
    before = timezone.now() - datetime.timedelta(days=3)
    adviser.last_login = before
    adviser.save()
    client.post(reverse("login"), {"username": adviser.email, "password": TEST_PASSWORD})
    assert client.session["previous_visit"] == before.isoformat()
