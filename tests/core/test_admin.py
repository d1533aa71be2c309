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


def test_the_admin_answers_not_found_to_anyone_but_a_site_administrator(
    client, officer, site_administrator
):
    for user in (None, officer):
        if user:
            client.force_login(user)
        for url in ("/admin/", "/admin/login/", "/admin/core/user/", "/admin/logout/"):
            assert client.get(url).status_code == 404, (user, url)
    client.force_login(site_administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/").status_code == 302  # they are signed in already


def test_the_admin_is_where_the_environment_puts_it():
    import os
    import subprocess
    import sys

    from django.conf import settings

    script = "from django.urls import reverse; print(reverse('admin:index'))"
    env = {
        **os.environ,
        "ADMIN_PATH": "/staff-only-7f3k",
        "DJANGO_SETTINGS_MODULE": "sendtracker.settings",
    }
    found = subprocess.run(  # noqa: S603 (this Python, this project)
        [sys.executable, "manage.py", "shell", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    assert found.stdout.strip().splitlines()[-1] == "/staff-only-7f3k/"


def test_roles_are_shown_in_the_admin_not_changed_there():
    from sendtracker.core.admin import UserAdmin

    inline = UserAdmin.inlines[0]
    assert issubclass(inline, ReadOnlyInline) and inline.model is RoleAssignment


def test_no_one_gives_themselves_a_role_on_a_council(make_user, leicester):
    """(Every role change is audited: tests/core/test_audit.py.)"""
    import pytest

    from sendtracker.core.errors import DomainError
    from sendtracker.core.models.people import Role
    from sendtracker.core.services import grant_role

    admin_one = make_user(Role.SITE_ADMINISTRATOR)
    admin_two = make_user(Role.SITE_ADMINISTRATOR)
    with pytest.raises(DomainError, match="cannot give yourself a role on a council"):
        grant_role(user=admin_one, by=admin_one, role=Role.BOARD_MEMBER, council=leicester)
    assert not RoleAssignment.objects.filter(user=admin_one, role=Role.BOARD_MEMBER).exists()
    grant_role(user=admin_one, by=admin_two, role=Role.BOARD_MEMBER, council=leicester)
    assert RoleAssignment.objects.filter(user=admin_one, role=Role.BOARD_MEMBER).exists()
