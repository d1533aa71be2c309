"""Reads of inspections and plans, scoped to the user, at a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, Sum
from django.utils import timezone

from sendtracker.core.status import DELAYED, SEVERITY, Status
from sendtracker.core.status import display as status_display

from .models import Action, ActionMilestone, AreaOfWeakness, ImprovementPlan, Stage, StatusUpdate
from .models.actions import STAGE_ORDER


def plans_visible_to(user):
    """Plans the user may read, with their council and inspection."""
    return (
        ImprovementPlan.objects.visible_to(user)
        .select_related("council", "council__region", "inspection")
        .annotate(
            action_count=Count("actions"),
            **{f"count_{s.value}": Count("actions", filter=Q(actions__status=s)) for s in Status},
        )
    )


def status_counts(actions) -> dict[str, int]:
    """Actions by status in one query: a count for every status, zeros included."""
    totals = actions.aggregate(**{s.value: Count("pk", filter=Q(status=s)) for s in Status})
    return {s.value: totals[s.value] for s in Status}


def stage_counts(actions) -> dict[str, int]:
    totals = actions.aggregate(**{s.value: Count("pk", filter=Q(stage=s)) for s in Stage})
    return {s.value: totals[s.value] for s in Stage}


def plan_actions(plan: ImprovementPlan):
    """A plan's actions with what the plan page shows for each."""
    return (
        Action.objects.filter(plan=plan)
        .select_related("area", "area__parent", "signed_off_by")
        .prefetch_related(
            Prefetch("milestones", queryset=ActionMilestone.objects.order_by("kind", "due_on"))
        )
        .order_by("position", "pk")  # explicit: annotations with GROUP BY drop Meta.ordering
    )


@dataclass
class BragRow:
    action: Action
    stage_index: int
    status: dict


@dataclass
class BragGroup:
    area: AreaOfWeakness | None
    rows: list[BragRow]


def plan_stamp(plan: ImprovementPlan) -> str:
    """Changes whenever any of the plan's actions or areas change: a cache key part.

    Every write to an action bumps its version and updated_at (inspections.services);
    adding or removing one changes the count; areas are few, so their titles are hashed.
    """
    import hashlib

    stats = Action.objects.filter(plan=plan).aggregate(
        n=Count("pk"), last=Max("updated_at"), versions=Sum("version"), top=Max("pk")
    )
    areas = ""
    if plan.inspection_id:
        areas = "|".join(
            f"{a[0]}:{a[1]}:{a[2]}:{a[3]}"
            for a in AreaOfWeakness.objects.filter(inspection_id=plan.inspection_id)
            .order_by("pk")
            .values_list("pk", "number", "title", "short_title")
        )
    raw = f"{plan.pk}:{plan.status_key}:{plan.title}:{stats}:{areas}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def brag_on_a_page(plan: ImprovementPlan) -> list[BragGroup]:
    """Areas x actions x stages: each action marks the stage it has reached."""
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("area", "area__parent", "plan__council")
        .order_by("position", "pk")
    )
    groups: list[BragGroup] = []
    for action in actions:
        if not groups or groups[-1].area != action.area:
            groups.append(BragGroup(area=action.area, rows=[]))
        groups[-1].rows.append(
            BragRow(
                action,
                STAGE_ORDER.index(Stage(action.stage)),
                status_display(action.status, plan.status_key),
            )
        )
    return groups


@dataclass
class Exception_:
    action: Action
    days_overdue: int


def exception_report(actions, *, today: datetime.date | None = None) -> list[Exception_]:
    """Every delayed action, worst first, with its reason, lead and recovery date."""
    today = today or timezone.localdate()
    rank = {status.value: index for index, status in enumerate(SEVERITY)}
    delayed = (
        actions.filter(status__in=DELAYED)
        .select_related("plan", "plan__council", "area", "area__parent")
        .with_first_action_due()
    )
    rows = []
    for action in delayed:
        # Days past the first action milestone; a recovery date in the future stops the
        # clock only when it is set, so the board sees how far the action has slipped.
        due = action.first_action_due
        days = (today - due).days if due and due < today else 0
        rows.append(Exception_(action, days))
    rows.sort(
        key=lambda r: (rank[r.action.status], -r.days_overdue, r.action.plan_id, r.action.position)
    )
    return rows


def updates_since(actions, since: datetime.datetime):
    """Every status update of these actions at or after `since`, newest first."""
    return (
        StatusUpdate.objects.filter(action__in=actions, at__gte=since)
        .select_related("action", "action__plan", "action__plan__council", "by")
        .order_by("-at", "-pk")
    )


def action_timeline(action: Action):
    return action.updates.select_related("by").order_by("-at", "-pk")
