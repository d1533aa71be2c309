"""Reads of programmes, scoped to the user, at a fixed number of queries per page."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from sendtracker.core import charts
from sendtracker.core.status import Status
from sendtracker.official import selectors as official_selectors

from . import derive
from .derive import Node, Rating
from .models import (
    Direction,
    HighNeedsYear,
    Measure,
    Milestone,
    Observation,
    Programme,
    Progress,
    Risk,
    RiskStatus,
    Unit,
    Workstream,
)

NEXT_MILESTONES = 6
TOP_RISKS = 5
MILESTONE_FIELDS = (
    "pk",
    "workstream_id",
    "parent_id",
    "position",
    "ref",
    "title",
    "owner",
    "planned_start",
    "planned_end",
    "progress",
    "completed_on",
    "status_override",
    "override_reason",
    "note",
    "version",
)


def programmes_visible_to(user) -> QuerySet[Programme]:
    """Programmes the user may read, with their council."""
    return Programme.objects.visible_to(user).select_related("council", "council__region")


def programme_in(council, programme_id: int, user) -> QuerySet[Programme]:
    """The URL's programme, only if it is the URL council's and the user may read it."""
    return (
        programmes_visible_to(user)
        .select_related("allocation")
        .filter(council=council, pk=programme_id)
    )


# Milestones ---------------------------------------------------------------------------


def milestone_nodes(
    milestones: QuerySet[Milestone], *, today: datetime.date
) -> dict[int, list[Node]]:
    """Every milestone's tree, rolled up, keyed by workstream id: one query."""
    by_workstream: dict[int, list] = {}
    # Each workstream's in its own order (Meta's would sort workstreams by council name).
    for milestone in milestones.only(*MILESTONE_FIELDS).order_by("workstream_id", "position", "pk"):
        by_workstream.setdefault(milestone.workstream_id, []).append(milestone)
    return {ws: derive.build_tree(rows, today=today) for ws, rows in by_workstream.items()}


def next_milestones(roots_by_workstream, *, limit: int = NEXT_MILESTONES) -> list[Node]:
    """The incomplete milestones without sub-milestones that end soonest."""
    leaves = [
        node
        for roots in roots_by_workstream.values()
        for node in derive.flatten(roots)
        if not node.has_children and node.status != Status.COMPLETE and node.end
    ]
    leaves.sort(key=lambda n: (n.end, n.pk))
    return leaves[:limit]


@dataclass
class TreePage:
    roots: list[Node]
    rows: list[Node]
    scale: charts.TimelineScale | None
    today_x: float | None
    status: Status | None


def milestone_tree(workstream: Workstream, *, today: datetime.date | None = None) -> TreePage:
    """A workstream's milestones in reading order with roll-ups and timeline bars."""
    today = today or timezone.localdate()
    roots = milestone_nodes(Milestone.objects.filter(workstream=workstream), today=today).get(
        workstream.pk, []
    )
    rows = derive.flatten(roots)
    scale = charts.timeline_scale([d for n in rows for d in (n.start, n.end)] + [today])
    for node in rows:
        node.bar = scale.bar(node.start, node.end) if scale else None
        node.done_x = scale.x(node.completed_on) if scale and node.completed_on else None
    today_x = scale.x(today) if scale else None
    return TreePage(roots, rows, scale, today_x, derive.overall_status(roots))


# Measures -----------------------------------------------------------------------------


@dataclass
class RatedMeasure:
    measure: Measure
    observations: list[Observation]
    points: list[tuple[datetime.date, Decimal]]
    latest: Observation | None
    expected: Decimal | None
    rating: Rating

    @property
    def off_track(self) -> bool:
        return self.rating.off_track


