"""ImprovementPlan.allows and inspection_areas (read once, no query) agree with the
allowed_areas queryset that services validate with."""

import pytest

from inspections.models import AreaOfWeakness, PlanKind
from tests.inspections.factories import AreaFactory, Inspection2023Factory, PlanFactory

pytestmark = pytest.mark.django_db


def test_allows_agrees_with_allowed_areas_for_every_kind_of_plan(django_assert_num_queries):
    inspection = Inspection2023Factory()
    priority = AreaFactory(inspection=inspection, kind="priority_action", number=1)
    AreaFactory(inspection=inspection, kind="improvement", number=1)
    weakness = AreaFactory(inspection=inspection, kind="weakness", number=1)
    plans = {kind: PlanFactory(inspection=inspection, kind=kind) for kind in PlanKind.values}
    # A sub-area split by one plan is that plan's only.
    own = AreaFactory(inspection=inspection, parent=weakness, number=1, plan=plans["app"])
    AreaFactory(inspection=Inspection2023Factory(), number=1)  # another inspection's
    for kind, plan in plans.items():
        expected = set(plan.allowed_areas())
        assert {a for a in plan.inspection_areas if a.allowed} == expected, kind
        assert all(plan.allows(a) == (a in expected) for a in AreaOfWeakness.objects.all())
    assert own in {a for a in plans["app"].inspection_areas if a.allowed}
    assert own not in {a for a in plans["wsoa"].inspection_areas if a.allowed}
    assert priority in {a for a in plans["priority"].inspection_areas if a.allowed}
    # Sub-areas come with their parent, and a second read costs nothing.
    plan = plans["app"]
    assert next(a for a in plan.inspection_areas if a.pk == own.pk).parent == weakness
    with django_assert_num_queries(0):
        assert len(plan.inspection_areas) == 4
