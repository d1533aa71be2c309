"""Import a programme's measure observations, a workstream's milestones and a council's
High Needs Block years from CSV or XLSX (core's upload → preview → confirm).

The headings are programmes.exports' (on the exports branch), so a file downloaded,
edited and uploaded again changes only what was edited. Each import compares the file
with the records, row by row, matched by a key: rows to create, rows to update (with
what changes) and rows unchanged. A row is never deleted for being missing from the
file. `programmes.services.imports` saves a comparison in one transaction.

- Observations (`Measure | Period | Value | Unit | Expected | Note`): key = (measure,
  period). The measure is matched by its name within the programme (case, spacing and
  punctuation do not matter); Unit and Expected are ignored. Values are parsed as the
  measure's form parses them (services.parse_value).
- Milestones (`ID | Parent | Level | Ref | Milestone | Owner | Planned start | Planned
  end | Progress | Completed on | Status | Status override | Override reason | Latest
  note`): key = ID; a row without an ID is a new milestone. Level and Status are
  ignored. Parent is the ID of a milestone of the workstream, or, for a parent that is
  itself a new row of the file, that row's Ref (written "Ref 2.1" where the Ref is
  also a milestone's ID).
- High Needs Block years (`Year | Figures | Direct spend | Indirect spend | Allocation
  | Cumulative deficit | Source`; the export's derived columns are ignored): key = the
  year, written 2019/20, 2019-20 or 2019. Amounts in £'000 where the heading says so.
  A council report's table as seed 002's Appendix 5 lays it out (years across, cost
  lines down) is read too: see HighNeedsSpec.
"""

import dataclasses
import datetime
import hashlib
import re
from decimal import Decimal

from django.utils import timezone

from sendtracker.core.errors import DomainError
from sendtracker.core.imports import Column, ImportSpec, ParsedRow
from sendtracker.core.imports.extra_parsers import exported_text
from sendtracker.core.imports.parsers import CellError, flexible_date, normalise
from sendtracker.core.models import Council
from sendtracker.core.status import Status

from .models import FigureKind, HighNeedsYear, Measure, Milestone, Observation, Progress
from .services.measures import parse_value
from .services.milestones import makes_cycle

# What every import's comparison is -------------------------------------------------


@dataclasses.dataclass
class RowPlan:
    """What importing one row does: create, update (with `changes`) or nothing."""

    row: ParsedRow
    kind: str  # "create", "update" or "unchanged"
    key: str  # how the preview names the row: "EHCPs issued · 31/03/2024"
    record: object = None
    changes: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    values: dict = dataclasses.field(default_factory=dict)  # what the service is given


@dataclasses.dataclass
class Preview:
    rows: list[RowPlan]

    def of(self, kind: str) -> list[RowPlan]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def counts(self) -> dict:
        return {kind: len(self.of(kind)) for kind in ("create", "update", "unchanged")}

    @property
    def changes_anything(self) -> bool:
        return any(r.kind != "unchanged" for r in self.rows)

    def summary(self, what: str, plural: str) -> str:
        if not self.changes_anything:
            return f"Nothing changed: the {plural} already match the file."
        n = self.counts
        return (
            f"{what} imported: {n['create']} created, {n['update']} updated, "
            f"{n['unchanged']} unchanged."
        )


def programmes_fingerprint(council, target: str) -> str:
    """What a preview depends on: every write to the council's programmes raises its
    programmes_version (core.writes), so a preview of an older version is refused."""
    version = Council.objects.filter(pk=council.pk).values_list("programmes_version", flat=True)
    return hashlib.sha256(f"{target}:{version.first()}".encode()).hexdigest()


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "–"


def _shown(value) -> str:
    return str(value) if value not in (None, "") else "–"


def _duplicates(rows: list[ParsedRow], key, *, column: str, message: str) -> None:
    """An error on each row whose `key(row)` an earlier row has already."""
    seen: dict = {}
    for row in rows:
        found = key(row)
        if found in seen:
            row.errors[column] = message.format(row=seen[found])
        else:
            seen[found] = row.number


# Measure observations ---------------------------------------------------------------

OBSERVATION_HEADINGS = ["Measure", "Period", "Value", "Unit", "Expected", "Note"]


