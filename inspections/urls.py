from django.urls import path

from inspections import views
from sendtracker.core.urls import import_paths, record_paths

app_name = "inspections"

council = "councils/<slug:council_slug>/"
plan = council + "plans/<int:plan_id>/"
action = plan + "actions/<int:action_id>/"
inspection = council + "inspections/<int:inspection_id>/"

urlpatterns = [
    path("inspections/", views.HomeView.as_view(), name="home"),
    path("my-actions/", views.MyActionsView.as_view(), name="my-actions"),
    # A council's exception report (actions and programme milestones) is the dashboards'.
    *record_paths(council, "council", plans=views.CouncilPlansView),
    path(
        council + "inspections/new/", views.InspectionCreateView.as_view(), name="inspection-create"
    ),
    path(inspection + "edit/", views.InspectionEditView.as_view(), name="inspection-edit"),
    path(inspection + "areas/new/", views.AreaCreateView.as_view(), name="area-create"),
    path(inspection + "revisits/new/", views.RevisitCreateView.as_view(), name="revisit-create"),
    path(
        inspection + "monitoring-inspections/new/",
        views.MonitoringInspectionCreateView.as_view(),
        name="monitoring-create",
    ),
    path(
        inspection + "deadlines/<slug:kind>/",
        views.InspectionDeadlineView.as_view(),
        name="inspection-deadline",
    ),
    path(plan + "deadlines/<slug:kind>/", views.PlanDeadlineView.as_view(), name="plan-deadline"),
    path(council + "plans/new/", views.PlanCreateView.as_view(), name="plan-create"),
    *import_paths(
        council + "plans/import/",
        "plan-import-new",
        views.NewPlanImport,
    ),
    *import_paths(plan + "import/", "plan-import", views.ExistingPlanImport),
    *record_paths(
        plan,
        "plan",
        detail=views.PlanDetailView,
        edit=views.PlanEditView,
        brag=views.BragView,
        exceptions=views.PlanExceptionsView,
        changes=views.PlanChangesView,
        history=views.PlanHistoryView,
    ),
    path(plan + "actions/new/", views.ActionCreateView.as_view(), name="action-create"),
    *record_paths(
        action,
        "action",
        detail=views.ActionDetailView,
        edit=views.ActionEditView,
        status=views.ActionStatusUpdateView,
        sign_off=views.ActionSignOffView,
    ),
]
