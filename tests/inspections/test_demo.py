"""The inspections demo: Nottinghamshire's 2023 inspection from Ofsted's published
outcomes, and Leicester's APP owning its own split of Area 4."""

import csv
import datetime
from pathlib import Path

import pytest

import inspections.demo
from inspections.models import AreaOfWeakness, ImprovementPlan, Inspection

pytestmark = pytest.mark.django_db

OFFICIAL = Path("/work/shared/data/official/area_send_inspections_2023_framework.csv")


@pytest.fixture
def loaded(reference_places):
    inspections.demo.load()
    inspections.demo.load()  # idempotent


def test_nottinghamshire_matches_ofsteds_published_outcome(loaded):
    inspection = Inspection.objects.get(council__name="Nottinghamshire")
    assert inspection.framework == "2023"
    assert inspection.started_on == datetime.date(2023, 1, 30)
    assert inspection.report_published_on == datetime.date(2023, 5, 16)
    assert inspection.get_outcome_display() == "Widespread and/or systemic failings"
    areas = inspection.areas.filter(parent__isnull=True)
    assert {a.kind for a in areas} == {"priority_action"}
    if OFFICIAL.exists():
        row = next(
            r for r in csv.DictReader(OFFICIAL.open()) if r["area_name"] == "Nottinghamshire"
        )
        assert row["outcome"] == inspection.get_outcome_display()
        assert row["priority_action_plan_required"] == "Yes"
        assert areas.count() == int(row["areas_for_priority_action"])
        assert datetime.datetime.strptime(row["inspection_start"], "%d/%m/%Y").date() == (
            inspection.started_on
        )


def test_nottinghamshires_priority_action_plan_is_marked_illustrative(loaded):
    plan = ImprovementPlan.objects.get(council__name="Nottinghamshire")
    assert plan.kind == "priority"
    assert "illustrative" in plan.summary
    actions = list(plan.actions.select_related("area"))
    assert 3 <= len(actions) <= 6
    assert all(a.description.startswith("Illustrative:") for a in actions)
    assert {a.area.kind for a in actions} == {"priority_action"}
    assert all("Illustrative wording" in a.text for a in plan.inspection.areas.all())


def test_leicesters_sub_areas_are_the_apps_own(loaded):
    subs = AreaOfWeakness.objects.filter(
        parent__isnull=False, inspection__council__name="Leicester"
    )
    assert subs.count() == 4
    assert {s.plan.kind for s in subs} == {"app"}
