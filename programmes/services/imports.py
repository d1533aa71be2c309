"""Save an import's comparison (programmes.imports.Preview) through the services.

Each runs inside one `council_write`: a DomainError from any service rolls back every
row, so a file is imported whole or not at all. Unchanged rows are not written, and a
file that changes nothing writes nothing (the council's versions stay).
"""

from typing import TYPE_CHECKING

from sendtracker.core.writes import PROGRAMMES, council_write

from ..models import Milestone, Programme, Workstream
from .finance import record_high_needs_year
from .measures import correct_observation, record_observation
from .milestones import add_milestone, move_milestone, update_milestone, update_milestone_plan

if TYPE_CHECKING:
    from ..imports import Preview

# What an imported row sets through the services, by the services' own names.
MILESTONE_STATE = ("progress", "completed_on", "status_override", "override_reason")
HIGH_NEEDS_VALUES = (
    "kind",
    "direct_spend",
    "indirect_spend",
    "allocation",
    "cumulative_deficit",
    "source",
)


def import_observations(*, programme: Programme, by, preview: "Preview") -> None:
    """Record each new observation and correct each changed one."""
    if not preview.changes_anything:
        return  # nothing to write: not even the council's versions move
    with council_write(programme.council_id, by=by, parts=[PROGRAMMES]):
        for plan in preview.rows:
            values = plan.values
            measure = values["measure"]
            if plan.kind == "create":
                record_observation(
                    measure=measure,
                    by=by,
                    on=values["period"],
                    value=values["value"],
                    note=values.get("note") or "",
                    expected_version=measure.version,
                )
            elif plan.kind == "update":
                plan.record.measure = measure
                correct_observation(
                    observation=plan.record,
                    by=by,
                    value=values["value"],
                    note=(values.get("note") or "") if "note" in values else None,
                    expected_version=measure.version,
                )


def import_milestones(*, workstream: Workstream, by, preview: "Preview") -> list[Milestone]:
    """Create the new milestones (each parent before its children), change the plans
    and parents of the others, then record each change of progress, override or note.

    Parents are set in the order of the tree after the import, top down, so no move
    passes through a cycle on the way (the comparison has refused a cycle at the end).
    Returns the milestones created.
    """
    if not preview.changes_anything:
        return []
    made: dict[int, Milestone] = {}

    def parent_of(plan):
        parent = plan.parent
        if parent is None or isinstance(parent, Milestone):
            return parent
        return made[parent.row.number]

    # The tree after the import, by keys (a milestone's pk, or a new row's number).
    def key_of(thing):
        if thing is None:
            return None
        return thing.pk if isinstance(thing, Milestone) else f"row {thing.row.number}"

    parents = dict(Milestone.objects.filter(workstream=workstream).values_list("pk", "parent_id"))
    for plan in preview.rows:
        parents[key_of(plan.record or plan)] = key_of(plan.parent)

    def depth(plan) -> int:
        level, step = 0, parents.get(key_of(plan.record or plan))
        while step is not None:
            level, step = level + 1, parents.get(step)
        return level

    with council_write(workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        ordered = sorted(preview.rows, key=depth)
        for plan in ordered:
            values = plan.values
            plan_fields = {
                "title": values["title"],
                "ref": values.get("ref") or "",
                "owner": values.get("owner") or "",
                "planned_start": values.get("planned_start"),
                "planned_end": values.get("planned_end"),
            }
            if plan.kind == "create":
                made[plan.row.number] = add_milestone(
                    workstream=workstream, by=by, parent=parent_of(plan), **plan_fields
                )
                continue
            if plan.kind != "update" or not (plan.plan_changes or plan.moves):
                continue
            milestone = Milestone.objects.get(pk=plan.record.pk)
            milestone.workstream = workstream
            if plan.plan_changes:
                current = {
                    key: getattr(milestone, key)
                    for key in ("title", "ref", "owner", "planned_start", "planned_end")
                }
                update_milestone_plan(
                    milestone=milestone,
                    by=by,
                    expected_version=milestone.version,
                    parent=parent_of(plan),
                    **(current | {k: v for k, v in plan_fields.items() if k in values}),
                )
            else:
                move_milestone(milestone=milestone, by=by, parent=parent_of(plan))
        for plan in preview.rows:
            if plan.state is None:
                continue
            milestone = made.get(plan.row.number) or Milestone.objects.get(pk=plan.record.pk)
            milestone.workstream = workstream
            state = plan.state
            note = state["note"] if state["note"] != milestone.note else ""
            update_milestone(
                milestone=milestone,
                by=by,
                note=note,
                expected_version=milestone.version,
                **{name: state[name] for name in MILESTONE_STATE},
            )
    return list(made.values())


def import_high_needs(*, council, by, preview: "Preview") -> None:
    """Record each new or changed financial year."""
    if not preview.changes_anything:
        return
    with council_write(council, by=by, parts=[PROGRAMMES]):
        for plan in preview.rows:
            if plan.kind == "unchanged":
                continue
            values = plan.values
            record_high_needs_year(
                council=council,
                by=by,
                year_starting=values["year"],
                **{name: values[name] for name in HIGH_NEEDS_VALUES},
            )
