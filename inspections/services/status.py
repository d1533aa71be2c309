"""Status updates and sign-off: the writes officers and boards make most.

The action's row is written only if it is still at the version the page read (one
UPDATE; see sendtracker.core.audit.save_if_version), so two people updating from the
same version cannot both succeed, and the one refused is told what changed.
"""

import copy
import datetime

from django.utils import timezone

from sendtracker.core.audit import save_if_version
from sendtracker.core.errors import Change, DomainError, StaleEditError
from sendtracker.core.permissions import can_sign_off
from sendtracker.core.stale import UPDATED, check_version
from sendtracker.core.status import DELAYED, Status
from sendtracker.core.validation import one_of
from sendtracker.core.writes import PLANS, council_write

from ..models import (
    Action,
    Stage,
    StatusUpdate,
)


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
    one_of(status, Status, "status", "Choose a status from the list")
    one_of(stage, Stage, "stage", "Choose a stage from the list")
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

    _check_update_version(action, expected_version)
    evidence = action.evidence_of_output
    if evidence_of_output is not None and evidence_of_output.strip():
        evidence = evidence_of_output.strip()
    if status == Status.COMPLETE and not evidence:
        raise DomainError(
            "Enter the evidence of output before marking the action complete",
            field="evidence_of_output",
        )
    unchanged = (
        not action.reason_needed
        and status == action.status
        and stage == action.stage
        and not note
        and evidence == action.evidence_of_output
        and reason == action.status_reason
        and recovery_date == action.recovery_date
    )
    if unchanged:
        raise DomainError("Change the status or stage, or write a progress note", field="note")

    updated = copy.copy(action)
    updated.status = status
    updated.stage = stage
    updated.status_reason = reason
    updated.recovery_date = recovery_date
    # An officer's update always gives a delay's reason and recovery date: a delay
    # imported without them no longer needs them.
    updated.reason_needed = False
    updated.evidence_of_output = evidence
    if note:
        updated.progress = note
    if status != Status.COMPLETE and updated.signed_off_at:
        updated.signed_off_by = None
        updated.signed_off_at = None
        updated.signed_off_meeting = None
        updated.sign_off_minute = ""
        updated.sign_off_imported = False
    return _save_update(action, updated, by=by, at=at, note=note)


def _save_update(
    action: Action, updated: Action, *, by, at, note: str, signed_off: bool = False
) -> StatusUpdate:
    """Save `updated` (a changed copy of `action`) with the StatusUpdate from one to the
    other, or refuse if stale.

    The action's row is written only if it is still at `action`'s version (one UPDATE,
    no lock held before it; see audit.save_if_version), so two people updating from
    the same version cannot both succeed. `action` is brought up to date on success.
    """
    updated.updated_at = at
    updated.version = action.version + 1
    update = StatusUpdate.between(action, updated, by=by, at=at, note=note, signed_off=signed_off)
    with council_write(action.plan.council_id, by=by, parts=[PLANS]):
        if not save_if_version(updated, old=action, expected_version=action.version):
            # The UPDATE matched no row: the version moved on since the page read it.
            current = Action.objects.get(pk=action.pk)
            raise StaleEditError(
                UPDATED.format(what="action"), changes=history_since(current, action.version)
            )
        update.save(force_insert=True)
    copy_state(updated, action)
    return update


def copy_state(saved: Action, action: Action) -> None:
    """Bring the caller's instance up to date without reading the row again."""
    for field in Action._meta.concrete_fields:
        setattr(action, field.attname, getattr(saved, field.attname))


def sign_off_action(
    *, action: Action, by, meeting=None, minute: str = "", expected_version: int
) -> StatusUpdate:
    """The improvement board signs a complete action off at one of its meetings.

    The sign-off records the meeting (a `core.BoardMeeting` of the action's council,
    held by today) and, if given, the minute that records it; the meeting's page lists
    what it signed off.
    """
    if not can_sign_off(by, action.plan.council):
        raise DomainError("Only a member of the council's improvement board can sign an action off")
    if meeting is None:
        raise DomainError("Choose the board meeting that signed the action off", field="meeting")
    if meeting.council_id != action.plan.council_id:
        raise DomainError("Choose a meeting of the council's own board", field="meeting")
    at = timezone.now()
    if meeting.held_on > timezone.localdate(at):
        raise DomainError(
            "Choose a meeting that has taken place: this one is in the future", field="meeting"
        )
    minute = minute.strip()
    if len(minute) > 50:
        raise DomainError("The minute reference must be 50 characters or fewer", field="minute")
    _check_update_version(action, expected_version)
    if action.status != Status.COMPLETE:
        raise DomainError("Only a complete action can be signed off")
    if action.signed_off_at:
        raise DomainError("This action has already been signed off")
    updated = copy.copy(action)
    updated.signed_off_by = by
    updated.signed_off_at = at
    updated.signed_off_meeting = meeting
    updated.sign_off_minute = minute
    note = f"Signed off by the improvement board at its meeting ({meeting})"
    note += f", minute {minute}." if minute else "."
    return _save_update(action, updated, by=by, at=at, note=note, signed_off=True)


def _check_update_version(action: Action, expected_version: int) -> None:
    """Refuse a status update made on a form opened before the action's last change."""
    check_version(
        action,
        expected_version,
        what="action",
        since=lambda: history_since(action, expected_version),
        message=UPDATED,
    )


def history_since(current: Action, expected_version: int) -> list[Change]:
    """What happened to the action after `expected_version`: its status updates, by whom."""
    since = list(
        current.updates.filter(version__gt=expected_version)
        .select_related("by")
        .order_by("version")
    )
    changes = []
    for update in since:
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
        summary = "; ".join(what) or "no change of status"
        changes.append(Change.update(update.at, update.by, summary))
    if current.version - expected_version > len(since):
        # Edits of the action's details bump the version without a status update.
        changes.append(
            Change(f"{current.updated_at:%d %b %Y %H:%M}", "the action's details were changed")
        )
    return changes
