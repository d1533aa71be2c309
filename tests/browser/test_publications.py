"""Done when (issue 20): signed out, from the sign-in page, a visitor reads Leicester's
published APP; the board changes an action and publishes a new version; the public page
and its change log show it; an internal field never appears; axe passes on every page."""

import datetime

import pytest
from django.utils import timezone

import inspections.demo
import sendtracker.publications.demo
from inspections import services as plan_services
from inspections.models import Action, ImprovementPlan
from sendtracker.core import demo
from tests.factories import BoardMeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

INTERNAL = "College network meetings cancelled this term"


@pytest.fixture
def app_plan(transactional_db):
    demo.load()
    inspections.demo.load()
    sendtracker.publications.demo.load()
    return ImprovementPlan.objects.get(kind="app")


def test_visitor_reads_published_plan_board_publishes_a_change(
    browser_page, browser, live_server, app_plan
):
    visitor = browser_page
    visitor.visit("/account/sign-in/")
    visitor.get_by_role("link", name="read published improvement plans").click()
    assert visitor.get_by_role("heading", name="Published improvement plans").is_visible()
    visitor.assert_accessible()
    visitor.get_by_label("Search by council name").fill("leic")
    visitor.get_by_role("button", name="Search").click()
    visitor.assert_accessible()
    visitor.screenshot_to("published-plans-index")
    visitor.get_by_role("link", name=app_plan.title).click()
    assert visitor.get_by_role("heading", name=app_plan.title, level=1).is_visible()
    text = visitor.locator("main").inner_text()
    assert "There are no clear pathways for young people" in text  # an area
    assert "Action 4.3" in text and "Not started" in text and "Complete" in text  # words
    assert "What this means for families" in text
    assert "Version 1, published" in text
    visitor.assert_accessible()
    visitor.screenshot_to("published-plan-desktop")
    visitor.set_viewport_size({"width": 375, "height": 800})
    visitor.reload()
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    visitor.screenshot_to("published-plan-phone")
    visitor.assert_accessible()
    visitor.set_viewport_size({"width": 320, "height": 800})
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 320
    visitor.get_by_role("link", name="Accessibility statement").click()
    visitor.assert_accessible()
    public_url = app_plan.publications.get().get_absolute_url()

    # An officer records a delay with its reason: an internal field.
    action = Action.objects.get(plan=app_plan, ref="4.3")
    plan_services.update_action_status(
        action=action,
        by=None,
        status="major_delay",
        stage=action.stage,
        reason=INTERNAL,
        recovery_date=timezone.localdate() + datetime.timedelta(days=60),
        expected_version=action.version,
    )

    # The board signs an action off and publishes the plan again.
    meeting = BoardMeetingFactory(council=app_plan.council)
    context = browser.new_context(base_url=live_server.url)
    try:
        from tests.browser.conftest import BrowserPage

        board = BrowserPage(context.new_page(), live_server.url)
        board.sign_in("board@leicester.example", demo.demo_password())
        done = Action.objects.get(plan=app_plan, ref="1.1")
        board.visit(done.get_absolute_url())
        board.get_by_role("button", name="Sign off action 1.1 at a meeting").click()
        board.get_by_label("Board meeting").select_option(label=str(meeting))
        board.get_by_role("button", name="Sign off", exact=True).click()
        board.visit(app_plan.get_absolute_url())
        board.get_by_role("link", name="Publishing for families").click()
        board.assert_accessible()
        board.get_by_role("link", name="Publish a new version").click()
        text = board.locator("main").inner_text()
        assert "Action 1.1: signed off by the board." in text
        assert "Action 4.3: status changed from Not started to Major delay" in text
        board.assert_accessible()
        board.get_by_label("What changed, in your words (optional)").fill(
            "Action 1.1 is signed off; action 4.3 is delayed."
        )
        board.get_by_role("button", name="Publish this version").click()
        assert board.get_by_text("Version 2 published").is_visible()
        board.assert_accessible()
        board.screenshot_to("publishing-page")
        board.get_by_role("link", name="view the public page").click()
        assert "Version 2, published" in board.locator("main").inner_text()
    finally:
        context.close()

    # A visitor's browser may keep the page it read for PUBLIC_CACHE_SECONDS: a new
    # visitor (or the same one a few minutes later) reads version 2.
    newcomer = browser.new_context(base_url=live_server.url)
    visitor.page = newcomer.new_page()
    visitor.visit(public_url)
    text = visitor.locator("main").inner_text()
    assert "Version 2, published" in text and "Version 1, published" in text
    assert "Action 1.1 is signed off; action 4.3 is delayed." in text
    assert "Action 1.1: signed off by the board." in text
    assert "Major delay" in text
    assert INTERNAL not in visitor.content()
    assert "@" not in visitor.locator("main").inner_text()
    visitor.assert_accessible()
    visitor.screenshot_to("published-plan-version-2")
    newcomer.close()
