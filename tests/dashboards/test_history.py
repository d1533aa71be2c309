"""As at a meeting and since the last one, from the StatusUpdate history."""

import datetime

import pytest
from django.utils import timezone

from inspections import selectors as plan_selectors
from inspections import services
from inspections.models import Action
from sendtracker.core.models.people import Role
from sendtracker.dashboards import history
from sendtracker.dashboards.services import record_meeting
from tests.factories import BoardMeetingFactory
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def update(action, status, day, **extra):
    action.refresh_from_db()
    if status in ("minor_delay", "major_delay"):
        extra.setdefault("reason", "Staff shortage")
        extra.setdefault("recovery_date", day + datetime.timedelta(days=60))
    if status == "complete":
        extra.setdefault("evidence_of_output", "Minutes of the board")
    return services.update_action_status(
        action=action,
        by=None,
        status=status,
        stage="action",
        expected_version=action.version,
        at=at(day),
        **extra,
    )


@pytest.fixture
def plan(leicester):
    plan = plan_with_actions(3, council=leicester, areas=1)
    Action.objects.filter(plan=plan).update(status="not_started")
    return plan


def test_counts_at_replay_the_history(plan):
    a0, a1, a2 = Action.objects.filter(plan=plan).order_by("position")
    update(a0, "on_track", D(2024, 1, 10))
    update(a1, "on_track", D(2024, 1, 10))
    update(a1, "major_delay", D(2024, 3, 10))
    events = plan_selectors.status_history(plan.actions.all())
    ids = [a0.pk, a1.pk, a2.pk]
    feb = history.counts_at(events, history.end_of(D(2024, 2, 1)), ids)
    assert feb["on_track"] == 2 and feb["not_started"] == 1 and feb["major_delay"] == 0
    april = history.counts_at(events, history.end_of(D(2024, 4, 1)), ids)
    assert april["on_track"] == 1 and april["major_delay"] == 1
    assert history.counts_at(events, history.end_of(D(2023, 12, 1)), ids)["not_started"] == 3


def test_changes_between_meetings_name_what_moved_and_slipped(plan):
    a0, a1, a2 = Action.objects.filter(plan=plan).order_by("position")
    update(a0, "on_track", D(2024, 1, 10))
    update(a1, "on_track", D(2024, 1, 10))
    update(a1, "minor_delay", D(2024, 2, 10))  # slipped after the January meeting
    update(a0, "complete", D(2024, 2, 12))  # moved, not a slip
    update(a2, "on_track", D(2024, 1, 20))
    update(a2, "on_track", D(2024, 2, 20), note="Still on track")  # no move
    events = plan_selectors.status_history(plan.actions.all())
    report = history.changes_between(
        events, history.end_of(D(2024, 1, 31)), history.end_of(D(2024, 2, 29))
    )
    assert {c.action_id for c in report.moved} == {a0.pk, a1.pk}
    assert [c.action_id for c in report.slipped] == [a1.pk]
    assert report.signed_off == []


def test_sign_off_since_the_last_meeting_is_reported(plan, make_user, leicester):
    a0 = Action.objects.filter(plan=plan).order_by("position").first()
    update(a0, "complete", D(2024, 1, 10))
    board = make_user(Role.BOARD_MEMBER, council=leicester)
    a0.refresh_from_db()
    services.sign_off_action(
        action=a0,
        by=board,
        meeting=BoardMeetingFactory(council=leicester),
        expected_version=a0.version,
    )
    events = plan_selectors.status_history(plan.actions.all())
    report = history.changes_between(events, history.end_of(D(2024, 2, 1)), timezone.now())
    assert report.signed_off == [a0.pk]


def test_monthly_counts_match_counts_at_each_month_end(plan):
    a0, a1, _ = Action.objects.filter(plan=plan).order_by("position")
    update(a0, "on_track", D(2024, 1, 10))
    update(a1, "major_delay", D(2024, 2, 10))
    update(a0, "complete", D(2024, 3, 31))
    events = plan_selectors.status_history(plan.actions.all())
    ids = list(plan.actions.values_list("pk", flat=True))
    ends = history.month_ends(D(2024, 4, 15), 4)
    assert ends == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30)]
    for day, counts in history.monthly_counts(events, ids, ends):
        assert counts == history.counts_at(events, history.end_of(day), ids)


def test_dashboard_since_last_meeting_shows_the_changes(client, plan, make_user, leicester):
    a0, a1, _ = Action.objects.filter(plan=plan).order_by("position")
    update(a0, "on_track", D(2024, 1, 10))
    officer = make_user(Role.COUNCIL_OFFICER, council=leicester)
    record_meeting(
        council=leicester,
        by=officer,
        board_name="SENDIB",
        held_on=D(2024, 1, 31),
        attendees="Chair",
    )
    update(a1, "major_delay", D(2024, 2, 10))
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicester))
    body = client.get(f"/councils/{leicester.slug}/dashboard/?view=since").content.decode()
    assert "Since the last meeting: SENDIB, 31 January 2024" in body
    assert 'data-then="major_delay">0<' in body
    assert 'data-figure="board-major_delay">1<' in body
    slipped = body.split('id="slipped"')[1].split("</ul>")[0]
    assert a1.ref in slipped and a0.ref not in slipped
    as_at = client.get(f"/councils/{leicester.slug}/dashboard/?view=as-at").content.decode()
    assert "As at SENDIB, 31 January 2024" in as_at
    assert 'data-figure="board-on_track">1<' in as_at
    assert 'data-figure="board-major_delay">0<' in as_at
