"""Dates set by hand in place of the frameworks' clocks (inspections/clocks.py)."""

import datetime

from django.db.models import Min
from django.utils import timezone

from sendtracker.core.errors import Change, DomainError, StaleEditError
from sendtracker.core.stale import SAVED
from sendtracker.core.writes import PLANS, council_write

from .. import clocks
from ..models import (
    INSPECTION_DEADLINES,
    PLAN_DEADLINES,
    DeadlineKind,
    DeadlineOverride,
    ImprovementPlan,
    Inspection,
)

REASON_MAX = 1000


def deadline_of(*, kind: str, inspection: Inspection | None = None, plan=None):
    """The clock `kind` of the inspection or plan as its records give it now (overrides
    left out), or None if the framework sets no such clock for it (yet)."""
    if inspection is not None:
        visits = Inspection.objects.filter(pk=inspection.pk).aggregate(
            revisit=Min("revisits__started_on"),
            monitoring=Min("monitoring_inspections__started_on"),
        )
        found = clocks.inspection_deadlines(
            inspection,
            plans=list(inspection.plans.all()),
            names_weaknesses=inspection.areas.filter(kind="weakness").exists(),
            first_revisit_on=visits["revisit"],
            first_monitoring_on=visits["monitoring"],
        )
    else:
        found = clocks.plan_deadlines(plan)
    return next((d for d in found if d.kind == kind), None)


def _target(inspection, plan) -> Inspection | ImprovementPlan:
    if (inspection is None) == (plan is None):
        raise TypeError("Give an inspection or a plan, not both")
    return inspection if inspection is not None else plan


def _locked(inspection, plan):
    """The target read again under a lock, so two overrides of it queue."""
    if inspection is not None:
        return Inspection.objects.select_for_update().get(pk=inspection.pk), None
    return None, ImprovementPlan.objects.select_for_update().get(pk=plan.pk)


def _check_kind(kind: str, inspection, plan) -> None:
    kinds = INSPECTION_DEADLINES if inspection is not None else PLAN_DEADLINES
    if kind not in [k.value for k in kinds]:
        raise DomainError("Choose a deadline of this inspection or plan", field="kind")


def _check_version(current: DeadlineOverride | None, expected_version: int | None) -> None:
    """Refuse a form opened before someone else set, changed or removed the date.

    A deadline with no date set by hand is at version 0."""
    saved = current.version if current is not None else 0
    if expected_version is None or saved == expected_version:
        return
    if current is None:
        changes = [Change("Since you opened the form", "the date set by hand was removed")]
    else:
        changes = [
            Change.update(
                current.at,
                current.by,
                f"set the date to {clocks.day(current.due_on)}: “{current.reason[:120]}”",
            )
        ]
    raise StaleEditError(SAVED.format(what="deadline"), changes=changes)


def override_deadline(
    *,
    by,
    kind: str,
    due_on: datetime.date | None,
    reason: str,
    expected_version: int | None,
    inspection: Inspection | None = None,
    plan: ImprovementPlan | None = None,
    at: datetime.datetime | None = None,
) -> DeadlineOverride:
    """Set the date a framework deadline of an inspection or plan is due, with the reason.

    The deadline must be one the framework sets for it; the worked-out date stays shown
    beside the override. A form opened before someone else set, changed or removed the
    date is refused with what they did.
    """
    target = _target(inspection, plan)
    _check_kind(kind, inspection, plan)
    reason = (reason or "").strip()
    if due_on is None:
        raise DomainError("Enter the date the deadline is due", field="due_on")
    if not reason:
        raise DomainError("Enter the reason for changing the date", field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(f"The reason must be {REASON_MAX:,} characters or fewer", field="reason")
    at = at or timezone.now()
    with council_write(target.council_id, by=by, parts=[PLANS]):
        inspection, plan = _locked(inspection, plan)
        deadline = deadline_of(kind=kind, inspection=inspection, plan=plan)
        if deadline is None:
            raise DomainError(
                f"There is no {_in_a_sentence(DeadlineKind(kind).label)} to change yet: the "
                "framework sets it once the dates it counts from are recorded",
                field="kind",
            )
        start = inspection.report_published_on if inspection is not None else plan.approved_on
        if start and due_on < start:
            what = "the report" if inspection is not None else "the plan was accepted"
            raise DomainError(
                f"The date must be on or after the date {what} ({clocks.day(start)})",
                field="due_on",
            )
        current = _current(kind, inspection, plan)
        _check_version(current, expected_version)
        if current is None and due_on == deadline.worked_out_on:
            raise DomainError(
                f"{clocks.day(due_on)} is the date the framework gives: enter another date, "
                "or leave the deadline as it is",
                field="due_on",
            )
        if current is not None and current.due_on == due_on and current.reason == reason:
            raise DomainError("Change the date or the reason", field="due_on")
        if current is None:
            return DeadlineOverride.objects.create(
                council_id=target.council_id,
                kind=kind,
                due_on=due_on,
                reason=reason,
                by=by,
                at=at,
                **_link(inspection, plan),
            )
        current.due_on, current.reason, current.by, current.at = due_on, reason, by, at
        current.version += 1
        current.save()
        return current


def remove_deadline_override(
    *,
    by,
    kind: str,
    expected_version: int | None,
    inspection: Inspection | None = None,
    plan: ImprovementPlan | None = None,
) -> None:
    """Go back to the date the framework gives for a deadline (the audit trail keeps
    the date that was set by hand and why)."""
    target = _target(inspection, plan)
    _check_kind(kind, inspection, plan)
    with council_write(target.council_id, by=by, parts=[PLANS]):
        inspection, plan = _locked(inspection, plan)
        current = _current(kind, inspection, plan)
        _check_version(current, expected_version)
        if current is None:
            raise DomainError("The deadline has no date set by hand to remove", field="kind")
        current.delete()


def _in_a_sentence(label: str) -> str:
    """A label inside a sentence: "Evidence to DfE" → "evidence to DfE"."""
    return label[:1].lower() + label[1:]


def _link(inspection, plan) -> dict:
    return {"inspection": inspection} if inspection is not None else {"plan": plan}


def _current(kind: str, inspection, plan) -> DeadlineOverride | None:
    """The deadline's date set by hand, if any, locked."""
    rows = DeadlineOverride.objects.select_for_update()
    return rows.filter(kind=kind, **_link(inspection, plan)).first()
