"""load_demo: the demo accounts, their roles and passwords, and what each may see."""

from io import StringIO

import pytest
from django.core.management import call_command

from sendtracker.core.access import access_for
from sendtracker.core.demo import DEFAULT_DEMO_PASSWORD
from sendtracker.core.models import Council, RoleAssignment, User
from sendtracker.core.models.people import Role

pytestmark = pytest.mark.django_db

ACCOUNTS = {
    "officer@leicester.example": {(Role.COUNCIL_OFFICER, "Leicester", None)},
    "officer@nelincs.example": {(Role.COUNCIL_OFFICER, "North East Lincolnshire", None)},
    "board@leicester.example": {(Role.BOARD_MEMBER, "Leicester", None)},
    "health@leicester.example": {(Role.HEALTH_PARTNER, "Leicester", None)},
    "adviser@dfe.example": {
        (Role.ADVISER, None, "East Midlands"),
        (Role.ADVISER, None, "Yorkshire and The Humber"),
    },
    "grants@dfe.example": {(Role.GRANT_ADMINISTRATOR, None, None)},
    "admin@sendtracker.example": {(Role.SITE_ADMINISTRATOR, None, None)},
}


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def roles_of(email):
    return {
        (
            assignment.role,
            str(assignment.council or "") or None,
            str(assignment.region or "") or None,
        )
        for assignment in RoleAssignment.objects.filter(user__email=email).select_related(
            "council", "region"
        )
    }


def visible_names(email):
    user = User.objects.get(email=email)
    return set(Council.objects.visible_to(user).values_list("name", flat=True))


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    load_demo()


def test_load_demo_twice_leaves_one_of_each_account_with_its_role(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    load_demo()
    output = load_demo()

    for email, roles in ACCOUNTS.items():
        assert User.objects.filter(email=email).count() == 1
        assert roles_of(email) == roles, email
        assert email in output


def test_demo_accounts_use_the_default_password_without_demo_password(demo):
    for email in ACCOUNTS:
        assert User.objects.get(email=email).check_password(DEFAULT_DEMO_PASSWORD), email


def test_demo_accounts_use_the_password_from_demo_password(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password from the environment")

    output = load_demo()

    for email in ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.check_password("a demo password from the environment"), email
        assert not user.check_password(DEFAULT_DEMO_PASSWORD)
    assert "a demo password from the environment" in output


def test_loading_again_with_a_new_password_changes_it(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    load_demo()
    monkeypatch.setenv("DEMO_PASSWORD", "the second demo password")

    load_demo()

    assert User.objects.get(email="grants@dfe.example").check_password("the second demo password")


def test_demo_account_signs_in_with_the_demo_password(demo, client):
    response = client.post(
        "/account/sign-in/",
        {"username": "officer@leicester.example", "password": DEFAULT_DEMO_PASSWORD},
    )

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("officer@leicester.example", {"Leicester"}),
        ("officer@nelincs.example", {"North East Lincolnshire"}),
        ("board@leicester.example", {"Leicester"}),
        ("health@leicester.example", {"Leicester"}),
    ],
)
def test_council_demo_accounts_see_exactly_their_council(demo, email, expected):
    assert visible_names(email) == expected


def test_demo_adviser_sees_exactly_the_east_midlands_and_yorkshire_councils(demo):
    expected = set(
        Council.objects.filter(
            region__name__in=["East Midlands", "Yorkshire and The Humber"]
        ).values_list("name", flat=True)
    )

    assert visible_names("adviser@dfe.example") == expected
    assert len(expected) == 10 + 15


@pytest.mark.parametrize("email", ["grants@dfe.example", "admin@sendtracker.example"])
def test_national_demo_accounts_see_all_153_councils(demo, email):
    assert len(visible_names(email)) == 153


def test_demo_site_administrator_reaches_the_admin(demo, client):
    client.force_login(User.objects.get(email="admin@sendtracker.example"))

    assert client.get("/admin/").status_code == 200
    assert access_for(User.objects.get(email="admin@sendtracker.example")).site_administrator


def test_demo_gives_the_councils_their_board_names_once(demo):
    leicester = Council.objects.get(dfe_la_code=856)
    version = leicester.version

    load_demo()

    leicester.refresh_from_db()
    assert leicester.improvement_board_name == "SEND Improvement Board (SENDIB)"
    assert leicester.version == version


def test_demo_health_partner_leads_the_apps_designated_clinical_officer_actions(demo):
    from inspections.models import Action

    health = User.objects.get(email="health@leicester.example")
    assert health.job_title == "Designated Clinical Officer (CCG)"  # a role title
    led = Action.objects.filter(lead_users=health)
    assert led.exists()
    assert all("Designated Clinical Officer (CCG)" in action.leads for action in led)
    assert (
        not Action.objects.filter(lead_users=health).exclude(leads__contains="Designated").exists()
    )
    officer = User.objects.get(email="officer@leicester.example")
    assert Action.objects.filter(lead_users=officer).exists()
