"""Importing a plan's file: every row's change, or none, in one write."""

import copy
import datetime
from collections.abc import Iterable

from django.utils import timezone

from sendtracker.core.audit import log_created
from sendtracker.core.errors import DomainError
from sendtracker.core.imports import ParsedRow
from sendtracker.core.status import Status
from sendtracker.core.writes import PLANS, council_write

from ..models import Action, ActionMilestone, AreaOfWeakness, ImprovementPlan, StatusUpdate
from .actions import check_new_action, update_action_details
from .inspections import add_area
from .plans import create_plan
from .status import _save_update

BATCH = 100  # new actions written at a time by import_plan_rows (and held, with their audit)


def import_plan(
    *,
    council,
    by,
    preview,
    filename: str,
    plan: ImprovementPlan | None = None,
    plan_values: dict | None = None,
    at: datetime.datetime | None = None,
) -> ImprovementPlan:
    """Save an `inspections.imports.Preview`: create the plan if `plan` is None (from
    `plan_values`, as create_plan takes them), its missing areas, then each row's new
    action or its changes, and a status update for each change of state.

    One transaction: the services' errors (DomainError) roll everything back. The
    rules of an officer's status update do not apply to what the file records: a
    delay without its reason or recovery date is kept with `reason_needed`, a board
    sign-off in the file is kept as imported (`sign_off_imported`, no member or
    meeting), and a recovery date in the past is kept as the file has it.
    """
    at = at or timezone.now()
    with council_write(council, by=by, parts=[PLANS]):
        if plan is None:
            plan = create_plan(council=council, by=by, **(plan_values or {}))
        made: dict[int, AreaOfWeakness] = {}
        for new in preview.new_areas:
            made[id(new)] = _add_new_area(plan, new, by=by)

        def area_of(area):
            return made.get(id(area), area) if area is not None else None

        new_actions = _NewActions(plan, by=by, at=at, filename=filename)
        for row in preview.rows:
            if row.kind == "create":
                new_actions.add(row, area_of(row.area))
        new_actions.flush()
        for row in preview.rows:
            if row.kind == "update":
                _update_action(row, area_of, by=by, at=at, filename=filename)
    return plan


def import_plan_rows(
    *,
    council,
    by,
    rows: Iterable[ParsedRow],
    target,
    filename: str,
    plan: ImprovementPlan | None = None,
    plan_values: dict | None = None,
    at: datetime.datetime | None = None,
    batch: int = BATCH,
) -> tuple[ImprovementPlan, object]:
    """Save a plan's file as its rows are read (a core.imports.StreamedResult of it):
    each row compared with the plan (inspections.imports.Comparison against `target`)
    and written as import_plan writes a preview's, new actions `batch` at a time; the
    plan, and the comparison's Preview (its counts, for the message).

    One transaction, as import_plan's: a row with an error (the file no longer passes
    its checks) or a service's DomainError rolls everything back, and so does a file
    that changes nothing in an existing plan, so that no version moves. A new area is
    made when a row first needs it, so the areas are made in the order the file names
    them, as import_plan makes a preview's.
    """
    try:
        return _import_plan_rows(
            council=council,
            by=by,
            rows=rows,
            target=target,
            filename=filename,
            plan=plan,
            plan_values=plan_values,
            at=at or timezone.now(),
            batch=batch,
        )
    except _NothingChanged as unchanged:
        return plan, unchanged.preview


class _NothingChanged(Exception):
    """The file matches the plan: roll back, so that nothing at all is written."""

    def __init__(self, preview):
        super().__init__("nothing changed")
        self.preview = preview


def _add_new_area(plan, new, *, by) -> AreaOfWeakness:
    """Add an area the file names (a NewArea) to the plan's inspection; a sub-area is the
    plan's own split of its parent."""
    return add_area(
        inspection=plan.inspection,
        by=by,
        number=new.number,
        title=new.title[:300],
        parent=new.parent,
        plan=plan if new.parent else None,
    )


def _import_plan_rows(*, council, by, rows, target, filename, plan, plan_values, at, batch):
    from ..imports import Comparison, NewArea

    with council_write(council, by=by, parts=[PLANS]):
        if plan is None:
            plan = create_plan(council=council, by=by, **(plan_values or {}))
        comparison = Comparison(target, keep=0)
        made: dict[int, AreaOfWeakness] = {}

        def area_of(area):
            if not isinstance(area, NewArea):
                return area
            if area.number not in made:
                made[area.number] = _add_new_area(plan, area, by=by)
            return made[area.number]

        new_actions = _NewActions(plan, by=by, at=at, filename=filename)
        for row in rows:
            planned = None if row.errors else comparison.add(row)
            if row.errors:
                raise DomainError(
                    f"Row {row.number} of the file no longer passes its checks. Upload it again"
                )
            if planned.kind == "create":
                new_actions.add(planned, area_of(planned.area))
                if len(new_actions) >= batch:
                    new_actions.flush()
            elif planned.kind == "update":
                _update_action(planned, area_of, by=by, at=at, filename=filename)
        new_actions.flush()
        preview = comparison.preview()
        if plan_values is None and not preview.changes_anything:
            raise _NothingChanged(preview)
    return plan, preview


