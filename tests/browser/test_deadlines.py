"""Leicester's officer reads the WSOA's deadline on the inspections page (due 25
September 2018, met), sets the APP's review date by hand: first without a reason (a
GOV.UK error, nothing saved), then with one, and sees it beside the worked-out date.
Every page passes axe-core."""

import pytest
from django.core.management import call_command

from sendtracker.core import demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_officer_reads_the_clocks_and_sets_a_review_date(browser_page, demo_data):
    page = browser_page
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit("/councils/leicester/plans/")
    wsoa = page.locator('[data-deadline="wsoa_due"]')
    assert "Due 25 September 2018" in wsoa.inner_text()
    assert "Met" in wsoa.inner_text()
    assert "bank holiday of 27 August 2018" in wsoa.inner_text()
    page.assert_accessible()

    page.locator('[data-deadline="app_review"]').get_by_role("link", name="Change").click()
    page.wait_for_load_state()
    assert "The framework gives 30 January 2022" in page.locator("#worked-out").inner_text()
    page.assert_accessible()
    page.get_by_label("Day").fill("31")
    page.get_by_role("button", name="Save date").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Enter the reason for changing the date" in summary.inner_text()
    page.assert_accessible()

    page.get_by_label("Reason for changing the date").fill("DfE set the meeting for 31 January")
    page.get_by_role("button", name="Save date").click()
    page.wait_for_load_state()
    review = page.locator('[data-deadline="app_review"]')
    assert "Due 31 January 2022" in review.inner_text()
    assert "Overridden: DfE set the meeting for 31 January" in review.inner_text()
    assert "Worked out as 30 January 2022" in review.inner_text()
    evidence = page.locator('[data-deadline="app_evidence"]')
    assert "Due 17 January 2022" in evidence.inner_text()
    page.assert_accessible()
