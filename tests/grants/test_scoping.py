"""Officers see only their council's allocations, and only totals over those."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from grants.models import Allocation, Payment, UsageStatement
from sendtracker.core.models.people import Role

from .conftest import DBV_REPORTED, DBV_TOTAL, LEICESTER_TOTAL, PENDING_RECIPIENTS

pytestmark = pytest.mark.django_db


def test_officer_sees_only_own_allocation_on_a_determination(client, officer, rc):
    client.force_login(officer)
    response = client.get(reverse("grants:determination-detail", args=[rc.pk]))
    table = response.context["table"]
    assert [a.council.name for a in table.data] == ["Leicester"]
    body = response.content.decode()
    assert "Durham" not in body and "Torbay" not in body
    # Only their own share is totalled, and nothing reveals the rest of Annex B.
    assert response.context["totals"].allocated == LEICESTER_TOTAL
    assert response.context["totals"].pending == 0
    assert "Left to allocate" not in body


def test_grant_administrator_sees_the_whole_table(client, grant_administrator, rc):
    client.force_login(grant_administrator)
    response = client.get(reverse("grants:determination-detail", args=[rc.pk]))
    assert len(response.context["table"].data) == 1 + len(PENDING_RECIPIENTS)
    assert response.context["totals"].pending == len(PENDING_RECIPIENTS)


def test_officer_list_totals_count_only_their_allocations(client, officer, rc, dbv_allocation):
    client.force_login(officer)
    response = client.get(reverse("grants:determination-list"))
    rows = {d.pk: d for d in response.context["table"].data}
    assert rows[rc.pk].allocated == LEICESTER_TOTAL
    # NE Lincolnshire's grant agreement, made to it alone: not listed for them, and not
    # theirs to open (its purpose names NE Lincolnshire's workstreams).
    assert dbv_allocation.determination_id not in rows
    dbv = reverse("grants:determination-detail", args=[dbv_allocation.determination_id])
    assert client.get(dbv).status_code == 404
    assert response.context["table"].totals["allocated"] == LEICESTER_TOTAL
    assert response.context["table"].totals["paid"] == Decimal("0.00")


def test_national_list_totals_add_up(client, grant_administrator, grants):
    client.force_login(grant_administrator)
    response = client.get(reverse("grants:determination-list"))
    totals = response.context["table"].totals
    assert totals["allocated"] == LEICESTER_TOTAL + DBV_TOTAL == Decimal("1021271.92")
    assert totals["paid"] == DBV_TOTAL
    assert "£1,021,271.92" in response.content.decode()


def test_another_councils_allocation_id_is_404(client, officer, dbv_allocation):
    client.force_login(officer)
    for name in ["allocation-detail", "usage-create", "payment-create", "allocation-accept"]:
        response = client.get(reverse(f"grants:{name}", args=[dbv_allocation.pk]))
        assert response.status_code == 404, name


def test_another_councils_usage_statement_id_is_404(client, officer, dbv_allocation):
    client.force_login(officer)
    statement = UsageStatement.objects.get()
    assert client.get(reverse("grants:usage-detail", args=[statement.pk])).status_code == 404
    assert client.post(reverse("grants:usage-accept", args=[statement.pk])).status_code == 404


def test_post_for_another_councils_allocation_changes_nothing(client, officer, dbv_allocation):
    client.force_login(officer)
    before = UsageStatement.objects.count()
    response = client.post(
        reverse("grants:usage-create", args=[dbv_allocation.pk]),
        {"period": "Phase 2", "amount_staff": "100.00"},
    )
    assert response.status_code == 404
    assert UsageStatement.objects.count() == before


def test_officer_cannot_record_a_payment_on_own_allocation(client, officer, leicester_allocation):
    client.force_login(officer)
    url = reverse("grants:payment-create", args=[leicester_allocation.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"amount": "1.00", "paid_on_0": "1", "paid_on_1": "8", "paid_on_2": "2021"}
    )
    assert response.status_code == 403
    assert not Payment.objects.filter(allocation=leicester_allocation).exists()


def test_board_member_reads_but_cannot_submit_usage(client, board_member, leicester_allocation):
    client.force_login(board_member)
    assert client.get(leicester_allocation.get_absolute_url()).status_code == 200
    url = reverse("grants:usage-create", args=[leicester_allocation.pk])
    assert client.get(url).status_code == 403


def test_user_without_a_role_sees_no_determinations(client, make_user, rc):
    client.force_login(make_user())
    assert client.get(reverse("grants:determination-detail", args=[rc.pk])).status_code == 404
    response = client.get(reverse("grants:determination-list"))
    assert list(response.context["table"].data) == []


def test_adviser_sees_councils_in_their_regions(client, two_region_adviser, rc):
    client.force_login(two_region_adviser)  # East Midlands and Yorkshire and The Humber
    response = client.get(reverse("grants:determination-detail", args=[rc.pk]))
    names = [a.council.name for a in response.context["table"].data]
    assert names == ["Leicester", "Wakefield"]


def test_council_grants_page_of_another_council_is_404(client, officer):
    client.force_login(officer)
    url = reverse("grants:council-grants", args=["north-east-lincolnshire"])
    assert client.get(url).status_code == 404


def test_council_grants_page_shows_paid_reported_and_remaining(
    client, nelincs_officer, dbv_allocation
):
    client.force_login(nelincs_officer)
    response = client.get(reverse("grants:council-grants", args=["north-east-lincolnshire"]))
    totals = response.context["totals"]
    assert totals.allocated == DBV_TOTAL
    assert totals.paid == DBV_TOTAL
    assert totals.reported == DBV_REPORTED == Decimal("179750.50")
    assert totals.remaining == DBV_TOTAL - DBV_REPORTED == Decimal("820249.50")
    assert "£820,249.50" in response.content.decode()


def test_filters_by_council_use_only_visible_allocations(
    client, grant_administrator, make_user, nelincs, leicester, rc, dbv_allocation
):
    client.force_login(grant_administrator)
    url = reverse("grants:determination-list")
    response = client.get(url, {"council": "north-east-lincolnshire"})
    assert [d.financial_year for d in response.context["table"].data] == ["2022-23"]
    response = client.get(url, {"ring_fenced": "no", "financial_year": "2021-22"})
    assert [d.financial_year for d in response.context["table"].data] == ["2021-22"]
    response = client.get(url, {"status": "draft"})
    assert list(response.context["table"].data) == []
    # Leicester's region finds the determination Leicester has an allocation under...
    response = client.get(url, {"region": leicester.region_id})
    assert list(response.context["table"].data) == [rc]
    # ...but an officer cannot find another council's allocation through the filter.
    client.force_login(make_user(Role.COUNCIL_OFFICER, council=nelincs))
    response = client.get(url, {"region": leicester.region_id})
    assert list(response.context["table"].data) == []


def test_payment_changes_the_progress_shown(client, grant_administrator, leicester_allocation):
    client.force_login(grant_administrator)
    client.post(
        reverse("grants:payment-create", args=[leicester_allocation.pk]),
        {"amount": "10635.96", "paid_on_0": "1", "paid_on_1": "8", "paid_on_2": "2021"},
    )
    response = client.get(leicester_allocation.determination.get_absolute_url())
    assert "50%" in response.content.decode()
    assert Allocation.objects.get(pk=leicester_allocation.pk).status == "paid"
    assert datetime.date(2021, 8, 1) == Payment.objects.get(allocation=leicester_allocation).paid_on
