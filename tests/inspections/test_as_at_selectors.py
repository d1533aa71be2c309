"""Actions as they stood at a moment, replayed from their status updates."""

import datetime

import pytest
from django.utils import timezone

from inspections import selectors, services
from inspections.models import Action
from sendtracker.core.models.people import Role
from tests.factories import BoardMeetingFactory
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def update(action, status, day, **extra):
    action.refresh_from_db()
    if status == "complete":
        extra.setdefault("evidence_of_output", "Minutes")
    return services.update_action_status(
        action=action,
        by=None,
        status=status,
        stage=extra.pop("stage", "action"),
        expected_version=action.version,
        at=at(day),
        **extra,
    )


@pytest.fixture
def plan(leicester):
    plan = plan_with_actions(2, council=leicester, areas=1)
    Action.objects.filter(plan=plan).update(status="not_started", evidence_of_output="")
    return plan


def test_each_action_takes_its_latest_update_at_or_before_the_moment(plan):
    a0, _a1 = Action.objects.filter(plan=plan).order_by("position")
    update(a0, "minor_delay", D(2024, 1, 1), reason="Staff", recovery_date=D(2024, 2, 1))
    update(a0, "on_track", D(2024, 3, 1), stage="evidence")
    then = selectors.actions_as_at(Action.objects.filter(plan=plan), at(D(2024, 1, 1), 10))
    assert [(a.ref, a.status, a.stage, a.status_reason, a.recovery_date) for a in then] == [
        ("A0", "minor_delay", "action", "Staff", D(2024, 2, 1)),
        ("A1", "not_started", "action", "", None),
    ]
    now = selectors.actions_as_at(Action.objects.filter(plan=plan), timezone.now())
    assert (now[0].status, now[0].stage, now[0].recovery_date) == ("on_track", "evidence", None)
    assert now[0].first_action_due == D(2021, 12, 31)


def test_a_sign_off_counts_until_the_action_leaves_complete(plan, make_user, leicester):
    board = make_user(Role.BOARD_MEMBER, council=leicester)
    a0 = Action.objects.filter(plan=plan).order_by("position").first()
    update(a0, "complete", D(2024, 1, 1))
    a0.refresh_from_db()
    services.sign_off_action(
        action=a0,
        by=board,
        meeting=BoardMeetingFactory(council=leicester),
        expected_version=a0.version,
    )
    signed_at = Action.objects.get(pk=a0.pk).signed_off_at
    assert (
        selectors.actions_as_at(Action.objects.filter(pk=a0.pk), at(D(2024, 1, 2)))[0].signed_off_at
        is None
    )  # signed off today, after that day
    assert selectors.actions_as_at(Action.objects.filter(pk=a0.pk), signed_at)[0].signed_off_at
    a0.refresh_from_db()
    services.update_action_status(
        action=a0, by=None, status="on_track", stage="action", expected_version=a0.version
    )
    assert (
        selectors.actions_as_at(Action.objects.filter(pk=a0.pk), timezone.now())[0].signed_off_at
        is None
    )


def test_an_action_added_after_the_moment_is_left_out_unless_updated_before_it(plan):
    services.add_action(plan=plan, ref="NEW", description="Later", leads="Head of SEND")
    refs = lambda moment: [a.ref for a in selectors.actions_as_at(plan.actions.all(), moment)]  # noqa: E731
    assert refs(at(D(2024, 1, 1))) == ["A0", "A1"]  # bulk-loaded: added when, not known
    assert refs(timezone.now()) == ["A0", "A1", "NEW"]
    old = services.add_action(plan=plan, ref="OLD", description="Imported", leads="Head of SEND")
    update(old, "on_track", D(2023, 12, 1))  # history recorded after the fact
    assert refs(at(D(2024, 1, 1))) == ["A0", "A1", "OLD"]


def test_an_added_action_records_when_it_was_added(plan):
    before = timezone.now()
    action = services.add_action(plan=plan, ref="NEW", description="Later", leads="Head of SEND")
    assert before <= Action.objects.get(pk=action.pk).created_at <= timezone.now()


def test_figures_and_exceptions_of_replayed_actions(plan):
    a0, _a1 = Action.objects.filter(plan=plan).order_by("position")
    update(a0, "major_delay", D(2024, 1, 1), reason="Staff", recovery_date=D(2024, 6, 1))
    then = selectors.actions_as_at(plan.actions.all(), at(D(2024, 2, 1)))
    figures = selectors.figures_of(then, today=D(2024, 2, 1))
    # a0 delayed with a recovery date ahead: not overdue; a1's milestone has passed.
    assert figures["status"]["major_delay"] == 1 and figures["status"]["not_started"] == 1
    assert figures["overdue"] == 1
    rows = selectors.exception_rows(then, today=D(2024, 2, 1))
    assert [(r.action.ref, r.days_overdue) for r in rows] == [("A0", 762)]
    groups = selectors.brag_groups(plan, then)
    assert [(r.ref, r.stage_index, r.status["value"]) for r in groups[0].rows] == [
        ("A0", 0, "major_delay"),
        ("A1", 0, "not_started"),
    ]
