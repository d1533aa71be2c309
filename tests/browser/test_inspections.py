import datetime

import pytest
from django.utils import timezone

import inspections.demo
from inspections.models import Action, ImprovementPlan
from sendtracker.core import demo
from tests.factories import BoardMeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app_plan(transactional_db):
    demo.load()
    inspections.demo.load()
    return ImprovementPlan.objects.get(kind="app")


def open_update_form(page, ref):
    page.get_by_role("link", name=f"Update status of action {ref}").click()


def test_officer_updates_with_javascript_board_sees_it_and_signs_off(browser_page, app_plan):
    meeting = BoardMeetingFactory(council=app_plan.council)
    page = browser_page
    action = Action.objects.get(plan=app_plan, ref="4.3")
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit(app_plan.get_absolute_url())
    page.assert_accessible()

    row = page.locator(f"#action-{action.pk}")
    open_update_form(page, "4.3")
    row.get_by_label("Status").select_option("major_delay")
    row.get_by_label("Reason for delay").fill("College network meetings cancelled this term")
    recovery = timezone.localdate() + datetime.timedelta(days=60)
    row.get_by_label("Day").fill(str(recovery.day))
    row.get_by_label("Month").fill(str(recovery.month))
    row.get_by_label("Year").fill(str(recovery.year))
    url_before = page.url
    row.get_by_role("button", name="Update status").click()
    page.locator(f"#action-{action.pk} .app-inplace__saved").wait_for()
    assert page.url == url_before  # swapped in place, no navigation
    assert "Major delay" in page.locator(f"#action-{action.pk}").inner_text()
    page.screenshot_to("plan-after-inplace-update")
    page.assert_accessible()
    assert Action.objects.get(pk=action.pk).status == "major_delay"

    # A second update in place uses the new version (no stale refusal).
    open_update_form(page, "4.3")
    row = page.locator(f"#action-{action.pk}")
    row.get_by_label("Status").select_option("complete")
    row.get_by_label("Stage").select_option("completed")
    row.get_by_label("Evidence of output").fill("Network group minutes, six-weekly")
    row.get_by_role("button", name="Update status").click()
    page.locator(f"#action-{action.pk} .app-inplace__saved").wait_for()
    assert Action.objects.get(pk=action.pk).status == "complete"

    board = browser_page
    board.context.clear_cookies()
    board.sign_in("board@leicester.example", demo.demo_password())
    board.visit(app_plan.get_absolute_url() + "brag/")
    assert "4.3" in board.content()
    board.assert_accessible()
    board.screenshot_to("brag")
    board.visit(app_plan.get_absolute_url() + "exceptions/")
    board.assert_accessible()
    board.visit(Action.objects.get(pk=action.pk).get_absolute_url())
    board.get_by_role("button", name="Sign off action 4.3 at a meeting").click()
    board.get_by_label("Board meeting").select_option(label=str(meeting))
    board.get_by_role("button", name="Sign off", exact=True).click()
    assert board.get_by_text("Action 4.3 signed off.").is_visible()
    board.assert_accessible()
    assert Action.objects.get(pk=action.pk).signed_off_at is not None


def test_officer_updates_without_javascript(browser_page_no_js, app_plan):
    page = browser_page_no_js
    action = Action.objects.get(plan=app_plan, ref="2.6")
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit(app_plan.get_absolute_url())
    open_update_form(page, "2.6")
    # Without JavaScript the link opens the short form on a page of its own.
    assert page.get_by_role("heading", name="Update status", level=1).is_visible()
    page.assert_accessible()
    page.get_by_label("Status").select_option("minor_delay")
    page.get_by_role("button", name="Update status").click()
    # The server answers with the form on its own page and the error summary.
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Enter the reason for the delay" in page.content()
    page.assert_accessible()
    page.get_by_label("Status").select_option("on_track")
    page.get_by_label("Progress note").fill("Policy review started")
    page.get_by_role("button", name="Update status").click()
    assert page.url.endswith(app_plan.get_absolute_url())
    assert page.get_by_text("Action status updated.").is_visible()
    assert Action.objects.get(pk=action.pk).status == "on_track"
    page.screenshot_to("plan-no-js-updated")


def test_officer_of_another_council_cannot_see_or_change_leicester_actions(browser_page, app_plan):
    page = browser_page
    action = Action.objects.get(plan=app_plan, ref="1.1")
    page.sign_in("officer@nelincs.example", demo.demo_password())
    for url in (
        app_plan.get_absolute_url(),
        action.get_absolute_url(),
        app_plan.get_absolute_url() + "brag/",
    ):
        response = page.visit(url)
        assert response.status == 404
        assert "Accelerated Progress Plan" not in page.content()
    page.visit("/inspections/")
    assert "Leicester" not in page.locator("main").inner_text()
    page.assert_accessible()


def test_officer_adds_an_action_to_the_app_and_sees_it_on_the_plan_page(browser_page, app_plan):
    page = browser_page
    area = app_plan.inspection.areas.get(parent__isnull=False, number=2)
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit(app_plan.get_absolute_url())
    page.get_by_role("link", name="Add an action").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Add an action").is_visible()
    page.assert_accessible()

    # A missing field first: the error summary names it and nothing is saved.
    page.get_by_role("button", name="Save action").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").get_by_text("Enter the action's reference").count()
    page.assert_accessible()

    page.get_by_label("Reference").fill("4.15")
    page.get_by_label("Area of weakness").select_option(str(area.pk))
    page.get_by_label("Action", exact=True).fill("Publish the post-19 health transition guide")
    page.get_by_label("Leads").fill("Designated Clinical Officer")
    milestone = page.get_by_role("group", name="Action milestone 1")
    milestone.get_by_label("Day").fill("31")
    milestone.get_by_label("Month").fill("3")
    milestone.get_by_label("Year").fill("2027")
    page.screenshot_to("action-add-form")
    page.get_by_role("button", name="Save action").click()
    page.wait_for_load_state()

    assert page.url.endswith(app_plan.get_absolute_url())
    assert page.get_by_text("Action 4.15 added.").is_visible()
    assert page.get_by_text("Publish the post-19 health transition guide").is_visible()
    page.assert_accessible()
    action = Action.objects.get(plan=app_plan, ref="4.15")
    assert action.area == area
    assert action.milestones.get().due_on == datetime.date(2027, 3, 31)
