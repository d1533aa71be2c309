"""Reads of the official statistics, each a fixed number of queries.

Official statistics are published for everyone: they are not scoped to a user. The
pages that show them are (a council's statistics page asks for the council as every
council page does; the inspections pages list the councils the user may see).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from sendtracker.core import charts

from .indicators import BY_CODE, HEADLINE, INDICATORS, Indicator
from .models import Edition, Figure, Level, Outcome, PublishedInspection

SOURCES = {
    "sen2": "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans",
    "inspections_2016": "https://www.gov.uk/government/statistics/area-send-inspections-and-outcomes-in-england-as-at-31-august-2022",
    "inspections_2023": "https://www.gov.uk/government/statistical-data-sets/area-send-inspections-management-information",
}
OUTCOME_LABELS = dict(Outcome.choices)
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def shown(figure: Figure | None, indicator: Indicator) -> str:
    """A figure as a table shows it: the value, or why there is none (never 0)."""
    if figure is None:
        return "not published"
    if figure.value is None:
        return figure.get_marker_display()
    return indicator.format(figure.value)


@dataclass
class YearRow:
    year: int
    council: Figure | None
    region: Figure | None
    england: Figure | None

    @property
    def rank(self) -> str:
        c = self.council
        return f"{c.rank} of {c.ranked_of}" if c and c.rank else ""


def _of_council(council, indicators) -> QuerySet[Figure]:
    """The council's, its region's and England's figures: one query, a union of three
    index searches (an OR of the three made SQLite read the indicator's every row)."""
    figures = Figure.objects.filter(indicator__in=indicators).order_by()
    return (
        figures.filter(council=council)
        .union(
            figures.filter(level=Level.REGIONAL, region_id=council.region_id),
            figures.filter(level=Level.NATIONAL),
            all=True,
        )
        .order_by("indicator", "year")
    )


def _rows(figures) -> dict[str, list[YearRow]]:
    by = defaultdict(dict)
    for f in figures:
        row = by[f.indicator].setdefault(f.year, YearRow(f.year, None, None, None))
        setattr(
            row, {"council": "council", "regional": "region", "national": "england"}[f.level], f
        )
    return {code: [years[y] for y in sorted(years)] for code, years in by.items()}


def council_series(council, indicators=None) -> dict[str, list[YearRow]]:
    """Each indicator's years for the council, its region and England (one query)."""
    codes = indicators or [i.code for i in INDICATORS]
    return _rows(_of_council(council, codes))


@dataclass
class Panel:
    """The latest year of the headline rate, for the council dashboard."""

    council: object
    indicator: Indicator
    latest: YearRow

    @property
    def sentence(self) -> str:
        council = self.council
        row, fmt = self.latest, lambda f: shown(f, self.indicator)
        text = (
            f"{council.name}: {fmt(row.council)} within 20 weeks in {row.year}, "
            f"{council.region.name} {fmt(row.region)}, England {fmt(row.england)}"
        )
        if row.council and row.council.rank:
            text += (
                f"; {ordinal(row.council.rank)} of the {row.council.ranked_of} councils "
                "with a figure"
            )
        return text + "."


def council_panel(council) -> Panel | None:
    """The headline rate's latest year for the council (one query of at most ~30 rows)."""
    rows = council_series(council, [HEADLINE.code]).get(HEADLINE.code)
    with_council = [r for r in rows or [] if r.council is not None]
    if not with_council:
        return None
    return Panel(council, HEADLINE, with_council[-1])


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def official_series(
    council,
    indicator: Indicator,
    rows: list[YearRow],
    *,
    x=float,
    all_three: bool = True,
    suffix: str = "",
) -> list[charts.SeriesData]:
    """The council's, its region's and England's lines (or the council's alone): each
    year at x(year); values the publisher withheld are not plotted."""
    plotted = [("council", council.name, "official_council")]
    if all_three:
        plotted += [
            ("region", council.region.name, "official_region"),
            ("england", "England", "official_england"),
        ]
    series = []
    for attr, name, style in plotted:
        points = [(r.year, getattr(r, attr)) for r in rows]
        points = [(year, f) for year, f in points if f is not None and f.value is not None]
        series.append(
            charts.SeriesData(
                name + suffix,
                style,
                [(x(year), float(f.value)) for year, f in points],
                [f"{indicator.format(f.value)} in {year}" for year, f in points],
            )
        )
    return series


def official_table(council, indicator: Indicator, rows: list[YearRow]) -> charts.DataTable:
    """The same figures as a table: withheld values in words, never 0."""
    headers = ["Year", council.name, council.region.name, "England"]
    if indicator.percent:
        headers.append(f"{council.name}'s rank (1 is highest)")
    table_rows = []
    for r in rows:
        cells = [str(r.year), *(shown(f, indicator) for f in (r.council, r.region, r.england))]
        if indicator.percent:
            cells.append(r.rank or "no rank")
        table_rows.append(cells)
    return charts.DataTable(
        caption=f"{indicator.label}: {council.name}, {council.region.name} and England "
        "(official statistics)",
        headers=headers,
        rows=table_rows,
    )


def series_chart(council, indicator: Indicator, rows: list[YearRow]) -> charts.LineChart:
    """An indicator over the years as a chart with its table. Rates: the council, its
    region and England; counts: the council alone (England's are a hundred times
    larger), the region's and England's in the table."""
    years = [r.year for r in rows]
    compared = "its region and England" if indicator.percent else "the council alone"
    title = f"{indicator.label}: {council.name}"
    if indicator.percent:
        title += f", {council.region.name} and England"
    return charts.line_chart(
        title=title,
        description=(
            f"{indicator.label} each calendar year {min(years, default='')} to "
            f"{max(years, default='')}, plotted for {compared}; values withheld by the "
            "publisher (suppressed, not available or not applicable) are not plotted."
        ),
        series=official_series(council, indicator, rows, all_three=indicator.percent),
        x_ticks=[(y, str(y)) for y in years],
        y_label="Percentage" if indicator.percent else "Number",
        y_format=(lambda v: f"{v:.0f}%") if indicator.percent else (lambda v: f"{v:,.0f}"),
        ident=f"official-{indicator.code}",
        table=official_table(council, indicator, rows),
    )


def council_charts(council) -> list[tuple[Indicator, charts.LineChart]]:
    series = council_series(council)
    return [(i, series_chart(council, i, series[i.code])) for i in INDICATORS if i.code in series]


def editions() -> list[Edition]:
    """The latest edition loaded of each publication, with its source's address."""
    latest = {}
    for edition in Edition.objects.order_by("publication", "-loaded_at", "-pk"):
        latest.setdefault(edition.publication, edition)
    for edition in latest.values():
        edition.source_url = SOURCES.get(edition.publication, "")
    return list(latest.values())


@dataclass
class MeasureLines:
    """An official indicator's lines and table for a measure's chart."""

    series: list[charts.SeriesData]
    table: charts.DataTable
    first_year: int
    last_year: int


def measure_lines(council, indicator_code: str, *, x) -> MeasureLines | None:
    """The official council, region and England lines of a measure that names an
    indicator, each year placed at x(year) (one query); None without figures."""
    indicator = BY_CODE.get(indicator_code)
    rows = council_series(council, [indicator_code]).get(indicator_code) if indicator else None
    if not rows:
        return None
    return MeasureLines(
        official_series(council, indicator, rows, x=x, suffix=" (official)"),
        official_table(council, indicator, rows),
        rows[0].year,
        rows[-1].year,
    )


def published_inspections(*, region_ids=None) -> QuerySet[PublishedInspection]:
    """Every published inspection (of the regions given), with council and region."""
    qs = PublishedInspection.objects.select_related("council", "region").order_by(
        "area_name", "started_on"
    )
    if region_ids is not None:
        qs = qs.filter(region_id__in=region_ids)
    return qs