def measures_queryset(
    measures: QuerySet[Measure], *, latest_only: bool = False
) -> QuerySet[Measure]:
    """Measures with their trajectory and observations (only the latest, if asked)."""
    observations = Observation.objects.order_by("on")
    if latest_only:
        # A rating needs the latest value alone; lists of measures must not load every
        # observation of every measure (500 each in the benchmark).
        latest = (
            Observation.objects.filter(measure=OuterRef("measure"))
            .order_by("-on", "-pk")
            .values("pk")[:1]
        )
        observations = observations.filter(pk=Subquery(latest))
    return measures.select_related("workstream").prefetch_related(
        Prefetch("observations", queryset=observations), "trajectory"
    )


def rate_measure(measure: Measure) -> RatedMeasure:
    """A measure (observations and trajectory prefetched) rated on its latest value."""
    observations = list(measure.observations.all())
    points = derive.trajectory_points(
        baseline=(measure.baseline_on, measure.baseline_value),
        target=(measure.target_on, measure.target_value),
        points=[(p.on, p.value) for p in measure.trajectory.all()],
    )
    latest = observations[-1] if observations else None
    if latest is None:
        return RatedMeasure(measure, observations, points, None, None, Rating.NONE)
    expected = derive.expected_value(points, latest.on)
    rating = derive.rate(
        value=latest.value,
        on=latest.on,
        points=points,
        higher_is_better=measure.direction == Direction.UP,
        tolerance=measure.tolerance,
    )
    return RatedMeasure(measure, observations, points, latest, expected, rating)


def rated_measures(measures: QuerySet[Measure], *, latest_only: bool = False) -> list[RatedMeasure]:
    """Measures with their ratings: three queries however many observations.

    With `latest_only` each RatedMeasure's `observations` holds just the latest one.
    """
    return [rate_measure(m) for m in measures_queryset(measures, latest_only=latest_only)]


def format_value(value, unit: str) -> str:
    if value is None:
        return ""
    # Counts and money read as whole numbers, the rest to one place: an expected value
    # on a trajectory is rarely whole.
    places = 0 if unit in (Unit.NUMBER, Unit.POUNDS) else 1
    value = Decimal(value).quantize(Decimal(1).scaleb(-places))
    text = f"{value:,.1f}".removesuffix(".0") if places else f"{value:,.0f}"
    return {
        Unit.PERCENT: f"{text}%",
        Unit.POUNDS: f"£{text}",
        Unit.DAYS: f"{text} days",
        Unit.WEEKS: f"{text} weeks",
    }.get(unit, text)


def measure_chart(rated: RatedMeasure, *, official=None) -> charts.LineChart:
    """Observations against the trajectory and target, as an SVG's coordinates.

    `official` (official.selectors.MeasureLines): the published council, region and
    England lines of the indicator the measure names, with their table.
    """
    m = rated.measure
    fmt = lambda v: format_value(Decimal(str(v)), m.unit)  # noqa: E731
    first = min([m.baseline_on, *(o.on for o in rated.observations)])
    last = max([m.target_on, *(o.on for o in rated.observations)])
    if official is not None:
        first = min(first, official_day(official.first_year))
        last = max(last, official_day(official.last_year))
    series = [
        charts.SeriesData(
            "Trajectory (expected)",
            "trajectory",
            [(charts.date_x(d), float(v)) for d, v in rated.points],
            [f"{fmt(v)} expected by {d:%-d %b %Y}" for d, v in rated.points],
        ),
        charts.SeriesData(
            "Target",
            "target",
            [(charts.date_x(m.target_on), float(m.target_value))],
            [f"Target {fmt(m.target_value)} by {m.target_on:%-d %b %Y}"],
        ),
        charts.SeriesData(
            "Observed",
            "observed",
            [(charts.date_x(o.on), float(o.value)) for o in rated.observations],
            [f"{fmt(o.value)} on {o.on:%-d %b %Y}" for o in rated.observations],
        ),
    ]
    if official is not None:
        series.extend(official.series)
    latest = rated.latest
    summary = (
        f"Latest {fmt(latest.value)} on {latest.on:%-d %b %Y} against {fmt(rated.expected)} "
        f"expected: {rated.rating.label.lower()}."
        if latest
        else "No observations yet."
    )
    return charts.line_chart(
        title=f"{m.name}: observed against trajectory and target",
        description=(
            f"Baseline {fmt(m.baseline_value)} on {m.baseline_on:%-d %b %Y}; target "
            f"{fmt(m.target_value)} by {m.target_on:%-d %b %Y}; "
            f"{m.get_direction_display().lower()}. {summary}"
            + (
                " Also drawn: the official figures for the council, its region and England, "
                "each calendar year at its last day."
                if official is not None
                else ""
            )
        ),
        series=series,
        x_ticks=charts.year_ticks(first, last),
        y_label=m.get_unit_display(),
        y_format=lambda v: format_value(Decimal(str(v)), m.unit),
        ident=f"measure-{m.pk}-chart",
        table=official.table if official is not None else None,
    )


