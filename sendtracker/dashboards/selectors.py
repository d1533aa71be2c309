"""Dashboard figures, read through the domain apps' public selectors only.

Every figure is computed by the domain app that owns it (inspections, programmes,
grants), scoped with `visible_to(user)`, in a fixed number of grouped queries
however many councils, actions or history rows there are. Views cache what is
rendered from these under `council_stamps`, which changes with every write.
"""

import datetime
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from inspections.models import Action, ImprovementPlan
from programmes import selectors as programme_selectors
from programmes.models import Measure
from sendtracker.core.status import Status

RECENT_CHANGES = 10


def council_stamps(council_ids, *, today: datetime.date | None = None) -> dict[int, str]:
    """Per council, a key part that changes with every write to its records, and daily.

    Overdue counts and derived milestone statuses depend on the date, so it is part of
    the stamp.
    """
    today = today or timezone.localdate()
    council_ids = list(council_ids)
    parts = [
        plan_selectors.council_stamps(council_ids),
        programme_selectors.council_stamps(council_ids),
    ]
    return {
        council_id: hashlib.sha256(
            f"{today}|{parts[0].get(council_id)}|{parts[1].get(council_id)}".encode()
        ).hexdigest()[:24]
        for council_id in council_ids
    }


def records_stamp(council_ids=None, *, today: datetime.date | None = None) -> str:
    """Changes with every write to the councils' plans, programmes or grants, and daily:
    the key part of pages over many councils (None: every council, whole tables)."""
    today = today or timezone.localdate()
    raw = "|".join(
        [
            str(today),
            plan_selectors.records_stamp(council_ids),
            programme_selectors.records_stamp(council_ids),
            grant_selectors.records_stamp(council_ids),
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


@dataclass
class Grants:
    allocated: Decimal
    paid: Decimal
    reported: Decimal
    remaining: Decimal
    count: int

    @classmethod
    def of(cls, totals) -> "Grants":
        if totals is None:
            zero = Decimal("0.00")
            return cls(zero, zero, zero, zero, 0)
        return cls(totals.allocated, totals.paid, totals.reported, totals.remaining, totals.count)


def grant_figures(user, council_ids) -> dict[int, Grants]:
    """Allocated, paid, reported and remaining per council: one query, never cached
    (the figures are small and part of every page's key)."""
    totals = grant_selectors.totals_by_council(user, council_ids)
    return {council_id: Grants.of(totals.get(council_id)) for council_id in council_ids}


def council_dashboard(user, council, *, today: datetime.date | None = None) -> dict:
    """Everything the council dashboard shows below its heading, scoped to `user`."""
    today = today or timezone.localdate()
    actions = Action.objects.visible_to(user).filter(plan__council=council)
    plans = list(
        ImprovementPlan.objects.visible_to(user)
        .filter(council=council)
        .select_related("inspection")
        .order_by("-approved_on", "pk")
    )
    figures = plan_selectors.action_figures_by_council(actions, today=today).get(council.pk)
    programmes = programme_selectors.programme_figures([council.pk], today=today).get(council.pk)
    measures = programme_selectors.rated_measures(
        Measure.objects.visible_to(user)
        .filter(programme__council=council)
        .select_related("programme__council")
    )
    high_needs = programme_selectors.high_needs(council)
    recent = list(
        plan_selectors.updates_since(actions, timezone.now() - datetime.timedelta(days=3650))[
            :RECENT_CHANGES
        ]
    )
    return {
        "plans": plans,
        "actions": figures or empty_action_figures(),
        "exceptions": plan_selectors.exception_report(actions, today=today),
        "programmes": programmes,
        "measures": measures,
        "measures_off_track": sum(1 for m in measures if m.off_track),
        "high_needs": high_needs,
        "high_needs_latest": high_needs[-1] if high_needs else None,
        "high_needs_chart": programme_selectors.high_needs_chart(high_needs, council),
        "recent_changes": recent,
    }


def empty_action_figures() -> dict:
    from inspections.models import Stage

    return {
        "total": 0,
        "overdue": 0,
        "signed_off": 0,
        "status": {s.value: 0 for s in Status},
        "stage": {s.value: 0 for s in Stage},
    }


def council_rows(user, councils, *, today: datetime.date | None = None) -> dict[int, dict]:
    """One row of figures per council (already scoped): a fixed number of grouped queries."""
    today = today or timezone.localdate()
    ids = [c.pk for c in councils]
    actions = plan_selectors.action_figures_by_council(
        Action.objects.visible_to(user).filter(plan__council__in=ids), today=today
    )
    plans = plan_selectors.latest_plan_by_council(
        ImprovementPlan.objects.visible_to(user).filter(council__in=ids)
    )
    programmes = programme_selectors.programme_figures(ids, today=today)
    high_needs = programme_selectors.high_needs_by_council(ids)
    rows = {}
    for council in councils:
        plan = plans.get(council.pk)
        inspection = plan.inspection if plan else None
        figures = actions.get(council.pk) or empty_action_figures()
        programme = programmes.get(council.pk)
        years = high_needs.get(council.pk)
        rows[council.pk] = {
            "framework": inspection.framework if inspection else "",
            "framework_label": inspection.get_framework_display() if inspection else "",
            "outcome": (inspection.get_outcome_display() or "Areas of weakness named")
            if inspection
            else "",
            "outcome_value": inspection.outcome if inspection else "",
            "plan_kind": plan.get_kind_display() if plan else "",
            "plan_approved_on": plan.approved_on if plan else None,
            "plan_url": plan.get_absolute_url() if plan else "",
            "actions": figures,
            "programme_status": programme.status.value if programme and programme.status else "",
            "overdue_milestones": programme.overdue_milestones if programme else 0,
            "deficit": years[-1].cumulative_deficit if years else None,
            "deficit_label": years[-1].label if years else "",
        }
    return rows
