from django.urls import path

from inspections import views

app_name = "inspections"

plan = "councils/<slug:council_slug>/plans/<int:plan_id>/"
action = plan + "actions/<int:action_id>/"

urlpatterns = [
    path("inspections/", views.HomeView.as_view(), name="home"),
    path(
        "councils/<slug:council_slug>/plans/",
        views.CouncilPlansView.as_view(),
        name="council-plans",
    ),
    path(
        "councils/<slug:council_slug>/exceptions/",
        views.CouncilExceptionsView.as_view(),
        name="council-exceptions",
    ),
    path(plan, views.PlanDetailView.as_view(), name="plan-detail"),
    path(plan + "brag/", views.BragView.as_view(), name="plan-brag"),
    path(plan + "exceptions/", views.PlanExceptionsView.as_view(), name="plan-exceptions"),
    path(plan + "changes/", views.PlanChangesView.as_view(), name="plan-changes"),
    path(action, views.ActionDetailView.as_view(), name="action-detail"),
    path(action + "status/", views.ActionStatusUpdateView.as_view(), name="action-status"),
    path(action + "sign-off/", views.ActionSignOffView.as_view(), name="action-sign-off"),
]
