"""Health partners, named leads and the board's sign-off at a meeting, in Chromium."""

import pytest

import inspections.demo
import sendtracker.dashboards.demo
from inspections.models import Action, ImprovementPlan
from sendtracker.core import demo
from sendtracker.core.models import BoardMeeting, User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app_plan(transactional_db):
    demo.load()
    inspections.demo.load()
    sendtracker.dashboards.demo.load()
    return ImprovementPlan.objects.get(kind="app")


def test_health_partner_updates_an_action_they_lead_and_not_another(browser_page, app_plan):
    health = User.objects.get(email="health@leicester.example")
    led = (
        Action.objects.filter(plan=app_plan, lead_users=health)
        .exclude(status__in=["minor_delay", "major_delay"])  # their recovery dates have passed
        .order_by("position")
        .first()
    )
    not_led = Action.objects.filter(plan=app_plan).exclude(lead_users=health).first()
    assert led is not None and not_led is not None
    page = browser_page
    page.sign_in("health@leicester.example", demo.demo_password())
    assert "What needs you" in page.content()
    page.assert_accessible()

    page.visit(led.get_absolute_url())
    assert "Designated Clinical Officer (CCG)" in page.content()
    page.get_by_text("Update status").first.click()
    page.get_by_label("Progress note").fill("Health needs audit of post-19 EHC plans done")
    page.get_by_role("button", name="Update status").click()
    page.wait_for_load_state()
    errors = page.locator(".govuk-error-summary")
    assert errors.count() == 0, errors.inner_text()
    assert page.get_by_text("Action status updated.").is_visible()
    page.assert_accessible()
    assert Action.objects.get(pk=led.pk).progress == "Health needs audit of post-19 EHC plans done"

    # Not theirs: the short form's page answers 403, and the action's page offers no form.
    status_url = app_plan.council.url_of(
        "inspections:action-status", plan_id=app_plan.pk, action_id=not_led.pk
    )
    assert page.visit(status_url).status == 403
    page.assert_accessible()
    page.visit(not_led.get_absolute_url())
    assert page.get_by_text("Update status").count() == 0
    assert page.get_by_text("Change action details").count() == 0


def test_board_signs_an_action_off_at_a_sendib_meeting(browser_page, app_plan):
    action = Action.objects.get(plan=app_plan, ref="3.2")  # complete in the demo
    assert action.status == "complete" and not action.is_signed_off
    meeting = BoardMeeting.objects.filter(council=app_plan.council).order_by("-held_on").first()
    page = browser_page
    page.sign_in("board@leicester.example", demo.demo_password())
    assert "Action 3.2" in page.locator("#needs-you").locator("..").inner_text()
    page.visit(action.get_absolute_url())
    page.get_by_role("button", name="Sign off action 3.2 at a meeting").click()
    page.assert_accessible()

    # Without a meeting: refused on the field, nothing saved.
    page.get_by_role("button", name="Sign off", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    assert "Choose the board meeting that signed the action off" in summary.inner_text()
    page.assert_accessible()
    assert not Action.objects.get(pk=action.pk).is_signed_off

    page.get_by_label("Board meeting").select_option(label=str(meeting))
    page.get_by_label("Minute reference").fill("6.1")
    page.get_by_role("button", name="Sign off", exact=True).click()
    assert page.get_by_text("Action 3.2 signed off.").is_visible()
    assert "SENDIB" in page.content()
    saved = Action.objects.get(pk=action.pk)
    assert (saved.signed_off_meeting_id, saved.sign_off_minute) == (meeting.pk, "6.1")

    page.get_by_role("link", name=str(meeting)).click()
    signed = page.locator("table", has_text="Minute")
    assert "Action 3.2" in signed.inner_text() and "6.1" in signed.inner_text()
    page.assert_accessible()


def test_officers_home_page_lists_their_actions_first(browser_page, app_plan):
    officer = User.objects.get(email="officer@leicester.example")
    led_refs = list(
        Action.objects.filter(plan=app_plan, lead_users=officer).values_list("ref", flat=True)
    )
    assert led_refs
    page = browser_page
    page.sign_in("officer@leicester.example", demo.demo_password())
    content = page.locator("main").inner_text()
    assert content.index("What needs you") < content.index("Your councils")
    needs = page.locator("table", has_text="Needs you").first.inner_text()
    shown = [ref for ref in led_refs if f"Action {ref}" in needs]
    assert shown, needs
    other = Action.objects.filter(plan=app_plan).exclude(lead_users=officer).first()
    assert f"Action {other.ref}\n" not in needs
    page.assert_accessible()

    page.get_by_role("link", name="All my actions").click()
    assert page.get_by_role("heading", name="My actions").is_visible()
    page.get_by_label("Show").select_option("overdue")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "needs=overdue" in page.url
    page.assert_accessible()
