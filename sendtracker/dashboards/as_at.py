"""The council dashboard as it stood at a moment (a board meeting, or any date).

Actions are replayed from their StatusUpdate history (inspections.selectors.
actions_as_at: one query). Parts without a history are derived from their dates: grant
payments and usage statements up to the day, measures' observations up to it,
milestones with that day as today and completions after it undone. High-needs finance
has neither, so it is shown as it is today and labelled so. A fixed number of queries
however many actions, updates, milestones or observations there are.
"""

import datetime
from dataclasses import replace
from decimal import Decimal

from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from programmes import selectors as programme_selectors

from .selectors import RECENT_CHANGES, Grants


def council_dashboard_as_at(user, council, *, moment: datetime.datetime) -> dict:
    """What council_dashboard shows, as it stood at `moment`, scoped to `user`."""
    day = timezone.localdate(moment)
    then = plan_selectors.council_actions_as_at(user, council, moment)
    plans = plan_selectors.council_plans(user, council)
    measures = programme_selectors.council_measures_as_at(user, council, day=day)
    high_needs = programme_selectors.high_needs(council)
    recent = plan_selectors.council_updates(
        user,
        council,
        since=moment - datetime.timedelta(days=3650),
        until=moment,
        limit=RECENT_CHANGES,
    )
    return {
        "plans": plans,
        "actions": plan_selectors.figures_of(then, today=day),
        "exceptions": [
            (plan_selectors.delay_entry(row.action), row.days_overdue)
            for row in plan_selectors.exception_rows(then, today=day)
        ],
        "brag_groups": [(plan, plan_selectors.brag_groups(plan, then)) for plan in plans],
        "programmes": programme_selectors.programme_figures_as_at(council, day=day),
        "measures": measures,
        "measures_off_track": sum(1 for m in measures if m.off_track),
        **programme_selectors.high_needs_figures(high_needs),
        "high_needs_chart": programme_selectors.high_needs_chart(high_needs, council),
        "recent_changes": [plan_selectors.change_entry(update) for update in recent],
    }


def grant_figures_as_at(user, council, grants: Grants, *, day: datetime.date) -> Grants:
    """Today's allocations, with payments made and spend reported up to `day`."""
    paid = reported = Decimal("0.00")
    for on, kind, amount in grant_selectors.money_over_time(user, council):
        if on <= day:
            if kind == "paid":
                paid += amount
            else:
                reported += amount
    return replace(grants, paid=paid, reported=reported, remaining=grants.allocated - reported)
