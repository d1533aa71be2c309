"""The East Midlands adviser opens Nottinghamshire's priority action plan (2023
framework) from the region view and sees its two areas for priority action; then the
inspection's page, with the outcome in Ofsted's words. Every page passes axe-core."""

import pytest
from django.core.management import call_command

from sendtracker.core import demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_east_midlands_adviser_opens_nottinghamshires_priority_action_plan(browser_page, demo_data):
    page = browser_page
    page.sign_in("adviser@dfe.example", demo.demo_password())
    page.visit("/dashboards/")
    page.get_by_role("link", name="Your councils, one row each").click()
    page.wait_for_load_state()
    row = page.locator("#council-rows tbody tr", has_text="Nottinghamshire")
    assert "Widespread and/or systemic failings" in row.inner_text()
    assert "Priority Action Plan" in row.inner_text()
    page.assert_accessible()

    row.get_by_role("link", name="Nottinghamshire").click()
    page.wait_for_load_state()
    page.assert_accessible()
    page.get_by_role("link", name="Priority Action Plan 2023").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Actions", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Priority Action Plan 2023", level=1).is_visible()
    section = page.locator("section[aria-labelledby=plan-areas]")
    assert section.get_by_role("heading", name="Areas for priority action").is_visible()
    areas = section.get_by_role("heading", level=3).all_inner_texts()
    assert [a.split(":")[0] for a in areas] == [
        "Area for priority action 1",
        "Area for priority action 2",
    ]
    assert "illustrative" in page.locator("main").inner_text()
    page.assert_accessible()
    page.screenshot_to("priority-action-plan")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Improvement plans"
    ).click()
    page.wait_for_load_state()
    card = page.locator(".govuk-summary-card", has_text="2023 framework")
    assert "Widespread and/or systemic failings" in card.inner_text()
    assert "Areas for priority action" in card.inner_text()
    # An adviser reads; recording a monitoring inspection is for the council's officers.
    assert card.get_by_role("link", name="Record a monitoring inspection").count() == 0
    page.assert_accessible()
