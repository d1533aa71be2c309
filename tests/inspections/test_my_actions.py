"""Named leads' own list ("My actions") and what needs them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import selectors, services
from inspections.models import Action
from tests.export_helpers import as_dicts, export_url, read_csv, read_xlsx, values

from .factories import plan_with_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def dco(make_user, leicester):
    return make_user("health_partner", council=leicester, job_title="Designated Clinical Officer")


@pytest.fixture
def led(leicester, officer, dco):
    """Four actions of a plan: A0 delayed, A1 due in ten days, A2 due in a year, A3
    overdue (its milestone passed); the DCO leads all but A3's sibling A4."""
    plan = plan_with_actions(5, council=leicester)
    actions = list(Action.objects.filter(plan=plan).order_by("position"))
    today = timezone.localdate()
    for action, due in zip(
        actions,
        [
            today + datetime.timedelta(days=200),
            today + datetime.timedelta(days=10),
            today + datetime.timedelta(days=365),
            today - datetime.timedelta(days=3),
            today - datetime.timedelta(days=3),
        ],
        strict=True,
    ):
        action.milestones.all().delete()
        action.milestones.create(kind="action", due_on=due)
        action.status = "not_started"
        action.recovery_date = None
        action.status_reason = ""
        action.save()
    a0 = actions[0]
    services.update_action_status(
        action=a0,
        by=officer,
        status="minor_delay",
        stage="action",
        reason="Waiting for data",
        recovery_date=today + datetime.timedelta(days=60),
        expected_version=a0.version,
    )
    for action in actions[:4]:
        services.update_action_details(
            action=action, by=officer, expected_version=action.version, lead_users=[dco]
        )
    return actions


def test_my_action_rows_say_why_each_needs_its_lead(dco, led):
    rows = selectors.my_action_rows(selectors.actions_led_by(dco))
    assert [(r.action.ref, r.why) for r in rows] == [
        ("A0", "delayed"),
        ("A1", "due"),
        ("A2", ""),
        ("A3", "overdue"),
    ]
    assert [r.action.ref for r in selectors.needing_attention(rows)] == ["A0", "A3", "A1"]


def test_my_actions_lists_only_what_the_person_leads_and_filters(client, dco, led):
    client.force_login(dco)
    url = reverse("inspections:my-actions")
    page = client.get(url).content.decode()
    assert "Action A0" in page and "Action A2" in page
    assert "Action A4" not in page  # led by someone else
    refs = [row.action.ref for row in client.get(url, {"needs": "now"}).context["rows"]]
    assert refs == ["A0", "A1", "A3"]
    refs = [row.action.ref for row in client.get(url, {"needs": "overdue"}).context["rows"]]
    assert refs == ["A3"]
    refs = [row.action.ref for row in client.get(url, {"status": "minor_delay"}).context["rows"]]
    assert refs == ["A0"]


def test_the_home_page_starts_with_the_leads_actions(client, dco, led):
    client.force_login(dco)
    page = client.get(reverse("home")).content.decode()
    assert page.index("What needs you") < page.index("Your councils")
    needs = page[page.index("What needs you") : page.index("All my actions")]
    assert "Action A0" in needs and "Action A3" in needs and "Action A1" in needs
    assert "Action A2" not in needs  # due in a year: not yet


def test_someone_who_leads_nothing_sees_no_list(client, officer, led):
    client.force_login(officer)
    assert "Your actions due" not in client.get(reverse("home")).content.decode()


def test_my_actions_download_holds_what_the_person_leads_as_filtered(client, dco, led):
    client.force_login(dco)
    url = reverse("inspections:my-actions")
    assert 'href="?export=csv"' in client.get(url).content.decode()
    rows = as_dicts(values(read_xlsx(client.get(export_url(url, "xlsx")))))
    assert [(r["Ref"], r["Needs you"]) for r in rows] == [
        ("A0", "Delayed"),
        ("A1", "Due soon"),
        ("A2", None),
        ("A3", "Overdue"),
    ]
    assert rows[0]["Status"] == "Minor delay" and rows[0]["Council"] == "Leicester"
    rows = read_csv(client.get(export_url(url, "csv", needs="now")))
    assert [row[2] for row in rows[1:]] == ["A0", "A1", "A3"]
