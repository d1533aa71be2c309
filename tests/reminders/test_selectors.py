import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inspections.models import ActionMilestone
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.reminders.models import ReminderKind, ReminderPreference
from sendtracker.reminders.selectors import people_to_check, reminders_due
from tests.factories import BoardMeetingFactory, UserFactory
from tests.grants.factories import AllocationFactory, DeterminationFactory
from tests.inspections.factories import ActionFactory, PlanFactory

from .conftest import TODAY, days, person

pytestmark = pytest.mark.django_db


def kinds_to(due):
    return sorted((r.kind, r.email) for r in due)


def test_each_kind_is_due_to_its_people(world):
    due = reminders_due(today=TODAY)
    officer, health, board = world["officer"], world["health"], world["board"]
    assert kinds_to(due) == sorted(
        [
            ("action_due", officer.email),
            ("action_overdue", health.email),
            ("meeting_updates", officer.email),
            ("meeting_updates", health.email),
            ("meeting_pack", board.email),
            ("grant_report", officer.email),
        ]
    )
    by_kind = {(r.kind, r.email): r for r in due}
    coming = by_kind[("action_due", officer.email)]
    assert coming.why == f"Action milestone due {days(5):%-d %B %Y}"
    assert coming.day == days(5)
    assert coming.link.endswith(f"/actions/{world['coming'].pk}/")
    updates = by_kind[("meeting_updates", officer.email)]
    assert "2 actions not updated since" in updates.why
    assert any(f"/actions/{world['late'].pk}/" in line for line in updates.lines)
    pack = by_kind[("meeting_pack", board.email)]
    assert any("/pack/" in line for line in pack.lines)
    assert any("/exceptions/" in line for line in pack.lines)


def test_recovery_and_impact_dates_are_due_to_leads(leicester):
    lead = person(leicester, Role.COUNCIL_OFFICER)
    delayed = ActionFactory(
        plan=PlanFactory(council=leicester),
        status="minor_delay",
        status_reason="Staff",
        recovery_date=days(7),
    )
    delayed.lead_users.add(lead)
    ActionMilestone.objects.create(action=delayed, kind="impact", due_on=days(1))
    whys = sorted(r.why for r in reminders_due(today=TODAY))
    assert whys == [
        f"Impact milestone due {days(1):%-d %B %Y}",
        f"Recovery date {days(7):%-d %B %Y}",
    ]


def test_dates_beyond_the_window_and_complete_actions_send_nothing(leicester):
    lead = person(leicester, Role.COUNCIL_OFFICER)
    plan = PlanFactory(council=leicester)
    later = ActionFactory(plan=plan)
    ActionMilestone.objects.create(action=later, kind="action", due_on=days(8))
    done = ActionFactory(plan=plan, status="complete")
    ActionMilestone.objects.create(action=done, kind="action", due_on=days(-2))
    for action in (later, done):
        action.lead_users.add(lead)
    assert reminders_due(today=TODAY) == []


def test_a_meeting_in_the_past_sends_nothing(leicester):
    person(leicester, Role.COUNCIL_OFFICER)
    person(leicester, Role.BOARD_MEMBER)
    ActionFactory(
        plan=PlanFactory(council=leicester), updated_at=timezone.now() - datetime.timedelta(days=90)
    )
    BoardMeetingFactory(council=leicester, held_on=days(-1))
    assert reminders_due(today=TODAY) == []


def test_a_meeting_today_is_still_reminded(leicester):
    board = person(leicester, Role.BOARD_MEMBER)
    BoardMeetingFactory(council=leicester, held_on=TODAY)
    assert kinds_to(reminders_due(today=TODAY)) == [("meeting_pack", board.email)]


def test_officers_get_no_meeting_reminder_when_every_action_is_up_to_date(leicester):
    person(leicester, Role.COUNCIL_OFFICER)
    ActionFactory(plan=PlanFactory(council=leicester), updated_at=timezone.now())
    BoardMeetingFactory(council=leicester, held_on=days(-28))
    BoardMeetingFactory(council=leicester, held_on=days(2))
    assert [r.kind for r in reminders_due(today=days(0))] == []


def test_turned_off_optional_kinds_are_not_due_but_mandatory_ones_are(world):
    for kind in ReminderKind:
        ReminderPreference.objects.create(user=world["officer"], kind=kind, enabled=False)
        ReminderPreference.objects.create(user=world["health"], kind=kind, enabled=False)
    due = kinds_to(reminders_due(today=TODAY))
    assert ("action_due", world["officer"].email) not in due
    assert ("meeting_updates", world["officer"].email) not in due
    assert ("action_overdue", world["health"].email) in due
    assert ("grant_report", world["officer"].email) in due


def test_inactive_people_get_nothing(world):
    for user in (world["officer"], world["health"], world["board"]):
        user.is_active = False
        user.save()
    assert reminders_due(today=TODAY) == []


def _scale(councils, actions: int):
    """Every kind due in each of `councils`: `actions` actions a council with dates
    coming and passed, led by three officers; a meeting in two days; a grant report."""
    stale = timezone.make_aware(datetime.datetime(2026, 9, 1))
    for council in councils:
        plan = PlanFactory(council=council, inspection__council=council)
        leads = [person(council, Role.COUNCIL_OFFICER) for _ in range(3)]
        person(council, Role.BOARD_MEMBER)
        person(council, Role.HEALTH_PARTNER)
        for i in range(actions):
            action = ActionFactory(plan=plan, ref=f"S{i}", status="on_track", updated_at=stale)
            ActionMilestone.objects.create(action=action, kind="action", due_on=days(i % 10 - 5))
            ActionMilestone.objects.create(action=action, kind="impact", due_on=days(i % 9))
            action.lead_users.add(leads[i % 3])
        BoardMeetingFactory(council=council, held_on=days(2))
        AllocationFactory(
            council=council,
            status="paid",
            determination=DeterminationFactory(reporting_required=True, period_end=days(10)),
        )


@pytest.mark.parametrize("councils, actions", [(1, 5), (3, 40)])
def test_working_out_every_reminder_takes_a_fixed_number_of_queries(leicester, councils, actions):
    places = [leicester, *Council.objects.exclude(pk=leicester.pk).order_by("pk")[: councils - 1]]
    _scale(places, actions)
    with CaptureQueriesContext(connection) as queries:
        due = reminders_due(today=TODAY)
    assert {r.kind for r in due} == set(ReminderKind)
    assert len(due) > councils * actions
    assert len(queries) == 12


def test_people_to_check_lists_missing_and_failing_addresses(leicester):
    from sendtracker.reminders.models import LogStatus, ReminderLog

    nobody = UserFactory(email="")
    person_ = person(leicester, Role.COUNCIL_OFFICER)
    from sendtracker.core.services import grant_role

    grant_role(user=nobody, role=Role.COUNCIL_OFFICER, council=leicester)
    failing = person(leicester, Role.COUNCIL_OFFICER)
    ReminderLog.objects.create(
        recipient=failing, kind="action_due", reason="x", day=TODAY, about="a", why="b",
        status=LogStatus.UNDELIVERABLE, error="Notify: permanent-failure",
    )  # fmt: skip
    ReminderLog.objects.create(
        recipient=person_, kind="action_due", reason="x", day=TODAY, about="a", why="b",
        status=LogStatus.SENT,
    )  # fmt: skip
    assert {u.pk for u in people_to_check()} == {nobody.pk, failing.pk}