def official_day(year: int) -> datetime.date:
    """Where a calendar year's official figure sits on a measure's chart: its last day."""
    return datetime.date(year, 12, 31)


def official_lines(measure: Measure, council):
    """The official lines of the indicator the measure names (one query), or None.

    `council`: the measure's, with its region.
    """
    if not measure.official_indicator:
        return None
    return official_selectors.measure_lines(
        council,
        measure.official_indicator,
        x=lambda year: charts.date_x(official_day(year)),
    )


# Risks --------------------------------------------------------------------------------


def risk_register(programme: Programme) -> tuple[list[Risk], list[list[derive.HeatCell]]]:
    """All the programme's risks, highest score first, and the heat map of live ones."""
    risks = sorted(
        Risk.objects.filter(programme=programme).select_related("workstream"),
        key=lambda r: (r.status == RiskStatus.CLOSED, -r.score, r.pk),
    )
    live = [(r.likelihood, r.impact) for r in risks if r.status != RiskStatus.CLOSED]
    return risks, derive.heat_map(live)


def top_risks(programme: Programme, *, limit: int = TOP_RISKS) -> list[Risk]:
    return list(
        Risk.objects.filter(programme=programme)
        .live()
        .select_related("workstream")
        .order_by("-score", "pk")[:limit]
    )


# The pages ----------------------------------------------------------------------------


@dataclass
class WorkstreamRow:
    workstream: Workstream
    status: Status | None
    milestone_count: int
    complete_count: int


def programme_overview(programme: Programme, *, today: datetime.date | None = None) -> dict:
    """Workstreams with status, next milestones, measures off track, top risks."""
    today = today or timezone.localdate()
    workstreams = list(programme.workstreams.all())
    trees = milestone_nodes(Milestone.objects.filter(workstream__programme=programme), today=today)
    rows = []
    for ws in workstreams:
        roots = trees.get(ws.pk, [])
        flat = derive.flatten(roots)
        leaves = [n for n in flat if not n.has_children]
        rows.append(
            WorkstreamRow(
                ws,
                derive.overall_status(roots),
                len(leaves),
                sum(1 for n in leaves if n.status == Status.COMPLETE),
            )
        )
    names = {ws.pk: ws for ws in workstreams}
    upcoming = next_milestones(trees)
    for node in upcoming:
        node.workstream = names[node.milestone.workstream_id]
    measures = rated_measures(Measure.objects.filter(programme=programme), latest_only=True)
    return {
        "workstream_rows": rows,
        "status": derive.roll_up(r.status for r in rows if r.status),
        "next_milestones": upcoming,
        "measures": measures,
        "measures_off_track": [m for m in measures if m.off_track],
        "top_risks": top_risks(programme),
        "phases": list(programme.phases.all()),
    }


