"""The council dashboard as at a board meeting or a date, replayed from the history."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inspections import services as plan_services
from inspections.models import Action, ImprovementPlan
from programmes import selectors as programme_selectors
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.dashboards import as_at, history
from sendtracker.dashboards.scale import generate
from sendtracker.dashboards.services import record_meeting
from tests.dashboards.test_views import END, grow
from tests.factories import BoardMeetingFactory
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def update(action, status, day, stage="action", **extra):
    action.refresh_from_db()
    if status in ("minor_delay", "major_delay"):
        extra.setdefault("reason", "Staff shortage")
        extra.setdefault("recovery_date", day + datetime.timedelta(days=60))
    if status == "complete":
        extra.setdefault("evidence_of_output", "Minutes of the board")
    return plan_services.update_action_status(
        action=action,
        by=None,
        status=status,
        stage=stage,
        expected_version=action.version,
        at=at(day),
        **extra,
    )


@pytest.fixture
def plan(leicester):
    plan = plan_with_actions(4, council=leicester, areas=1)
    Action.objects.filter(plan=plan).update(status="not_started", evidence_of_output="")
    return plan


@pytest.fixture
def meeting(leicester, officer):
    return record_meeting(
        council=leicester,
        by=officer,
        board_name="SENDIB",
        held_on=D(2024, 3, 14),
        attendees="Chair (independent)",
    )


def figure(body: str, name: str) -> str:
    cell = body.split(f'data-figure="{name}">')[1].split("</td>")[0]
    return cell.split(">")[1].split("<")[0] if cell.startswith("<a") else cell.split("<")[0]


def test_a_status_changed_after_the_meeting_shows_today_but_not_as_at_it(
    client, board_member, leicester, plan, meeting
):
    a0 = Action.objects.get(plan=plan, ref="A0")
    update(a0, "on_track", D(2024, 2, 1))
    update(a0, "major_delay", D(2024, 4, 2), recovery_date=D(2030, 1, 1))
    client.force_login(board_member)
    url = f"/councils/{leicester.slug}/dashboard/"
    today = client.get(url).content.decode()
    then = client.get(f"{url}?view=as-at&meeting={meeting.pk}").content.decode()
    assert figure(today, "status-major_delay") == "1"
    assert figure(today, "status-on_track") == "0"
    assert figure(then, "status-major_delay") == "0"
    assert figure(then, "status-on_track") == "1"
    assert "As at the meeting of 14 March 2024: figures are as they stood then" in then
    assert "No action is delayed." in then  # the exception report as at the meeting
    assert "No action is delayed." not in today


def test_counts_as_at_a_date_equal_the_hand_computed_history(leicester, plan, board_member):
    a0, a1, a2, _a3 = Action.objects.filter(plan=plan).order_by("position")
    update(a0, "on_track", D(2024, 1, 10), stage="evidence")
    update(a0, "complete", D(2024, 2, 10), stage="completed")
    plan_services.sign_off_action(
        action=a0,
        by=board_member,
        meeting=BoardMeetingFactory(council=leicester),
        expected_version=a0.version,
    )
    update(a1, "minor_delay", D(2024, 1, 20), recovery_date=D(2024, 2, 28))
    update(a1, "on_track", D(2024, 3, 20))
    update(a2, "complete", D(2024, 5, 1), stage="completed")
    # By the end of 14 March 2024: a0 complete at Completed (its sign-off is today's, so
    # not yet); a1 minor delay, its recovery date (28 Feb) passed so overdue; a2 and a3
    # not started at the Action stage, their action milestone (31 Dec 2021) passed.
    dashboard = as_at.council_dashboard_as_at(
        board_member, leicester, moment=history.end_of(D(2024, 3, 14))
    )
    figures = dashboard["actions"]
    assert figures["total"] == 4
    assert figures["status"] == {
        "not_started": 2,
        "on_track": 0,
        "minor_delay": 1,
        "major_delay": 0,
        "complete": 1,
    } | {k: 0 for k in figures["status"] if k not in ("not_started", "minor_delay", "complete")}
    assert figures["stage"]["action"] == 3 and figures["stage"]["completed"] == 1
    assert figures["overdue"] == 3
    assert figures["signed_off"] == 0
    assert [entry["ref"] for entry, _ in dashboard["exceptions"]] == ["A1"]
    assert dashboard["exceptions"][0][0]["recovery_date"] == "2024-02-28"
    # Today: a0 signed off, a1 on track, a2 complete.
    now = as_at.council_dashboard_as_at(board_member, leicester, moment=timezone.now())
    assert now["actions"]["signed_off"] == 1
    assert now["actions"]["status"]["complete"] == 2
    assert now["exceptions"] == []


def test_an_action_created_after_the_meeting_is_left_out(
    client, board_member, leicester, plan, meeting
):
    plan_services.add_action(plan=plan, ref="NEW", description="Added later", leads="Head of SEND")
    client.force_login(board_member)
    url = f"/councils/{leicester.slug}/dashboard/"
    then = client.get(f"{url}?view=as-at&meeting={meeting.pk}").content.decode()
    today = client.get(url).content.decode()
    assert "Actions in Leicester's plans, by status (4 in all)" in then
    assert "Actions in Leicester's plans, by status (5 in all)" in today
    assert ">NEW</a>" not in then
    assert ">NEW</a>" in today


def test_an_update_back_dated_before_the_meeting_shows_at_once(
    client, board_member, leicester, plan, meeting
):
    client.force_login(board_member)
    url = f"/councils/{leicester.slug}/dashboard/?view=as-at&meeting={meeting.pk}"
    assert figure(client.get(url).content.decode(), "status-on_track") == "0"
    update(Action.objects.get(plan=plan, ref="A1"), "on_track", D(2024, 3, 1))
    assert figure(client.get(url).content.decode(), "status-on_track") == "1"


def test_any_date_in_the_past_can_be_chosen(client, board_member, leicester, plan):
    update(Action.objects.get(plan=plan, ref="A1"), "on_track", D(2024, 3, 1))
    client.force_login(board_member)
    url = f"/councils/{leicester.slug}/dashboard/?view=as-at&on="
    body = client.get(url + "2024-02-29").content.decode()
    assert "As at 29 February 2024: figures are as they stood then" in body
    assert figure(body, "status-on_track") == "0"
    assert figure(client.get(url + "2024-03-02").content.decode(), "status-on_track") == "1"


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("2999-01-01", "The date must be today or in the past"),
        ("2024-02-30", "Enter a real date, for example 2024-03-14"),
        ("last tuesday", "Enter a real date, for example 2024-03-14"),
        ("", "Enter the date to see the dashboard as at"),
    ],
)
def test_a_bad_as_at_date_is_refused_with_a_message_and_shows_now(
    client, board_member, leicester, plan, on, message
):
    client.force_login(board_member)
    response = client.get(f"/councils/{leicester.slug}/dashboard/?view=as-at&on={on}")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert body.count(message) == 2  # in the summary and by the field
    assert "govuk-form-group--error" in body
    assert "<title>Dashboard – Leicester – Error" in body
    assert "figures are as they stood then" not in body


def test_parts_without_history_are_labelled_current(client, board_member, leicester, meeting):
    client.force_login(board_member)
    body = client.get(
        f"/councils/{leicester.slug}/dashboard/?view=as-at&meeting={meeting.pk}"
    ).content.decode()
    assert "High-needs position (current, not as at)" in body
    assert "allocations current, not as at" in body


def test_milestones_completed_after_the_day_count_as_open_then(reference_places):
    generate(seed=3, councils=1, end=END)
    council = Council.objects.order_by("dfe_la_code").first()
    from programmes.models import Milestone

    done = Milestone.objects.filter(
        workstream__programme__council=council, completed_on__isnull=False
    ).order_by("completed_on")
    day = done.first().completed_on - datetime.timedelta(days=1)
    then = programme_selectors.programme_figures_as_at(council, day=day)
    later = programme_selectors.programme_figures_as_at(council, day=END)
    open_then = {n["pk"] for n in then.next_milestones}
    assert done.first().pk not in {n["pk"] for n in later.next_milestones}
    assert then.next_milestones and all(n["end"] for n in then.next_milestones)
    assert open_then != {n["pk"] for n in later.next_milestones}


def test_query_count_as_at_a_meeting_does_not_grow_with_the_data(
    client, make_user, reference_places
):
    generate(seed=3, councils=2, end=END)
    council = Council.objects.order_by("dfe_la_code").first()
    officer = make_user(Role.COUNCIL_OFFICER, council=council)
    meeting = record_meeting(
        council=council,
        by=officer,
        board_name="Board",
        held_on=END - datetime.timedelta(days=90),
        attendees="Chair",
    )
    url = f"/councils/{council.slug}/dashboard/?view=as-at&meeting={meeting.pk}"
    client.force_login(make_user(Role.ADVISER))
    counts = []
    for step in ("small", "large"):
        if step == "large":
            grow(council)
            assert ImprovementPlan.objects.get(council=council).actions.count() > 30
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client.get(url).status_code == 200
        counts.append((len(cold), len(warm)))
    assert counts[0] == counts[1], counts
    assert counts[1][0] <= 40 and counts[1][1] <= 20, counts
