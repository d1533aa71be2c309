"""Inspections, their areas and what followed them: revisits (2016 framework) and
monitoring inspections (2023 framework)."""

import datetime

from sendtracker.core.errors import DomainError
from sendtracker.core.validation import check_dates, one_of, required, required_line
from sendtracker.core.writes import PLANS, council_write

from ..models import (
    AreaKind,
    AreaOfWeakness,
    Framework,
    ImprovementPlan,
    Inspection,
    MonitoringFinding,
    MonitoringInspection,
    Outcome,
    PlanKind,
    Revisit,
    RevisitJudgement,
)


def _check_inspection(values: dict) -> None:
    one_of(values["framework"], Framework, "framework", "Select the inspection framework")
    required(values["inspectorates"], "inspectorates", "Enter the inspectorates")
    check_dates(
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


def _check_what_followed(current: Inspection, merged: dict) -> None:
    """A framework or outcome cannot change from under the records that rest on it."""
    if merged["framework"] != current.framework and (
        current.areas.exists()
        or current.revisits.exists()
        or current.monitoring_inspections.exists()
        or current.plans.exists()
    ):
        raise DomainError(
            "The inspection's areas, plans and visits follow its framework: the framework "
            "cannot be changed once they are recorded",
            field="framework",
        )
    kinds_for_outcome = {
        Outcome.SYSTEMIC_FAILINGS: PlanKind.PRIORITY,
        Outcome.INCONSISTENT: PlanKind.STRATEGIC,
    }
    for outcome, kind in kinds_for_outcome.items():
        if (
            current.outcome == outcome
            and merged["outcome"] != outcome
            and current.plans.filter(kind=kind).exists()
        ):
            raise DomainError(
                f"The inspection has a {PlanKind(kind).label.lower()}, which answers the "
                f"outcome {Outcome(outcome).label.lower()}: the outcome cannot be changed",
                field="outcome",
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
    with council_write(council, by=by, parts=[PLANS]):
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
    with council_write(inspection.council_id, by=by, parts=[PLANS]):
        current = Inspection.objects.select_for_update().get(pk=inspection.pk)
        merged = {name: getattr(current, name) for name in fields} | values
        merged["outcome"] = merged["outcome"] or ""
        merged["report_url"] = merged["report_url"] or ""
        merged["inspectorates"] = (merged["inspectorates"] or "").strip()
        _check_inspection(merged)
        _check_what_followed(current, merged)
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
    text: str = "",
    kind: str = "",
    parent: AreaOfWeakness | None = None,
    plan: ImprovementPlan | None = None,
) -> AreaOfWeakness:
    """Add an area the inspection named, or a sub-area a plan splits one of them into.

    A 2016 inspection names areas of weakness; a 2023 one areas for priority action and
    areas for improvement, each numbered within its kind (`kind` defaults to the
    framework's only kind, for 2016). A sub-area is of its area's kind and is the
    `plan`'s own split, not an inspection finding: the plan must respond to this
    inspection.
    """
    what = "area of weakness" if inspection.framework == Framework.LOCAL_AREA_2016 else "area"
    title = required_line(title, "title", f"Enter the title of the {what}", what="the title")
    if number is None or number < 1:
        raise DomainError("Enter a number of 1 or more", field="number")
    kinds = inspection.area_kinds
    if parent is not None:
        if parent.inspection_id != inspection.pk:
            raise DomainError("Choose an area of this inspection", field="parent")
        if parent.parent_id:
            raise DomainError("A sub-area cannot have sub-areas of its own", field="parent")
        if plan is not None and plan.inspection_id != inspection.pk:
            raise DomainError(
                "Choose a plan that responds to this inspection: a sub-area is that "
                "plan's split of the area",
                field="plan",
            )
        kind = parent.kind
        siblings = AreaOfWeakness.objects.filter(parent=parent)
        taken = f"Area {parent.number} already has a sub-area {parent.number}.{number}"
    else:
        if plan is not None:
            raise DomainError(
                "Only a sub-area belongs to a plan: choose the area it splits, or no plan",
                field="plan",
            )
        kind = kind or (kinds[0] if len(kinds) == 1 else "")
        if kind not in kinds:
            if inspection.framework == Framework.LOCAL_AREA_2016:
                message = "A 2016 framework inspection names areas of weakness only"
            else:
                message = (
                    "Select the kind of area: an area for priority action or an area for "
                    "improvement"
                )
            raise DomainError(message, field="kind")
        siblings = AreaOfWeakness.objects.filter(
            inspection=inspection, parent__isnull=True, kind=kind
        )
        if kind == AreaKind.WEAKNESS:
            taken = f"The inspection already has an area {number}"
        else:
            taken = f"The inspection already has an {AreaKind(kind).label.lower()} {number}"
    with council_write(inspection.council_id, by=by, parts=[PLANS]):
        if siblings.filter(number=number).exists():
            raise DomainError(taken, field="number")
        return AreaOfWeakness.objects.create(
            inspection=inspection,
            parent=parent,
            plan=plan if parent is not None else None,
            kind=kind,
            number=number,
            title=title,
            text=(text or "").strip(),
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
    if inspection.framework != Framework.LOCAL_AREA_2016:
        raise DomainError(
            "A revisit follows a 2016 framework inspection: for this 2023 framework "
            "inspection, record a monitoring inspection instead",
            field="inspection",
        )
    check_dates(
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
    revisit = Revisit(
        inspection=inspection, started_on=started_on, ended_on=ended_on, letter_url=letter_url or ""
    )
    verdicts = [
        RevisitJudgement(revisit=revisit, area=area, sufficient_progress=bool(judgements[pk]))
        for pk, area in areas.items()
    ]
    return _save_with_verdicts(revisit, verdicts, by=by)


def _save_with_verdicts(visit, verdicts: list, *, by):
    """Save a new revisit or monitoring inspection and its verdict on each area, in one
    write."""
    with council_write(visit.inspection.council_id, by=by, parts=[PLANS]):
        visit.save()
        for verdict in verdicts:
            verdict.save()
    return visit


def record_monitoring_inspection(
    *,
    inspection: Inspection,
    by,
    started_on: datetime.date,
    ended_on: datetime.date,
    findings: dict[int, bool],
    letter_url: str = "",
) -> MonitoringInspection:
    """Record a monitoring inspection of a 2023 framework inspection, with whether each
    area for priority action has improved.

    `findings` maps each of the inspection's areas for priority action's ids to
    improved (True) or not; every one needs a finding, and any other area is refused.
    A 2016 inspection is followed by a revisit instead.
    """
    if inspection.framework != Framework.AREA_SEND_2023:
        raise DomainError(
            "A monitoring inspection follows a 2023 framework inspection: for this 2016 "
            "framework inspection, record a revisit instead",
            field="inspection",
        )
    check_dates(
        started_on,
        ended_on,
        field="ended_on",
        message="The date the monitoring inspection ended must be the same as or after "
        "the date it started",
    )
    if started_on is None or started_on <= inspection.ended_on:
        raise DomainError(
            "The monitoring inspection must start after the inspection ended",
            field="started_on",
        )
    areas = {
        a.pk: a for a in inspection.areas.filter(parent__isnull=True, kind=AreaKind.PRIORITY_ACTION)
    }
    if not areas:
        raise DomainError(
            "Add the inspection's areas for priority action before recording a monitoring "
            "inspection",
            field="inspection",
        )
    if set(findings) - set(areas):
        raise DomainError(
            "Record findings only for the inspection's areas for priority action",
            field="findings",
        )
    missing = [areas[pk] for pk in areas if findings.get(pk) is None]
    if missing:
        raise DomainError(
            f"Select whether {missing[0].label} has improved", field=f"area_{missing[0].pk}"
        )
    monitoring = MonitoringInspection(
        inspection=inspection, started_on=started_on, ended_on=ended_on, letter_url=letter_url or ""
    )
    verdicts = [
        MonitoringFinding(monitoring=monitoring, area=area, improved=bool(findings[pk]))
        for pk, area in areas.items()
    ]
    return _save_with_verdicts(monitoring, verdicts, by=by)
