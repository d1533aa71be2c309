"""Every figure on the council dashboard equals what the plan, programme and grant pages show."""

import pytest
from django.urls import reverse

from programmes.models import Programme

pytestmark = pytest.mark.django_db


def dashboard(client, user, slug, query=""):
    client.force_login(user)
    response = client.get(f"/councils/{slug}/dashboard/{query}")
    assert response.status_code == 200
    return response


def test_action_counts_equal_the_plan_page(client, demo_user, leicester):
    board = demo_user("board@leicester.example")
    body = dashboard(client, board, leicester.slug).content.decode()
    plan = leicester.improvement_plans.get(kind="app")
    plan_page = client.get(plan.get_absolute_url())
    counts = plan_page.context["counts"]
    assert sum(counts.values()) == 14
    for status, count in counts.items():
        assert f'data-figure="status-{status}"><a class="govuk-link" href="' in body
        assert f'?status={status}">{count}<' in body


def test_overdue_count_equals_the_plan_page_filter(client, demo_user, leicester):
    from inspections.models import Action

    board = demo_user("board@leicester.example")
    response = dashboard(client, board, leicester.slug)
    expected = Action.objects.filter(plan__council=leicester).overdue().count()
    assert f'?overdue=true">{expected}<' in response.content.decode()


def test_grant_figures_equal_the_council_grants_page(client, demo_user, leicester):
    board = demo_user("board@leicester.example")
    grants = dashboard(client, board, leicester.slug).context["grants"]
    page = client.get(reverse("grants:council-grants", args=[leicester.slug]))
    totals = page.context["totals"]
    assert grants.allocated == totals.allocated
    assert grants.paid == totals.paid
    assert grants.reported == totals.reported
    assert grants.remaining == totals.remaining
    assert grants.allocated > 0


def test_programme_status_and_measures_equal_the_programme_page(client, demo_user, nelincs):
    officer = demo_user("officer@nelincs.example")
    body = dashboard(client, officer, nelincs.slug).content.decode()
    programme = Programme.objects.get(council=nelincs)
    page = client.get(programme.get_absolute_url())
    status = page.context["status"]
    off = len(page.context["measures_off_track"])
    total = len(page.context["measures"])
    assert f'data-status="{status.value}"' in body
    scorecard = 'data-figure="measures-off-track"><a class="govuk-link" href="#scorecard">'
    assert f"{scorecard}{off} of {total}<" in body


def test_high_needs_deficit_equals_the_high_needs_page(client, demo_user, reference_places):
    from sendtracker.core.models import Council

    leicestershire = Council.objects.get(slug="leicestershire")
    adviser = demo_user("adviser@dfe.example")
    body = dashboard(client, adviser, leicestershire.slug).content.decode()
    rows = client.get(f"/councils/{leicestershire.slug}/high-needs/").context["rows"]
    assert f"Cumulative deficit £{rows[-1].cumulative_deficit:,.0f}" in body
