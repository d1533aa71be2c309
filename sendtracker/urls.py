from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sendtracker.core.forms import NewPasswordForm, ResetRequestForm, SignInForm
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
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ResetRequestForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=NewPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", pages.AccountView.as_view(), name="account"),
]

council_patterns = [
    path("", pages.CouncilListView.as_view(), name="council-list"),
    path("<slug:council_slug>/", pages.CouncilDetailView.as_view(), name="council-detail"),
    path(
        "<slug:council_slug>/details/",
        pages.CouncilDetailsEditView.as_view(),
        name="council-edit",
    ),
    path(
        "<slug:council_slug>/history/",
        pages.CouncilHistoryView.as_view(),
        name="council-history",
    ),
]

people_patterns = [
    path("", people.PeopleListView.as_view(), name="people-list"),
    path("add/", people.PersonAddView.as_view(), name="person-add"),
    path("<int:user_id>/", people.PersonDetailView.as_view(), name="person-detail"),
    path("<int:user_id>/roles/", people.RoleGrantView.as_view(), name="person-role-grant"),
    path(
        "<int:user_id>/roles/<int:role_id>/remove/",
        people.RoleRevokeView.as_view(),
        name="person-role-revoke",
    ),
    path("<int:user_id>/access/", people.PersonActiveView.as_view(), name="person-active"),
]

urlpatterns = [
    # Core's home page, with what needs the person first (read from the domain apps).
    path("", HomeView.as_view(), name="home"),
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
    path("admin/", admin.site.urls),
]