def _value_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def observation_spec(measures: list[Measure], *, one: Measure | None = None) -> ImportSpec:
    """The observations of `measures` (a programme's); `one`: a measure's page, where a
    file may leave the Measure column out and may hold no other measure."""
    index = {normalise(m.name): m for m in measures}

    def measure(value: str) -> Measure:
        found = index.get(normalise(value))
        if found is None:
            raise CellError(f"“{value}” is not a measure of this programme")
        if one is not None and found.pk != one.pk:
            raise CellError(f"“{value}” is another measure: this import is of “{one.name}” only")
        return found

    def check_row(values: dict) -> dict:
        errors = {}
        chosen = values.get("measure") or one
        values["measure"] = chosen
        try:
            values["value"] = parse_value(values["value"], chosen.unit)
        except DomainError as error:
            errors["value"] = f"Value: {error.message}"
        on = values["period"]
        if on > timezone.localdate():
            errors["period"] = f"Period {on:%d/%m/%Y} is in the future"
        elif on < chosen.baseline_on:
            errors["period"] = (
                f"Period {on:%d/%m/%Y} is before the measure's baseline "
                f"({chosen.baseline_on:%d/%m/%Y})"
            )
        return errors

    return ImportSpec(
        columns=[
            Column(
                "Measure",
                "measure",
                measure,
                required=one is None,
                optional_heading=one is not None,
                aliases=("KPI", "Measure name"),
            ),
            Column(
                "Period", "period", flexible_date, required=True, aliases=("Date", "Date measured")
            ),
            Column("Value", "value", exported_text(40), required=True),
            Column("Note", "note", exported_text(500), optional_heading=True),
        ],
        check_row=check_row,
        refuse_formulas=False,
    )


def compare_observations(measures: list[Measure], rows: list[ParsedRow]) -> Preview:
    """What importing `rows` would do to the measures' observations (reads only)."""
    _duplicates(
        rows,
        lambda r: (r.values["measure"].pk, r.values["period"]),
        column="period",
        message="Measure and Period are the same as in row {row}",
    )
    existing = {
        (o.measure_id, o.on): o
        for o in Observation.objects.filter(measure__in=[m.pk for m in measures])
    }
    plans = []
    for row in rows:
        values = row.values
        measure, on, value = values["measure"], values["period"], values["value"]
        key = f"{measure.name} · {on:%d/%m/%Y}"
        note = values.get("note")
        found = existing.get((measure.pk, on))
        if found is None:
            changes = [("Value", "", _value_text(value))] + ([("Note", "", note)] if note else [])
            plans.append(RowPlan(row=row, kind="create", key=key, values=values, changes=changes))
            continue
        plan = RowPlan(row=row, kind="unchanged", key=key, record=found, values=values)
        if found.value != value:
            plan.changes.append(("Value", _value_text(found.value), _value_text(value)))
        if "note" in values and (note or "") != found.note:
            plan.changes.append(("Note", _shown(found.note), _shown(note)))
        if plan.changes:
            plan.kind = "update"
        plans.append(plan)
    return Preview(rows=plans)


# Milestones --------------------------------------------------------------------------

MILESTONE_HEADINGS = [
    "ID",
    "Parent",
    "Level",
    "Ref",
    "Milestone",
    "Owner",
    "Planned start",
    "Planned end",
    "Progress",
    "Completed on",
    "Status",
    "Status override",
    "Override reason",
    "Latest note",
]
PROGRESS_WORDS = {normalise(label): value for value, label in Progress.choices} | {
    "completed": Progress.COMPLETE,
    "started": Progress.IN_PROGRESS,
}
STATUS_WORDS = {normalise(label): value for value, label in Status.choices} | {
    "completed": Status.COMPLETE,
}


def _identifier(value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,9}", value.strip()):
        raise CellError(f"“{value}” is not a milestone's ID: IDs are whole numbers, like 1204")
    return int(value)


def _progress(value: str) -> str:
    found = PROGRESS_WORDS.get(normalise(value))
    if found is None:
        raise CellError(f"“{value}” is not a progress: write Not started, In progress or Complete")
    return found


def _status(value: str) -> str:
    found = STATUS_WORDS.get(normalise(value))
    if found is None:
        raise CellError(
            f"“{value}” is not a status: write Not started, On track, Minor delay, Major delay "
            "or Complete, or leave it empty"
        )
    return found