def workstream_summary(workstream: Workstream, *, today: datetime.date | None = None) -> dict:
    """Everything seed 001's one-page workstream summary shows, live."""
    today = today or timezone.localdate()
    roots = milestone_nodes(Milestone.objects.filter(workstream=workstream), today=today).get(
        workstream.pk, []
    )
    return {
        "enablers": sorted(workstream.enablers.all(), key=lambda e: derive_enabler_order(e.area)),
        "depends_on": list(workstream.depends_on.all()),
        "needed_by": list(workstream.needed_by.all()),
        "milestones": derive.flatten(roots),
        "status": derive.overall_status(roots),
        "measures": rated_measures(Measure.objects.filter(workstream=workstream), latest_only=True),
        "risks": list(workstream.risks.live().order_by("-score", "pk")),
    }


def derive_enabler_order(area: str) -> int:
    from .models.programmes import ENABLER_ORDER

    return [a.value for a in ENABLER_ORDER].index(area)


def high_needs(council) -> list[derive.HighNeedsRow]:
    """The council's High Needs Block years with their derived columns: one query."""
    return derive.high_needs_rows(HighNeedsYear.objects.filter(council=council))


# The years as the councils' summary rows keep them (dashboards.summaries), so that a
# dashboard draws the High Needs Block without reading the years again.
_YEAR_FIELDS = ("year_starting", "kind", "direct_spend", "indirect_spend", "allocation")


def high_needs_entries(rows: list[derive.HighNeedsRow]) -> list[dict]:
    """`rows`' years as JSON values (amounts as strings, exact)."""
    entries = []
    for row in rows:
        year = row.year
        entry = {name: getattr(year, name) for name in _YEAR_FIELDS}
        for name in ("direct_spend", "indirect_spend", "allocation"):
            entry[name] = str(entry[name])
        deficit = year.cumulative_deficit
        entry["cumulative_deficit"] = None if deficit is None else str(deficit)
        entries.append(entry)
    return entries


def high_needs_from_entries(entries: list[dict], council) -> list[derive.HighNeedsRow]:
    """high_needs(council) from high_needs_entries' values: no query."""
    years = []
    for entry in entries:
        deficit = entry["cumulative_deficit"]
        years.append(
            HighNeedsYear(
                council=council,
                year_starting=entry["year_starting"],
                kind=entry["kind"],
                direct_spend=Decimal(entry["direct_spend"]),
                indirect_spend=Decimal(entry["indirect_spend"]),
                allocation=Decimal(entry["allocation"]),
                cumulative_deficit=None if deficit is None else Decimal(deficit),
            )
        )
    return derive.high_needs_rows(years)


def latest_reported_deficit(rows: list[derive.HighNeedsRow]) -> derive.HighNeedsRow | None:
    """The latest of `rows` with a cumulative deficit the council reports, if any."""
    return derive.latest_reported_deficit(rows)


def high_needs_figures(rows: list[derive.HighNeedsRow]) -> dict:
    """What a council's dashboard and pack show of its high-needs years: all of them, the
    latest, and the latest with a cumulative deficit the council reports."""
    return {
        "high_needs": rows,
        "high_needs_latest": rows[-1] if rows else None,
        "high_needs_deficit": latest_reported_deficit(rows),
    }


