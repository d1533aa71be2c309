"""Trends as charts with their tables: status counts a month, measures, grant spend.

Status counts come from the StatusUpdate history (dashboards.history.monthly_counts);
charts are drawn by the shared chart helper (sendtracker.core.charts).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from programmes import selectors as programme_selectors
from sendtracker.core import charts
from sendtracker.core.status import Status, legend

from . import history, selectors

MONTHS = 24
MEASURE_CHARTS = 6


def status_chart(user, council, *, today: datetime.date) -> charts.LineChart | None:
    """How many of the council's actions had each status at the end of each month."""
    ids = plan_selectors.council_action_ids(user, council)
    if not ids:
        return None
    ends = history.month_ends(today, MONTHS)
    events = plan_selectors.council_status_history(user, council)
    rows = history.monthly_counts(events, ids, ends)
    order = [s["value"] for s in legend()]
    series = [
        charts.SeriesData(
            Status(value).label,
            value,
            [(charts.date_x(day), counts[value]) for day, counts in rows],
            [f"{counts[value]} at the end of {day:%B %Y}" for day, counts in rows],
        )
        for value in order
    ]
    latest = rows[-1][1] if rows else {}
    return charts.line_chart(
        title=f"{council.name}: actions by status at the end of each month",
        description=(
            f"{len(ids)} actions over {MONTHS} months to {today:%B %Y}, from their status "
            "history. Now: "
            + ", ".join(f"{latest.get(v, 0)} {Status(v).label.lower()}" for v in order)
            + "."
        ),
        series=series,
        x_ticks=charts.year_ticks(ends[0], ends[-1]),
        y_label="Actions",
        ident="status-trend",
        table=charts.DataTable(
            caption="Actions by status at the end of each month",
            headers=["Month", *(Status(v).label for v in order)],
            rows=[[f"{day:%b %Y}", *(str(c[v]) for v in order)] for day, c in rows],
        ),
    )


def council_trends(user, council, *, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    measures = programme_selectors.council_measures(user, council)
    # Off-track measures first: they are the ones a board asks about.
    shown = sorted(measures, key=lambda m: (not m.off_track, m.measure.position, m.measure.pk))
    return {
        "council": council,
        "status_chart": status_chart(user, council, today=today),
        "measure_charts": [
            (m, programme_selectors.measure_chart(m)) for m in shown[:MEASURE_CHARTS]
        ],
        "measure_count": len(measures),
    }


def grant_chart(user, council) -> charts.LineChart | None:
    """Cumulative paid and reported spend against the total allocated, over time."""
    grants = selectors.grant_figures(user, [council])[council.pk]
    events = grant_selectors.money_over_time(user, council)
    if not events:
        return None
    pounds = lambda v: f"£{v:,.0f}"  # noqa: E731
    paid = reported = Decimal(0)
    points = {"paid": [], "reported": []}
    rows = []
    for day, kind, amount in events:
        if kind == "paid":
            paid += amount
        else:
            reported += amount
        points[kind].append((day, paid if kind == "paid" else reported))
        rows.append([f"{day:%-d %b %Y}", pounds(paid), pounds(reported), pounds(grants.allocated)])
    first, last = events[0][0], events[-1][0]
    allocation = [(first, grants.allocated), (last, grants.allocated)]

    def series(name, style, pts):
        return charts.SeriesData(
            name,
            style,
            [(charts.date_x(d), float(v)) for d, v in pts],
            [f"{pounds(v)} by {d:%-d %b %Y}" for d, v in pts],
        )

    return charts.line_chart(
        title=f"{council.name}: grant paid and spend reported against the amount allocated",
        description=(
            f"{pounds(grants.allocated)} allocated; {pounds(paid)} paid and {pounds(reported)} "
            f"reported by {last:%-d %B %Y}."
        ),
        series=[
            series("Allocated", "allocation", allocation),
            series("Paid (cumulative)", "observed", points["paid"]),
            series("Reported spend (cumulative)", "spend", points["reported"]),
        ],
        x_ticks=charts.year_ticks(first, last) or [(charts.date_x(first), f"{first:%b %Y}")],
        y_label="£",
        y_format=pounds,
        ident="grant-trend",
        table=charts.DataTable(
            caption="Grant paid and reported, cumulative",
            headers=["Date", "Paid", "Reported", "Allocated"],
            rows=rows,
        ),
    )
