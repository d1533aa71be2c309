from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sendtracker.core.forms import NewPasswordForm, ResetRequestForm, SignInForm
from sendtracker.core.ratelimit import password_reset_limited
from sendtracker.core.urls import page
from sendtracker.core.views import pages, people
from sendtracker.core.views.health import health
from sendtracker.dashboards.views import HomeView

handler403 = "sendtracker.core.views.errors.permission_denied"
handler404 = "sendtracker.core.views.errors.page_not_found"
handler500 = "sendtracker.core.views.errors.server_error"

account_patterns = [
    path(
        "sign-in/",
        pages.SignInView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True),
        name="login",
    ),
    page("sign-out/", auth_views.LogoutView, "logout"),
    path(
        "password-reset/",
        password_reset_limited(
            auth_views.PasswordResetView.as_view(
                form_class=ResetRequestForm,
                email_template_name="registration/password_reset_email.txt",
                subject_template_name="registration/password_reset_subject.txt",
            )
        ),
        name="password_reset",
    ),
    page("password-reset/sent/", auth_views.PasswordResetDoneView, "password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    page(
        "password-reset/complete/", auth_views.PasswordResetCompleteView, "password_reset_complete"
    ),
    page("", pages.AccountView, "account"),
]

council_patterns = [
    page("", pages.CouncilListView, "council-list"),
    page("<slug:council_slug>/", pages.CouncilDetailView, "council-detail"),
    page("<slug:council_slug>/details/", pages.CouncilDetailsEditView, "council-edit"),
    page("<slug:council_slug>/history/", pages.CouncilHistoryView, "council-history"),
]

people_patterns = [
    page("", people.PeopleListView, "people-list"),
    page("add/", people.PersonAddView, "person-add"),
    page("<int:user_id>/", people.PersonDetailView, "person-detail"),
    page("<int:user_id>/roles/", people.RoleGrantView, "person-role-grant"),
    page("<int:user_id>/roles/<int:role_id>/remove/", people.RoleRevokeView, "person-role-revoke"),
    page("<int:user_id>/access/", people.PersonActiveView, "person-active"),
]

urlpatterns = [
    # Core's home page, with what needs the person first (read from the domain apps).
    page("", HomeView, "home"),
    path("healthz/", health, name="health"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    # Published plans: public, so first (see sendtracker/publications/urls.py).
    path("", include("sendtracker.publications.urls")),
    path("account/", include(account_patterns)),
    path("councils/", include(council_patterns)),
    path("people/", include(people_patterns)),
    path("", include("inspections.urls")),
    path("", include("programmes.urls")),
    path("", include("sendtracker.dashboards.urls")),
    path("grants/", include("grants.urls")),
    path("", include("sendtracker.packs.urls")),
    path("", include("sendtracker.reminders.urls")),
    path("", include("sendtracker.official.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]
