"""List and record pages cost a fixed number of queries, whatever their size."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants import services
from sendtracker.core.models import Council
from tests.grants.factories import DeterminationFactory

pytestmark = pytest.mark.django_db


def populate(determination, councils, by=None):
    for council in councils:
        allocation = services.create_allocation(
            determination=determination, by=by, council=council, total=Decimal("100.00")
        )
        services.record_payment(
            allocation=allocation, by=by, amount=Decimal("50.00"), paid_on=datetime.date(2021, 8, 1)
        )
        services.submit_usage_statement(
            allocation=allocation, by=by, period="P1", lines=[("staff", "", Decimal("10"))]
        )


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def signed_in(client, grant_administrator):
    client.force_login(grant_administrator)
    return client


def test_determination_detail_queries_do_not_grow(signed_in, django_assert_num_queries):
    councils = list(Council.objects.order_by("name")[:12])
    small = DeterminationFactory()
    populate(small, councils[:1])
    services.add_success_measure(determination=small, by=None, text="One")
    large = DeterminationFactory()
    populate(large, councils)
    for text in ["One", "Two", "Three"]:
        parent = services.add_success_measure(determination=large, by=None, text=text)
        services.add_success_measure(determination=large, by=None, text="sub", parent=parent)
    for month in [8, 9, 10]:
        services.add_instalment(determination=large, by=None, due_on=datetime.date(2021, month, 1))
    expected = count(signed_in, small.get_absolute_url())
    with django_assert_num_queries(expected):
        signed_in.get(large.get_absolute_url())


def test_determination_list_queries_do_not_grow(signed_in, django_assert_num_queries):
    councils = list(Council.objects.order_by("name")[:3])
    populate(DeterminationFactory(), councils[:1])
    url = reverse("grants:determination-list")
    expected = count(signed_in, url)
    for _ in range(8):
        populate(DeterminationFactory(), councils)
    with django_assert_num_queries(expected):
        signed_in.get(url)


def test_council_grants_page_queries_do_not_grow(signed_in, leicester, django_assert_num_queries):
    populate(DeterminationFactory(), [leicester])
    url = reverse("grants:council-grants", args=[leicester.slug])
    expected = count(signed_in, url)
    for _ in range(6):
        populate(DeterminationFactory(), [leicester])
    with django_assert_num_queries(expected):
        signed_in.get(url)


def test_allocation_detail_queries_do_not_grow(signed_in, leicester, django_assert_num_queries):
    determination = DeterminationFactory()
    populate(determination, [leicester])
    allocation = determination.allocations.get()
    expected = count(signed_in, allocation.get_absolute_url())
    for day in range(2, 8):
        services.record_payment(
            allocation=allocation,
            by=None,
            amount=Decimal("1.00"),
            paid_on=datetime.date(2021, 8, day),
        )
        services.submit_usage_statement(
            allocation=allocation, by=None, period=f"P{day}", lines=[("data", "", Decimal("1"))]
        )
    with django_assert_num_queries(expected):
        signed_in.get(allocation.get_absolute_url())
