"""The council pack and the region pack, from the dashboards' own figures and charts.

Every figure comes from the functions the council dashboard and the region view call
(dashboards.selectors, and through them the domain apps' selectors), scoped to the
person who asked for the pack, so a pack and the pages can never disagree.
"""

import datetime

from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from inspections.models import Stage
from programmes import selectors as programme_selectors
from programmes.derive import LEVELS, flatten
from sendtracker.core.models import Council, Region
from sendtracker.core.status import display as status_display
from sendtracker.core.status import legend
from sendtracker.dashboards import selectors as dashboard_selectors
from sendtracker.dashboards.rows import table_data

from .render import render_pdf

COUNCIL_TEMPLATE = "packs/council_pack.html"
REGION_TEMPLATE = "packs/region_pack.html"


def council_summary(user, council: Council, *, today: datetime.date) -> dict:
    """The council dashboard's figures (dashboards.selectors.council_dashboard) and grants."""
    figures = dashboard_selectors.council_dashboard(user, council, today=today)
    # the pack's exception report shows each action's description and leads as well
    figures["exceptions"] = plan_selectors.council_exceptions(user, council, today=today)
    figures["council"] = council
    return _with_rows(figures)


def region_summaries(user, councils, *, today: datetime.date, summaries: dict) -> list[dict]:
    """council_summary's figures that the region pack shows, for all `councils` at once.

    The same figures as council_dashboard's, read by groups: the councils' summary rows
    (`summaries`, which also hold the high-needs years and programme names), then one
    grouped read each of plans, exceptions and measures, however many councils there are.
    """
    ids = [c.pk for c in councils]
    plans = plan_selectors.plans_by_council(user, ids)
    exceptions = plan_selectors.exceptions_by_council(user, ids, today=today)
    measures = programme_selectors.measures_by_council(user, ids, latest_only=True)
    result = []
    for council in councils:
        summary = summaries[council.pk]
        rated = measures.get(council.pk, [])
        years = programme_selectors.high_needs_from_entries(summary.high_needs, council)
        figures = {
            "council": council,
            "plans": plans.get(council.pk, []),
            "actions": dashboard_selectors.action_figures(summary),
            "exceptions": exceptions.get(council.pk, []),
            "programmes": dashboard_selectors.programme_figures(summary, council),
            "measures": rated,
            "measures_off_track": sum(1 for m in rated if m.off_track),
            **programme_selectors.high_needs_figures(years),
            "grants": dashboard_selectors.grants_of(summary),
        }
        result.append(_with_rows(figures))
    return result


def _with_rows(figures: dict) -> dict:
    """The figures' status, stage and exception rows, in the latest plan's status key."""
    plan = figures["plans"][0] if figures["plans"] else None
    key = plan.status_key if plan else None
    figures["status_rows"] = [
        {"status": status_display(value, key), "count": count}
        for value, count in figures["actions"]["status"].items()
    ]
    figures["stage_rows"] = [
        (Stage(value).label, count) for value, count in figures["actions"]["stage"].items()
    ]
    figures["exception_rows"] = [
        {"row": row, "status": status_display(row.action.status, row.action.plan.status_key)}
        for row in figures["exceptions"]
    ]
    return figures


def _plan_sections(plans) -> list[dict]:
    """Per plan: BRAG on a page and its actions by area, from the inspections selectors."""
    sections = []
    for plan in plans:
        areas: dict = {}
        for action in plan_selectors.plan_actions(plan):
            areas.setdefault(action.area, []).append(
                {"action": action, "status": status_display(action.status, plan.status_key)}
            )
        sections.append(
            {
                "plan": plan,
                "brag_groups": plan_selectors.brag_on_a_page(plan),
                "areas": [{"area": area, "rows": rows} for area, rows in areas.items()],
                "legend": legend(plan.status_key),
            }
        )
    return sections


def _programme_sections(user, council: Council, *, today: datetime.date) -> list[dict]:
    """Per programme: every milestone in its tree, the risk register and the heat map."""
    programmes = programme_selectors.council_programmes(user, council)
    trees = programme_selectors.council_milestone_nodes(user, council, today=today)
    sections = []
    for programme in programmes:
        risks, heat_map = programme_selectors.risk_register(programme)
        sections.append(
            {
                "programme": programme,
                "workstreams": [
                    {"workstream": ws, "milestones": flatten(trees.get(ws.pk, []))}
                    for ws in programme.workstreams.all()
                ],
                "risks": risks,
                "heat_map": heat_map,
            }
        )
    return sections


def council_pack_context(
    user, council: Council, *, marking: str, as_at: datetime.datetime | None = None
) -> dict:
    """What the council pack template needs, as `user` sees it at `as_at` (now by default)."""
    as_at = timezone.localtime(as_at or timezone.now())
    today = as_at.date()
    context = council_summary(user, council, today=today)
    allocations = grant_selectors.council_allocations(user, council)
    context.update(
        marking=marking,
        as_at=as_at,
        pack_title="Council progress pack",
        plan_sections=_plan_sections(context["plans"]),
        stages=list(Stage),
        programme_sections=_programme_sections(user, council, today=today),
        # The dashboard rates measures on their latest value; a chart draws them all.
        measure_charts=[
            {"rated": m, "chart": programme_selectors.measure_chart(m)}
            for m in programme_selectors.council_measures(user, council)
        ],
        allocations=allocations,
        allocation_totals=grant_selectors.totals_of(allocations),
        impacts=LEVELS,
    )
    return context


def render_council_pack(
    user, council: Council, *, marking: str, as_at: datetime.datetime | None = None
) -> bytes:
    """The council pack as a tagged PDF."""
    return render_pdf(
        COUNCIL_TEMPLATE, council_pack_context(user, council, marking=marking, as_at=as_at)
    )


def region_councils(user, region: Region) -> list[Council]:
    """The region's councils that `user` may see, by name."""
    return list(
        Council.objects.visible_to(user)
        .filter(region=region)
        .select_related("region")
        .order_by("name")
    )


def region_pack_context(
    user, region: Region, *, marking: str, as_at: datetime.datetime | None = None
) -> dict:
    """The region view's rows for the region's councils, then each council's summary."""
    as_at = timezone.localtime(as_at or timezone.now())
    today = as_at.date()
    councils = region_councils(user, region)
    summaries = dashboard_selectors.summaries_for(councils, today=today)
    rows = dashboard_selectors.council_rows(user, councils, summaries=summaries)
    grants = dashboard_selectors.grant_figures(user, councils, summaries=summaries)
    return {
        "region": region,
        "marking": marking,
        "as_at": as_at,
        "pack_title": "Region progress pack",
        "rows": table_data(councils, rows, grants),
        "summaries": region_summaries(user, councils, today=today, summaries=summaries),
    }


def render_region_pack(
    user, region: Region, *, marking: str, as_at: datetime.datetime | None = None
) -> bytes:
    """The region pack as a tagged PDF."""
    return render_pdf(
        REGION_TEMPLATE, region_pack_context(user, region, marking=marking, as_at=as_at)
    )
