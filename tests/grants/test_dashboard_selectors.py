"""The selectors dashboards read: grant totals per council and the records stamp."""

import datetime
from decimal import Decimal

import pytest

from grants import selectors
from grants.models import Payment
from sendtracker.core.models import Council, User

pytestmark = pytest.mark.django_db


def test_totals_by_council_equal_the_council_grants_page(demo):
    user = User.objects.get(email="grants@dfe.example")
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


def test_records_stamp_changes_with_a_payment(demo):
    user = User.objects.get(email="grants@dfe.example")
    allocation = selectors.visible_allocations(user).exclude(total=None).first()
    before = selectors.records_stamp()
    scoped = selectors.records_stamp([allocation.council_id])
    Payment.objects.create(
        allocation=allocation, amount=Decimal("1.00"), paid_on=datetime.date(2024, 1, 1)
    )
    assert selectors.records_stamp() != before
    assert selectors.records_stamp([allocation.council_id]) != scoped
