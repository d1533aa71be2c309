from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from sendtracker.core.models import Council, Region, RoleAssignment, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records whose every change goes through a service, so that its rules and the
    audit trail apply: site administrators look, and change them in the app's pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def read_only_inline(model, *fields: str) -> type[ReadOnlyInline]:
    """A read-only table of a record's `model` rows, showing `fields`."""
    return type(
        f"{model.__name__}Inline", (ReadOnlyInline,), {"model": model, "fields": list(fields)}
    )


# Roles are given and taken on the People pages, through core.services (which refuse
# self-grants and audit each change); here they are shown only.
RoleAssignmentInline = read_only_inline(RoleAssignment, "role", "council", "region", "granted_at")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "job_title", "is_active", "last_login"]
    list_filter = ["is_active", "role_assignments__role"]
    search_fields = ["email", "name"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["name", "job_title"]}),
        ("Status", {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["name", "ons_code"]
    search_fields = ["name", "ons_code"]


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin):
    # Reference data comes from refresh_councils; councils keep their own details on
    # their council page, where edits are versioned. Here they are read-only.
    list_display = ["name", "dfe_la_code", "ons_code", "type", "region"]
    list_filter = ["region", "type"]
    search_fields = ["name", "ons_code", "dfe_la_code"]
