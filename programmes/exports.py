"""Programme milestones, measures and their observations, risks and High Needs Block
years as CSV and XLSX (core.exports).

Both are written to be read back by their importers (the next to be built), so their
headings are a contract.

Milestones (a workstream's milestone page): one row a milestone, each parent before
its children, in the page's order.

    ID | Parent | Level | Ref | Milestone | Owner | Planned start | Planned end |
    Progress | Completed on | Status | Status override | Override reason | Latest note

- ID: the milestone's id in this service; Parent: its parent's ID (blank at the top).
  Nesting is read from Parent; Level (1 at the top) is for people, like the page's
  indent. An importer matches a row to a milestone by ID, and a row without an ID is a
  new milestone.
- Planned start, Planned end: the milestone's own planned dates as stored (a parent's
  page shows the span of its children's instead). Completed on: the date stored for a
  complete milestone. Dates are Excel dates in XLSX, 2026-11-30 in CSV.
- Progress: Not started, In progress or Complete.
- Status: the status the page shows (derived from the dates, or the override), in its
  colour; an importer ignores it. Status override: the override's word (Not started,
  On track, Minor delay, Major delay, Complete) or blank, with its reason.

Observations (a measure's page, or every measure of a programme from the programme's
page): one row a recorded value, measure by measure, oldest first.

    Measure | Period | Value | Unit | Expected | Note

- Measure: the measure's name, as the programme names it (unique in a programme).
- Period: the date measured (a date). Value: the value as a number, exactly as
  stored (two decimal places at most), in the measure's Unit (for people; the measure
  says it). Expected: where the trajectory expected it on that date (derived; an
  importer ignores it). Note: the note recorded with the value.
"""

from decimal import Decimal

from sendtracker.core.exports import DATE, MONEY, NUMBER, STATUS, TEXT, Column, Export

from . import derive
from .models import Unit

CENT = Decimal("0.01")

MILESTONE_COLUMNS = [
    Column("ID", lambda n: n.pk, NUMBER),
    Column("Parent", lambda n: n.milestone.parent_id, NUMBER),
    Column("Level", lambda n: n.depth + 1, NUMBER),
    Column("Ref", lambda n: n.milestone.ref),
    Column("Milestone", lambda n: n.milestone.title),
    Column("Owner", lambda n: n.milestone.owner),
    Column("Planned start", lambda n: n.milestone.planned_start, DATE),
    Column("Planned end", lambda n: n.milestone.planned_end, DATE),
    Column("Progress", lambda n: n.milestone.get_progress_display()),
    Column("Completed on", lambda n: n.milestone.completed_on, DATE),
    Column("Status", lambda n: n.status, STATUS),
    Column("Status override", lambda n: n.milestone.get_status_override_display()),
    Column("Override reason", lambda n: n.milestone.override_reason),
    Column("Latest note", lambda n: n.milestone.note),
]


def _of_programme(programme, what: str, *, council, sheet: str, columns, rows) -> Export:
    """A download of part of a programme, named `<council>-programme-<id>-<what>`."""
    return Export(
        name=f"{council.slug}-programme-{programme.pk}-{what}",
        sheet=sheet,
        columns=columns,
        rows=rows,
    )


def milestones(workstream, nodes, *, council) -> Export:
    """A workstream's milestones: `nodes` in reading order (derive.flatten)."""
    return _of_programme(
        workstream.programme,
        f"workstream-{workstream.pk}-milestones",
        council=council,
        sheet="Milestones",
        columns=MILESTONE_COLUMNS,
        rows=nodes,
    )


def observation_columns(value_kind: str = NUMBER) -> list[Column]:
    return [
        Column("Measure", lambda row: row["measure"].name),
        Column("Period", lambda row: row["observation"].on, DATE),
        Column("Value", lambda row: row["observation"].value, value_kind),
        Column("Unit", lambda row: row["measure"].get_unit_display(), TEXT),
        Column("Expected", lambda row: row["expected"], value_kind),
        Column("Note", lambda row: row["observation"].note),
    ]


def observation_rows(rated) -> list[dict]:
    """A rated measure's observations (selectors.RatedMeasure), each with its measure
    and the value its trajectory expected on the day."""
    return [
        {
            "measure": rated.measure,
            "observation": o,
            "expected": derive.expected_value(rated.points, o.on).quantize(CENT),
        }
        for o in rated.observations
    ]


