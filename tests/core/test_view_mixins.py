"""PermissionMixin and CouncilScopedMixin: one place decides, answers and logs refusals."""

import logging

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views import View

from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import CouncilScopedMixin, PermissionMixin

pytestmark = pytest.mark.django_db


class CouncilPage(CouncilScopedMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("read")


class CouncilForm(CouncilScopedMixin, ServiceFormView):
    """CouncilScopedMixin first: it must not lend the form page "view_council"."""

    form_class = forms.Form

    def get(self, request, *args, **kwargs):
        return HttpResponse("form")


class FormFirst(ServiceFormView):
    """A form page before its council: the writes default does not depend on order."""

    form_class = forms.Form

    def get(self, request, *args, **kwargs):
        return HttpResponse("form")


class CouncilFormFirst(CouncilScopedMixin, FormFirst):
    pass


class HistoryPage(CouncilPage):
    permission = "view_history"


class PeoplePage(PermissionMixin, View):
    permission = "manage_users"

    def get(self, request, *args, **kwargs):
        return HttpResponse("people")


def get(view, user, **kwargs):
    request = RequestFactory().get("/page/")
    request.user = user
    return view.as_view()(request, **kwargs)


def test_a_page_that_only_reads_asks_to_view_the_council(board_member, leicester):
    assert get(CouncilPage, board_member, council_slug=leicester.slug).content == b"read"


@pytest.mark.parametrize("view", [CouncilForm, CouncilFormFirst])
def test_a_form_page_asks_to_change_the_council_whatever_the_order_of_its_bases(
    view, board_member, officer, leicester
):
    assert get(view, officer, council_slug=leicester.slug).content == b"form"
    with pytest.raises(PermissionDenied):
        get(view, board_member, council_slug=leicester.slug)


def test_a_view_listing_the_mixin_after_its_view_class_is_refused_when_defined():
    with pytest.raises(TypeError, match="would never be checked"):

        class Unchecked(ServiceFormView, CouncilScopedMixin):
            form_class = forms.Form


def test_a_named_permission_is_the_one_checked(board_member, make_user, leicester):
    assert get(HistoryPage, board_member, council_slug=leicester.slug).content == b"read"
    with pytest.raises(PermissionDenied):
        get(PeoplePage, board_member)


def test_refusal_answers_403_and_logs_who_was_refused_what_where(board_member, leicester, caplog):
    refused = pytest.raises(PermissionDenied, match=r"You cannot change council here\.")
    with caplog.at_level(logging.WARNING, logger="sendtracker.access"), refused:
        get(CouncilForm, board_member, council_slug=leicester.slug)

    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            f"Refused change_council on council {leicester.slug} at /page/ "
            f"to user {board_member.pk}",
        )
    ]


def test_refusal_of_a_site_wide_permission_logs_the_path(board_member, caplog):
    refused = pytest.raises(PermissionDenied, match=r"You cannot manage users\.")
    with caplog.at_level(logging.WARNING, logger="sendtracker.access"), refused:
        get(PeoplePage, board_member)

    assert [r.getMessage() for r in caplog.records] == [
        f"Refused manage_users on the site at /page/ to user {board_member.pk}"
    ]


def test_a_council_the_user_may_not_see_is_not_found_before_any_permission(
    make_user, leicester, caplog
):
    outsider = make_user()
    with caplog.at_level(logging.WARNING, logger="sendtracker.access"), pytest.raises(Http404):
        get(CouncilForm, outsider, council_slug=leicester.slug)

    assert caplog.records == []
