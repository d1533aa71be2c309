"""Coordinates for small server-rendered SVG charts, the one chart mechanism of the app.

The markup is templates/components/chart.html (line charts, with their data table when
`table` is given), whose SVG sendtracker.core.chart_svg draws, and
programmes/_timeline_bar.html. This module knows numbers, dates
and labels, nothing about measures, money or actions. Every series has a name, a line
style and a marker shape, so that no chart relies on colour alone; every chart is drawn
with a title and description, and its figures are in a table next to it (below it
on the pages, beside it for a measure in a pack: each include says where).
"""

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

STYLES = {
    # name: (stroke colour, dash pattern, marker)
    "observed": ("#0b0c0c", "", "circle"),
    "target": ("#1d70b8", "8 4", "square"),
    "trajectory": ("#505a5f", "2 4", "none"),
    "spend": ("#d4351c", "", "circle"),
    "allocation": ("#1d70b8", "8 4", "square"),
    "deficit": ("#0b0c0c", "2 3", "diamond"),
    # Official statistics: a council, its region and England (sendtracker.official).
    "official_council": ("#4c2c92", "", "triangle"),
    "official_region": ("#00703c", "8 4", "diamond"),
    "official_england": ("#505a5f", "2 4", "square"),
    # The status scale, for counts over time: each with its own dash and marker.
    "complete": ("#1d70b8", "", "square"),
    "on_track": ("#00703c", "8 4", "circle"),
    "minor_delay": ("#b35a00", "2 4", "diamond"),
    "major_delay": ("#d4351c", "12 3 3 3", "triangle"),
    "not_started": ("#505a5f", "4 4", "none"),
}


@dataclass
class DataTable:
    """The figures of a chart as a table: a caption, column headers, then rows."""

    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Marker:
    x: float
    y: float
    label: str


@dataclass
class PlottedSeries:
    name: str
    style: str
    path: str
    markers: list[Marker]
    colour: str
    dash: str
    marker: str


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class LineChart:
    title: str
    description: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    series: list[PlottedSeries]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    y_label: str
    zero: float | None = None
    ident: str = "chart"
    table: DataTable | None = None

    @property
    def plot_width(self) -> int:
        return self.right - self.left

    @property
    def plot_height(self) -> int:
        return self.bottom - self.top


@dataclass
class SeriesData:
    name: str
    style: str
    points: Sequence[tuple[float, float]]
    labels: Sequence[str] = field(default_factory=list)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (about `count` of them)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def line_chart(
    *,
    title: str,
    description: str,
    series: Sequence[SeriesData],
    x_ticks: Sequence[tuple[float, str]],
    y_label: str,
    y_format: Callable[[float], str] = lambda v: f"{v:,.0f}",
    include_zero: bool = True,
    width: int = 640,
    height: int = 320,
    ident: str = "chart",
    table: DataTable | None = None,
) -> LineChart:
    """Scale series of (x, y) numbers into an SVG's coordinates, with axis ticks."""
    left, right, top, bottom = 80, width - 40, 20, height - 50
    xs = [x for s in series for x, _ in s.points] + [x for x, _ in x_ticks]
    ys = [y for s in series for _, y in s.points]
    if include_zero:
        ys.append(0)
    if not xs:
        xs = [0, 1]
    if not ys:
        ys = [0, 1]
    x_low, x_high = min(xs), max(xs)
    if x_high == x_low:
        x_high = x_low + 1
    y_values = nice_ticks(min(ys), max(ys))
    y_low, y_high = y_values[0], y_values[-1]

    def sx(x: float) -> float:
        return round(left + (x - x_low) / (x_high - x_low) * (right - left), 1)

    def sy(y: float) -> float:
        return round(bottom - (y - y_low) / (y_high - y_low) * (bottom - top), 1)

    plotted = []
    for s in series:
        colour, dash, marker = STYLES[s.style]
        coords = [(sx(x), sy(y)) for x, y in s.points]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in enumerate(coords))
        labels = list(s.labels) or [y_format(y) for _, y in s.points]
        markers = [Marker(x, y, label) for (x, y), label in zip(coords, labels, strict=False)]
        plotted.append(PlottedSeries(s.name, s.style, path, markers, colour, dash, marker))
    return LineChart(
        title=title,
        description=description,
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        series=plotted,
        x_ticks=[Tick(sx(x), label) for x, label in x_ticks],
        y_ticks=[Tick(sy(v), y_format(v)) for v in y_values],
        y_label=y_label,
        zero=sy(0) if y_low < 0 < y_high else None,
        ident=ident,
        table=table,
    )


def date_x(day: datetime.date) -> float:
    return float(day.toordinal())


def year_ticks(first: datetime.date, last: datetime.date) -> list[tuple[float, str]]:
    """1 January of each year from first to last (or each quarter, for a short span)."""
    if (last - first).days < 500:
        ticks = []
        day = datetime.date(first.year, ((first.month - 1) // 3) * 3 + 1, 1)
        while day <= last:
            if day >= first:
                ticks.append((date_x(day), f"{day:%b %Y}"))
            month = day.month + 3
            day = datetime.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
        return ticks
    return [
        (date_x(datetime.date(year, 1, 1)), str(year))
        for year in range(first.year + (first > datetime.date(first.year, 1, 1)), last.year + 1)
    ]


@dataclass
class TimelineScale:
    """Maps dates onto a bar `width` pixels wide, for every row of a milestone tree."""

    start: datetime.date
    end: datetime.date
    width: int = 300

    def x(self, day: datetime.date) -> float:
        span = max((self.end - self.start).days, 1)
        offset = min(max((day - self.start).days, 0), span)
        return round(offset / span * self.width, 1)

    def bar(self, first: datetime.date | None, last: datetime.date | None):
        if not first and not last:
            return None
        first, last = first or last, last or first
        x = self.x(first)
        return {"x": x, "width": max(self.x(last) - x, 3)}

    def ticks(self) -> list[Tick]:
        return [
            Tick(self.x(datetime.date.fromordinal(int(x))), label)
            for x, label in year_ticks(self.start, self.end)
        ]


def timeline_scale(dates, *, width: int = 300) -> TimelineScale | None:
    dates = [d for d in dates if d]
    if not dates:
        return None
    return TimelineScale(min(dates), max(dates), width)
