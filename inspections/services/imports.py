"""Importing a plan's file: every row's change, or none, in one write."""

import copy
import datetime

from django.utils import timezone

from sendtracker.core.status import Status
from sendtracker.core.writes import PLANS, council_write

from ..models import Action, AreaOfWeakness, ImprovementPlan
from .actions import add_action, update_action_details
from .inspections import add_area
from .plans import create_plan
from .status import _save_update


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
            made[id(new)] = add_area(
                inspection=plan.inspection,
                by=by,
                number=new.number,
                title=new.title[:300],
                parent=new.parent,
                plan=plan if new.parent else None,
            )

        def area_of(area):
            return made.get(id(area), area) if area is not None else None

        position = plan.actions.count()
        for row in preview.rows:
            values = row.row.values
            if row.kind == "create":
                action = add_action(
                    plan=plan,
                    by=by,
                    ref=values["ref"],
                    description=values["description"],
                    leads=values.get("leads") or "",
                    area=area_of(row.area),
                    evidence_of_output=values.get("evidence_of_output") or "",
                    evidence_of_impact=values.get("evidence_of_impact") or "",
                    action_milestones=values.get("action_milestones") or [],
                    impact_milestones=values.get("impact_milestones") or [],
                    position=position,
                    added_at=at,
                )
                position += 1
            elif row.kind == "update":
                action = row.action
                if row.details:
                    details = dict(row.details)
                    if "area" in details:
                        details["area"] = area_of(details["area"])
                    update_action_details(
                        action=action, by=by, expected_version=action.version, **details
                    )
            else:
                continue
            if row.state is not None and _changes_state(action, row.state):
                _import_state(action, row.state, by=by, at=at, filename=filename)
    return plan


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


def _import_state(action: Action, state: dict, *, by, at, filename: str) -> None:
    updated = copy.copy(action)
    updated.status = state["status"]
    updated.stage = state["stage"]
    updated.progress = state["progress"]
    updated.status_reason = state["reason"]
    updated.recovery_date = state["recovery_date"]
    updated.reason_needed = state["reason_needed"]
    signs_off = state["signed_off"] and not action.signed_off_at
    if signs_off:
        updated.signed_off_by = None
        updated.signed_off_at = at
        updated.signed_off_meeting = None
        updated.sign_off_minute = ""
        updated.sign_off_imported = True
    elif not state["signed_off"] and action.signed_off_at and state["status"] != Status.COMPLETE:
        updated.signed_off_by = None
        updated.signed_off_at = None
        updated.signed_off_meeting = None
        updated.sign_off_minute = ""
        updated.sign_off_imported = False
    if updated.progress != action.progress:
        note = updated.progress
    elif signs_off:
        note = f"Sign-off imported from {filename} (member and meeting not recorded)."
    else:
        note = f"Imported from {filename}."
    _save_update(action, updated, by=by, at=at, note=note, signed_off=signs_off)
