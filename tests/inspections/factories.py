import datetime

import factory

from inspections.models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    PlanKind,
)
from sendtracker.core.models import Council


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
