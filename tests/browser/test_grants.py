"""Grants in Chromium: a grant administrator records a determination, imports its
allocations with a preview and records a payment; an officer sees only their own."""

import datetime
from decimal import Decimal

import pytest

from grants import demo as grants_demo
from grants.models import Allocation, GrantDetermination, Payment
from sendtracker.core import demo

pytestmark = pytest.mark.django_db(transaction=True)

ANNEX_B = (
    "Authorities to which grant is to be paid,No of LAs in region,Region to be supported,"
    "Amount of base funding,"
    '"Top up amount, based on the number of authorities in each region",'
    "Total grant funding per region\n"
    'Leicester City Council,14,West Midlands,15000.00,6271.92,"£21,271.92"\n'
    "Durham County Council,12,North East,15000.00,5000.00,20000.00\n"
    "Torbay Council,15,South West,,,\n"
)


@pytest.fixture
def demo_data(transactional_db):
    demo.load()
    grants_demo.load()


def fill_date(page, legend, day: datetime.date):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_grant_administrator_creates_imports_and_pays(browser_page, demo_data, tmp_path):
    page = browser_page
    page.sign_in("grants@dfe.example", demo.demo_password())
    page.visit("/grants/determinations/")
    page.assert_accessible()
    page.screenshot_to("grants-determination-list")

    page.get_by_role("link", name="Record a grant determination").click()
    page.get_by_role("button", name="Save determination").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Enter the citation or title" in page.locator(".govuk-error-summary").inner_text()
    page.assert_accessible()
    page.screenshot_to("grants-determination-form-errors")
    page.get_by_label("Citation or title").fill("SEND Regional Coordinator grant 2022-23")
    page.get_by_label("Determination reference").fill("31/9999")
    page.get_by_label("Financial year").fill("2022-23")
    fill_date(page, "Start of the grant period", datetime.date(2022, 4, 1))
    fill_date(page, "End of the grant period", datetime.date(2023, 3, 31))
    page.get_by_label("Total funding available").fill("100,000.00")
    page.get_by_label("Made").check()
    page.get_by_role("button", name="Save determination").click()
    assert page.get_by_text("Determination saved.").is_visible()
    determination = GrantDetermination.objects.get(determination_reference="31/9999")
    page.assert_accessible()

    page.get_by_role("link", name="Import allocations").click()
    page.assert_accessible()
    bad = tmp_path / "bad.csv"
    bad.write_text(ANNEX_B.replace("6271.92", "-6271.92").replace("Torbay", "Atlantis"))
    page.get_by_label("Upload an allocation table").set_input_files(str(bad))
    page.get_by_role("button", name="Preview import").click()
    assert "Nothing has been saved" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_text("is not a council we know").is_visible()
    page.assert_accessible()
    page.screenshot_to("grants-import-errors")
    annex_b = tmp_path / "annex-b.csv"
    annex_b.write_text(ANNEX_B)
    page.get_by_label("Upload an allocation table").set_input_files(str(annex_b))
    page.get_by_role("button", name="Preview import").click()
    assert page.get_by_role("heading", name="Check the allocations before importing").is_visible()
    assert not Allocation.objects.filter(determination=determination).exists()
    page.assert_accessible()
    page.screenshot_to("grants-import-preview")
    page.get_by_role("button", name="Import 3 allocations").click()
    assert page.get_by_text("3 allocations imported.").is_visible()
    assert Allocation.objects.filter(determination=determination).count() == 3
    page.assert_accessible()
    page.screenshot_to("grants-determination-detail")

    page.get_by_role("link", name="Leicester", exact=True).click()
    page.get_by_role("link", name="Record a payment").click()
    page.assert_accessible()
    page.get_by_label("Amount").fill("10635.96")
    fill_date(page, "Date paid", datetime.date(2022, 8, 1))
    page.get_by_role("button", name="Record payment").click()
    assert page.get_by_text("Payment recorded.").is_visible()
    page.assert_accessible()
    page.screenshot_to("grants-allocation-detail")
    assert Payment.objects.get(allocation__determination=determination).amount == Decimal(
        "10635.96"
    )

    page.visit(determination.get_absolute_url())
    totals = page.locator("tfoot").first.inner_text()
    assert "£41,271.92" in totals  # 21,271.92 + 20,000.00, Torbay pending
    assert "£10,635.96" in totals


def test_officer_sees_only_own_council_without_javascript(browser_page_no_js, demo_data):
    page = browser_page_no_js
    page.sign_in("officer@leicester.example", demo.demo_password())
    rc = GrantDetermination.objects.get(determination_reference="31/5492")
    page.visit(rc.get_absolute_url())
    assert page.get_by_role("link", name="Leicester", exact=True).is_visible()
    assert "Durham" not in page.locator("#allocations ~ .app-table-wrapper").first.inner_text()
    assert page.get_by_text("outside the grant period").first.is_visible()
    page.assert_accessible()
    page.visit("/grants/councils/leicester/")
    page.assert_accessible()
    page.screenshot_to("grants-council-officer")
    other = Allocation.objects.get(council__dfe_la_code=812)
    response = page.visit(other.get_absolute_url())
    assert response.status == 404


def test_officer_submits_a_usage_statement_without_javascript(browser_page_no_js, demo_data):
    page = browser_page_no_js
    page.sign_in("officer@nelincs.example", demo.demo_password())
    page.visit("/grants/councils/north-east-lincolnshire/")
    page.get_by_role("link", name=grants_demo.DBV_TITLE).click()
    page.get_by_role("link", name="Submit a statement of grant usage").click()
    page.assert_accessible()
    page.get_by_label("Phase or period").fill("Phase 2: pilot")
    page.get_by_label("Data and systems: amount").fill("12,500.00")
    page.get_by_label("Data and systems: what it paid for").fill("Dashboard licences")
    page.screenshot_to("grants-usage-form")
    page.get_by_role("button", name="Submit statement").click()
    assert page.get_by_text("Statement of grant usage submitted.").is_visible()
    page.assert_accessible()
    page.get_by_role("link", name="Phase 2: pilot").click()
    assert "£12,500.00" in page.content()
    page.assert_accessible()
