import re

import pytest
from django.urls import reverse

from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from sendtracker.reminders.models import LogStatus, ReminderLog, ReminderPreference
from tests.factories import UserFactory

from .conftest import TODAY, person

pytestmark = pytest.mark.django_db


def test_the_account_page_offers_the_optional_reminders_ticked(client, leicester):
    user = person(leicester, Role.COUNCIL_OFFICER)
    ReminderPreference.objects.create(user=user, kind="meeting_pack", enabled=False)
    client.force_login(user)
    page = client.get(reverse("account")).content.decode()
    assert 'action="/account/reminders/"' in page
    assert 'class="govuk-checkboxes__input"' in page
    assert "You always get" in page
    ticked = re.findall(r'value="(\w+)"\s+checked="checked"', page)
    assert ticked == ["action_due", "meeting_updates"]


def test_a_person_saves_their_choices(client, leicester):
    user = person(leicester, Role.COUNCIL_OFFICER)
    client.force_login(user)
    response = client.post(reverse("reminders:choices"), {"kinds": ["action_due"]})
    assert response.status_code == 302 and response.url == reverse("account")
    off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    assert off == {"meeting_updates", "meeting_pack"}


def test_an_unknown_choice_is_refused_with_a_message(client, leicester):
    client.force_login(person(leicester, Role.COUNCIL_OFFICER))
    response = client.post(reverse("reminders:choices"), {"kinds": ["action_overdue"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def _site_administrator():
    admin = UserFactory()
    grant_role(user=admin, role=Role.SITE_ADMINISTRATOR)
    return admin


def test_administrators_see_the_log_filtered_by_status_and_the_people_to_check(client, leicester):
    officer = person(leicester, Role.COUNCIL_OFFICER)
    ReminderLog.objects.create(
        recipient=officer, email=officer.email, kind="action_due", reason="a", day=TODAY,
        about="Action 1.1", why="Sent one", status=LogStatus.SENT,
    )  # fmt: skip
    ReminderLog.objects.create(
        recipient=officer, email=officer.email, kind="action_due", reason="b", day=TODAY,
        about="Action 1.2", why="Failed one", status=LogStatus.UNDELIVERABLE,
        error="Notify: permanent-failure",
    )  # fmt: skip
    client.force_login(_site_administrator())
    page = client.get(reverse("reminders:log")).content.decode()
    assert "Sent one" in page and "Failed one" in page
    assert "Notify: permanent-failure" in page
    filtered = client.get(reverse("reminders:log"), {"status": "sent"}).content.decode()
    assert "Sent one" in filtered and "Failed one" not in filtered


@pytest.mark.parametrize("role", [Role.COUNCIL_OFFICER, Role.BOARD_MEMBER])
def test_others_may_not_see_the_log(client, leicester, role):
    client.force_login(person(leicester, role))
    assert client.get(reverse("reminders:log")).status_code == 403


def test_the_log_page_costs_a_fixed_number_of_queries(
    client, leicester, django_assert_max_num_queries
):
    officer = person(leicester, Role.COUNCIL_OFFICER)
    for i in range(20):
        ReminderLog.objects.create(
            recipient=officer, kind="action_due", reason=str(i), day=TODAY, about="a", why="b"
        )
    client.force_login(_site_administrator())
    client.get(reverse("reminders:log"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reminders:log")).status_code == 200


def test_the_choices_page_shows_the_form(client, leicester):
    client.force_login(person(leicester, Role.COUNCIL_OFFICER))
    page = client.get(reverse("reminders:choices")).content.decode()
    assert '<h1 class="govuk-heading-l">Email reminders</h1>' in page
    assert page.count('class="govuk-checkboxes__input"') == 3


def test_the_people_page_links_to_the_log(client):
    client.force_login(_site_administrator())
    assert reverse("reminders:log") in client.get(reverse("people-list")).content.decode()
