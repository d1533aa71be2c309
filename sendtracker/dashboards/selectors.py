"""Dashboard figures, read through the domain apps' public selectors only.

Figures over many councils come from each council's summary row (summaries.py), which
every write keeps true: a page over 153 councils reads 153 rows. A council's own
dashboard reads its summary, which also keeps what it lists (delays, measures, recent
changes, next milestones: anyone who may read a council reads all its plans and
programmes), and the domain apps' selectors scoped with `visible_to(user)` for its
plans, deadlines and high-needs years. Views cache what is rendered from these under
the councils' data versions (sendtracker.core.fragments).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from programmes import selectors as programme_selectors
from sendtracker.core.models import Council
from sendtracker.core.status import Status

from .summaries import RECENT_CHANGES, summaries_for

__all__ = ["RECENT_CHANGES"]


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


def grants_of(summary) -> Grants:
    """A council's grant figures from its summary row."""
    if summary is None:
        return Grants.of(None)
    return Grants(
        summary.allocated, summary.paid, summary.reported, summary.remaining, summary.allocations
    )


def grant_figures(user, councils, *, summaries: dict | None = None) -> dict[int, Grants]:
    """Allocated, paid, reported and remaining per council, from the councils' summaries.

    `user` must be able to see the councils: every reader of a council sees its grants."""
    if summaries is None:
        summaries = summaries_for(councils, listing=True)
    return {c.pk: grants_of(summaries.get(c.pk)) for c in councils}


def regional_grants(councils, grants: dict[int, Grants]) -> dict[int, grant_selectors.Totals]:
    """Allocated and paid by the region each allocation supports, for the regions of
    `councils` (grants.selectors.totals_by_region's figures): the councils' own totals
    (`grants`, from their summary rows), those of the regions' councils the reader does
    not list (an adviser named for some councils of a region), and the allocations that
    support another region moved to it. Two queries, whatever the number of councils."""
    region_ids = {c.region_id for c in councils}
    totals = {pk: grant_selectors.Totals() for pk in region_ids}
    for council in councils:
        totals[council.region_id].allocated += grants[council.pk].allocated
        totals[council.region_id].paid += grants[council.pk].paid
    listed = {c.pk for c in councils}
    others = {
        pk: region
        for pk, region in Council.objects.filter(region__in=region_ids).values_list(
            "pk", "region_id"
        )
        if pk not in listed
    }
    if others:
        for pk, money in grant_selectors.totals_of_councils(list(others)).items():
            totals[others[pk]].allocated += money.allocated
            totals[others[pk]].paid += money.paid
    for own, supported, total, paid in grant_selectors.allocations_between_regions(region_ids):
        if total is None:
            continue  # pending: not counted anywhere yet
        for region, sign in ((own, -1), (supported, 1)):
            if region in totals:
                totals[region].allocated += sign * total
                totals[region].paid += sign * (paid or 0)
    return totals


def council_dashboard(user, council, *, today: datetime.date | None = None, summary=None) -> dict:
    """Everything the council dashboard shows below its heading, scoped to `user`.

    `summary`: the council's summary row, if the caller has read it already."""
    today = today or timezone.localdate()
    plans = plan_selectors.council_plans(user, council)
    if summary is None:
        summary = summaries_for([council], today=today)[council.pk]
    measures = programme_selectors.scorecard(summary.scorecard)
    high_needs = programme_selectors.high_needs_from_entries(summary.high_needs, council)
    return {
        "plans": plans,
        "actions": action_figures(summary),
        # (delay_entry, days overdue) and change_entry values: dashboards.html draws them
        "exceptions": plan_selectors.ranked_delays(summary.delays, today=today),
        "programmes": programme_figures(summary, council),
        "measures": measures,
        "measures_off_track": summary.measures_off_track,
        **programme_selectors.high_needs_figures(high_needs),
        "high_needs_chart": programme_selectors.high_needs_chart(high_needs, council),
        "recent_changes": summary.recent_changes,
        "grants": grants_of(summary),
        "deadlines": plan_selectors.deadlines_on(summary.deadlines, today),
    }


def action_figures(summary) -> dict:
    """A council's actions by status and stage, overdue, signed off and in all."""
    return {**summary.actions, "overdue": summary.actions_overdue}


@dataclass(frozen=True)
class ProgrammeLink:
    """A programme as its council's summary row names it: enough to link to it."""

    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass
class ProgrammeFigures:
    """What a council dashboard shows of its programmes, from its summary row."""

    programmes: list  # (ProgrammeLink, Status or None)
    status: Status | None
    overdue_milestones: int
    next_milestones: list[dict]  # milestone (its name), end (a date), status


def programme_figures(summary, council) -> ProgrammeFigures | None:
    """A council's programme figures from its summary row: no query."""
    if not summary.programmes:
        return None
    return ProgrammeFigures(
        programmes=[
            (
                ProgrammeLink(name, council.url_of("programmes:programme-detail", programme_id=pk)),
                Status(status) if status else None,
            )
            for pk, status, name in summary.programmes
        ],
        status=Status(summary.programme_status) if summary.programme_status else None,
        overdue_milestones=summary.overdue_milestones,
        next_milestones=[
            {**m, "end": datetime.date.fromisoformat(m["end"]), "status": Status(m["status"])}
            for m in summary.next_milestones
        ],
    )


def council_rows(
    user, councils, *, today: datetime.date | None = None, summaries=None
) -> dict[int, dict]:
    """One row of figures per council (already scoped to `user`): one query when current."""
    if summaries is None:
        summaries = summaries_for(councils, today=today, listing=True)
    labels = plan_selectors.plan_labels()
    rows = {}
    for council in councils:
        summary = summaries[council.pk]
        inspected = summary.framework is not None
        rows[council.pk] = {
            "framework": summary.framework or "",
            "outcome": (labels["outcome"].get(summary.outcome) or "Areas of weakness named")
            if inspected
            else "",
            "outcome_value": summary.outcome or "",
            "plan_kind": labels["kind"].get(summary.plan_kind, ""),
            "plan_approved_on": summary.plan_approved_on,
            "actions": action_figures(summary),
            "programme_status": summary.programme_status,
            "overdue_milestones": summary.overdue_milestones,
            "deficit": summary.deficit,
            "deficit_label": summary.deficit_label,
        }
    return rows