def _parent(value: str) -> tuple[str, str]:
    """("ref", "2.1") for "Ref 2.1", else ("either", "12"): read against the file later."""
    text_ = value.strip()
    match = re.fullmatch(r"ref\.?\s*(\S.*)", text_, re.IGNORECASE)
    if match:
        return ("ref", match.group(1).strip())
    return ("either", text_)


def milestone_spec() -> ImportSpec:
    def check_row(values: dict) -> dict:
        errors = {}
        start, end = values.get("planned_start"), values.get("planned_end")
        if start and end and end < start:
            errors["planned_end"] = "Planned end is before the planned start"
        progress, done = values.get("progress"), values.get("completed_on")
        if progress == Progress.COMPLETE and done is None:
            errors["completed_on"] = "Enter the completed on date of a complete milestone"
        elif done is not None and progress not in (None, Progress.COMPLETE):
            errors["completed_on"] = "Completed on is given, but Progress is not Complete"
        elif done is not None and done > timezone.localdate():
            errors["completed_on"] = f"Completed on {done:%d/%m/%Y} is in the future"
        if values.get("status_override") and not (values.get("override_reason") or "").strip():
            errors["override_reason"] = "Enter the override reason for a status override"
        return errors

    return ImportSpec(
        columns=[
            Column("ID", "id", _identifier, unique=True, optional_heading=True),
            Column("Parent", "parent", _parent, optional_heading=True),
            Column("Ref", "ref", exported_text(20), optional_heading=True),
            Column("Milestone", "title", exported_text(300), required=True, aliases=("Title",)),
            Column("Owner", "owner", exported_text(200), optional_heading=True),
            Column("Planned start", "planned_start", flexible_date, optional_heading=True),
            Column(
                "Planned end",
                "planned_end",
                flexible_date,
                optional_heading=True,
                aliases=("Due", "Due date"),
            ),
            Column("Progress", "progress", _progress, optional_heading=True),
            Column("Completed on", "completed_on", flexible_date, optional_heading=True),
            Column("Status override", "status_override", _status, optional_heading=True),
            Column(
                "Override reason", "override_reason", exported_text(2000), optional_heading=True
            ),
            Column("Latest note", "note", exported_text(5000), optional_heading=True),
        ],
        check_row=check_row,
        refuse_formulas=False,
    )


PLAN_FIELDS = {
    "ref": "Ref",
    "title": "Milestone",
    "owner": "Owner",
    "planned_start": "Planned start",
    "planned_end": "Planned end",
}
STATE_FIELDS = {
    "progress": "Progress",
    "completed_on": "Completed on",
    "status_override": "Status override",
    "override_reason": "Override reason",
    "note": "Latest note",
}


@dataclasses.dataclass
class MilestonePlan(RowPlan):
    """A milestone row's plan: its parent (a Milestone, a new row's RowPlan or None),
    whether the plan (title, dates, parent) or the state (progress...) changes."""

    parent: object = None
    moves: bool = False
    plan_changes: bool = False
    state: dict | None = None


def _shown_field(key: str, value) -> str:
    if key in ("planned_start", "planned_end", "completed_on"):
        return _day(value)
    if key == "progress":
        return Progress(value).label
    if key == "status_override":
        return Status(value).label if value else "–"
    return _shown(value)


def _label_of(parent) -> str:
    if parent is None:
        return "– (top level)"
    if isinstance(parent, Milestone):
        return f"ID {parent.pk}: {parent}".strip()
    return f"{parent.row.values.get('ref') or ''} {parent.row.values['title']} (new)".strip()