def high_needs_chart(rows: list[derive.HighNeedsRow], council) -> charts.LineChart | None:
    if not rows:
        return None
    millions = lambda v: f"£{v / 1_000_000:,.1f}m"  # noqa: E731
    xs = [r.year.year_starting for r in rows]

    def series(name, style, values):
        # A year without a figure (a deficit the council does not report) is left out.
        points = [(x, r, v) for x, r, v in zip(xs, rows, values, strict=True) if v is not None]
        return charts.SeriesData(
            name,
            style,
            [(x, float(v)) for x, _, v in points],
            [f"{r.label}: {millions(v)}" for _, r, v in points],
        )

    reported = derive.latest_reported_deficit(rows)
    deficit = (
        f"cumulative deficit {millions(reported.cumulative_deficit)} reported for {reported.label}."
        if reported
        else "no cumulative deficit reported."
    )
    last = rows[-1].overspend_percent
    over = f" ({last}% over the grant)" if last is not None and last >= 0 else ""
    series_list = [
        series("Total spend", "spend", [r.total_spend for r in rows]),
        series("DSG high-needs allocation", "allocation", [r.year.allocation for r in rows]),
    ]
    if reported:
        series_list.append(
            series("Cumulative deficit", "deficit", [r.cumulative_deficit for r in rows])
        )
    return charts.line_chart(
        title=f"{council.name}: High Needs Block spend, allocation and cumulative deficit",
        description=(
            f"{rows[0].label} to {rows[-1].label}. Total spend {millions(rows[-1].total_spend)} "
            f"against an allocation of {millions(rows[-1].year.allocation)} in {rows[-1].label}"
            f"{over}; {deficit}"
        ),
        series=series_list,
        x_ticks=[(r.year.year_starting, r.label) for r in rows],
        y_label="£ million",
        y_format=millions,
        ident="high-needs-chart",
    )


# Figures for dashboards ------------------------------------------------------------------


@dataclass
class ProgrammeFigures:
    """A council's programmes at a glance: derived status, overdue and next milestones."""

    programmes: list[tuple[Programme, Status | None]]
    status: Status | None
    overdue_milestones: int
    next_milestones: list[Node]


def programme_figures(
    council_ids, *, today: datetime.date | None = None
) -> dict[int, ProgrammeFigures]:
    """Per council: each programme's rolled-up status, overdue and next milestones.

    Three queries however many councils; the derivation runs in Python (programmes.derive),
    so what shows many councils reads it from their summaries (dashboards.summaries).
    """
    today = today or timezone.localdate()
    programmes = list(
        Programme.objects.filter(council__in=council_ids).order_by("council_id", "name")
    )
    workstreams = {
        pk: programme_id
        for pk, programme_id in Workstream.objects.filter(programme__council__in=council_ids)
        .order_by()
        .values_list("pk", "programme_id")
    }
    trees = milestone_nodes(
        Milestone.objects.filter(workstream__programme__council__in=council_ids), today=today
    )
    by_programme: dict[int, dict[int, list[Node]]] = {}
    for ws_id, roots in trees.items():
        by_programme.setdefault(workstreams[ws_id], {})[ws_id] = roots
    figures: dict[int, ProgrammeFigures] = {}
    for programme in programmes:
        ws_trees = by_programme.get(programme.pk, {})
        status = derive.roll_up(
            s for s in (derive.overall_status(r) for r in ws_trees.values()) if s
        )
        leaves = [
            n for roots in ws_trees.values() for n in derive.flatten(roots) if not n.has_children
        ]
        overdue = sum(1 for n in leaves if n.status != Status.COMPLETE and n.end and n.end < today)
        entry = figures.setdefault(programme.council_id, ProgrammeFigures([], None, 0, []))
        entry.programmes.append((programme, status))
        entry.overdue_milestones += overdue
        entry.next_milestones.extend(next_milestones(ws_trees))
    for entry in figures.values():
        entry.status = derive.roll_up(s for _, s in entry.programmes if s)
        entry.next_milestones = sorted(entry.next_milestones, key=lambda n: (n.end, n.pk))[
            :NEXT_MILESTONES
        ]
    return figures


