"""Actions: adding them and changing their details (never their status)."""

import datetime

from django.utils import timezone

from sendtracker.core.access import people_of_area
from sendtracker.core.errors import DomainError
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import check_version
from sendtracker.core.status import Status
from sendtracker.core.validation import required, required_line
from sendtracker.core.writes import PLANS, council_write, unique_or_refused

from ..models import (
    Action,
    ActionMilestone,
    ImprovementPlan,
    MilestoneKind,
    PlanKind,
)
from .status import copy_state, history_since


def _check_action(plan: ImprovementPlan, values: dict, *, pk: int | None = None) -> dict:
    values = dict(values)
    values["ref"] = required_line(values["ref"], "ref", REF_NEEDED, what="the reference")
    values["description"] = required(values["description"], "description", "Enter the action")
    values["leads"] = (values.get("leads") or "").strip()
    lead_users = list(values.get("lead_users") or ())
    if not values["leads"] and not lead_users:
        raise DomainError(
            "Enter the leads, as role titles like Head of SEND, or choose a named lead",
            field="leads",
        )
    if lead_users:
        in_area = set(
            people_of_area(plan.council_id)
            .filter(pk__in=[u.pk for u in lead_users])
            .values_list("pk", flat=True)
        )
        outside = [u for u in lead_users if u.pk not in in_area]
        if outside:
            who = ", ".join(u.job_title or u.email for u in outside)
            raise DomainError(
                f"A lead must have a role in {plan.council.name}: {who} has none. "
                "Choose a lead from the list, or enter their role title under Leads",
                field="lead_users",
            )
    values["lead_users"] = lead_users
    for name in ("evidence_of_output", "evidence_of_impact"):
        values[name] = (values.get(name) or "").strip()
    area = values.get("area")
    if area is not None and area.inspection_id != plan.inspection_id:
        raise DomainError("Choose an area of weakness of the plan's inspection", field="area")
    if area is not None and not plan.allowed_areas().filter(pk=area.pk).exists():
        raise DomainError(_outside_the_plan(plan), field="area")
    duplicate = Action.objects.filter(plan=plan, ref=values["ref"]).exclude(pk=pk)
    if duplicate.exists():
        raise DomainError(_ref_taken(values["ref"]), field="ref")
    return values


REF_NEEDED = "Enter the action's reference, like 2.3"


def _ref_taken(ref) -> str:
    return f"The plan already has an action {ref}: enter a different reference"


def check_new_action(
    plan: ImprovementPlan, *, ref, description, leads, area, allowed: set, taken: set
) -> None:
    """add_action's checks of a new action without lead_users, for many actions at once:
    `allowed` the ids of plan.allowed_areas(), `taken` the refs the plan already has."""
    ref = required_line(ref, "ref", REF_NEEDED, what="the reference")
    required(description, "description", "Enter the action")
    if not (leads or "").strip():
        raise DomainError(
            f"Action {ref}: enter the leads, as role titles like Head of SEND", field="leads"
        )
    if area is not None and area.pk not in allowed:
        raise DomainError(f"Action {ref}: {_outside_the_plan(plan)}", field="area")
    if ref in taken:
        raise DomainError(_ref_taken(ref), field="ref")


def _outside_the_plan(plan: ImprovementPlan) -> str:
    if plan.kind == PlanKind.PRIORITY:
        return "Choose one of the plan's areas for priority action"
    if plan.kind == PlanKind.STRATEGIC:
        return "Choose one of the plan's areas for improvement"
    return "Choose one of the plan's areas of weakness or its own sub-areas"


