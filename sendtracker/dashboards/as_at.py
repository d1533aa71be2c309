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

from django.db.models import Prefetch
from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from inspections.models import Action, ImprovementPlan
from programmes import derive
from programmes import selectors as programme_selectors
from programmes.models import Measure, Milestone, Observation, Programme, Workstream
from programmes.models.milestones import Progress
from sendtracker.core.status import Status

from .selectors import RECENT_CHANGES, Grants


def council_dashboard_as_at(user, council, *, moment: datetime.datetime) -> dict:
    """What council_dashboard shows, as it stood at `moment`, scoped to `user`."""
    day = timezone.localdate(moment)
    actions = Action.objects.visible_to(user).filter(plan__council=council)
    then = plan_selectors.actions_as_at(
        actions.select_related("plan", "plan__council", "area", "area__parent"), moment
    )
    plans = list(
        ImprovementPlan.objects.visible_to(user)
        .filter(council=council)
        .select_related("inspection", "council")
        .order_by("-approved_on", "pk")
    )
    measures = [
        programme_selectors.rate_measure(m)
        for m in Measure.objects.visible_to(user)
        .filter(programme__council=council)
        .select_related("programme__council", "workstream")
        .prefetch_related(
            Prefetch(
                "observations", queryset=Observation.objects.filter(on__lte=day).order_by("on")
            ),
            "trajectory",
        )
    ]
    high_needs = programme_selectors.high_needs(council)
    recent = list(
        plan_selectors.updates_since(actions, moment - datetime.timedelta(days=3650)).filter(
            at__lte=moment
        )[:RECENT_CHANGES]
    )
    return {
        "plans": plans,
        "actions": plan_selectors.figures_of(then, today=day),
        "exceptions": plan_selectors.exception_rows(then, today=day),
        "brag_groups": [(plan, plan_selectors.brag_groups(plan, then)) for plan in plans],
        "programmes": programme_figures_as_at(council, day=day),
        "measures": measures,
        "measures_off_track": sum(1 for m in measures if m.off_track),
        "high_needs": high_needs,
        "high_needs_latest": high_needs[-1] if high_needs else None,
        "high_needs_chart": programme_selectors.high_needs_chart(high_needs, council),
        "recent_changes": recent,
    }


def programme_figures_as_at(council, *, day: datetime.date):
    """programme_figures for one council with `day` as today: milestones completed after
    it count as in progress then (their progress has no kept history here)."""
    programmes = list(Programme.objects.filter(council=council).order_by("name"))
    if not programmes:
        return None
    workstreams = dict(
        Workstream.objects.filter(programme__council=council).values_list("pk", "programme_id")
    )
    rows: dict[int, list] = {}
    for milestone in Milestone.objects.filter(workstream__programme__council=council).only(
        *programme_selectors.MILESTONE_FIELDS
    ):
        if milestone.completed_on and milestone.completed_on > day:
            milestone.completed_on = None
            milestone.progress = Progress.IN_PROGRESS
        rows.setdefault(milestone.workstream_id, []).append(milestone)
    trees = {ws: derive.build_tree(ms, today=day) for ws, ms in rows.items()}
    figures = programme_selectors.ProgrammeFigures([], None, 0, [])
    for programme in programmes:
        ws_trees = {ws: roots for ws, roots in trees.items() if workstreams[ws] == programme.pk}
        status = derive.roll_up(
            s for s in (derive.overall_status(r) for r in ws_trees.values()) if s
        )
        leaves = [
            n for roots in ws_trees.values() for n in derive.flatten(roots) if not n.has_children
        ]
        figures.programmes.append((programme, status))
        figures.overdue_milestones += sum(
            1 for n in leaves if n.status != Status.COMPLETE and n.end and n.end < day
        )
        figures.next_milestones.extend(programme_selectors.next_milestones(ws_trees))
    figures.status = derive.roll_up(s for _, s in figures.programmes if s)
    figures.next_milestones = sorted(figures.next_milestones, key=lambda n: (n.end, n.pk))[
        : programme_selectors.NEXT_MILESTONES
    ]
    return figures


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