def milestone_changes_on(council_ids, *, today: datetime.date) -> dict[int, datetime.date]:
    """Per council, the first day after `today` on which a derived milestone status may
    change: DUE_SOON_DAYS before an unstarted milestone's end, and the day after any
    incomplete one's end (derive.milestone_status). Parents roll up their children, so
    their own dates only make the day earlier than it need be. One query."""
    changes: dict[int, datetime.date] = {}
    rows = (
        Milestone.objects.filter(workstream__programme__council__in=council_ids)
        .exclude(progress=Progress.COMPLETE)
        .filter(planned_end__gte=today - datetime.timedelta(days=1))
        .values_list("workstream__programme__council_id", "progress", "planned_end")
        .order_by()
    )
    for council_id, progress, end in rows:
        days = [end + datetime.timedelta(days=1)]
        if progress == Progress.NOT_STARTED:
            days.append(end - datetime.timedelta(days=derive.DUE_SOON_DAYS))
        for day in days:
            if day > today and (council_id not in changes or day < changes[council_id]):
                changes[council_id] = day
    return changes


def scorecards_by_council(council_ids) -> dict[int, list[dict]]:
    """Per council: each measure's scorecard row (rated on its latest value), as plain
    values that a council's summary keeps (dashboards.summaries). Three queries."""
    cards: dict[int, list[dict]] = {}
    measures = (
        Measure.objects.filter(programme__council__in=council_ids)
        .select_related("programme__council")
        .order_by("programme__council_id", "programme__name", "programme_id", "position", "pk")
    )
    for rated in rated_measures(measures, latest_only=True):
        m, latest = rated.measure, rated.latest
        cards.setdefault(m.programme.council_id, []).append(
            {
                "pk": m.pk,
                "name": m.name,
                "url": m.get_absolute_url(),
                "unit": m.unit,
                "direction": m.get_direction_display(),
                "target_value": str(m.target_value),
                "target_on": m.target_on.isoformat(),
                "latest_value": str(latest.value) if latest else None,
                "latest_on": latest.on.isoformat() if latest else None,
                "rating": rated.rating.key,
            }
        )
    return cards


_RATINGS = {rating.key: rating for rating in Rating}


def off_track_count(rows: list[dict]) -> int:
    """How many of these scorecard rows (scorecards_by_council's) are off target."""
    return sum(_RATINGS[row["rating"]].off_track for row in rows)


def scorecard(rows: list[dict]) -> list[SimpleNamespace]:
    """Scorecard rows (scorecards_by_council's) as the scorecard templates read a
    RatedMeasure: `measure`, `latest` (None without an observation), `rating`."""
    date = datetime.date.fromisoformat
    return [
        SimpleNamespace(
            measure=SimpleNamespace(
                pk=row["pk"],
                name=row["name"],
                unit=row["unit"],
                target_value=Decimal(row["target_value"]),
                target_on=date(row["target_on"]),
                get_absolute_url=row["url"],
                get_direction_display=row["direction"],
            ),
            latest=SimpleNamespace(value=Decimal(row["latest_value"]), on=date(row["latest_on"]))
            if row["latest_value"] is not None
            else None,
            rating=_RATINGS[row["rating"]],
            off_track=_RATINGS[row["rating"]].off_track,
        )
        for row in rows
    ]


def high_needs_by_council(council_ids) -> dict[int, list[derive.HighNeedsRow]]:
    """Every council's High Needs Block years with their derived columns: one query."""
    years: dict[int, list[HighNeedsYear]] = {}
    for year in HighNeedsYear.objects.filter(council__in=council_ids).order_by(
        "council_id", "year_starting"
    ):
        years.setdefault(year.council_id, []).append(year)
    return {council_id: derive.high_needs_rows(rows) for council_id, rows in years.items()}


# A council's records for the dashboards and packs ------------------------------------------


def council_measures(user, council, *, latest_only: bool = False) -> list[RatedMeasure]:
    """The council's measures the user may read, rated (rated_measures): three queries."""
    return rated_measures(
        Measure.objects.visible_to(user)
        .filter(programme__council=council)
        .select_related("programme__council"),
        latest_only=latest_only,
    )


