import datetime

from django.utils import timezone

from sendtracker.core.errors import Change, DomainError
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import UPDATED, lock_checked
from sendtracker.core.status import Status
from sendtracker.core.validation import one_of, required_line
from sendtracker.core.writes import PROGRAMMES, council_write

from ..derive import outside_parent_warning
from ..models import Milestone, MilestoneUpdate, Progress, Workstream


def _check_dates(planned_start, planned_end) -> None:
    if planned_start and planned_end and planned_end < planned_start:
        raise DomainError(
            "The planned end must be on or after the planned start", field="planned_end"
        )


def _plan_values(
    *,
    title: str,
    ref: str = "",
    owner: str = "",
    planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
    parent: Milestone | None = None,
) -> dict:
    """A milestone's plan, as add_milestone and update_milestone_plan take it, checked."""
    title = required_line(title, "title", "Enter the milestone", what="the milestone")
    _check_dates(planned_start, planned_end)
    return {
        "title": title,
        "ref": ref.strip(),
        "owner": owner.strip(),
        "planned_start": planned_start,
        "planned_end": planned_end,
        "parent": parent,
    }


def add_milestone(*, workstream: Workstream, by, **plan) -> Milestone:
    """Add a milestone (under `parent`, if given) at the end of its siblings.

    `plan`: the milestone's title, ref, owner, planned dates and parent, as _plan_values
    takes them. A sub-milestone outside its parent's planned dates is saved with a
    warning in `milestone.warnings`: plans slip, and the board should see it rather
    than lose it.
    """
    values = _plan_values(**plan)
    parent = values["parent"]
    if parent is not None and parent.workstream_id != workstream.pk:
        raise DomainError(
            "A sub-milestone must belong to the same workstream as its parent", field="parent"
        )
    with council_write(workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        siblings = Milestone.objects.filter(workstream=workstream, parent=parent)
        milestone = Milestone.objects.create(
            workstream=workstream, position=siblings.count(), **values
        )
    return _with_warnings(milestone, parent)


def _with_warnings(milestone: Milestone, parent: Milestone | None) -> Milestone:
    """The milestone, its `warnings` saying whether its planned dates fall outside its parent's."""
    warning = parent is not None and outside_parent_warning(
        child_start=milestone.planned_start,
        child_end=milestone.planned_end,
        parent_start=parent.planned_start,
        parent_end=parent.planned_end,
    )
    milestone.warnings = [warning] if warning else []
    return milestone


def _check_parent(milestone: Milestone, parent: Milestone | None) -> None:
    """A parent from the same workstream that is not the milestone or below it."""
    if parent is None:
        return
    if parent.workstream_id != milestone.workstream_id:
        raise DomainError(
            "A sub-milestone must belong to the same workstream as its parent", field="parent"
        )
    parents = dict(
        Milestone.objects.filter(workstream_id=milestone.workstream_id).values_list(
            "pk", "parent_id"
        )
    )
    if makes_cycle(parents, milestone.pk, parent.pk):
        raise DomainError(
            "A milestone cannot sit under itself or one of its own sub-milestones",
            field="parent",
        )


def makes_cycle(parents: dict, key, parent_key) -> bool:
    """Whether putting `key` under `parent_key` makes it its own ancestor, given every
    other milestone's parent in `parents` ({key: parent key or None}). Keys may be
    anything hashable: an import checks milestones not saved yet by keys of its own."""
    step, seen = parent_key, set()
    while step is not None and step not in seen:
        if step == key:
            return True
        seen.add(step)
        step = parents.get(step)
    return False


def update_milestone_plan(*, milestone: Milestone, by, expected_version: int, **plan) -> Milestone:
    """Change what a milestone is and when it is planned: title, ref, owner, dates, parent.

    `plan` as _plan_values takes it. Progress, completion and overrides are
    update_milestone's. Moving it under another parent takes its sub-milestones along; a
    parent outside the workstream, the milestone itself or one of its own sub-milestones
    is refused. Like add_milestone, dates outside the parent's are saved with a warning
    in `milestone.warnings`.
    """
    values = _plan_values(**plan)
    parent = values["parent"]
    with council_write(milestone.workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        current = lock_checked(milestone, expected_version, what="milestone", fields=values)
        _check_parent(current, parent)
        if current.parent_id != (parent.pk if parent else None):
            current.position = Milestone.objects.filter(
                workstream_id=current.workstream_id, parent=parent
            ).count()
        save_new_version(current, values | {"updated_at": timezone.now()})
    milestone.refresh_from_db()
    return _with_warnings(milestone, parent)


def move_milestone(*, milestone: Milestone, by, parent: Milestone | None) -> Milestone:
    """Put a milestone (with its sub-milestones) under another parent, or at the top."""
    with council_write(milestone.workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        current = Milestone.objects.select_for_update().get(pk=milestone.pk)
        _check_parent(current, parent)
        position = Milestone.objects.filter(
            workstream_id=current.workstream_id, parent=parent
        ).count()
        save_new_version(current, {"parent": parent, "position": position})
    milestone.refresh_from_db()
    return milestone


def update_milestone(
    *,
    milestone: Milestone,
    by,
    progress: str,
    completed_on: datetime.date | None = None,
    status_override: str = "",
    override_reason: str = "",
    note: str = "",
    expected_version: int,
    at: datetime.datetime | None = None,
) -> MilestoneUpdate:
    """Record a milestone's progress, completion date, status override and a note.

    The status is derived from these and the dates; an override needs its reason.
    A milestone with sub-milestones takes its progress from them, so only its
    override and note change here. A form opened at an older version is refused
    with what changed since.
    """
    at = at or timezone.now()
    today = timezone.localdate(at)
    note, override_reason = note.strip(), override_reason.strip()
    one_of(progress, Progress, "progress", "Choose the milestone's progress from the list")
    if status_override and status_override not in Status.values:
        raise DomainError("Choose a status from the list", field="status_override")
    if status_override and not override_reason:
        raise DomainError("Enter the reason for overriding the status", field="override_reason")
    if not status_override:
        override_reason = ""
    if progress == Progress.COMPLETE:
        if completed_on is None:
            raise DomainError("Enter the date the milestone was completed", field="completed_on")
        if completed_on > today:
            raise DomainError("The completion date cannot be in the future", field="completed_on")
    else:
        completed_on = None

    with council_write(milestone.workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        current = lock_checked(
            milestone,
            expected_version,
            what="milestone",
            since=lambda current: _history_since(current, expected_version),
            message=UPDATED,
        )
        if current.children.exists():
            progress, completed_on = current.progress, current.completed_on
        unchanged = (
            progress == current.progress
            and completed_on == current.completed_on
            and status_override == current.status_override
            and override_reason == current.override_reason
            and not note
        )
        if unchanged:
            raise DomainError(
                "Change the progress or the status, or write a progress note", field="note"
            )
        update = MilestoneUpdate.objects.create(
            milestone=current,
            by=by,
            at=at,
            old_progress=current.progress,
            new_progress=progress,
            completed_on=completed_on,
            old_override=current.status_override,
            new_override=status_override,
            override_reason=override_reason,
            note=note,
            version=current.version + 1,
        )
        save_new_version(
            current,
            {
                "progress": progress,
                "completed_on": completed_on,
                "status_override": status_override,
                "override_reason": override_reason,
                **({"note": note} if note else {}),
                "updated_at": at,
            },
        )
    milestone.refresh_from_db()
    return update


def _history_since(current: Milestone, expected_version: int) -> list[Change]:
    """What happened to the milestone after `expected_version`: its updates, by whom."""
    since = current.updates.filter(version__gt=expected_version).select_related("by")
    changes = []
    for update in since.order_by("version"):
        what = []
        if update.old_progress != update.new_progress:
            old, new = update.get_old_progress_display(), update.get_new_progress_display()
            what.append(f"progress {old} → {new}")
        if update.old_override != update.new_override:
            old = update.get_old_override_display() or "derived"
            new = update.get_new_override_display() or "derived"
            what.append(f"status {old} → {new}")
        if update.note:
            what.append(f"note: “{update.note[:120]}”")
        changes.append(Change.update(update.at, update.by, "; ".join(what) or "no change"))
    return changes
