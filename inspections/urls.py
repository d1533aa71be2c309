from inspections import views
from sendtracker.core.urls import import_paths, page, record_paths

app_name = "inspections"

council = "councils/<slug:council_slug>/"
plan = council + "plans/<int:plan_id>/"
action = plan + "actions/<int:action_id>/"
inspection = council + "inspections/<int:inspection_id>/"

urlpatterns = [
    page("inspections/", views.HomeView, "home"),
    page("my-actions/", views.MyActionsView, "my-actions"),
    # A council's exception report (actions and programme milestones) is the dashboards'.
    *record_paths(council, "council", plans=views.CouncilPlansView),
    page(council + "inspections/new/", views.InspectionCreateView, "inspection-create"),
    page(inspection + "edit/", views.InspectionEditView, "inspection-edit"),
    page(inspection + "areas/new/", views.AreaCreateView, "area-create"),
    page(inspection + "revisits/new/", views.RevisitCreateView, "revisit-create"),
    page(
        inspection + "monitoring-inspections/new/",
        views.MonitoringInspectionCreateView,
        "monitoring-create",
    ),
    page(
        inspection + "deadlines/<slug:kind>/", views.InspectionDeadlineView, "inspection-deadline"
    ),
    page(plan + "deadlines/<slug:kind>/", views.PlanDeadlineView, "plan-deadline"),
    page(council + "plans/new/", views.PlanCreateView, "plan-create"),
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
    page(plan + "actions/new/", views.ActionCreateView, "action-create"),
    *record_paths(
        action,
        "action",
        detail=views.ActionDetailView,
        edit=views.ActionEditView,
        status=views.ActionStatusUpdateView,
        sign_off=views.ActionSignOffView,
    ),
]
