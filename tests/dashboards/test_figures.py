"""Every figure on the council dashboard equals what the plan, programme and grant pages show."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.grants import factories as grant_factories
from tests.inspections.factories import PLAN_STATUSES, plan_through_services
from tests.programmes import factories as programme_factories

pytestmark = pytest.mark.django_db


def dashboard(client, user, slug, query=""):
    client.force_login(user)
    response = client.get(f"/councils/{slug}/dashboard/{query}")
    assert response.status_code == 200
    return response


@pytest.fixture
def plan(leicester):
    return plan_through_services(leicester)


def test_action_counts_equal_the_plan_page(client, board_member, leicester, plan):
    body = dashboard(client, board_member, leicester.slug).content.decode()
    plan_page = client.get(plan.get_absolute_url())
    counts = plan_page.context["counts"]
    assert sum(counts.values()) == len(PLAN_STATUSES) == 14
    assert {status: n for status, n in counts.items() if n} == Counter(PLAN_STATUSES)
    for status, count in counts.items():
        assert f'data-figure="status-{status}"><a class="govuk-link" href="' in body
        assert f'?status={status}">{count}<' in body


def test_overdue_count_equals_the_plan_page_filter(client, board_member, leicester, plan):
    from inspections.models import Action

    response = dashboard(client, board_member, leicester.slug)
    expected = Action.objects.filter(plan__council=leicester).overdue().count()
    assert expected  # some milestones have passed
    assert f'?overdue=true">{expected}<' in response.content.decode()


def test_grant_figures_equal_the_council_grants_page(client, board_member, officer, leicester):
    determination = grant_factories.determination(total_available=Decimal("50000.00"))
    allocation = grant_factories.allocation(determination, leicester, total=Decimal("21271.92"))
    grant_factories.paid_and_reported(
        allocation,
        officer=officer,
        paid=Decimal("10635.96"),
        paid_on=datetime.date(2021, 8, 31),
        lines=[("staff", "Regional coordinator", Decimal("8000.00"))],
    )
    grants = dashboard(client, board_member, leicester.slug).context["grants"]
    page = client.get(reverse("grants:council-grants", args=[leicester.slug]))
    totals = page.context["totals"]
    assert grants.allocated == totals.allocated
    assert grants.paid == totals.paid
    assert grants.reported == totals.reported
    assert grants.remaining == totals.remaining
    assert (grants.allocated, grants.paid, grants.reported) == (
        Decimal("21271.92"),
        Decimal("10635.96"),
        Decimal("8000.00"),
    )


def test_programme_status_and_measures_equal_the_programme_page(client, make_user, nelincs):
    from sendtracker.core.models.people import Role

    programme = programme_factories.dbv_programme(nelincs)
    officer = make_user(Role.COUNCIL_OFFICER, council=nelincs)
    body = dashboard(client, officer, nelincs.slug).content.decode()
    page = client.get(programme.get_absolute_url())
    status = page.context["status"]
    off = len(page.context["measures_off_track"])
    total = len(page.context["measures"])
    assert f'data-status="{status.value}"' in body
    scorecard = 'data-figure="measures-off-track"><a class="govuk-link" href="#scorecard">'
    assert f"{scorecard}{off} of {total}<" in body


def test_high_needs_deficit_equals_the_high_needs_page(client, adviser, reference_places):
    from sendtracker.core.models import Council

    leicestershire = Council.objects.get(slug="leicestershire")  # in the adviser's region
    programme_factories.forecast_deficit(leicestershire)
    body = dashboard(client, adviser, leicestershire.slug).content.decode()
    rows = client.get(f"/councils/{leicestershire.slug}/high-needs/").context["rows"]
    assert rows[-1].cumulative_deficit == 110_600_000  # as reported (seed 003), not a sum
    assert f"cumulative deficit £{rows[-1].cumulative_deficit:,.0f} reported for 2027/28" in body
    assert "48.0% over the grant" in body


def test_region_and_national_deficits_add_only_one_year_and_say_which():
    from decimal import Decimal as Dec

    from sendtracker.dashboards.rows import deficit_total

    figures = [("2024/25", Dec("65500000")), ("2022/23", Dec("5561000")), ("2024/25", Dec("1"))]
    assert deficit_total(figures) == {
        "deficit": Dec("65500001"),  # the two 2024/25 figures, never the 2022/23 one
        "deficit_label": "2024/25",
        "deficit_councils": 2,
    }
    tie = [("2024/25", Dec("1")), ("2027/28", Dec("2"))]
    assert deficit_total(tie)["deficit_label"] == "2027/28"  # the later year on a tie
    assert deficit_total([])["deficit"] is None  # none reported, none shown
