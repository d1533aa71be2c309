from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import URLResolver


class SendTrackerAdminSite(admin.AdminSite):
    """Django admin, for site administrators (a role), not Django's is_staff; to anyone
    else every admin address, its sign-in page too, answers "page not found", so that
    it shows nobody where it is (its path comes from the environment: ADMIN_PATH)."""

    site_header = "SEND tracker administration"
    site_title = "SEND tracker administration"

    def has_permission(self, request):
        from sendtracker.core.access import access_for

        return request.user.is_active and access_for(request.user).site_administrator

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def for_site_administrators(request, *args, **kwargs):
            if not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return update_wrapper(for_site_administrators, inner)

    def get_urls(self):
        """Signed-out visitors too get "not found", not a redirect to a sign-in page that
        names the path: the sign-in requirement is admin_view's, not the middleware's."""
        urls = super().get_urls()
        _not_behind_sign_in(urls)
        return urls

    @login_not_required
    def login(self, request, extra_context=None):
        """Site administrators sign in where everyone does; the admin has no sign-in."""
        if not self.has_permission(request):
            raise Http404
        return redirect("admin:index")


def _not_behind_sign_in(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _not_behind_sign_in(pattern.url_patterns)
        elif getattr(pattern.callback, "login_required", True):
            pattern.callback.login_required = False


class SendTrackerAdminConfig(AdminConfig):
    default_site = "sendtracker.admin.SendTrackerAdminSite"
