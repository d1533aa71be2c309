"""A board member reads the council dashboard, since the last meeting, with the plan
page's numbers; an adviser sorts the region view and sees only their regions' councils.
Every page visited, the charts included, passes axe-core."""

import re

import pytest
from django.core.management import call_command

from sendtracker.core import demo
from sendtracker.core.models import Council

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def figure(page, name) -> str:
    return page.locator(f'[data-figure="{name}"]').first.inner_text().split()[0]


def test_board_member_reads_the_dashboard_since_the_last_meeting(browser_page, demo_data):
    page = browser_page
    leicester = Council.objects.get(dfe_la_code=856)
    page.sign_in("board@leicester.example", demo.demo_password())
    page.visit(f"/councils/{leicester.slug}/")
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Dashboard", level=1).is_visible()
    page.assert_accessible()
    page.screenshot_to("dashboards-council")

    page.get_by_role("link", name="Since last meeting").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=re.compile("Since the last meeting")).is_visible()
    page.assert_accessible()
    page.screenshot_to("dashboards-since-last-meeting")
    now = {s: figure(page, f"board-{s}") for s in ("complete", "on_track", "minor_delay")}
    headline = {s: figure(page, f"status-{s}") for s in now}
    assert now == headline

    # The plan page shows the same counts.
    page.locator('[data-figure="status-complete"] a').click()
    page.wait_for_load_state()
    page.page.goto(page.url.split("?")[0])
    counts = page.locator(".app-status-counts li")
    on_plan = {}
    for item in counts.all():
        status = item.locator("[data-status]").get_attribute("data-status")
        on_plan[status] = item.locator(".govuk-body").inner_text().strip()
    assert {s: on_plan[s] for s in now} == now
    page.assert_accessible()

    page.visit(f"/councils/{leicester.slug}/dashboard/trends/")
    assert page.locator("svg[role=img]").count() >= 1
    page.assert_accessible()
    page.screenshot_to("dashboards-trends")


def test_adviser_sorts_the_region_view_and_sees_only_their_regions(browser_page, demo_data):
    page = browser_page
    page.sign_in("adviser@dfe.example", demo.demo_password())
    page.visit("/dashboards/")
    page.get_by_role("link", name="Your councils, one row each").click()
    page.wait_for_load_state()
    page.assert_accessible()
    page.get_by_role("link", name=re.compile("^Overdue")).click()
    page.wait_for_load_state()
    assert "sort=overdue" in page.url
    page.get_by_role("link", name=re.compile("^Overdue")).click()
    page.wait_for_load_state()
    assert "sort=-overdue" in page.url
    page.assert_accessible()
    page.screenshot_to("dashboards-region")
    regions = {
        cell.strip()
        for cell in page.locator("#council-rows tbody tr td:nth-child(2)").all_inner_texts()
    }
    assert regions == {"East Midlands", "Yorkshire and The Humber"}
    names = page.locator("#council-rows tbody tr th a").all_inner_texts()
    expected = Council.objects.filter(region__name__in=regions).count()
    assert len(names) == expected
    page.get_by_role("link", name="Leicester", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Dashboard", level=1).is_visible()


def test_national_view_and_charts_pass_the_accessibility_check(browser_page, demo_data):
    page = browser_page
    page.sign_in("admin@sendtracker.example", demo.demo_password())
    page.visit("/dashboards/national/")
    assert page.get_by_role("heading", name="National view").is_visible()
    page.assert_accessible()
    page.screenshot_to("dashboards-national")
    # A council with measures and high-needs finance: every chart kind on one page each.
    page.visit("/councils/leicestershire/dashboard/")
    page.assert_accessible()
    page.screenshot_to("dashboards-council-leicestershire")
    page.visit("/councils/leicestershire/dashboard/trends/")
    assert page.locator("svg[role=img]").count() >= 2
    page.assert_accessible()
    page.screenshot_to("dashboards-trends-leicestershire")


def test_board_member_reads_the_dashboard_as_at_a_meeting(browser_page, demo_data):
    from inspections.models import Action

    page = browser_page
    leicester = Council.objects.get(dfe_la_code=856)
    # Action 1.1 of the APP was on track at the October meeting and is complete now.
    action = Action.objects.get(plan__council=leicester, plan__kind="app", ref="1.1")
    row = f'.app-brag tr:has(a[href$="/actions/{action.pk}/"]) [data-status]'
    page.sign_in("board@leicester.example", demo.demo_password())
    page.visit(f"/councils/{leicester.slug}/dashboard/")
    assert page.locator(row).get_attribute("data-status") == "complete"

    page.get_by_label("As at a board meeting", exact=True).select_option(
        label="SENDIB, 28 October 2021"
    )
    page.get_by_role("button", name="Show as at this meeting").click()
    page.wait_for_load_state()
    assert page.get_by_text(
        "As at the meeting of 28 October 2021: figures are as they stood then"
    ).is_visible()
    assert page.locator(row).get_attribute("data-status") == "on_track"
    # The headline figures are the board panel's, both as at the meeting.
    then = {s: figure(page, f"board-{s}") for s in ("complete", "on_track", "minor_delay")}
    assert {s: figure(page, f"status-{s}") for s in then} == then
    page.assert_accessible()
    page.screenshot_to("dashboards-as-at-meeting")

    # Its link still opens the action, as it is today.
    page.locator(row.removesuffix(" [data-status]") + " th a").click()
    page.wait_for_load_state()
    assert f"/actions/{action.pk}/" in page.url
