"""Improvement plans and their review points."""

import datetime

from sendtracker.core.errors import DomainError
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import lock_checked
from sendtracker.core.status import StatusKey
from sendtracker.core.validation import one_of, required_line
from sendtracker.core.writes import PLANS, council_write

from ..models import (
    Framework,
    ImprovementPlan,
    Inspection,
    Outcome,
    PlanKind,
    ReviewPoint,
)

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
    one_of(values["kind"], PlanKind, "kind", "Select the kind of plan")
    values["title"] = required_line(
        values["title"], "title", "Enter the title of the plan", what="the title"
    )
    for name in ("summary", "approved_by", "board_cadence", "dfe_cadence"):
        values[name] = (values.get(name) or "").strip()
    one_of(values["status_key"], StatusKey, "status_key", "Select the status colours")
    inspection = values.get("inspection")
    if inspection is not None and inspection.council_id != council.pk:
        raise DomainError(f"Choose an inspection of {council.name}", field="inspection")
    responds = (PlanKind.WSOA, PlanKind.APP, PlanKind.PRIORITY, PlanKind.STRATEGIC)
    if values["kind"] in responds and inspection is None:
        raise DomainError("Choose the inspection the plan responds to", field="inspection")
    if inspection is not None:
        _check_plan_fits_inspection(values["kind"], inspection)
    if values["approved_by"] and not values.get("approved_on"):
        raise DomainError("Enter the date the plan was judged fit for purpose", field="approved_on")
    return values


def check_new_plan(*, council, kind: str, title: str, inspection: Inspection | None) -> None:
    """create_plan's checks of a plan's kind, title and inspection, before anything
    else is asked of the user (an import checks them at its preview)."""
    _check_plan(
        {"kind": kind, "title": title, "inspection": inspection, "status_key": StatusKey.BRAG},
        council=council,
    )


def _check_plan_fits_inspection(kind: str, inspection: Inspection) -> None:
    """A WSOA or APP answers a 2016 inspection; a priority action plan a 2023 one with
    widespread and/or systemic failings; a strategic action plan a 2023 one with
    inconsistent experiences and outcomes."""
    if kind in (PlanKind.WSOA, PlanKind.APP) and inspection.framework != Framework.LOCAL_AREA_2016:
        raise DomainError(
            f"A {PlanKind(kind).label} responds to a 2016 framework inspection: choose one, "
            "or a priority or strategic action plan for a 2023 inspection",
            field="inspection",
        )
    if kind == PlanKind.PRIORITY and not inspection.needs_priority_action_plan:
        raise DomainError(
            "A Priority Action Plan responds to a 2023 framework inspection whose outcome "
            "was widespread and/or systemic failings: choose such an inspection",
            field="inspection",
        )
    if kind == PlanKind.STRATEGIC and not inspection.may_have_strategic_action_plan:
        raise DomainError(
            "A Strategic Action Plan responds to a 2023 framework inspection whose outcome "
            f"was {Outcome.INCONSISTENT.label.lower()}: choose such an inspection",
            field="inspection",
        )


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
    with council_write(council, by=by, parts=[PLANS]):
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
    with council_write(plan.council_id, by=by, parts=[PLANS]):
        current = lock_checked(
            plan,
            expected_version,
            what="plan",
            fields=values,
            message="Someone else changed this plan after you opened it. Your changes have "
            "not been saved. Check what is saved now, then make your changes again.",
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
        if merged["kind"] != current.kind:
            # The actions' areas must still be ones the plan's new kind addresses.
            current.kind = merged["kind"]
            allowed = current.allowed_areas().values("pk")
            if current.actions.filter(area__isnull=False).exclude(area__in=allowed).exists():
                raise DomainError(
                    "The plan's actions address areas a plan of that kind does not: the "
                    "kind cannot be changed",
                    field="kind",
                )
        save_new_version(current, merged)
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
