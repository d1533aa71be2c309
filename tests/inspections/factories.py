import datetime

import factory
from django.utils import timezone

from inspections import services
from inspections.models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    PlanKind,
)
from inspections.models.actions import Stage
from sendtracker.core.models import Council
from sendtracker.core.status import DELAYED, Status


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    council = factory.LazyFunction(lambda: Council.objects.get(dfe_la_code=856))
    framework = "2016"
    started_on = datetime.date(2018, 4, 23)
    ended_on = datetime.date(2018, 4, 27)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaOfWeakness

    inspection = factory.SubFactory(InspectionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Area of weakness {n + 1}")


class Inspection2023Factory(InspectionFactory):
    """A 2023 framework inspection; by default with widespread and/or systemic failings."""

    framework = "2023"
    outcome = "systemic_failings"
    started_on = datetime.date(2023, 1, 30)
    ended_on = datetime.date(2023, 2, 17)
    report_published_on = datetime.date(2023, 5, 16)


class PriorityAreaFactory(AreaFactory):
    inspection = factory.SubFactory(Inspection2023Factory)
    kind = "priority_action"
    title = factory.Sequence(lambda n: f"Area for priority action {n + 1}")


class ImprovementAreaFactory(AreaFactory):
    inspection = factory.SubFactory(Inspection2023Factory)
    kind = "improvement"
    title = factory.Sequence(lambda n: f"Area for improvement {n + 1}")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementPlan

    council = factory.LazyAttribute(
        lambda o: o.inspection.council if o.inspection else Council.objects.get(dfe_la_code=856)
    )
    inspection = factory.SubFactory(InspectionFactory)
    kind = PlanKind.APP
    title = factory.Sequence(lambda n: f"Accelerated Progress Plan {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    ref = factory.Sequence(lambda n: f"{n // 10 + 1}.{n % 10 + 1}")
    position = factory.Sequence(lambda n: n)
    description = factory.Sequence(lambda n: f"Action number {n}")
    leads = "Designated Clinical Officer"


def plan_with_actions(n: int, *, council=None, areas: int = 3) -> ImprovementPlan:
    """A plan of `n` actions spread over `areas` areas, each with one past milestone.

    Loaded in bulk, as an old spreadsheet would be: when they were added is not known.
    """
    council = council or Council.objects.get(dfe_la_code=856)
    inspection = InspectionFactory(council=council)
    area_objs = [AreaFactory(inspection=inspection, number=i + 1) for i in range(areas)]
    plan = PlanFactory(council=council, inspection=inspection)
    actions = Action.objects.bulk_create(
        [
            Action(
                plan=plan,
                area=area_objs[i % areas],
                ref=f"A{i}",
                position=i,
                description=f"Action {i}",
                leads="Head of SEND",
                status=["not_started", "on_track", "complete"][i % 3],
                evidence_of_output="Minutes" if i % 3 == 2 else "",
                created_at=None,
            )
            for i in range(n)
        ]
    )
    ActionMilestone.objects.bulk_create(
        [
            ActionMilestone(action=a, kind="action", due_on=datetime.date(2021, 12, 31))
            for a in actions
        ]
    )
    return plan


# A plan written through inspections.services, as officers build one: the history
# (StatusUpdate) and audit trail the dashboards and packs read are the app's own.
PLAN_STATUSES = (
    [Status.NOT_STARTED] * 3
    + [Status.ON_TRACK] * 4
    + [Status.MINOR_DELAY] * 3
    + [Status.MAJOR_DELAY] * 2
    + [Status.COMPLETE] * 2
)


def plan_through_services(
    council, statuses=PLAN_STATUSES, *, by=None, areas: int = 3, title: str | None = None
) -> ImprovementPlan:
    """An accelerated progress plan whose actions reach `statuses` through the services.

    Actions are spread over `areas` areas of weakness; action i has one action
    milestone, in the past for even i (so it is overdue unless complete or delayed)
    and in the future for odd i.
    """
    today = timezone.localdate()
    inspection = services.create_inspection(
        council=council,
        by=by,
        framework="2016",
        started_on=datetime.date(2018, 4, 23),
        ended_on=datetime.date(2018, 4, 27),
    )
    area_objs = [
        services.add_area(
            inspection=inspection, by=by, number=i + 1, title=f"Area of weakness {i + 1}"
        )
        for i in range(areas)
    ]
    plan = services.create_plan(
        council=council,
        by=by,
        kind=PlanKind.APP,
        inspection=inspection,
        title=title or f"{council.name} accelerated progress plan",
    )
    for i, status in enumerate(statuses):
        due = today + datetime.timedelta(days=-30 if i % 2 == 0 else 60)
        action = services.add_action(
            plan=plan,
            by=by,
            area=area_objs[i % areas],
            ref=f"{i % areas + 1}.{i // areas + 1}",
            description=f"{council.name} action {i + 1}",
            leads="Head of SEND",
            action_milestones=[due],
        )
        if status == Status.NOT_STARTED:
            continue
        delayed = status in DELAYED
        services.update_action_status(
            action=action,
            by=by,
            status=status,
            stage=Stage.COMPLETED if status == Status.COMPLETE else Stage.ACTION,
            note=f"Moved to {Status(status).label.lower()}",
            reason="Waiting for the new case management system" if delayed else "",
            recovery_date=today + datetime.timedelta(days=45) if delayed else None,
            evidence_of_output="Minutes of the board" if status == Status.COMPLETE else None,
            expected_version=action.version,
        )
    return plan
