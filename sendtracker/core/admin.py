from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from sendtracker.core.models import Council, Region, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["council", "region"]
    fields = ["role", "council", "region", "granted_at"]
    readonly_fields = ["granted_at"]


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
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code"]
    search_fields = ["name", "ons_code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "dfe_la_code", "ons_code", "type", "region"]
    list_filter = ["region", "type"]
    search_fields = ["name", "ons_code", "dfe_la_code"]

    # Reference data comes from refresh_councils; councils keep their own details on
    # their council page, where edits are versioned. Here they are read-only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
