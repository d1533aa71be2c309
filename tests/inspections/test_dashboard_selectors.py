"""The selectors dashboards read: figures per council, the status history."""

import datetime

import pytest

from inspections import selectors, services
from inspections.models import Action
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db


def delay(action, day=None):
    action.refresh_from_db()
    return services.update_action_status(
        action=action,
        by=None,
        status="major_delay",
        stage="action",
        reason="Recruitment",
        recovery_date=datetime.date(2030, 1, 1),
        expected_version=action.version,
    )


def test_figures_by_council_match_the_plan_counts_and_overdue(leicester, nelincs):
    plan = plan_with_actions(6, council=leicester)
    plan_with_actions(2, council=nelincs)
    delay(Action.objects.get(plan=plan, ref="A0"))
    figures = selectors.action_figures_by_council(Action.objects.all())
    mine = figures[leicester.pk]
    assert mine["status"] == selectors.status_counts(Action.objects.filter(plan=plan))
    assert mine["stage"] == selectors.stage_counts(Action.objects.filter(plan=plan))
    assert mine["overdue"] == Action.objects.filter(plan=plan).overdue().count()
    assert mine["total"] == 6 and figures[nelincs.pk]["total"] == 2


def test_an_action_write_raises_only_its_councils_data_version(leicester, nelincs):
    from sendtracker.core.models import Council

    plan = plan_with_actions(2, council=leicester)
    plan_with_actions(2, council=nelincs)
    before = dict(Council.objects.values_list("pk", "data_version"))
    delay(Action.objects.get(plan=plan, ref="A1"))
    after = dict(Council.objects.values_list("pk", "data_version"))
    assert after[leicester.pk] == before[leicester.pk] + 1
    assert after[nelincs.pk] == before[nelincs.pk]


def test_status_history_is_oldest_first_with_sign_off(leicester):
    plan = plan_with_actions(1, council=leicester)
    action = Action.objects.get(plan=plan)
    delay(action)
    history = selectors.status_history(plan.actions.all())
    assert [(h[0], h[2], h[4]) for h in history] == [(action.pk, "major_delay", False)]


def test_latest_plan_by_council_prefers_the_latest_approved(leicester):
    older = plan_with_actions(1, council=leicester)
    newer = plan_with_actions(1, council=leicester)
    older.approved_on, newer.approved_on = datetime.date(2020, 1, 1), datetime.date(2022, 1, 1)
    older.save()
    newer.save()
    from inspections.models import ImprovementPlan

    latest = selectors.latest_plan_by_council(ImprovementPlan.objects.all())
    assert latest[leicester.pk] == newer
