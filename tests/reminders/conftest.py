import datetime

import pytest
from django.utils import timezone

from inspections.models import ActionMilestone
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from sendtracker.reminders import backends
from tests.factories import BoardMeetingFactory, UserFactory
from tests.grants.factories import AllocationFactory, DeterminationFactory
from tests.inspections.factories import ActionFactory, PlanFactory

# A Monday, so that "the next week" is plain.
TODAY = datetime.date(2026, 11, 30)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def _empty_outbox():
    backends.outbox.clear()
    yield
    backends.outbox.clear()


@pytest.fixture
def leicester(db):
    return Council.objects.get(dfe_la_code=856)


def person(council, role, **values):
    user = UserFactory(**values)
    grant_role(user=user, role=role, council=council)
    return user


@pytest.fixture
def world(leicester):
    """One of everything due on TODAY: an action coming due, an overdue action, a
    board meeting in three days with a stale action, and a grant report due."""
    officer = person(leicester, Role.COUNCIL_OFFICER, name="Olive Officer")
    health = person(leicester, Role.HEALTH_PARTNER, name="Harry Health")
    board = person(leicester, Role.BOARD_MEMBER, name="Bea Board")
    plan = PlanFactory(council=leicester)
    long_ago = timezone.make_aware(datetime.datetime(2026, 9, 1))
    coming = ActionFactory(plan=plan, ref="1.1", updated_at=long_ago)
    ActionMilestone.objects.create(action=coming, kind="action", due_on=days(5))
    coming.lead_users.add(officer)
    late = ActionFactory(plan=plan, ref="1.2", status="on_track", updated_at=long_ago)
    ActionMilestone.objects.create(action=late, kind="action", due_on=days(-3))
    late.lead_users.add(health)
    BoardMeetingFactory(council=leicester, held_on=days(-30))
    meeting = BoardMeetingFactory(council=leicester, held_on=days(3))
    allocation = AllocationFactory(
        council=leicester,
        status="paid",
        determination=DeterminationFactory(reporting_required=True, period_end=days(20)),
    )
    return {
        "officer": officer,
        "health": health,
        "board": board,
        "coming": coming,
        "late": late,
        "meeting": meeting,
        "allocation": allocation,
    }
