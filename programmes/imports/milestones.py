"""A workstream's milestones, with the milestones export's headings."""

import dataclasses
import re

from django.utils import timezone

from sendtracker.core.imports import Column, ImportSpec, ParsedRow
from sendtracker.core.imports.changes import Preview, RowPlan, day_text, shown
from sendtracker.core.imports.parsers import CellError, flexible_date, lookup, normalise
from sendtracker.core.imports.parsers import text as text_of
from sendtracker.core.status import Status

from ..models import Milestone, Progress
from ..services.milestones import makes_cycle

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


_progress = lookup(
    PROGRESS_WORDS,
    message="“{value}” is not a progress: write Not started, In progress or Complete",
)
_status = lookup(
    STATUS_WORDS,
    message="“{value}” is not a status: write Not started, On track, Minor delay, Major delay "
    "or Complete, or leave it empty",
)


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
            Column("Ref", "ref", text_of(20), optional_heading=True),
            Column("Milestone", "title", text_of(300), required=True, aliases=("Title",)),
            Column("Owner", "owner", text_of(200), optional_heading=True),
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
            Column("Override reason", "override_reason", text_of(2000), optional_heading=True),
            Column("Latest note", "note", text_of(5000), optional_heading=True),
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
        return day_text(value)
    if key == "progress":
        return Progress(value).label
    if key == "status_override":
        return Status(value).label if value else "–"
    return shown(value)


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
