"""The read-only admin pieces every app's admin uses for records written by services."""

from django.contrib import admin
from django.test import RequestFactory

from sendtracker.core.admin import ReadOnlyAdmin, ReadOnlyInline, read_only_inline
from sendtracker.core.models import Council, RoleAssignment


def test_a_read_only_admin_adds_changes_and_deletes_nothing():
    model_admin = ReadOnlyAdmin(Council, admin.site)
    request = RequestFactory().get("/admin/")

    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_read_only_inline_shows_the_fields_named():
    inline = read_only_inline(RoleAssignment, "role", "council")

    assert issubclass(inline, ReadOnlyInline)
    assert (inline.model, inline.fields, inline.__name__) == (
        RoleAssignment,
        ["role", "council"],
        "RoleAssignmentInline",
    )
    assert not inline(Council, admin.site).has_add_permission(RequestFactory().get("/"))