def _set_milestones(action: Action, kind: str, dates) -> None:
    """Make the action's milestones of `kind` these: dates, or (date, description) pairs
    (one milestone a date; a pair's description replaces the saved one)."""
    described = {}
    for item in dates:
        due_on, description = item if isinstance(item, tuple) else (item, None)
        if due_on is not None:
            described[due_on] = description if description is not None else described.get(due_on)
    saved = {m.due_on: m for m in action.milestones.filter(kind=kind)}
    for due_on, milestone in saved.items():
        if due_on not in described:
            milestone.delete()
    for due_on, description in sorted(described.items()):
        milestone = saved.get(due_on)
        if milestone is None:
            ActionMilestone.objects.create(
                action=action, kind=kind, due_on=due_on, description=description or ""
            )
        elif description is not None and milestone.description != description:
            milestone.description = description
            milestone.save(update_fields=["description"])


def add_action(
    *,
    plan: ImprovementPlan,
    by=None,
    ref: str,
    description: str,
    leads: str = "",
    lead_users=(),
    area=None,
    progress: str = "",
    evidence_of_output: str = "",
    evidence_of_impact: str = "",
    action_milestones: list[datetime.date] = (),
    impact_milestones: list[datetime.date] = (),
    position: int | None = None,
    added_at: datetime.datetime | None = None,
) -> Action:
    """Add an action (not started, at the Action stage) to a plan with its milestones.

    `added_at`: when it was added to the plan, for a plan recorded after the fact (as
    update_action_status's `at`); now if not given.
    """
    values = _check_action(
        plan,
        {
            "ref": ref,
            "description": description,
            "leads": leads,
            "lead_users": lead_users,
            "area": area,
            "evidence_of_output": evidence_of_output,
            "evidence_of_impact": evidence_of_impact,
        },
    )
    lead_users = values.pop("lead_users")
    with council_write(plan.council_id, by=by, parts=[PLANS]):
        with unique_or_refused(_ref_taken(values["ref"]), field="ref"):
            action = Action.objects.create(
                plan=plan,
                progress=progress,
                position=position if position is not None else plan.actions.count(),
                **({"created_at": added_at} if added_at else {}),
                **values,
            )
        if lead_users:
            action.lead_users.set(lead_users)
        _set_milestones(action, MilestoneKind.ACTION, action_milestones)
        _set_milestones(action, MilestoneKind.IMPACT, impact_milestones)
    return action


ACTION_DETAIL_FIELDS = (
    "ref",
    "area",
    "description",
    "leads",
    "lead_users",
    "evidence_of_output",
    "evidence_of_impact",
)


def update_action_details(
    *,
    action: Action,
    by,
    expected_version: int,
    action_milestones: list[datetime.date] | None = None,
    impact_milestones: list[datetime.date] | None = None,
    **values,
) -> Action:
    """Change an action's descriptive fields and milestones, never its status.

    Status, stage and progress change only through update_action_status. The version
    rises (with updated_at) so that a stale form is refused; the council's data version
    rises with the write (council_write), so the plan page is rendered again.
    """
    unknown = set(values) - set(ACTION_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {', '.join(sorted(unknown))}")
    with council_write(action.plan.council_id, by=by, parts=[PLANS]):
        current = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
        check_version(
            current,
            expected_version,
            what="action",
            fields=values,
            since=lambda: history_since(current, expected_version),
            message="Someone else changed this action after you opened it. Your changes have "
            "not been saved. Check their changes below, then make yours again.",
        )
        saved = {name: getattr(current, name) for name in ACTION_DETAIL_FIELDS}
        saved["lead_users"] = list(current.lead_users.all())
        merged = _check_action(current.plan, saved | values, pk=current.pk)
        lead_users = merged.pop("lead_users")
        if current.status == Status.COMPLETE and not merged["evidence_of_output"]:
            raise DomainError(
                "A complete action needs its evidence of output", field="evidence_of_output"
            )
        save_new_version(current, merged | {"updated_at": timezone.now()})
        if "lead_users" in values:
            current.lead_users.set(lead_users)
        if action_milestones is not None:
            _set_milestones(current, MilestoneKind.ACTION, action_milestones)
        if impact_milestones is not None:
            _set_milestones(current, MilestoneKind.IMPACT, impact_milestones)
    copy_state(current, action)
    return action
