"""Inspections, their areas of weakness and revisits."""

import datetime

from sendtracker.core.errors import DomainError
from sendtracker.core.writes import PLANS, council_write

from ..models import (
    AreaOfWeakness,
    Framework,
    Inspection,
    Outcome,
    Revisit,
    RevisitJudgement,
)
from .validation import check_dates, required


def _check_inspection(values: dict) -> None:
    if values["framework"] not in Framework.values:
        raise DomainError("Select the inspection framework", field="framework")
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
    title = required(title, "title", "Enter the title of the area of weakness")
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
    with council_write(inspection.council_id, by=by, parts=[PLANS]):
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
    with council_write(inspection.council_id, by=by, parts=[PLANS]):
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
