"""Two grants built for the tests, shaped like the ones councils receive.

`rc`: a regional coordinator determination (section 31, no total) with Annex A's
measures, two instalments and four recipients; only Leicester's amount is known, so
the other three are pending. `dbv_allocation`: North East Lincolnshire's ring-fenced
grant, accepted, paid in full and with one statement of grant usage.

The demo (`grants.demo`) is only for tests/grants/test_demo.py, which checks it.
"""

import datetime
from decimal import Decimal

import pytest

from grants.models import Allocation, LegalBasis
from sendtracker.core.models import Council, Region
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role

from . import factories

LEICESTER_TOTAL = Decimal("21271.92")
# County Durham, Torbay and Wakefield: pending, in three other regions.
PENDING_RECIPIENTS = [840, 880, 384]
DBV_TOTAL = Decimal("1000000.00")
DBV_LINES = [
    ("staff", "Programme team and backfill", Decimal("96500.00")),
    ("data", "Data dashboard design and first version", Decimal("48250.50")),
    ("workforce", "Inclusion training for SENCOs and school staff", Decimal("35000.00")),
]
DBV_REPORTED = sum(amount for _, _, amount in DBV_LINES)


@pytest.fixture
def two_region_adviser(make_user, reference_places):
    """An adviser for the East Midlands and for Yorkshire and The Humber."""
    user = make_user(Role.ADVISER, region=Region.objects.get(name="East Midlands"))
    grant_role(
        user=user, role=Role.ADVISER, region=Region.objects.get(name="Yorkshire and The Humber")
    )
    return user


@pytest.fixture
def rc(grant_administrator, leicester):
    determination = factories.determination(
        by=grant_administrator, dfe_reference="project_5368", determination_reference="31/5492"
    )
    parent = factories.services.add_success_measure(
        determination=determination, by=grant_administrator, text="evidence of progress:"
    )
    factories.services.add_success_measure(
        determination=determination,
        by=grant_administrator,
        text="improved quality and accessibility of the Local Offer,",
        parent=parent,
    )
    for due_on in [datetime.date(2021, 8, 1), datetime.date(2022, 2, 1)]:
        factories.services.add_instalment(
            determination=determination, by=grant_administrator, due_on=due_on
        )
    factories.allocation(
        determination,
        leicester,
        by=grant_administrator,
        region_supported=Region.objects.get(name="West Midlands"),
        las_in_region=14,
        total=LEICESTER_TOTAL,
    )
    for council in Council.objects.filter(dfe_la_code__in=PENDING_RECIPIENTS):
        factories.allocation(determination, council, by=grant_administrator)
    determination.refresh_from_db()
    return determination


@pytest.fixture
def leicester_allocation(rc, leicester):
    return Allocation.objects.get(determination=rc, council=leicester)


@pytest.fixture
def dbv_allocation(grant_administrator, nelincs_officer, nelincs):
    determination = factories.determination(
        by=grant_administrator,
        title="Delivering Better Value in SEND grant, first wave",
        legal_basis=LegalBasis.GRANT_AGREEMENT,
        financial_year="2022-23",
        period_start=datetime.date(2022, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        ring_fenced=True,
        total_available=DBV_TOTAL,
    )
    allocation = factories.allocation(
        determination, nelincs, by=grant_administrator, total=DBV_TOTAL
    )
    factories.paid_and_reported(
        allocation,
        by=grant_administrator,
        officer=nelincs_officer,
        paid=DBV_TOTAL,
        paid_on=datetime.date(2023, 3, 31),
        lines=DBV_LINES,
    )
    allocation.refresh_from_db()
    return allocation


@pytest.fixture
def grants(rc, dbv_allocation):
    """Both grants."""
    return rc, dbv_allocation
