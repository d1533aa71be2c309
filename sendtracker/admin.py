from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SendTrackerAdminSite(admin.AdminSite):
    """Django admin, open to site administrators (a role), not to Django's is_staff."""

    site_header = "SEND tracker administration"
    site_title = "SEND tracker administration"

    def has_permission(self, request):
        from sendtracker.core.access import access_for

        return request.user.is_active and access_for(request.user).site_administrator


class SendTrackerAdminConfig(AdminConfig):
    default_site = "sendtracker.admin.SendTrackerAdminSite"