def compare_milestones(workstream, rows: list[ParsedRow]) -> Preview:
    """What importing `rows` would do to the workstream's milestones (reads only).

    Errors on rows the services would refuse: an ID of no milestone of the workstream,
    a parent the file cannot name, nesting that makes a cycle, a progress change on a
    milestone whose sub-milestones give it its progress.
    """
    existing = {
        m.pk: m for m in Milestone.objects.filter(workstream=workstream).select_related("parent")
    }
    claimed = {row.values["id"] for row in rows if row.values.get("id") is not None}
    # A row without an ID with the Ref and title of a milestone no row claims by ID is
    # that milestone: a file imported twice adds its new milestones once.
    by_ref_and_title = {}
    for milestone in existing.values():
        if milestone.pk not in claimed and milestone.ref:
            key = (milestone.ref, normalise(milestone.title))
            by_ref_and_title[key] = None if key in by_ref_and_title else milestone
    new_by_ref: dict[str, list[ParsedRow]] = {}
    for row in rows:
        if row.values.get("id") is None and row.values.get("ref"):
            new_by_ref.setdefault(row.values["ref"], []).append(row)
    plans: dict[int, MilestonePlan] = {}
    for row in rows:
        values = row.values
        pk = values.get("id")
        if pk is not None and pk not in existing:
            row.errors["id"] = (
                f"ID {pk} is not a milestone of this workstream: leave the ID empty for a new "
                "milestone"
            )
            continue
        record = existing.get(pk)
        if pk is None and values.get("ref"):
            record = by_ref_and_title.pop((values["ref"], normalise(values["title"])), None)
        kind = "create" if record is None else "unchanged"
        key = f"{values.get('ref') or ''} {values['title']}".strip()
        plans[row.number] = MilestonePlan(row=row, kind=kind, key=key, record=record, values=values)
    if any(r.errors for r in rows):
        return Preview(rows=list(plans.values()))

    for plan in plans.values():
        _find_parent(plan, existing, new_by_ref, plans)
    if any(r.errors for r in rows):
        return Preview(rows=list(plans.values()))

    # The tree after the import, by keys: existing milestones by pk, new rows by row.
    def key_of(thing):
        if thing is None:
            return None
        return thing.pk if isinstance(thing, Milestone) else f"row {thing.row.number}"

    parents = {pk: m.parent_id for pk, m in existing.items()}
    for plan in plans.values():
        if "parent" in plan.values or plan.record is None:
            parents[key_of(plan.record or plan)] = key_of(plan.parent)
    for plan in plans.values():
        me = key_of(plan.record or plan)
        if makes_cycle({k: v for k, v in parents.items() if k != me}, me, parents.get(me)):
            plan.row.errors["parent"] = (
                "Parent makes this milestone sit under itself or one of its own sub-milestones"
            )
    if any(r.errors for r in rows):
        return Preview(rows=list(plans.values()))

    has_children = {parent for parent in parents.values() if parent is not None}
    for plan in plans.values():
        _plan_changes(plan, has_children=key_of(plan.record or plan) in has_children)
    return Preview(rows=list(plans.values()))


def _find_parent(plan: MilestonePlan, existing, new_by_ref, plans) -> None:
    row, values = plan.row, plan.values
    if "parent" not in values:
        plan.parent = plan.record.parent if plan.record else None
        return
    if values["parent"] is None:
        plan.parent = None
        return
    how, written = values["parent"]
    by_ref = new_by_ref.get(written, [])
    by_id = existing.get(int(written)) if how == "either" and written.isdigit() else None
    if by_id is not None and by_ref:
        row.errors["parent"] = (
            f"Parent {written} is both the ID of “{by_id}” and the Ref of the new milestone in "
            f"row {by_ref[0].number}: write “Ref {written}” for the new one"
        )
    elif len(by_ref) > 1:
        row.errors["parent"] = (
            f"Parent “{written}” is the Ref of more than one new milestone (rows "
            f"{', '.join(str(r.number) for r in by_ref)}): give them different Refs"
        )
    elif by_ref:
        named = plans[by_ref[0].number]
        plan.parent = named.record or named  # a row of the file already imported, or new
    elif by_id is not None:
        plan.parent = by_id
    else:
        row.errors["parent"] = (
            f"Parent “{written}” is neither the ID of a milestone of this workstream nor the "
            "Ref of a new milestone in the file"
        )


def _plan_changes(plan: MilestonePlan, *, has_children: bool) -> None:
    values, record = plan.values, plan.record
    if record is None:
        plan.changes = [
            (label, "", _shown_field(key, values.get(key)))
            for key, label in PLAN_FIELDS.items()
            if values.get(key)
        ]
    else:
        for key, label in PLAN_FIELDS.items():
            if key not in values:
                continue
            new, old = values[key], getattr(record, key)
            if key not in ("planned_start", "planned_end"):
                new = new or ""
            if new != old:
                plan.plan_changes = True
                plan.changes.append((label, _shown_field(key, old), _shown_field(key, new)))
        parent_id = plan.parent.pk if isinstance(plan.parent, Milestone) else None
        if isinstance(plan.parent, MilestonePlan) or parent_id != record.parent_id:
            plan.moves = True
            plan.changes.append(("Parent", _label_of(record.parent), _label_of(plan.parent)))
    _state_changes(plan, has_children=has_children)
    if record is not None and plan.changes:
        plan.kind = "update"


