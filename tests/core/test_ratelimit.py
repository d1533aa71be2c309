"""Limits on repeated requests: sign-in, password reset, downloads, uploads and packs.

Each limit is a setting (from the environment); the tests set small ones. The cache
that counts is emptied between tests (tests/conftest.py)."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.caches import DEAD_CACHES, dead_cache
from tests.factories import TEST_PASSWORD, UserFactory
from tests.grants.factories import DeterminationFactory
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db

SIGN_IN = "/account/sign-in/"
RESET = "/account/password-reset/"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.WARNING, logger="sendtracker.security")

    def lines():
        return [r.getMessage() for r in caplog.records if r.name == "sendtracker.security"]

    return lines


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def assert_refused(response, heading: str):
    text = response.content.decode()
    assert response.status_code == 429
    assert heading in text
    assert "govuk-heading-l" in text
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


# -- sign-in -------------------------------------------------------------------------


def test_one_address_failing_across_many_emails_is_refused_past_its_limit(settings, security_log):
    settings.SIGN_IN_ADDRESS_RATE = "4/15m"
    attacker = from_address("203.0.113.9")
    for n in range(4):  # one failure for each email: axes never locks any of them
        response = attacker.post(SIGN_IN, {"username": f"p{n}@x.example", "password": "guess"})
        assert response.status_code == 200

    refused = attacker.post(SIGN_IN, {"username": "p9@x.example", "password": "guess"})

    assert_refused(refused, "Too many attempts to sign in")
    assert "reset your password" in refused.content.decode()
    assert security_log() == [
        "Rate limit sign-in-address refused address:203.0.113.9 on POST /account/sign-in/"
    ]
    person = UserFactory(email="pat@x.example")
    elsewhere = from_address("198.51.100.7").post(
        SIGN_IN, {"username": person.email, "password": TEST_PASSWORD}
    )
    assert elsewhere.status_code == 302


def test_one_account_failing_across_many_addresses_is_refused_even_with_its_password(
    settings, security_log
):
    settings.SIGN_IN_ACCOUNT_RATE = "4/15m"
    person = UserFactory(email="pat.jones@leicester.example")
    for n in range(4):  # one failure from each address: axes never locks any of them
        response = from_address(f"203.0.113.{n}").post(
            SIGN_IN, {"username": "PAT.jones@leicester.example", "password": "guess"}
        )
        assert response.status_code == 200

    refused = from_address("198.51.100.7").post(
        SIGN_IN, {"username": person.email, "password": TEST_PASSWORD}
    )

    assert_refused(refused, "Too many attempts to sign in")
    [line] = security_log()
    assert line.startswith("Rate limit sign-in-account refused account:")
    assert line.endswith(" on POST /account/sign-in/")
    assert "pat" not in line and "leicester" not in line and TEST_PASSWORD not in line
    colleague = UserFactory(email="sam.lee@leicester.example")
    other = from_address("198.51.100.7").post(
        SIGN_IN, {"username": colleague.email, "password": TEST_PASSWORD}
    )
    assert other.status_code == 302


def test_sign_ins_under_the_wider_limits_are_not_refused(settings):
    settings.SIGN_IN_ADDRESS_RATE = settings.SIGN_IN_ACCOUNT_RATE = "3/15m"
    person = UserFactory(email="pat@x.example")
    client = from_address("203.0.113.9")
    for _ in range(2):
        assert client.post(SIGN_IN, {"username": person.email, "password": "x"}).status_code == 200

    response = client.post(SIGN_IN, {"username": person.email, "password": TEST_PASSWORD})

    assert response.status_code == 302


# -- password reset ------------------------------------------------------------------


def test_password_reset_requests_from_one_address_are_limited(settings, security_log, mailoutbox):
    settings.PASSWORD_RESET_ADDRESS_RATE = "3/h"
    UserFactory(email="pat@x.example")
    client = from_address("203.0.113.9")
    for email in ["a@x.example", "b@x.example", "pat@x.example"]:
        assert client.post(RESET, {"email": email}).status_code == 302

    refused = client.post(RESET, {"email": "pat@x.example"})

    assert_refused(refused, "Too many requests to reset a password")
    assert "Signed in as" not in refused.content.decode()  # the public layout
    assert len(mailoutbox) == 1
    assert security_log() == [
        "Rate limit password-reset-address refused address:203.0.113.9 "
        "on POST /account/password-reset/"
    ]
    assert client.get(RESET).status_code == 200  # the form itself is not counted


def test_password_reset_requests_for_one_email_are_limited_from_any_address(
    settings, security_log, mailoutbox
):
    settings.PASSWORD_RESET_EMAIL_RATE = "2/h"
    UserFactory(email="pat@x.example")
    for n in range(2):
        response = from_address(f"203.0.113.{n}").post(RESET, {"email": "pat@x.example"})
        assert response.status_code == 302

    refused = from_address("198.51.100.7").post(RESET, {"email": "PAT@x.example"})

    assert_refused(refused, "Too many requests to reset a password")
    assert len(mailoutbox) == 2
    [line] = security_log()
    assert line.startswith("Rate limit password-reset-email refused email:")
    assert "pat" not in line
    other = from_address("198.51.100.7").post(RESET, {"email": "sam@x.example"})
    assert other.status_code == 302


# -- downloads, uploads, packs: per signed-in user -----------------------------------


def test_downloads_are_limited_per_user_across_pages_and_formats(
    client, settings, officer, adviser, security_log
):
    settings.EXPORT_RATE = "3/m"
    client.force_login(officer)
    assert client.get("/councils/?export=csv").status_code == 200
    assert client.get("/councils/?export=xlsx").status_code == 200
    assert client.get(reverse("grants:export-allocations", args=["csv"])).status_code == 200

    refused = client.get("/councils/?export=csv")

    assert_refused(refused, "Sorry, there have been too many downloads")
    # In the service's own layout, with the account bar of the person refused.
    assert "Signed in as" in refused.content.decode()
    assert officer.email in refused.content.decode()
    assert security_log() == [f"Rate limit exports refused user:{officer.pk} on GET /councils/"]
    assert client.get("/councils/").status_code == 200  # the page itself is not counted
    grants = client.get(reverse("grants:export-360giving", args=["json"]))
    assert grants.status_code == 429
    colleague = Client()  # same address, another person: their own count
    colleague.force_login(adviser)
    assert colleague.get("/councils/?export=csv").status_code == 200


def test_import_uploads_are_limited_per_user(client, settings, grant_administrator, security_log):
    settings.IMPORT_UPLOAD_RATE = "2/h"
    determination = DeterminationFactory(total_available=None)
    url = reverse("grants:allocation-import", args=[determination.pk])
    client.force_login(grant_administrator)

    def upload():
        return client.post(url, {"file": SimpleUploadedFile("a.csv", b"Council\nLeicester\n")})

    for _ in range(2):
        assert upload().status_code == 200  # read and refused for its own reasons

    refused = upload()

    assert_refused(refused, "Sorry, there have been too many uploads")
    assert security_log() == [
        f"Rate limit import-uploads refused user:{grant_administrator.pk} on POST {url}"
    ]
    assert client.get(url).status_code == 200


def test_pack_requests_are_limited_per_user(client, settings, officer, leicester, security_log):
    from sendtracker.packs.models import PackJob

    settings.PACK_REQUEST_RATE = "2/10m"
    settings.PACK_DIRECT_MAX_ACTIONS = 0  # every plan pack queued: quick to ask for
    plan = plan_with_actions(2, council=leicester)
    url = f"/councils/{leicester.slug}/plans/{plan.pk}/pack/"
    client.force_login(officer)
    for _ in range(2):
        assert client.post(url, {"marking": "OFFICIAL"}).status_code == 302

    refused = client.post(url, {"marking": "OFFICIAL"})

    assert_refused(refused, "Sorry, there have been too many pack requests")
    assert PackJob.objects.count() == 2
    assert security_log() == [f"Rate limit packs refused user:{officer.pk} on POST {url}"]
    council_pack = client.post(f"/councils/{leicester.slug}/pack/", {"marking": "OFFICIAL"})
    assert council_pack.status_code == 429


@pytest.mark.parametrize("backend", DEAD_CACHES)
def test_limits_let_requests_through_when_the_cache_cannot_be_reached(
    client, settings, officer, caplog, backend
):
    settings.EXPORT_RATE = "1/m"
    settings.CACHES = dead_cache(backend)
    client.force_login(officer)
    caplog.set_level(logging.ERROR, logger="sendtracker.security")
    for _ in range(2):
        assert client.get("/councils/?export=csv").status_code == 200
    assert "Rate limit exports not checked" in caplog.text


def test_axes_lock_out_is_the_same_refusal_with_retry_after_and_a_log_line(settings, security_log):
    person = UserFactory(email="pat@x.example")
    client = from_address("203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(SIGN_IN, {"username": person.email, "password": "guess"})

    locked = client.post(SIGN_IN, {"username": person.email, "password": "guess"})

    assert_refused(locked, "Too many attempts to sign in")
    assert locked["Retry-After"] == str(15 * 60)
    assert security_log() == [
        "Rate limit sign-in-lockout refused address:203.0.113.9 on POST /account/sign-in/"
    ]
