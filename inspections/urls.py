from django.urls import path

from inspections import views

app_name = "inspections"

plan = "councils/<slug:council_slug>/plans/<int:plan_id>/"
action = plan + "actions/<int:action_id>/"
inspection = "councils/<slug:council_slug>/inspections/<int:inspection_id>/"

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
    path(
        "councils/<slug:council_slug>/inspections/new/",
        views.InspectionCreateView.as_view(),
        name="inspection-create",
    ),
    path(inspection + "edit/", views.InspectionEditView.as_view(), name="inspection-edit"),
    path(inspection + "areas/new/", views.AreaCreateView.as_view(), name="area-create"),
    path(
        inspection + "revisits/new/",
        views.RevisitCreateView.as_view(),
        name="revisit-create",
    ),
    path(
        "councils/<slug:council_slug>/plans/new/",
        views.PlanCreateView.as_view(),
        name="plan-create",
    ),
    path(plan + "edit/", views.PlanEditView.as_view(), name="plan-edit"),
    path(plan + "actions/new/", views.ActionCreateView.as_view(), name="action-create"),
    path(action + "edit/", views.ActionEditView.as_view(), name="action-edit"),
    path(plan, views.PlanDetailView.as_view(), name="plan-detail"),
    path(plan + "brag/", views.BragView.as_view(), name="plan-brag"),
    path(plan + "exceptions/", views.PlanExceptionsView.as_view(), name="plan-exceptions"),
    path(plan + "changes/", views.PlanChangesView.as_view(), name="plan-changes"),
    path(action, views.ActionDetailView.as_view(), name="action-detail"),
    path(action + "status/", views.ActionStatusUpdateView.as_view(), name="action-status"),
    path(action + "sign-off/", views.ActionSignOffView.as_view(), name="action-sign-off"),
]
