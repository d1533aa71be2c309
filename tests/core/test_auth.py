"""Sign-in, lock-out, password reset, sign-out, idle sessions and CSRF failures."""

import datetime
import logging
import re

import pytest
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/account/sign-in/"
NO_ENUMERATION_MESSAGE = "Enter a correct email address and password."
RESET_LINK = re.compile(r"https?://[^/\s]+(/account/password-reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture
def person(db):
    return UserFactory(email="pat.jones@leicester.example")


def sign_in(client, email, password=TEST_PASSWORD):
    return client.post(SIGN_IN, {"username": email, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_signs_in_with_email_address(client, person):
    response = sign_in(client, "pat.jones@leicester.example")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_user_id(client) == str(person.pk)


def test_email_address_is_case_insensitive_at_sign_in(client, person):
    response = sign_in(client, "Pat.Jones@LEICESTER.example")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(person.pk)


def test_wrong_password_and_unknown_email_get_the_same_message(client, person):
    wrong_password = sign_in(client, person.email, "not the password at all")
    unknown_email = sign_in(client, "nobody@leicester.example")

    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert signed_in_user_id(client) is None
        assert response.context["form"].non_field_errors() == [NO_ENUMERATION_MESSAGE]
        assert NO_ENUMERATION_MESSAGE in response.content.decode()
        assert "govuk-error-summary" in response.content.decode()


def test_inactive_account_gets_the_same_message_as_a_wrong_password(client, person):
    person.is_active = False
    person.save()

    response = sign_in(client, person.email)

    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert response.context["form"].non_field_errors() == [NO_ENUMERATION_MESSAGE]


def test_sign_in_without_details_names_each_missing_field(client):
    response = client.post(SIGN_IN, {"username": "", "password": ""})

    content = response.content.decode()
    assert "Enter your email address" in content
    assert "Enter your password" in content


def test_lock_out_after_the_failure_limit_shows_too_many_attempts(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, person.email, "wrong password").status_code == 200

    response = sign_in(client, person.email, "wrong password")

    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "govuk-heading-l" in response.content.decode()


def test_right_password_is_refused_while_locked_out(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong password")

    response = sign_in(client, person.email)

    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_changing_the_case_of_the_email_does_not_escape_lock_out(client, person):
    variants = ["pat.jones@leicester.example", "PAT.JONES@LEICESTER.EXAMPLE"]
    variants += ["Pat.Jones@leicester.example", "pat.JONES@leicester.example"]
    variants += ["pAt.jones@Leicester.example", "pat.jones@leicester.EXAMPLE"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, variants[attempt % len(variants)], "wrong password")

    response = sign_in(client, "PaT.JoNeS@leicester.example")

    assert response.status_code == 429
    assert signed_in_user_id(client) is None


def test_lock_out_of_one_address_leaves_a_colleague_able_to_sign_in(client, person):
    colleague = UserFactory(email="sam.lee@leicester.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong password")

    response = sign_in(client, colleague.email)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(colleague.pk)


def test_behind_a_proxy_lock_out_is_per_client_address(client, person, settings):
    settings.PROXY_COUNT = 1
    attacker = {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            SIGN_IN,
            {"username": person.email, "password": "wrong password"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 203.0.113.9",
        )

    locked = client.post(SIGN_IN, {"username": person.email, "password": "guess"}, **attacker)
    assert locked.status_code == 429
    own_office = Client().post(
        SIGN_IN,
        {"username": person.email, "password": TEST_PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert own_office.status_code == 302


def test_an_external_next_address_is_not_followed_after_sign_in(client, person):
    response = client.post(
        SIGN_IN + "?next=https://evil.example/",
        {"username": person.email, "password": TEST_PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_resetting_the_password_signs_out_other_sessions(client, person, mailoutbox):
    elsewhere = Client()
    elsewhere.force_login(person)
    assert elsewhere.get(reverse("home")).status_code == 200

    _set_password(client, _reset_link(client, person.email, mailoutbox), "a brand new password 42")

    assert elsewhere.get(reverse("home")).status_code == 302


def test_password_reset_for_a_known_address_sends_one_email(client, person, mailoutbox):
    response = client.post(
        reverse("password_reset"), {"email": "PAT.JONES@leicester.example"}, follow=True
    )

    assert response.status_code == 200
    assert "Check your email" in response.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]
    assert mailoutbox[0].subject == "Reset your SEND tracker password"
    assert RESET_LINK.search(mailoutbox[0].body)


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(
    client, person, mailoutbox
):
    known = client.post(reverse("password_reset"), {"email": person.email})
    mailoutbox.clear()
    unknown = client.post(reverse("password_reset"), {"email": "nobody@leicester.example"})

    assert len(mailoutbox) == 0
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"] == reverse("password_reset_done")
    page = client.get(unknown["Location"])
    assert "Check your email" in page.content.decode()


def test_password_reset_with_a_badly_formed_address_says_how_to_write_one(client, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "not-an-address"})

    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    assert len(mailoutbox) == 0


def _reset_link(client, email, mailoutbox):
    client.post(reverse("password_reset"), {"email": email})
    return RESET_LINK.search(mailoutbox[-1].body).group(1)


def _set_password(client, link, password):
    form_page = client.get(link, follow=True)
    assert "Set a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    return client.post(
        set_password_url, {"new_password1": password, "new_password2": password}, follow=True
    )


def test_emailed_link_sets_a_new_password(client, person, mailoutbox):
    link = _reset_link(client, person.email, mailoutbox)

    response = _set_password(client, link, "a much longer new password 42")

    assert "Your password has been changed" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password("a much longer new password 42")
    assert not person.check_password(TEST_PASSWORD)
    assert sign_in(Client(), person.email, "a much longer new password 42").status_code == 302


def test_used_link_shows_this_link_has_expired(client, person, mailoutbox):
    link = _reset_link(client, person.email, mailoutbox)
    _set_password(client, link, "a much longer new password 42")

    response = Client().get(link, follow=True)

    assert "This link has expired" in response.content.decode()
    assert "new_password1" not in response.content.decode()


def test_link_older_than_the_reset_timeout_shows_this_link_has_expired(
    client, person, mailoutbox, monkeypatch
):
    link = _reset_link(client, person.email, mailoutbox)
    later = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    response = client.get(link, follow=True)

    assert "This link has expired" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_tampered_link_shows_this_link_has_expired(client, person, mailoutbox):
    link = _reset_link(client, person.email, mailoutbox)

    response = client.get(link[:-4] + "beef/", follow=True)

    assert "This link has expired" in response.content.decode()


def test_sign_out_needs_a_post(client, person):
    client.force_login(person)

    refused = client.get(reverse("logout"))
    assert refused.status_code == 405
    assert signed_in_user_id(client) == str(person.pk)

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert signed_in_user_id(client) is None


def _session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_session_is_kept_in_the_database_with_the_idle_time_as_its_expiry(client, person):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    client.force_login(person)

    client.get(reverse("home"))

    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs(_session_row(client).expire_date - expected) < datetime.timedelta(seconds=30)


def test_requests_renew_the_session_at_most_once_a_minute(client, person):
    from sendtracker.core.sessions import RENEWED_KEY

    client.force_login(person)  # signing in renews it
    stored = client.session
    stored[RENEWED_KEY] -= 60
    stored.save()
    session = _session_row(client)
    session.expire_date = timezone.now() + datetime.timedelta(minutes=1)
    session.save()

    assert client.get(reverse("home")).status_code == 200

    renewed = _session_row(client).expire_date
    assert renewed > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 30)

    # Within the minute, a request reads the session and writes nothing.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert _session_row(client).expire_date == renewed

    # A minute later, the next request renews it again.
    stored = client.session
    stored[RENEWED_KEY] -= 60
    stored.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]


def test_session_idle_longer_than_the_cookie_age_is_signed_out(client, person):
    client.force_login(person)
    assert client.get(reverse("home")).status_code == 200
    # The last request was SESSION_COOKIE_AGE and one second ago.
    last_request = timezone.now() - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    session = _session_row(client)
    session.expire_date = last_request + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    session.save()

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    sign_in_page = client.get(response["Location"])
    assert "you were signed out after a period without activity" in sign_in_page.content.decode()


def test_session_cookie_is_not_kept_after_the_browser_closes(client, person):
    response = sign_in(client, person.email)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"]


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_post_without_csrf_token_gets_form_expired_page_and_changes_nothing(
    csrf_client, make_user, leicester, caplog
):
    from sendtracker.core.models.people import Role

    officer = make_user(Role.COUNCIL_OFFICER, council=leicester)
    csrf_client.force_login(officer)
    before = (leicester.improvement_board_name, leicester.version)

    with caplog.at_level(logging.WARNING, logger="sendtracker.security"):
        response = csrf_client.post(
            reverse("council-edit", args=[leicester.slug]),
            {"improvement_board_name": "Forged board", "version": leicester.version},
        )

    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()
    assert "govuk-heading-l" in response.content.decode()
    leicester.refresh_from_db()
    assert (leicester.improvement_board_name, leicester.version) == before
    assert any(
        "CSRF check failed" in record.getMessage() and leicester.slug in record.getMessage()
        for record in caplog.records
    )


def test_sign_in_with_a_stale_csrf_token_gets_form_expired_page(csrf_client, person, caplog):
    csrf_client.get(SIGN_IN)  # sets the CSRF cookie

    with caplog.at_level(logging.WARNING, logger="sendtracker.security"):
        response = csrf_client.post(
            SIGN_IN,
            {
                "username": person.email,
                "password": TEST_PASSWORD,
                "csrfmiddlewaretoken": "x" * 64,
            },
        )

    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()
    assert signed_in_user_id(csrf_client) is None
    assert any("CSRF check failed" in record.getMessage() for record in caplog.records)
