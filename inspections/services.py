"""Writes to inspections and improvement plans."""

import copy
import datetime

from django.db import transaction
from django.utils import timezone

from sendtracker.core.audit import acting_as, save_if_version
from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.permissions import can_sign_off
from sendtracker.core.status import DELAYED, Status, StatusKey

from .models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    Framework,
    ImprovementPlan,
    Inspection,
    MilestoneKind,
    Outcome,
    PlanKind,
    ReviewPoint,
    Revisit,
    RevisitJudgement,
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

    if action.version != expected_version:
        raise _stale(action, expected_version)
    evidence = action.evidence_of_output
    if evidence_of_output is not None and evidence_of_output.strip():
        evidence = evidence_of_output.strip()
    if status == Status.COMPLETE and not evidence:
        raise DomainError(
            "Enter the evidence of output before marking the action complete",
            field="evidence_of_output",
        )
    unchanged = (
        status == action.status
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
    updated.evidence_of_output = evidence
    if note:
        updated.progress = note
    if status != Status.COMPLETE and updated.signed_off_at:
        updated.signed_off_by = None
        updated.signed_off_at = None
    return _save_update(
        action,
        updated,
        StatusUpdate(
            action=action,
            by=by,
            at=at,
            old_status=action.status,
            new_status=status,
            old_stage=action.stage,
            new_stage=stage,
            note=note,
            reason=reason,
            recovery_date=recovery_date,
        ),
    )


def _save_update(action: Action, updated: Action, update: StatusUpdate) -> StatusUpdate:
    """Save `updated` (a changed copy of `action`) and its StatusUpdate, or refuse if stale.

    The action's row is written only if it is still at `action`'s version (one UPDATE,
    no lock held before it; see audit.save_if_version), so two people updating from
    the same version cannot both succeed. `action` is brought up to date on success.
    """
    updated.updated_at = update.at
    updated.version = action.version + 1
    update.version = updated.version
    with transaction.atomic(), acting_as(update.by):
        if not save_if_version(updated, old=action, expected_version=action.version):
            current = Action.objects.get(pk=action.pk)
            raise _stale(current, action.version)
        update.save(force_insert=True)
    _copy_state(updated, action)
    return update


def _copy_state(saved: Action, action: Action) -> None:
    """Bring the caller's instance up to date without reading the row again."""
    for field in Action._meta.concrete_fields:
        setattr(action, field.attname, getattr(saved, field.attname))


def sign_off_action(*, action: Action, by, expected_version: int) -> StatusUpdate:
    """The improvement board signs a complete action off."""
    if not can_sign_off(by, action.plan.council):
        raise DomainError("Only a member of the council's improvement board can sign an action off")
    if action.version != expected_version:
        raise _stale(action, expected_version)
    if action.status != Status.COMPLETE:
        raise DomainError("Only a complete action can be signed off")
    if action.signed_off_at:
        raise DomainError("This action has already been signed off")
    at = timezone.now()
    updated = copy.copy(action)
    updated.signed_off_by = by
    updated.signed_off_at = at
    return _save_update(
        action,
        updated,
        StatusUpdate(
            action=action,
            by=by,
            at=at,
            old_status=action.status,
            new_status=action.status,
            old_stage=action.stage,
            new_stage=action.stage,
            note="Signed off by the improvement board.",
            signed_off=True,
        ),
    )


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
    if current.version - expected_version > len(since):
        # Edits of the action's details bump the version without a status update.
        changes.append(
            (f"{current.updated_at:%d %b %Y %H:%M}", "the action's details were changed")
        )
    return StaleEditError(
        "Someone else updated this action after you opened it. Your update has not been "
        "saved. Check their changes below, then make your update again.",
        changes=changes,
    )


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def _check_dates(start, end, *, field: str, message: str) -> None:
    if start and end and end < start:
        raise DomainError(message, field=field)


# Inspections, areas of weakness and revisits ------------------------------------------


def _check_inspection(values: dict) -> None:
    if values["framework"] not in Framework.values:
        raise DomainError("Select the inspection framework", field="framework")
    _required(values["inspectorates"], "inspectorates", "Enter the inspectorates")
    _check_dates(
        values["started_on"],
        values["ended_on"],
        field="ended_on",
        message="The date the inspection ended must be the same as or after the date it started",
    )
    outcome = values.get("outcome") or ""
    if outcome and values["framework"] != Framework.AREA_SEND_2023:
        raise DomainError(
            "Only a 2023 framework inspection has an outcome: leave the outcome blank for "
            "a 2016 inspection, which names areas of weakness instead",
            field="outcome",
        )
    if outcome and outcome not in Outcome.values:
        raise DomainError("Select an outcome from the list", field="outcome")
    published = values.get("report_published_on")
    if published and published < values["started_on"]:
        raise DomainError(
            "The date the report was published must be after the inspection started",
            field="report_published_on",
        )


def create_inspection(
    *,
    council,
    by,
    framework: str,
    started_on: datetime.date,
    ended_on: datetime.date,
    inspectorates: str = "Ofsted and CQC",
    outcome: str = "",
    report_url: str = "",
    report_published_on: datetime.date | None = None,
) -> Inspection:
    """Record an inspection of a council's local area.

    Only the 2023 framework has an outcome; the 2016 framework names areas of weakness.
    """
    values = {
        "framework": framework,
        "inspectorates": (inspectorates or "").strip(),
        "started_on": started_on,
        "ended_on": ended_on,
        "outcome": outcome or "",
        "report_url": report_url or "",
        "report_published_on": report_published_on,
    }
    _check_inspection(values)
    with transaction.atomic(), acting_as(by):
        return Inspection.objects.create(council=council, **values)


def update_inspection(*, inspection: Inspection, by, **values) -> Inspection:
    """Change an inspection's details, under the same rules as recording it."""
    fields = {
        "framework",
        "inspectorates",
        "started_on",
        "ended_on",
        "outcome",
        "report_url",
        "report_published_on",
    }
    unknown = set(values) - fields
    if unknown:
        raise TypeError(f"Unknown inspection fields: {', '.join(sorted(unknown))}")
    with transaction.atomic(), acting_as(by):
        current = Inspection.objects.select_for_update().get(pk=inspection.pk)
        merged = {name: getattr(current, name) for name in fields} | values
        merged["outcome"] = merged["outcome"] or ""
        merged["report_url"] = merged["report_url"] or ""
        merged["inspectorates"] = (merged["inspectorates"] or "").strip()
        _check_inspection(merged)
        for name, value in merged.items():
            setattr(current, name, value)
        current.save()
    return current


def add_area(
    *,
    inspection: Inspection,
    by,
    number: int,
    title: str,
    short_title: str = "",
    parent: AreaOfWeakness | None = None,
) -> AreaOfWeakness:
    """Add an area of weakness to an inspection, or a sub-area under one of its areas."""
    title = _required(title, "title", "Enter the title of the area of weakness")
    if number is None or number < 1:
        raise DomainError("Enter a number of 1 or more", field="number")
    if parent is not None:
        if parent.inspection_id != inspection.pk:
            raise DomainError("Choose an area of this inspection", field="parent")
        if parent.parent_id:
            raise DomainError("A sub-area cannot have sub-areas of its own", field="parent")
        siblings = AreaOfWeakness.objects.filter(parent=parent)
        taken = f"Area {parent.number} already has a sub-area {parent.number}.{number}"
    else:
        siblings = AreaOfWeakness.objects.filter(inspection=inspection, parent__isnull=True)
        taken = f"The inspection already has an area {number}"
    with transaction.atomic(), acting_as(by):
        if siblings.filter(number=number).exists():
            raise DomainError(taken, field="number")
        return AreaOfWeakness.objects.create(
            inspection=inspection,
            parent=parent,
            number=number,
            title=title,
            short_title=(short_title or "").strip(),
        )


def record_revisit(
    *,
    inspection: Inspection,
    by,
    started_on: datetime.date,
    ended_on: datetime.date,
    judgements: dict[int, bool],
    letter_url: str = "",
) -> Revisit:
    """Record a revisit with its judgement of each area: sufficient progress or not.

    `judgements` maps each of the inspection's (top-level) areas' ids to a judgement;
    every area needs one, and an area of another inspection is refused.
    """
    _check_dates(
        started_on,
        ended_on,
        field="ended_on",
        message="The date the revisit ended must be the same as or after the date it started",
    )
    if started_on < inspection.started_on:
        raise DomainError("The revisit must start after the inspection started", field="started_on")
    areas = {a.pk: a for a in inspection.areas.filter(parent__isnull=True)}
    if not areas:
        raise DomainError("Add the inspection's areas of weakness before recording a revisit")
    if set(judgements) - set(areas):
        raise DomainError("Judge only the areas of this inspection", field="judgements")
    missing = [areas[pk] for pk in areas if judgements.get(pk) is None]
    if missing:
        raise DomainError(
            f"Select whether {missing[0].label} made sufficient progress",
            field=f"area_{missing[0].pk}",
        )
    with transaction.atomic(), acting_as(by):
        revisit = Revisit.objects.create(
            inspection=inspection,
            started_on=started_on,
            ended_on=ended_on,
            letter_url=letter_url or "",
        )
        for pk, area in areas.items():
            RevisitJudgement.objects.create(
                revisit=revisit, area=area, sufficient_progress=bool(judgements[pk])
            )
    return revisit


# Improvement plans ----------------------------------------------------------------------

PLAN_FIELDS = (
    "kind",
    "title",
    "summary",
    "inspection",
    "approved_on",
    "approved_by",
    "board_cadence",
    "dfe_cadence",
    "published",
    "status_key",
)


def _check_plan(values: dict, *, council) -> dict:
    values = dict(values)
    if values["kind"] not in PlanKind.values:
        raise DomainError("Select the kind of plan", field="kind")
    values["title"] = _required(values["title"], "title", "Enter the title of the plan")
    for name in ("summary", "approved_by", "board_cadence", "dfe_cadence"):
        values[name] = (values.get(name) or "").strip()
    if values["status_key"] not in StatusKey.values:
        raise DomainError("Select the status colours", field="status_key")
    inspection = values.get("inspection")
    if inspection is not None and inspection.council_id != council.pk:
        raise DomainError(f"Choose an inspection of {council.name}", field="inspection")
    if values["kind"] in (PlanKind.WSOA, PlanKind.APP, PlanKind.PRIORITY) and inspection is None:
        raise DomainError("Choose the inspection the plan responds to", field="inspection")
    if values["approved_by"] and not values.get("approved_on"):
        raise DomainError("Enter the date the plan was judged fit for purpose", field="approved_on")
    return values


def _check_review_points(review_points) -> list[tuple[str, datetime.date]]:
    cleaned = []
    for index, (name, due_on) in enumerate(review_points or (), start=1):
        name = (name or "").strip()
        if not name and due_on is None:
            continue
        if not name:
            raise DomainError(f"Enter the name of review point {index}", field="review_points")
        if due_on is None:
            raise DomainError(f"Enter the date of review point {index}", field="review_points")
        cleaned.append((name, due_on))
    return cleaned


def create_plan(
    *,
    council,
    by,
    kind: str,
    title: str,
    inspection: Inspection | None = None,
    summary: str = "",
    approved_on: datetime.date | None = None,
    approved_by: str = "",
    board_cadence: str = "",
    dfe_cadence: str = "",
    published: bool = False,
    status_key: str = StatusKey.BRAG,
    review_points: list[tuple[str, datetime.date]] = (),
) -> ImprovementPlan:
    """Start a council's improvement plan, with its review points.

    A WSOA, APP or priority action plan responds to one of the council's own inspections.
    """
    values = _check_plan(
        {
            "kind": kind,
            "title": title,
            "summary": summary,
            "inspection": inspection,
            "approved_on": approved_on,
            "approved_by": approved_by,
            "board_cadence": board_cadence,
            "dfe_cadence": dfe_cadence,
            "published": published,
            "status_key": status_key,
        },
        council=council,
    )
    points = _check_review_points(review_points)
    with transaction.atomic(), acting_as(by):
        plan = ImprovementPlan.objects.create(council=council, **values)
        for name, due_on in points:
            ReviewPoint.objects.create(plan=plan, name=name, due_on=due_on)
    return plan


def update_plan(
    *,
    plan: ImprovementPlan,
    by,
    expected_version: int,
    review_points: list[tuple[str, datetime.date]] | None = None,
    **values,
) -> ImprovementPlan:
    """Change a plan's details (and, if given, its review points).

    A form opened before someone else saved the plan is refused with the fields that
    differ from what is saved now; nothing is overwritten.
    """
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown plan fields: {', '.join(sorted(unknown))}")
    with transaction.atomic(), acting_as(by):
        current = ImprovementPlan.objects.select_for_update().get(pk=plan.pk)
        if current.version != expected_version:
            changed = [
                (
                    str(ImprovementPlan._meta.get_field(name).verbose_name).capitalize(),
                    f"saved now: {_shown(getattr(current, name))}",
                )
                for name, value in values.items()
                if getattr(current, name) != value
            ]
            raise StaleEditError(
                "Someone else changed this plan after you opened it. Your changes have not "
                "been saved. Check what is saved now, then make your changes again.",
                changes=changed,
            )
        merged = {name: getattr(current, name) for name in PLAN_FIELDS} | values
        merged = _check_plan(merged, council=current.council)
        points = None if review_points is None else _check_review_points(review_points)
        moved = current.inspection_id and merged["inspection"] != current.inspection
        if moved and current.actions.filter(area__isnull=False).exists():
            raise DomainError(
                "The plan's actions address areas of its inspection: the inspection "
                "cannot be changed",
                field="inspection",
            )
        for name, value in merged.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        if points is not None:
            saved = {(p.name, p.due_on): p for p in current.review_points.all()}
            for key, point in saved.items():
                if key not in points:
                    point.delete()
            for name, due_on in points:
                if (name, due_on) not in saved:
                    ReviewPoint.objects.create(plan=current, name=name, due_on=due_on)
    for field in ImprovementPlan._meta.concrete_fields:
        setattr(plan, field.attname, getattr(current, field.attname))
    return current


def _shown(value) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return f"“{str(value)[:120]}”"


# Actions --------------------------------------------------------------------------------


def _check_action(plan: ImprovementPlan, values: dict, *, pk: int | None = None) -> dict:
    values = dict(values)
    values["ref"] = _required(values["ref"], "ref", "Enter the action's reference, like 2.3")
    values["description"] = _required(values["description"], "description", "Enter the action")
    values["leads"] = _required(
        values["leads"], "leads", "Enter the leads, as role titles like Head of SEND"
    )
    for name in ("evidence_of_output", "evidence_of_impact"):
        values[name] = (values.get(name) or "").strip()
    area = values.get("area")
    if area is not None and area.inspection_id != plan.inspection_id:
        raise DomainError("Choose an area of weakness of the plan's inspection", field="area")
    duplicate = Action.objects.filter(plan=plan, ref=values["ref"]).exclude(pk=pk)
    if duplicate.exists():
        raise DomainError(
            f"The plan already has an action {values['ref']}: enter a different reference",
            field="ref",
        )
    return values


def _set_milestones(action: Action, kind: str, dates) -> None:
    dates = sorted(set(d for d in dates if d is not None))
    saved = {m.due_on: m for m in action.milestones.filter(kind=kind)}
    for due_on, milestone in saved.items():
        if due_on not in dates:
            milestone.delete()
    for due_on in dates:
        if due_on not in saved:
            ActionMilestone.objects.create(action=action, kind=kind, due_on=due_on)


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
    values = _check_action(
        plan,
        {
            "ref": ref,
            "description": description,
            "leads": leads,
            "area": area,
            "evidence_of_output": evidence_of_output,
            "evidence_of_impact": evidence_of_impact,
        },
    )
    with transaction.atomic(), acting_as(by):
        action = Action.objects.create(
            plan=plan,
            progress=progress,
            position=position if position is not None else plan.actions.count(),
            **values,
        )
        _set_milestones(action, MilestoneKind.ACTION, action_milestones)
        _set_milestones(action, MilestoneKind.IMPACT, impact_milestones)
    return action


ACTION_DETAIL_FIELDS = (
    "ref",
    "area",
    "description",
    "leads",
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
    rises (with updated_at) so that a stale form is refused and the plan page's cached
    fragments, keyed by selectors.plan_stamp, are rendered again.
    """
    unknown = set(values) - set(ACTION_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown action fields: {', '.join(sorted(unknown))}")
    with transaction.atomic(), acting_as(by):
        current = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
        if current.version != expected_version:
            since = _stale(current, expected_version).changes
            differ = [
                (
                    "Saved now",
                    f"{str(Action._meta.get_field(name).verbose_name).capitalize()}: "
                    f"{_shown(getattr(current, name))}",
                )
                for name, value in values.items()
                if getattr(current, name) != value
            ]
            raise StaleEditError(
                "Someone else changed this action after you opened it. Your changes have not "
                "been saved. Check their changes below, then make yours again.",
                changes=since + differ,
            )
        merged = {name: getattr(current, name) for name in ACTION_DETAIL_FIELDS} | values
        merged = _check_action(current.plan, merged, pk=current.pk)
        if current.status == Status.COMPLETE and not merged["evidence_of_output"]:
            raise DomainError(
                "A complete action needs its evidence of output", field="evidence_of_output"
            )
        for name, value in merged.items():
            setattr(current, name, value)
        current.updated_at = timezone.now()
        current.version += 1
        current.save()
        if action_milestones is not None:
            _set_milestones(current, MilestoneKind.ACTION, action_milestones)
        if impact_milestones is not None:
            _set_milestones(current, MilestoneKind.IMPACT, impact_milestones)
    _copy_state(current, action)
    return action
