"""The site administrator's pages for people and roles."""

import pytest
from django.core import mail
from django.urls import reverse

from sendtracker.core.models import RoleAssignment, User
from sendtracker.core.models.people import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        reverse("people-list"),
        reverse("person-add"),
    ],
)
@pytest.mark.parametrize(
    "role", ["council_officer", "board_member", "adviser", "grant_administrator"]
)
def test_only_site_administrators_reach_people_pages(client, make_user, leicester, url, role):
    scope = {"council": leicester} if role in {"council_officer", "board_member"} else {}
    client.force_login(make_user(role, **scope))
    assert client.get(url).status_code == 403


def test_others_cannot_grant_roles(client, officer, leicester):
    client.force_login(officer)
    url = reverse("person-role-grant", args=[officer.pk])
    response = client.post(url, {"role": "site_administrator"})
    assert response.status_code == 403
    assert not officer.role_assignments.filter(role="site_administrator").exists()


def test_adding_a_person_sends_an_invitation_to_set_a_password(client, site_administrator):
    client.force_login(site_administrator)
    response = client.post(
        reverse("person-add"),
        {"email": "New.Officer@Leicester.example", "name": "", "job_title": "SEND caseworker"},
    )
    person = User.objects.get(email="new.officer@leicester.example")
    assert response["Location"] == reverse("person-detail", args=[person.pk])
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/account/password-reset/" in mail.outbox[0].body
    assert "given an account on SEND tracker" in mail.outbox[0].body
    assert mail.outbox[0].to == ["new.officer@leicester.example"]


def test_adding_someone_who_exists_is_refused_with_a_message(client, site_administrator, officer):
    client.force_login(site_administrator)
    response = client.post(reverse("person-add"), {"email": officer.email.upper()})
    assert "Someone with this email address already has an account" in response.content.decode()
    assert User.objects.filter(email__iexact=officer.email).count() == 1
    assert not mail.outbox


def test_giving_and_removing_a_role(client, site_administrator, make_user, leicester):
    person = make_user()
    client.force_login(site_administrator)
    client.post(
        reverse("person-role-grant", args=[person.pk]),
        {"role": "council_officer", "council": leicester.pk},
    )
    assignment = RoleAssignment.objects.get(user=person)
    assert (assignment.role, assignment.council) == (Role.COUNCIL_OFFICER, leicester)
    client.post(reverse("person-role-revoke", args=[person.pk, assignment.pk]))
    assert not RoleAssignment.objects.filter(user=person).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "council_officer"}, "Choose the council the council officer works for"),
        (
            {"role": "grant_administrator", "council": "COUNCIL"},
            "holds the role for all of England",
        ),
        ({"role": ""}, "Choose a role"),
        ({"role": "emperor"}, "Choose a role from the list"),
    ],
)
def test_a_role_that_does_not_fit_its_scope_is_refused(
    client, site_administrator, make_user, leicester, data, message
):
    person = make_user()
    client.force_login(site_administrator)
    data = {key: (leicester.pk if value == "COUNCIL" else value) for key, value in data.items()}
    response = client.post(reverse("person-role-grant", args=[person.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=person).exists()


def test_removing_a_role_of_another_person_by_a_forged_id_gives_404(
    client, site_administrator, officer, make_user
):
    other = make_user()
    assignment = officer.role_assignments.get()
    client.force_login(site_administrator)
    response = client.post(reverse("person-role-revoke", args=[other.pk, assignment.pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_site_administrator_cannot_remove_their_own_administration(client, site_administrator):
    assignment = site_administrator.role_assignments.get()
    client.force_login(site_administrator)
    response = client.post(
        reverse("person-role-revoke", args=[site_administrator.pk, assignment.pk]), follow=True
    )
    assert "You cannot remove your own site administrator role." in response.content.decode()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_deactivated_person_cannot_sign_in_and_can_be_reactivated(
    client, site_administrator, officer
):
    from tests.factories import TEST_PASSWORD

    client.force_login(site_administrator)
    client.post(reverse("person-active", args=[officer.pk]), {"active": "false"})
    officer.refresh_from_db()
    assert not officer.is_active
    client.logout()
    response = client.post(reverse("login"), {"username": officer.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()
    client.force_login(site_administrator)
    client.post(reverse("person-active", args=[officer.pk]), {"active": "true"})
    officer.refresh_from_db()
    assert officer.is_active


def test_people_list_searches_and_shows_roles(
    client, site_administrator, officer, django_assert_max_num_queries
):
    client.force_login(site_administrator)
    response = client.get(reverse("people-list"), {"q": officer.email})
    html = response.content.decode()
    assert officer.email in html
    assert "Council officer – Leicester" in html
    assert site_administrator.email not in html.split("<table")[1]
    with django_assert_max_num_queries(10):
        client.get(reverse("people-list"))


def test_people_link_is_in_the_navigation_for_site_administrators_only(
    client, site_administrator, officer
):
    client.force_login(officer)
    assert "/people/" not in client.get(reverse("home")).content.decode()
    client.force_login(site_administrator)
    assert 'href="/people/"' in client.get(reverse("home")).content.decode()
