"""GOV.UK error pages: 403, 404, 500 and the expired-form (CSRF) page."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from sendtracker.core.views import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def tolerant_client(client):
    client.raise_request_exception = False
    return client


def test_error_in_a_page_gets_the_govuk_problem_page(tolerant_client, officer):
    tolerant_client.force_login(officer)

    with mock.patch.object(pages.HomeView, "get_context_data", side_effect=RuntimeError("x")):
        response = tolerant_client.get(reverse("home"))

    assert response.status_code == 500
    content = response.content.decode()
    assert "Sorry, there is a problem with the service" in content
    assert "RuntimeError" not in content
    assert "govuk-footer" in content


def test_unavailable_page_is_shown_when_the_database_is_down(tolerant_client, officer):
    tolerant_client.force_login(officer)

    with mock.patch(
        "django.contrib.auth.get_user", side_effect=OperationalError("database unavailable")
    ):
        response = tolerant_client.get(reverse("home"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    content = response.content.decode()
    assert "Sorry, the service is unavailable" in content and "govuk-footer" in content
    assert "database unavailable" not in content


def test_forbidden_page_says_nothing_has_changed(client, adviser, leicester):
    client.force_login(adviser)

    response = client.get(reverse("council-edit", args=[leicester.slug]))

    assert response.status_code == 403
    assert "You cannot do this" in response.content.decode()
    assert "Nothing has been changed." in response.content.decode()


def test_not_found_page_is_shown_to_signed_out_visitors_too(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Signed in as" not in response.content.decode()
