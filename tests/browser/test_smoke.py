import pytest

from sendtracker.core import demo
from sendtracker.core.models import Council

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_accounts(transactional_db):
    demo.load()


def test_officer_signs_in_reaches_home_and_is_refused_another_council(browser_page, demo_accounts):
    page = browser_page
    page.visit("/")
    assert "Sign in" in page.title()
    page.assert_accessible()

    page.sign_in("officer@leicester.example", demo.demo_password())
    assert page.title().startswith("Home")
    assert page.get_by_role("link", name="Leicester", exact=True).is_visible()
    page.assert_accessible()
    page.screenshot_to("home-officer")

    page.get_by_role("link", name="Leicester", exact=True).click()
    assert page.get_by_role("heading", name="Leicester", level=1).is_visible()
    page.assert_accessible()

    other = Council.objects.get(name="North East Lincolnshire")
    response = page.visit(f"/councils/{other.slug}/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert "North East Lincolnshire" not in page.content()
    page.assert_accessible()


def test_wrong_password_shows_error_summary(browser_page, demo_accounts):
    page = browser_page
    page.sign_in("officer@leicester.example", "not the password")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct email address and password" in summary.inner_text()
    assert page.title().startswith("Sign in – Error")
    page.assert_accessible()


def test_officer_edits_council_details_without_javascript(browser_page_no_js, demo_accounts):
    page = browser_page_no_js
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit("/councils/leicester/details/")
    page.assert_accessible()
    page.get_by_label("SEND team email address").fill("send@leicester.example")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Council details saved.").is_visible()
    assert Council.objects.get(slug="leicester").send_team_email == "send@leicester.example"
    page.visit("/councils/leicester/history/")
    assert "send@leicester.example" in page.content()
    page.assert_accessible()
