"""Writes to inspections and improvement plans."""

import datetime

from django.db import transaction
from django.utils import timezone

from sendtracker.core.audit import acting_as
from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.permissions import can_sign_off
from sendtracker.core.status import DELAYED, Status

from .models import Action, ActionMilestone, ImprovementPlan, Stage, StatusUpdate


def update_action_status(
    *,
    action: Action,
    by,
    status: str,
    stage: str,
    note: str = "",
    reason: str = "",
    recovery_date: datetime.date | None = None,
    evidence_of_output: str | None = None,
    expected_version: int,
    at: datetime.datetime | None = None,
) -> StatusUpdate:
    """Record a new status, stage and progress note for an action.

    The update is kept (StatusUpdate) and becomes the action's current state. A form
    opened at an older version than the saved one is refused with what changed since.
    Rules: a delay needs a reason and a recovery date not in the past; Complete needs
    evidence of output; leaving Complete withdraws the board's sign-off.
    """
    at = at or timezone.now()
    today = timezone.localdate(at)
    if status not in Status.values:
        raise DomainError("Choose a status from the list", field="status")
    if stage not in Stage.values:
        raise DomainError("Choose a stage from the list", field="stage")
    note, reason = note.strip(), reason.strip()
    if status in DELAYED:
        if not reason:
            raise DomainError("Enter the reason for the delay", field="reason")
        if recovery_date is None:
            raise DomainError(
                "Enter the date the action will be back on track", field="recovery_date"
            )
        if recovery_date < today:
            raise DomainError(
                "The recovery date must be today or in the future", field="recovery_date"
            )
    else:
        reason, recovery_date = "", None

    with transaction.atomic(), acting_as(by):
        current = Action.objects.select_for_update().get(pk=action.pk)
        if current.version != expected_version:
            raise _stale(current, expected_version)
        evidence = current.evidence_of_output
        if evidence_of_output is not None and evidence_of_output.strip():
            evidence = evidence_of_output.strip()
        if status == Status.COMPLETE and not evidence:
            raise DomainError(
                "Enter the evidence of output before marking the action complete",
                field="evidence_of_output",
            )
        unchanged = (
            status == current.status
            and stage == current.stage
            and not note
            and evidence == current.evidence_of_output
            and reason == current.status_reason
            and recovery_date == current.recovery_date
        )
        if unchanged:
            raise DomainError("Change the status or stage, or write a progress note", field="note")

        update = StatusUpdate.objects.create(
            action=current,
            by=by,
            at=at,
            old_status=current.status,
            new_status=status,
            old_stage=current.stage,
            new_stage=stage,
            note=note,
            reason=reason,
            recovery_date=recovery_date,
            version=current.version + 1,
        )
        current.status = status
        current.stage = stage
        current.status_reason = reason
        current.recovery_date = recovery_date
        current.evidence_of_output = evidence
        if note:
            current.progress = note
        if status != Status.COMPLETE and current.signed_off_at:
            current.signed_off_by = None
            current.signed_off_at = None
        current.updated_at = at
        current.version += 1
        current.save()
    _copy_state(current, action)
    return update


def _copy_state(saved: Action, action: Action) -> None:
    """Bring the caller's instance up to date without reading the row again."""
    for field in Action._meta.concrete_fields:
        setattr(action, field.attname, getattr(saved, field.attname))


def sign_off_action(*, action: Action, by, expected_version: int) -> StatusUpdate:
    """The improvement board signs a complete action off."""
    if not can_sign_off(by, action.plan.council):
        raise DomainError("Only a member of the council's improvement board can sign an action off")
    at = timezone.now()
    with transaction.atomic(), acting_as(by):
        current = Action.objects.select_for_update().get(pk=action.pk)
        if current.version != expected_version:
            raise _stale(current, expected_version)
        if current.status != Status.COMPLETE:
            raise DomainError("Only a complete action can be signed off")
        if current.signed_off_at:
            raise DomainError("This action has already been signed off")
        update = StatusUpdate.objects.create(
            action=current,
            by=by,
            at=at,
            old_status=current.status,
            new_status=current.status,
            old_stage=current.stage,
            new_stage=current.stage,
            note="Signed off by the improvement board.",
            signed_off=True,
            version=current.version + 1,
        )
        current.signed_off_by = by
        current.signed_off_at = at
        current.updated_at = at
        current.version += 1
        current.save()
    _copy_state(current, action)
    return update


def _stale(current: Action, expected_version: int) -> StaleEditError:
    since = list(
        current.updates.filter(version__gt=expected_version)
        .select_related("by")
        .order_by("version")
    )
    changes = []
    for update in since:
        who = update.by.email if update.by else "the system"
        what = []
        if update.status_changed:
            what.append(
                f"status {update.get_old_status_display()} → {update.get_new_status_display()}"
            )
        if update.stage_changed:
            what.append(
                f"stage {update.get_old_stage_display()} → {update.get_new_stage_display()}"
            )
        if update.signed_off:
            what.append("signed off")
        if update.note and not update.signed_off:
            what.append(f"note: “{update.note[:120]}”")
        changes.append(
            (f"{update.at:%d %b %Y %H:%M} by {who}", "; ".join(what) or "no change of status")
        )
    return StaleEditError(
        "Someone else updated this action after you opened it. Your update has not been "
        "saved. Check their changes below, then make your update again.",
        changes=changes,
    )


def add_action(
    *,
    plan: ImprovementPlan,
    by=None,
    ref: str,
    description: str,
    leads: str,
    area=None,
    progress: str = "",
    evidence_of_output: str = "",
    evidence_of_impact: str = "",
    action_milestones: list[datetime.date] = (),
    impact_milestones: list[datetime.date] = (),
    position: int | None = None,
) -> Action:
    """Add an action (not started, at the Action stage) to a plan with its milestones."""
    if area is not None and plan.inspection_id and area.inspection_id != plan.inspection_id:
        raise DomainError("The area of weakness must come from the plan's inspection", field="area")
    if plan.actions.filter(ref=ref).exists():
        raise DomainError(f"The plan already has an action {ref}", field="ref")
    with transaction.atomic(), acting_as(by):
        action = Action.objects.create(
            plan=plan,
            area=area,
            ref=ref,
            description=description,
            leads=leads,
            progress=progress,
            evidence_of_output=evidence_of_output,
            evidence_of_impact=evidence_of_impact,
            position=position if position is not None else plan.actions.count(),
        )
        for kind, dates in (("action", action_milestones), ("impact", impact_milestones)):
            for due in dates:
                ActionMilestone.objects.create(action=action, kind=kind, due_on=due)
    return action