def _state_changes(plan: MilestonePlan, *, has_children: bool) -> None:
    """The progress, completion, override and note the row gives, where they change."""
    values, record = plan.values, plan.record
    current = {
        "progress": record.progress if record else Progress.NOT_STARTED,
        "completed_on": record.completed_on if record else None,
        "status_override": record.status_override if record else "",
        "override_reason": record.override_reason if record else "",
        "note": record.note if record else "",
    }
    state = dict(current)
    if values.get("progress") is not None:
        state["progress"] = values["progress"]
        state["completed_on"] = (
            values.get("completed_on") if values["progress"] == Progress.COMPLETE else None
        )
    if "status_override" in values:
        state["status_override"] = values["status_override"] or ""
        state["override_reason"] = (values.get("override_reason") or "").strip()
    if not state["status_override"]:
        state["override_reason"] = ""
    # An empty note keeps the note: the service records notes, it never clears one.
    if values.get("note") and values["note"].strip() != current["note"]:
        state["note"] = values["note"].strip()
    if has_children and (state["progress"], state["completed_on"]) != (
        current["progress"],
        current["completed_on"],
    ):
        plan.row.errors["progress"] = (
            "Progress of a milestone with sub-milestones follows theirs: leave it as "
            f"{Progress(current['progress']).label}"
        )
        return
    moved = [key for key in STATE_FIELDS if state[key] != current[key]]
    if moved:
        plan.state = state
        for key in moved:
            old = _shown_field(key, current[key]) if record else ""
            plan.changes.append((STATE_FIELDS[key], old, _shown_field(key, state[key])))


# High Needs Block years --------------------------------------------------------------

HIGH_NEEDS_HEADINGS = [
    "Year",
    "Figures",
    "Direct spend",
    "Indirect spend",
    "Allocation",
    "Cumulative deficit",
    "Source",
]
HIGH_NEEDS_AMOUNTS = {
    "direct_spend": "Direct spend",
    "indirect_spend": "Indirect spend",
    "allocation": "Allocation",
    "cumulative_deficit": "Cumulative deficit",
}
FIGURE_WORDS = {
    "actual": FigureKind.ACTUAL,
    "actuals": FigureKind.ACTUAL,
    "outturn": FigureKind.ACTUAL,
    "forecast": FigureKind.FORECAST,
    "budget": FigureKind.FORECAST,
}


def parse_year(value: str) -> int:
    """The year a financial year starts: "2019/20", "2019-20", "2019-2020", "2019"."""
    text_ = value.strip()
    match = re.fullmatch(r"(?:fy\s*)?(\d{4})(?:\s*[/\-–]\s*(\d{2}|\d{4}))?", text_, re.IGNORECASE)
    if match is None:
        raise CellError(f"“{value}” is not a financial year: write it like 2019/20")
    start = int(match.group(1))
    if match.group(2):
        end = int(match.group(2))
        if end % 100 != (start + 1) % 100:
            raise CellError(f"“{value}” is not a financial year: the years must follow on")
    if not 2000 <= start <= 2100:
        raise CellError(f"“{value}” is not a financial year from 2000/01 to 2100/01")
    return start


def _figures(value: str) -> str:
    found = FIGURE_WORDS.get(normalise(value))
    if found is None:
        raise CellError(f"“{value}” is not Actual or Forecast")
    return found


def _amount(value: str) -> Decimal:
    """Money as the app parses it (core.money): "£32,717,000", "32717000.00"; an amount
    in brackets, as accounts write an allocation taken off ("(60,153)"), is that amount."""
    from sendtracker.core.money import parse_money

    text_ = value.strip()
    if re.fullmatch(r"\(.*\)", text_):
        text_ = text_[1:-1]
    try:
        return parse_money(
            text_,
            field="amount",
            label="amount",
            allow_none=False,
            not_an_amount="must be an amount in pounds, like 32717000",
            too_precise="must be to the penny at most",
        )
    except DomainError as error:
        message = error.message
        if message.startswith("The amount "):
            message = message.removeprefix("The amount ")
        raise CellError(message) from None


