"""Who may change a determination and report an allocation's usage."""

import pytest

from grants.models import Allocation, GrantDetermination
from grants.permissions import can_change_determination, can_report_usage

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocation(leicester):
    determination = GrantDetermination.objects.create(
        title="DBV", financial_year="2022-23", period_start="2022-04-01", period_end="2023-03-31"
    )
    return Allocation.objects.create(determination=determination, council=leicester)


def test_grant_administrators_change_determinations_and_officers_do_not(
    grant_administrator, officer, allocation
):
    assert can_change_determination(grant_administrator, allocation.determination)
    assert not can_change_determination(officer, allocation.determination)


def test_the_councils_officer_reports_its_usage_and_a_board_member_does_not(
    officer, board_member, allocation
):
    assert can_report_usage(officer, allocation)
    assert not can_report_usage(board_member, allocation)


def test_a_health_partner_reads_the_areas_plans_but_not_its_grants(
    client, make_user, officer, leicester, allocation
):
    from django.urls import reverse

    health = make_user("health_partner", council=leicester, job_title="Designated Clinical Officer")
    url = reverse("grants:allocation-detail", args=[allocation.pk])

    assert not Allocation.objects.visible_to(health).exists()
    assert list(Allocation.objects.visible_to(officer)) == [allocation]
    client.force_login(health)
    assert client.get(url).status_code == 404
    assert client.get(reverse("inspections:council-plans", args=["leicester"])).status_code == 200
    client.force_login(officer)
    assert client.get(url).status_code == 200
