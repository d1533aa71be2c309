"""The plan pack: one improvement plan, laid out as seed 002's appendix shows it.

Every figure comes from the same inspections selectors the plan pages call, so the
pack and the pages can never disagree.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from inspections import selectors
from inspections.models import Stage
from sendtracker.core.status import display as status_display
from sendtracker.core.status import legend

from .render import render_pdf

if TYPE_CHECKING:
    from inspections.models import ImprovementPlan

TEMPLATE = "packs/plan_pack.html"


def plan_pack_context(
    plan: ImprovementPlan, *, marking: str, as_at: datetime.datetime | None = None
) -> dict:
    """What the plan pack template needs, read at `as_at` (now by default)."""
    as_at = as_at or timezone.now()
    actions = selectors.actions_of_plan(plan)
    # One section per area, in the order areas first appear: plans list actions by
    # area, but an action added later to an earlier area must not split its section.
    areas: dict = {}
    for action in selectors.plan_actions(plan):
        milestones = list(action.milestones.all())
        areas.setdefault(action.area, []).append(
            {
                "action": action,
                "status": status_display(action.status, plan.status_key),
                "action_milestones": [m for m in milestones if m.kind == "action"],
                "impact_milestones": [m for m in milestones if m.kind == "impact"],
            }
        )
    counts = selectors.status_counts(actions)
    return {
        "plan": plan,
        "council": plan.council,
        "marking": marking,
        "as_at": timezone.localtime(as_at),
        "pack_title": f"{plan.title}: progress pack",
        "counts": [
            {"status": status_display(value, plan.status_key), "count": count}
            for value, count in counts.items()
        ],
        "total": sum(counts.values()),
        "brag_groups": selectors.brag_on_a_page(plan),
        "stages": list(Stage),
        "exceptions": [
            {"row": row, "status": status_display(row.action.status, plan.status_key)}
            for row in selectors.exception_report(actions, today=timezone.localdate(as_at))
        ],
        "areas": [{"area": area, "rows": rows} for area, rows in areas.items()],
        "legend": legend(plan.status_key),
        "deadlines": selectors.plan_deadlines(plan, today=timezone.localdate(as_at)),
    }


def render_plan_pack(
    plan: ImprovementPlan, *, marking: str, as_at: datetime.datetime | None = None
) -> bytes:
    """The plan pack as a tagged PDF."""
    return render_pdf(TEMPLATE, plan_pack_context(plan, marking=marking, as_at=as_at))
