"""A person chooses their email reminders on their account page; an administrator
reads the log. In Chromium, each page checked with axe-core."""

import pytest

from sendtracker.core import demo
from sendtracker.reminders.models import ReminderPreference

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    demo.load()


def test_officer_turns_a_reminder_off_on_their_account_page(browser_page, people):
    page = browser_page
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit("/account/")
    page.assert_accessible()
    page.get_by_label("Before a board meeting: the exception report and pack").uncheck()
    page.get_by_role("button", name="Save reminder choices").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your reminder choices are saved.").is_visible()
    assert not page.get_by_label(
        "Before a board meeting: the exception report and pack"
    ).is_checked()
    assert (
        ReminderPreference.objects.get(
            user__email="officer@leicester.example", kind="meeting_pack"
        ).enabled
        is False
    )


def test_administrator_reads_the_reminder_log(browser_page, people):
    page = browser_page
    page.sign_in("admin@sendtracker.example", demo.demo_password())
    page.visit("/reminders/")
    assert "Email reminders sent" in page.content()
    page.assert_accessible()