def measures_by_council(
    user, council_ids, *, latest_only: bool = False
) -> dict[int, list[RatedMeasure]]:
    """council_measures for many councils, keyed by council id: three queries."""
    measures: dict[int, list[RatedMeasure]] = {}
    for rated in rated_measures(
        Measure.objects.visible_to(user)
        .filter(programme__council__in=council_ids)
        .select_related("programme__council"),
        latest_only=latest_only,
    ):
        measures.setdefault(rated.measure.programme.council_id, []).append(rated)
    return measures


def council_measures_as_at(user, council, *, day: datetime.date) -> list[RatedMeasure]:
    """council_measures rated on their observations up to `day`: three queries."""
    return [
        rate_measure(m)
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


def programme_figures_as_at(council, *, day: datetime.date) -> ProgrammeFigures | None:
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
        *MILESTONE_FIELDS
    ):
        if milestone.completed_on and milestone.completed_on > day:
            milestone.completed_on = None
            milestone.progress = Progress.IN_PROGRESS
        rows.setdefault(milestone.workstream_id, []).append(milestone)
    trees = {ws: derive.build_tree(ms, today=day) for ws, ms in rows.items()}
    figures = ProgrammeFigures([], None, 0, [])
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
        figures.next_milestones.extend(next_milestones(ws_trees))
    figures.status = derive.roll_up(s for _, s in figures.programmes if s)
    upcoming = sorted(figures.next_milestones, key=lambda n: (n.end, n.pk))[:NEXT_MILESTONES]
    # the shape a council's summary keeps (dashboards.selectors.programme_figures)
    figures.next_milestones = [
        {"pk": n.pk, "milestone": str(n.milestone), "end": n.end, "status": n.status}
        for n in upcoming
    ]
    return figures


def council_programmes(user, council) -> list[Programme]:
    """The council's programmes the user may read, by name, with their workstreams."""
    return list(
        Programme.objects.visible_to(user)
        .filter(council=council)
        .prefetch_related("workstreams")
        .order_by("name")
    )


def council_milestone_nodes(user, council, *, today: datetime.date) -> dict[int, list[Node]]:
    """milestone_nodes of the council's milestones the user may read: one query."""
    return milestone_nodes(
        Milestone.objects.visible_to(user).filter(workstream__programme__council=council),
        today=today,
    )


def milestone_and_observation_count(council) -> int:
    """How many milestones and observations the council's programmes have: two queries."""
    return (
        Milestone.objects.filter(workstream__programme__council=council).count()
        + Observation.objects.filter(measure__programme__council=council).count()
    )


# Exceptions: the milestones an exception report lists beside delayed actions ----------


@dataclass(frozen=True)
class MilestoneException:
    """A milestone without sub-milestones that is delayed (its status, derived or set)
    or overdue (its end passed and not complete), with its workstream and programme."""

    node: Node
    workstream: Workstream
    days_overdue: int

    @property
    def milestone(self):
        return self.node.milestone

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def council_milestone_exceptions(
    user, council, *, today: datetime.date | None = None
) -> list[MilestoneException]:
    """The council's delayed and overdue programme milestones the user may read, worst
    first (Major delay, then Minor), then most overdue: two queries."""
    today = today or timezone.localdate()
    trees = council_milestone_nodes(user, council, today=today)
    workstreams = {
        ws.pk: ws
        for ws in Workstream.objects.filter(pk__in=list(trees)).select_related(
            "programme", "programme__council"
        )
    }
    rows = []
    for workstream_id, roots in trees.items():
        for node in derive.flatten(roots):
            if node.has_children or node.status == Status.COMPLETE:
                continue
            days = (today - node.end).days if node.end and node.end < today else 0
            if node.status in (Status.MINOR_DELAY, Status.MAJOR_DELAY) or days > 0:
                rows.append(MilestoneException(node, workstreams[workstream_id], days))
    rank = {Status.MAJOR_DELAY: 0, Status.MINOR_DELAY: 1}
    rows.sort(key=lambda r: (rank.get(r.node.status, 2), -r.days_overdue, r.node.pk))
    return rows
