from django.urls import path

from programmes import views
from programmes.views import imports
from sendtracker.core.urls import import_paths, record_paths

app_name = "programmes"

council = "councils/<slug:council_slug>/"
programme = council + "programmes/<int:programme_id>/"
workstream = programme + "workstreams/<int:workstream_id>/"
milestone = programme + "milestones/<int:milestone_id>/"
measure = programme + "measures/<int:measure_id>/"

urlpatterns = [
    path("programmes/", views.HomeView.as_view(), name="home"),
    *record_paths(council, "council", programmes=views.CouncilProgrammesView),
    path(council + "programmes/add/", views.ProgrammeCreateView.as_view(), name="programme-add"),
    path(council + "high-needs/", views.HighNeedsView.as_view(), name="high-needs"),
    *import_paths(
        council + "high-needs/import/",
        "high-needs-import",
        imports.HighNeedsImport,
    ),
    path(council + "high-needs/add/", views.HighNeedsYearCreateView.as_view(), name="year-add"),
    path(
        council + "high-needs/<int:year>/change/",
        views.HighNeedsYearEditView.as_view(),
        name="year-change",
    ),
    *record_paths(
        programme, "programme", detail=views.ProgrammeDetailView, change=views.ProgrammeEditView
    ),
    path(programme + "risks/", views.RiskRegisterView.as_view(), name="risk-register"),
    path(programme + "risks/add/", views.RiskCreateView.as_view(), name="risk-add"),
    path(
        programme + "risks/<int:risk_id>/change/", views.RiskEditView.as_view(), name="risk-change"
    ),
    path(
        programme + "workstreams/add/", views.WorkstreamCreateView.as_view(), name="workstream-add"
    ),
    *record_paths(
        workstream, "workstream", detail=views.WorkstreamDetailView, change=views.WorkstreamEditView
    ),
    path(workstream + "milestones/", views.MilestoneTreeView.as_view(), name="milestone-tree"),
    *import_paths(
        workstream + "milestones/import/",
        "milestone-import",
        imports.MilestoneImport,
    ),
    path(workstream + "milestones/add/", views.MilestoneCreateView.as_view(), name="milestone-add"),
    *record_paths(
        milestone, "milestone", update=views.MilestoneUpdateView, change=views.MilestoneEditView
    ),
    *import_paths(
        programme + "observations/import/",
        "observation-import",
        imports.ProgrammeObservationImport,
    ),
    *import_paths(
        measure + "observations/import/",
        "measure-observation-import",
        imports.MeasureObservationImport,
    ),
    path(programme + "measures/add/", views.MeasureCreateView.as_view(), name="measure-add"),
    *record_paths(measure, "measure", detail=views.MeasureDetailView, change=views.MeasureEditView),
    path(measure + "observations/", views.ObservationAddView.as_view(), name="observation-add"),
]
