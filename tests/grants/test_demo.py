from decimal import Decimal

import pytest

from grants import demo as grants_demo
from grants.models import Allocation, GrantDetermination, UsageStatement
from sendtracker.core import demo as core_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    core_demo.load()
    grants_demo.load()


@pytest.fixture
def rc(demo):
    return GrantDetermination.objects.get(determination_reference=grants_demo.RC_REFERENCE)


@pytest.fixture
def dbv_allocation(demo):
    return Allocation.objects.get(council__dfe_la_code=812)


def test_demo_holds_the_seeds_facts_and_loads_twice(rc):
    grants_demo.load()  # idempotent
    assert GrantDetermination.objects.count() == 2
    assert (rc.dfe_reference, rc.financial_year, rc.ring_fenced) == (
        "project_5368",
        "2021-22",
        False,
    )
    allocations = Allocation.objects.filter(determination=rc).select_related("council")
    assert allocations.count() == 7
    leicester = allocations.get(council__dfe_la_code=856)
    assert (leicester.total, leicester.las_in_region, leicester.region_supported.name) == (
        Decimal("21271.92"),
        14,
        "West Midlands",
    )
    assert sum(1 for a in allocations if a.pending) == 6
    assert [i.outside_period for i in rc.instalments.all()] == [True, True]
    top = rc.success_measures.filter(parent=None)
    assert top.count() == 10
    assert top.first().children.count() == 6


def test_demo_dbv_grant_accepted_by_cabinet_with_a_usage_statement(dbv_allocation):
    assert dbv_allocation.determination.ring_fenced
    assert dbv_allocation.total == Decimal("1000000.00")
    assert (dbv_allocation.decision_body, str(dbv_allocation.decided_on)) == (
        "Cabinet",
        "2023-02-15",
    )
    assert dbv_allocation.status == "paid"
    statement = UsageStatement.objects.get(allocation=dbv_allocation)
    assert statement.submitted_by.email == "officer@nelincs.example"
