"""Derived figures: pure functions over plain values, no queries.

Milestone statuses and their roll-up, a measure's rating against its trajectory, the
High Needs Block's derived columns and the risk heat map. Selectors feed these with
rows already fetched; tests call them directly.
"""

import datetime
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from sendtracker.core.status import Status, worst

from .models.milestones import Progress

DUE_SOON_DAYS = 14


# Milestones ---------------------------------------------------------------------------


def milestone_status(
    *,
    progress: str,
    planned_start: datetime.date | None,
    planned_end: datetime.date | None,
    today: datetime.date,
) -> Status:
    """A milestone's status from its dates and progress (no override, no children).

    Complete when complete; overdue and incomplete is a major delay; due within
    DUE_SOON_DAYS and not started, a minor delay; started, on track.
    """
    if progress == Progress.COMPLETE:
        return Status.COMPLETE
    if planned_end is not None and planned_end < today:
        return Status.MAJOR_DELAY
    if (
        progress == Progress.NOT_STARTED
        and planned_end is not None
        and (planned_end - today).days <= DUE_SOON_DAYS
    ):
        return Status.MINOR_DELAY
    if progress == Progress.IN_PROGRESS:
        return Status.ON_TRACK
    return Status.NOT_STARTED


@dataclass
class Node:
    """A milestone in its tree, with what the tree derives for it."""

    milestone: object
    depth: int = 0
    children: list["Node"] = field(default_factory=list)
    start: datetime.date | None = None
    end: datetime.date | None = None
    completed_on: datetime.date | None = None
    derived_status: Status = Status.NOT_STARTED
    warnings: list[str] = field(default_factory=list)

    @property
    def status(self) -> Status:
        """The status shown: the override if there is one, otherwise the derived one."""
        override = self.milestone.status_override
        return Status(override) if override else self.derived_status

    @property
    def is_overridden(self) -> bool:
        return bool(self.milestone.status_override)

    @property
    def has_children(self) -> bool:
        return bool(self.children)

    @property
    def pk(self):
        return self.milestone.pk


def build_tree(milestones: Iterable, *, today: datetime.date) -> list[Node]:
    """Milestones (any order, one workstream or many) as trees with rolled-up figures.

    A parent's dates span its children's; its status is the worst of its children's
    (each child's override counting as its status); it is complete on the day its
    last child was. A child outside its parent's own planned dates is warned about,
    not refused. A cycle (only possible through bad data) breaks at the first repeat.
    """
    nodes = {m.pk: Node(m) for m in milestones}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.milestone.parent_id)
        (parent.children if parent else roots).append(node)
    order = lambda n: (n.milestone.position, n.milestone.pk)  # noqa: E731
    roots.sort(key=order)
    for root in roots:
        _roll_up(root, 0, today, order, seen=set())
    return roots


def _roll_up(node: Node, depth: int, today, order, seen: set) -> None:
    seen.add(node.pk)
    node.depth = depth
    node.children = [c for c in node.children if c.pk not in seen]
    node.children.sort(key=order)
    m = node.milestone
    if not node.children:
        node.start, node.end = m.planned_start, m.planned_end
        node.completed_on = m.completed_on
        node.derived_status = milestone_status(
            progress=m.progress,
            planned_start=m.planned_start,
            planned_end=m.planned_end,
            today=today,
        )
        return
    for child in node.children:
        _roll_up(child, depth + 1, today, order, seen)
    starts = [c.start for c in node.children if c.start]
    ends = [c.end for c in node.children if c.end]
    node.start = min(starts) if starts else m.planned_start
    node.end = max(ends) if ends else m.planned_end
    node.derived_status = roll_up(c.status for c in node.children)
    done = [c.completed_on for c in node.children]
    node.completed_on = max(done) if node.derived_status == Status.COMPLETE and all(done) else None
    for child in node.children:
        warning = outside_parent_warning(
            child_start=child.start,
            child_end=child.end,
            parent_start=m.planned_start,
            parent_end=m.planned_end,
        )
        if warning:
            child.warnings.append(warning)


def outside_parent_warning(*, child_start, child_end, parent_start, parent_end) -> str:
    if parent_start and child_start and child_start < parent_start:
        return f"Starts before its parent milestone's planned start ({parent_start:%-d %b %Y})"
    if parent_end and child_end and child_end > parent_end:
        return f"Ends after its parent milestone's planned end ({parent_end:%-d %b %Y})"
    return ""


def flatten(roots: Sequence[Node]) -> list[Node]:
    """The tree in reading order (each parent before its children)."""
    out: list[Node] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def roll_up(statuses: Iterable) -> Status | None:
    """The worst of the children's statuses (core.status.worst), with one refinement.

    On the shared scale Not started ranks below On track, so a parent with half its
    children complete and the rest not yet due would read "Not started". Once some of
    the work has started or finished and nothing is delayed, the parent is On track.
    """
    statuses = [Status(s) for s in statuses]
    result = worst(statuses)
    if result == Status.NOT_STARTED and any(
        s in (Status.ON_TRACK, Status.COMPLETE) for s in statuses
    ):
        return Status.ON_TRACK
    return result


def overall_status(roots: Sequence[Node]) -> Status | None:
    """A workstream's status: rolled up from its top-level milestones, as a parent's is."""
    return roll_up(n.status for n in roots)


# Measures -----------------------------------------------------------------------------