def observations(measure, rows, *, council) -> Export:
    """A measure's observations: `rows` from observation_rows, oldest first."""
    return Export(
        name=f"{council.slug}-measure-{measure.pk}-observations",
        sheet="Observations",
        columns=observation_columns(MONEY if measure.unit == Unit.POUNDS else NUMBER),
        rows=rows,
    )


def programme_observations(programme, rated_measures, *, council) -> Export:
    """Every observation of the programme's measures, measure by measure (values as
    numbers, whatever their unit)."""
    return _of_programme(
        programme,
        "observations",
        council=council,
        sheet="Observations",
        columns=observation_columns(),
        rows=[row for rated in rated_measures for row in observation_rows(rated)],
    )


MEASURE_COLUMNS = [
    Column("Measure", lambda r: r.measure.name),
    Column("Workstream", lambda r: r.measure.workstream.name if r.measure.workstream else ""),
    Column("Unit", lambda r: r.measure.get_unit_display()),
    Column("Direction of good", lambda r: r.measure.get_direction_display()),
    Column("Baseline", lambda r: r.measure.baseline_value, NUMBER),
    Column("Baseline date", lambda r: r.measure.baseline_on, DATE),
    Column("Target", lambda r: r.measure.target_value, NUMBER),
    Column("Target date", lambda r: r.measure.target_on, DATE),
    Column("Tolerance", lambda r: r.measure.tolerance, NUMBER),
    Column("Latest value", lambda r: r.latest.value if r.latest else None, NUMBER),
    Column("Latest date", lambda r: r.latest.on if r.latest else None, DATE),
    Column("Expected", lambda r: r.expected.quantize(CENT) if r.expected else None, NUMBER),
    Column("Rating", lambda r: (r.rating.label, r.rating.status), STATUS),
    Column("Source", lambda r: r.measure.source),
]


def measures(programme, rated_measures, *, council) -> Export:
    """A programme's measures, each rated on its latest value (selectors.rated_measures)."""
    return _of_programme(
        programme,
        "measures",
        council=council,
        sheet="Measures",
        columns=MEASURE_COLUMNS,
        rows=rated_measures,
    )


RISK_COLUMNS = [
    Column("Risk", lambda r: r.description),
    Column("Cause", lambda r: r.cause),
    Column("Workstream", lambda r: r.workstream.name if r.workstream else "Whole programme"),
    Column("Likelihood", lambda r: r.likelihood, NUMBER),
    Column("Impact", lambda r: r.impact, NUMBER),
    Column("Score", lambda r: r.score, NUMBER),
    Column("Rating", lambda r: derive.risk_band(r.score), STATUS),
    Column("Mitigation", lambda r: r.mitigation),
    Column("Owner", lambda r: r.owner),
    Column("Review date", lambda r: r.review_on, DATE),
    Column("Status", lambda r: r.get_status_display()),
]


def risks(programme, rows, *, council) -> Export:
    """A programme's risk register, as its page orders it (selectors.risk_register)."""
    return _of_programme(
        programme, "risks", council=council, sheet="Risks", columns=RISK_COLUMNS, rows=rows
    )


HIGH_NEEDS_COLUMNS = [
    Column("Year", lambda r: r.label),
    Column("Figures", lambda r: r.year.get_kind_display()),
    Column("Direct spend", lambda r: r.year.direct_spend, MONEY),
    Column("Indirect spend", lambda r: r.year.indirect_spend, MONEY),
    Column("Total spend", lambda r: r.total_spend, MONEY),
    Column("Allocation", lambda r: r.year.allocation, MONEY),
    Column("Overspend (underspend)", lambda r: r.overspend, MONEY),
    Column("Overspend, % of allocation", lambda r: r.overspend_percent, NUMBER),
    Column("Growth in direct spend, %", lambda r: r.direct_growth, NUMBER),
    Column("Growth since", lambda r: r.growth_since),
    Column("Cumulative deficit", lambda r: r.cumulative_deficit, MONEY),
    Column("Source", lambda r: r.year.source),
]


def high_needs(rows, *, council) -> Export:
    """A council's High Needs Block years (derive.HighNeedsRow), in pounds and pence."""
    return Export(
        name=f"{council.slug}-high-needs",
        sheet="High Needs Block",
        columns=HIGH_NEEDS_COLUMNS,
        rows=rows,
    )
