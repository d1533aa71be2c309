"""The selectors dashboards read: grant totals per council and the records stamp."""

import datetime
from decimal import Decimal

import pytest

from grants import selectors
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


def test_a_payment_raises_its_councils_data_version(grant_administrator, leicester_allocation):
    from grants import services

    allocation = leicester_allocation
    before = dict(Council.objects.values_list("pk", "data_version"))
    services.record_payment(
        allocation=allocation,
        by=grant_administrator,
        amount=Decimal("1.00"),
        paid_on=datetime.date(2021, 6, 1),
    )
    after = dict(Council.objects.values_list("pk", "data_version"))
    assert {pk for pk in after if after[pk] != before[pk]} == {allocation.council_id}
