"""ServiceFormView: one form page calling one service, for every app."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db.models import F
from django.test import RequestFactory

from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.models import Council
from sendtracker.core.views.forms import ServiceFormView
from tests.caches import DEAD_CACHES, dead_cache

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField()
    version = forms.IntegerField(required=False)


class NameView(ServiceFormView):
    form_class = NameForm
    template_name = "base.html"
    success_url = "/done/"
    success_message = "Name saved."
    refusal: Exception | None = None
    record_to_check = None
    ran = None

    def run(self, form):
        if self.refusal:
            raise self.refusal
        if self.ran is not None:
            self.ran(form)
        return form.cleaned_data["name"]

    def record(self):
        return self.record_to_check


def post(data, **attributes):
    request = RequestFactory().post("/name/", data)
    request._messages = CookieStorage(request)
    request.user = AnonymousUser()
    return request, NameView.as_view(**attributes)(request)


def test_saved_form_adds_the_banner_and_redirects():
    request, response = post({"name": "Leicester"})

    assert (response.status_code, response.url) == (302, "/done/")
    assert [m.message for m in get_messages(request)] == ["Name saved."]


def test_refusal_naming_a_field_of_the_form_is_shown_on_that_field():
    _, response = post({"name": "x"}, refusal=DomainError("Enter a longer name", field="name"))

    form = response.context_data["form"]
    assert response.status_code == 200
    assert form.errors == {"name": ["Enter a longer name"]}


@pytest.mark.parametrize("field", [None, "not_on_this_form"])
def test_refusal_naming_no_field_of_the_form_is_shown_in_the_summary(field):
    _, response = post({"name": "x"}, refusal=DomainError("Not today", field=field))

    form = response.context_data["form"]
    assert form.non_field_errors() == ["Not today"]
    assert list(form.errors) == ["__all__"]


def test_refusal_adds_no_banner():
    request, _ = post({"name": "x"}, refusal=DomainError("Not today"))

    assert list(get_messages(request)) == []


def test_stale_edit_lists_the_changes_and_lets_the_next_save_go_against_the_saved_version(
    leicester,
):
    Council.objects.filter(pk=leicester.pk).update(version=F("version") + 1)
    changes = ["someone else's change"]

    _, response = post(
        {"name": "x", "version": leicester.version},
        refusal=StaleEditError("Someone else changed this", changes=changes),
        record_to_check=leicester,
    )

    form = response.context_data["form"]
    assert form.non_field_errors() == ["Someone else changed this"]
    assert response.context_data["stale_changes"] == changes
    assert form.data["version"] == leicester.version == Council.objects.get(pk=leicester.pk).version


class PlainNameForm(forms.Form):
    name = forms.CharField()


def record_call(**kwargs):
    record_call.kwargs = kwargs
    return "saved"


class ServiceNameView(ServiceFormView):
    form_class = NameForm
    template_name = "base.html"
    success_url = "/done/"
    service = record_call

    def service_kwargs(self):
        return {"council": "leicester"}


def post_to_service(data, **attributes):
    request = RequestFactory().post("/name/", data)
    request._messages = CookieStorage(request)
    request.user = "officer"
    return ServiceNameView.as_view(**attributes)(request)


def test_named_service_is_called_with_the_user_what_the_page_acts_on_and_the_form_values():
    response = post_to_service({"name": "Leicester City"}, form_class=PlainNameForm)

    assert response.status_code == 302
    assert record_call.kwargs == {"by": "officer", "council": "leicester", "name": "Leicester City"}


def test_form_version_is_the_services_expected_version():
    post_to_service({"name": "Leicester City", "version": "3"})

    assert record_call.kwargs == {
        "by": "officer",
        "council": "leicester",
        "name": "Leicester City",
        "expected_version": 3,
    }


def test_service_fields_pass_only_those_values_and_the_version():
    post_to_service({"name": "Leicester City", "version": "3"}, service_fields=("version",))

    assert record_call.kwargs == {"by": "officer", "council": "leicester", "expected_version": 3}


# One-time tokens (core.once): the cases of every create page are in test_double_submit.

TOKEN = "t" * 32


def test_a_form_sent_again_while_the_first_is_still_saving_says_so_and_saves_nothing(settings):
    from django.core.cache import cache

    settings.FORM_TOKEN_WAIT_SECONDS = 0.1
    cache.add(f"form-token:anonymous:{TOKEN}", "…")  # the first send, still saving
    calls = []

    _, response = post({"name": "x", "form_token": TOKEN}, ran=calls.append)

    assert response.status_code == 409
    assert "This form was already sent" in response.content.decode()
    assert calls == []


def test_a_token_is_given_back_when_the_save_fails_unexpectedly():
    with pytest.raises(RuntimeError):
        post({"name": "x", "form_token": TOKEN}, refusal=RuntimeError("database gone"))

    _, response = post({"name": "x", "form_token": TOKEN})
    assert (response.status_code, response.url) == (302, "/done/")
    _, again = post({"name": "x", "form_token": TOKEN})
    assert (again.status_code, again.url) == (302, "/done/")
    request, _ = post({"name": "x", "form_token": TOKEN})
    assert [m.message for m in get_messages(request)] == [
        "This form was sent more than once. It has been saved once."
    ]


@pytest.mark.parametrize("backend", DEAD_CACHES)
def test_forms_are_saved_unprotected_when_the_cache_cannot_be_reached(settings, caplog, backend):
    settings.CACHES = dead_cache(backend)
    calls = []
    for _ in range(2):
        _, response = post({"name": "x", "form_token": TOKEN}, ran=calls.append)
        assert response.status_code == 302
    assert len(calls) == 2
    assert "Form token not checked" in caplog.text