def high_needs_spec() -> ImportSpec:
    return HighNeedsSpec(
        columns=[
            Column(
                "Year",
                "year",
                parse_year,
                required=True,
                unique=True,
                aliases=("Financial year",),
            ),
            Column(
                "Figures",
                "kind",
                _figures,
                required=True,
                aliases=("Kind", "Actual or forecast"),
            ),
            Column("Direct spend", "direct_spend", _amount, required=True, aliases=("Direct",)),
            Column(
                "Indirect spend", "indirect_spend", _amount, required=True, aliases=("Indirect",)
            ),
            Column(
                "Allocation",
                "allocation",
                _amount,
                required=True,
                aliases=("DSG high-needs allocation", "Less allocation"),
            ),
            Column(
                "Cumulative deficit",
                "cumulative_deficit",
                _amount,
                optional_heading=True,
            ),
            Column("Source", "source", exported_text(300), optional_heading=True),
        ],
        refuse_formulas=False,
    )


# The report's layout: years across, cost lines down ----------------------------------

_YEAR_HEADING = re.compile(
    r"\b(actuals?|outturn|forecast|budget)\b\D*?(\d{4}\s*[/\-–]\s*\d{2,4})", re.IGNORECASE
)
_IGNORED_LINES = ("overspend", "underspend", "year on year", "increase", "growth")


def _report_years(cells: list[str]) -> list[tuple[int, str, str, bool]] | None:
    """The year columns of a report's table ("Forecast 2022/23 £'000"): (position,
    financial year, Actual or Forecast, in thousands) each; None for another table."""
    found = []
    for i, cell in enumerate(cells):
        match = _YEAR_HEADING.search(cell or "")
        if match and i > 0:
            thousands_ = bool(re.search(r"000|thousand", cell, re.IGNORECASE))
            found.append((i, match.group(2), match.group(1), thousands_))
    return found or None


def _label(cells: list[str]) -> str:
    return normalise(re.sub(r"<[^>]+>", "", cells[0] if cells else ""))


class HighNeedsSpec(ImportSpec):
    """One row a year; or a council report's table as seed 002's Appendix 5 has it:
    the years across ("Actuals 2019/20 £'000", "Forecast 2022/23 £'000"), cost lines
    down in a direct and an indirect section, each ending in an unlabelled subtotal,
    then the total and "Less Allocation". The report's table is read into one row a
    year (so the preview and the save are the same), checking that each section's
    lines add up to its subtotal and the sections to the total; the overspend and
    growth lines are derived here, so they are not read."""

    def is_header(self, cells: list[str]) -> bool:
        return super().is_header(cells) or _report_years(cells) is not None

    def parse(self, table):
        years = _report_years(table.headers)
        if years is None or super().is_header(table.headers):
            return super().parse(table)
        return self._parse_report(table, years)

    def _parse_report(self, table, years):
        from sendtracker.core.imports import ParseResult

        result = ParseResult(columns=self.columns)
        lines = {"direct": [], "indirect": []}  # (row number, label, cells)
        subtotals, totals, allocation = {}, None, None
        section = None
        for number, cells in table.rows:
            label = _label(cells)
            numbers = any((cells[i] if i < len(cells) else "").strip() for i, *_ in years)
            if not numbers:
                if label.startswith("indirect"):
                    section = "indirect"
                elif label.startswith("direct"):
                    section = "direct"
                continue
            if any(word in label for word in _IGNORED_LINES):
                continue
            if "allocation" in label:
                allocation = (number, cells)
            elif label.startswith("total"):
                totals = (number, cells)
            elif not label and section:
                subtotals[section] = (number, cells)
            elif section:
                lines[section].append((number, cells))
            else:
                result.file_errors.append(
                    f"Row {number}: “{cells[0]}” is not in the direct or the indirect costs: "
                    "put it under “Direct placement costs” or “Indirect costs”"
                )
        if allocation is None:
            result.file_errors.append("The table has no “Less Allocation” row")
        for name in ("direct", "indirect"):
            if not lines[name] and name not in subtotals:
                result.file_errors.append(f"The table has no {name} costs")
        if result.file_errors:
            return result
        raws = []
        for i, year, kind, in_thousands in years:
            column = _ReportColumn(table.headers[i], i, in_thousands, result.file_errors)
            raw = {"year": year, "kind": kind}
            for name in ("direct", "indirect"):
                added = sum(column.amount(row) or 0 for row in lines[name])
                total = column.amount(subtotals[name], blank=None) if name in subtotals else None
                if total is not None and lines[name] and added != total and not column.bad:
                    column.error(
                        f"the {name} costs add up to {column.shown(added)}, but row "
                        f"{subtotals[name][0]} says {column.shown(total)}"
                    )
                raw[f"{name}_spend"] = _plain(total if total is not None else added)
            spent = Decimal(raw["direct_spend"]) + Decimal(raw["indirect_spend"])
            total = column.amount(totals, blank=None) if totals is not None else None
            if total is not None and total != spent and not column.bad:
                column.error(
                    f"direct and indirect costs add up to {column.shown(spent)}, but row "
                    f"{totals[0]} says {column.shown(total)}"
                )
            raw["allocation"] = _plain(column.amount(allocation) or Decimal(0))
            raws.append((i + 1, raw))
        if result.file_errors:
            return result
        result.mapping = [(table.headers[i], "Year") for i, *_ in years] + [
            ("Direct placement costs", "Direct spend"),
            ("Indirect costs", "Indirect spend"),
            ("Less Allocation", "Allocation"),
        ]
        result.rows = [self.parse_row(number, raw) for number, raw in raws]
        self._check_unique(result)
        return result