def _update_action(row, area_of, *, by, at, filename: str) -> None:
    action = row.action
    if row.details:
        details = dict(row.details)
        if "area" in details:
            details["area"] = area_of(details["area"])
        update_action_details(action=action, by=by, expected_version=action.version, **details)
    if row.state is not None and _changes_state(action, row.state):
        _import_state(action, row.state, by=by, at=at, filename=filename)


class _NewActions:
    """New actions, their milestones and their first status updates, written `flush` by
    `flush` in one INSERT each (and one for their audit entries): a plan of a thousand
    actions would otherwise take tens of thousands of statements.

    The checks are add_action's (check_new_action), made for each batch at once; the
    state each action takes is what _import_state would have recorded."""

    def __init__(self, plan, *, by, at, filename: str):
        self.plan, self.by, self.at, self.filename = plan, by, at, filename
        self.taken = set(Action.objects.filter(plan=plan).values_list("ref", flat=True))
        self.position = plan.actions.count()
        self.pending: list[tuple] = []

    def __len__(self) -> int:
        return len(self.pending)

    def add(self, row, area) -> None:
        self.pending.append((row, area))

    def flush(self) -> None:
        if not self.pending:
            return
        plan, at = self.plan, self.at
        # Areas may have been made since the last batch.
        allowed = set(plan.allowed_areas().values_list("pk", flat=True))
        actions, milestones, updates = [], [], []
        for row, area in self.pending:
            values = row.row.values
            check_new_action(
                plan,
                ref=values["ref"],
                description=values["description"],
                leads=values.get("leads") or "",
                area=area,
                allowed=allowed,
                taken=self.taken,
            )
            self.taken.add(values["ref"])
            state = row.state
            action = Action(
                plan=plan,
                ref=values["ref"].strip(),
                description=values["description"].strip(),
                leads=(values.get("leads") or "").strip(),
                area=area,
                evidence_of_output=(values.get("evidence_of_output") or "").strip(),
                evidence_of_impact=(values.get("evidence_of_impact") or "").strip(),
                position=self.position,
                created_at=at,
                updated_at=at,
            )
            self.position += 1
            start = copy.copy(action)
            _apply(action, state, at=at)
            changed = _changes_state(start, state)
            if changed:
                action.version = start.version + 1
            actions.append((action, start if changed else None))
            for key, kind in (("action_milestones", "action"), ("impact_milestones", "impact")):
                described = {}
                for due_on, description in values.get(key) or []:
                    described[due_on] = description or described.get(due_on, "")
                for due_on, description in sorted(described.items()):
                    milestones.append(
                        ActionMilestone(
                            action=action, kind=kind, due_on=due_on, description=description
                        )
                    )
        self.pending = []
        Action.objects.bulk_create([action for action, _ in actions])
        for milestone in milestones:
            milestone.action_id = milestone.action.pk
        ActionMilestone.objects.bulk_create(milestones)
        for action, start in actions:
            if start is not None:
                updates.append(
                    _status_update(start, action, by=self.by, at=at, filename=self.filename)
                )
        StatusUpdate.objects.bulk_create(updates)
        log_created([a for a, _ in actions] + milestones + updates, by=self.by)


def _changes_state(action: Action, state: dict) -> bool:
    return (
        action.status != state["status"]
        or action.stage != state["stage"]
        or action.progress != state["progress"]
        or action.status_reason != state["reason"]
        or action.recovery_date != state["recovery_date"]
        or action.reason_needed != state["reason_needed"]
        or bool(action.signed_off_at) != state["signed_off"]
    )


def _apply(updated: Action, state: dict, *, at) -> bool:
    """Set the file's state on `updated`; whether it signs the action off."""
    was_signed_off = updated.signed_off_at is not None
    updated.status = state["status"]
    updated.stage = state["stage"]
    updated.progress = state["progress"]
    updated.status_reason = state["reason"]
    updated.recovery_date = state["recovery_date"]
    updated.reason_needed = state["reason_needed"]
    signs_off = state["signed_off"] and not was_signed_off
    if signs_off:
        updated.signed_off_by = None
        updated.signed_off_at = at
        updated.signed_off_meeting = None
        updated.sign_off_minute = ""
        updated.sign_off_imported = True
    elif not state["signed_off"] and was_signed_off and state["status"] != Status.COMPLETE:
        updated.signed_off_by = None
        updated.signed_off_at = None
        updated.signed_off_meeting = None
        updated.sign_off_minute = ""
        updated.sign_off_imported = False
    return signs_off


def _note(action: Action, updated: Action, *, signs_off: bool, filename: str) -> str:
    if updated.progress != action.progress:
        return updated.progress
    if signs_off:
        return f"Sign-off imported from {filename} (member and meeting not recorded)."
    return f"Imported from {filename}."


def _status_update(action: Action, updated: Action, *, by, at, filename: str) -> StatusUpdate:
    """The StatusUpdate from a new action's first state to the one the file gives it."""
    signs_off = updated.sign_off_imported
    return StatusUpdate.between(
        action,
        updated,
        by=by,
        at=at,
        note=_note(action, updated, signs_off=signs_off, filename=filename),
        signed_off=signs_off,
    )


def _import_state(action: Action, state: dict, *, by, at, filename: str) -> None:
    updated = copy.copy(action)
    signs_off = _apply(updated, state, at=at)
    note = _note(action, updated, signs_off=signs_off, filename=filename)
    _save_update(action, updated, by=by, at=at, note=note, signed_off=signs_off)
