"""The selectors dashboards read: grant totals per council and the records stamp."""

import datetime
from decimal import Decimal

import pytest

from grants import selectors
from grants.models import Payment
from sendtracker.core.models import Council

pytestmark = pytest.mark.django_db


def test_totals_by_council_equal_the_council_grants_page(grant_administrator, grants, nelincs):
    user = grant_administrator
    councils = list(Council.objects.filter(grant_allocations__isnull=False).distinct())
    totals = selectors.totals_by_council(user, [c.pk for c in councils])
    for council in councils:
        page = selectors.totals_of(selectors.council_allocations(user, council))
        mine = totals[council.pk]
        assert (mine.allocated, mine.paid, mine.reported, mine.remaining) == (
            page.allocated,
            page.paid,
            page.reported,
            page.remaining,
        )
    # Paid, reported and remaining all differ from nothing on one council at least.
    assert totals[nelincs.pk].paid and totals[nelincs.pk].reported and totals[nelincs.pk].remaining


def test_records_stamp_changes_with_a_payment(grant_administrator, leicester_allocation):
    allocation = leicester_allocation
    before = selectors.records_stamp()
    scoped = selectors.records_stamp([allocation.council_id])
    Payment.objects.create(
        allocation=allocation, amount=Decimal("1.00"), paid_on=datetime.date(2024, 1, 1)
    )
    assert selectors.records_stamp() != before
    assert selectors.records_stamp([allocation.council_id]) != scoped