@dataclasses.dataclass
class _ReportColumn:
    """One year's column of a report's table: its amounts in pounds, its errors."""

    heading: str
    position: int
    in_thousands: bool
    errors: list[str]
    bad: bool = False  # an amount could not be read: its sums are not checked

    def amount(self, row, *, blank=Decimal(0)) -> Decimal | None:
        number, cells = row
        cell = (cells[self.position] if self.position < len(cells) else "").strip()
        if not cell:
            return blank  # an empty line in a year: nothing spent on it that year
        try:
            value = _amount(cell)
        except CellError as error:
            self.errors.append(f"Row {number}, column “{self.heading}”: “{cell}” {error.message}")
            self.bad = True
            return None
        return value * 1000 if self.in_thousands else value

    def shown(self, value: Decimal) -> str:
        return f"{(value / 1000 if self.in_thousands else value).normalize():,f}"

    def error(self, message: str) -> None:
        self.errors.append(f"Column “{self.heading}”: {message}")


def _plain(value: Decimal) -> str:
    return f"{value:f}"


def thousands(result) -> set[str]:
    """The amount columns whose heading says £'000 (as seed 002's table does)."""
    labels = {label: key for key, label in HIGH_NEEDS_AMOUNTS.items()}
    return {
        labels[label]
        for heading, label in result.mapping
        if label in labels and re.search(r"000|thousand", heading, re.IGNORECASE)
    }


def compare_high_needs(council, rows: list[ParsedRow], *, in_thousands=()) -> Preview:
    """What importing `rows` would do to the council's High Needs Block years."""
    existing = {y.year_starting: y for y in HighNeedsYear.objects.filter(council=council)}
    plans = []
    for row in rows:
        values = dict(row.values)
        for key in in_thousands:
            if values.get(key) is not None:
                values[key] = values[key] * 1000
        year = values["year"]
        label = f"{year}/{(year + 1) % 100:02d}"
        found = existing.get(year)
        if "source" not in values:
            values["source"] = found.source if found else ""
        values["source"] = values["source"] or ""
        if "cumulative_deficit" not in values:
            values["cumulative_deficit"] = found.cumulative_deficit if found else None
        if found is None:
            changes = [("Figures", "", FigureKind(values["kind"]).label)] + [
                (heading, "", _money_text(values[key]))
                for key, heading in HIGH_NEEDS_AMOUNTS.items()
                if values[key] is not None
            ]
            plans.append(RowPlan(row=row, kind="create", key=label, values=values, changes=changes))
            continue
        plan = RowPlan(row=row, kind="unchanged", key=label, record=found, values=values)
        if values["kind"] != found.kind:
            plan.changes.append(
                ("Figures", found.get_kind_display(), FigureKind(values["kind"]).label)
            )
        for key, heading in HIGH_NEEDS_AMOUNTS.items():
            old, new = getattr(found, key), values[key]
            if old != new:
                plan.changes.append((heading, _money_text(old), _money_text(new)))
        if values["source"] != found.source:
            plan.changes.append(("Source", _shown(found.source), _shown(values["source"])))
        if plan.changes:
            plan.kind = "update"
        plans.append(plan)
    return Preview(rows=plans)


def _money_text(value) -> str:
    return f"£{value:,.2f}" if value is not None else "–"