class Rating(Enum):
    ON_TRACK = ("on_track", "On track", Status.ON_TRACK)
    MINOR = ("minor", "Minor shortfall", Status.MINOR_DELAY)
    MAJOR = ("major", "Major shortfall", Status.MAJOR_DELAY)
    NONE = ("none", "No observations yet", Status.NOT_STARTED)

    def __init__(self, value, label, status):
        self.key = value
        self.label = label
        self.status = status

    @property
    def off_track(self) -> bool:
        return self in (Rating.MINOR, Rating.MAJOR)


def trajectory_points(
    *,
    baseline: tuple[datetime.date, Decimal],
    target: tuple[datetime.date, Decimal],
    points: Iterable[tuple[datetime.date, Decimal]] = (),
) -> list[tuple[datetime.date, Decimal]]:
    """Baseline, the agreed points between, and the target, in date order."""
    inner = sorted((d, v) for d, v in points if baseline[0] < d < target[0])
    return [baseline, *inner, target]


def expected_value(points: Sequence[tuple[datetime.date, Decimal]], on: datetime.date) -> Decimal:
    """The trajectory's value on a date: linear between points, flat outside them."""
    if on <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        if on <= d1:
            share = Decimal((on - d0).days) / Decimal((d1 - d0).days)
            return v0 + (v1 - v0) * share
    return points[-1][1]


def rate(
    *, value: Decimal, on: datetime.date, points, higher_is_better: bool, tolerance: Decimal
) -> Rating:
    """An observation against the trajectory: on it or better, within tolerance, beyond."""
    expected = expected_value(points, on)
    shortfall = (expected - value) if higher_is_better else (value - expected)
    if shortfall <= 0:
        return Rating.ON_TRACK
    if shortfall <= tolerance:
        return Rating.MINOR
    return Rating.MAJOR


# High Needs Block ---------------------------------------------------------------------

PERCENT = Decimal("0.1")


@dataclass
class HighNeedsRow:
    year: object
    total_spend: Decimal
    overspend: Decimal  # negative: an underspend
    direct_growth: Decimal | None  # percent, one decimal place
    total_growth: Decimal | None
    growth_since: str | None  # the year growth is measured from, when not the one before
    cumulative_deficit: Decimal | None  # as the council reports it; None where it reports none
    gap_before: bool  # a year is missing before this one

    @property
    def label(self) -> str:
        return self.year.label

    @property
    def overspend_percent(self) -> Decimal | None:
        if not self.year.allocation:
            return None
        return (self.overspend / self.year.allocation * 100).quantize(PERCENT, ROUND_HALF_UP)

    @property
    def percent_text(self) -> str:
        """ "48.0% over the grant" (spend beyond the allocation), or "3.0% under the grant"."""
        percent = self.overspend_percent
        if percent is None:
            return ""
        return f"{abs(percent)}% {'under' if percent < 0 else 'over'} the grant"


def growth(current: Decimal, previous: Decimal) -> Decimal | None:
    if not previous:
        return None
    return ((current - previous) / previous * 100).quantize(PERCENT, ROUND_HALF_UP)


def high_needs_rows(years: Iterable) -> list[HighNeedsRow]:
    """Each year with its total, over/underspend, growth and reported cumulative deficit.

    Growth compares with the latest earlier recorded year (and says which, when it is
    not the year before). The cumulative deficit is the council's own figure for the
    year, never a sum of in-year overspends, which would leave out reserves and
    balances brought forward; a year without one has none.
    """
    rows: list[HighNeedsRow] = []
    previous = None
    for year in sorted(years, key=lambda y: y.year_starting):
        total = year.direct_spend + year.indirect_spend
        overspend = total - year.allocation
        gap = previous is not None and year.year_starting != previous.year_starting + 1
        rows.append(
            HighNeedsRow(
                year=year,
                total_spend=total,
                overspend=overspend,
                direct_growth=growth(year.direct_spend, previous.direct_spend)
                if previous
                else None,
                total_growth=growth(total, previous.direct_spend + previous.indirect_spend)
                if previous
                else None,
                growth_since=previous.label if gap else None,
                cumulative_deficit=year.cumulative_deficit,
                gap_before=gap,
            )
        )
        previous = year
    return rows


def latest_reported_deficit(rows: Sequence[HighNeedsRow]) -> HighNeedsRow | None:
    """The latest year for which the council reports a cumulative deficit, if any."""
    reported = [r for r in rows if r.cumulative_deficit is not None]
    return reported[-1] if reported else None


# Risks --------------------------------------------------------------------------------

LEVELS = (1, 2, 3, 4, 5)


def risk_band(score: int) -> tuple[str, Status]:
    """The band of a score and the status colour it borrows (with its word, never alone)."""
    if score >= 15:
        return "Very high", Status.MAJOR_DELAY
    if score >= 10:
        return "High", Status.MINOR_DELAY
    if score >= 5:
        return "Medium", Status.NOT_STARTED
    return "Low", Status.ON_TRACK


@dataclass
class HeatCell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        return risk_band(self.score)[0]

    @property
    def band_status(self) -> Status:
        return risk_band(self.score)[1]


def heat_map(pairs: Iterable[tuple[int, int]]) -> list[list[HeatCell]]:
    """5x5 counts of (likelihood, impact): rows from likelihood 5 down, impact 1 to 5."""
    counts: dict[tuple[int, int], int] = {}
    for likelihood, impact in pairs:
        counts[(likelihood, impact)] = counts.get((likelihood, impact), 0) + 1
    return [[HeatCell(lk, im, counts.get((lk, im), 0)) for im in LEVELS] for lk in reversed(LEVELS)]
