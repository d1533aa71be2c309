from django.urls import path

from programmes import views

app_name = "programmes"

council = "councils/<slug:council_slug>/"
programme = council + "programmes/<int:programme_id>/"
workstream = programme + "workstreams/<int:workstream_id>/"
milestone = programme + "milestones/<int:milestone_id>/"
measure = programme + "measures/<int:measure_id>/"

urlpatterns = [
    path("programmes/", views.HomeView.as_view(), name="home"),
    path(council + "programmes/", views.CouncilProgrammesView.as_view(), name="council-programmes"),
    path(council + "programmes/add/", views.ProgrammeCreateView.as_view(), name="programme-add"),
    path(council + "high-needs/", views.HighNeedsView.as_view(), name="high-needs"),
    path(council + "high-needs/add/", views.HighNeedsYearCreateView.as_view(), name="year-add"),
    path(
        council + "high-needs/<int:year>/change/",
        views.HighNeedsYearEditView.as_view(),
        name="year-change",
    ),
    path(programme, views.ProgrammeDetailView.as_view(), name="programme-detail"),
    path(programme + "change/", views.ProgrammeEditView.as_view(), name="programme-change"),
    path(programme + "risks/", views.RiskRegisterView.as_view(), name="risk-register"),
    path(programme + "risks/add/", views.RiskCreateView.as_view(), name="risk-add"),
    path(
        programme + "risks/<int:risk_id>/change/",
        views.RiskEditView.as_view(),
        name="risk-change",
    ),
    path(
        programme + "workstreams/add/",
        views.WorkstreamCreateView.as_view(),
        name="workstream-add",
    ),
    path(workstream, views.WorkstreamDetailView.as_view(), name="workstream-detail"),
    path(workstream + "change/", views.WorkstreamEditView.as_view(), name="workstream-change"),
    path(workstream + "milestones/", views.MilestoneTreeView.as_view(), name="milestone-tree"),
    path(
        workstream + "milestones/add/",
        views.MilestoneCreateView.as_view(),
        name="milestone-add",
    ),
    path(milestone + "update/", views.MilestoneUpdateView.as_view(), name="milestone-update"),
    path(milestone + "change/", views.MilestoneEditView.as_view(), name="milestone-change"),
    path(programme + "measures/add/", views.MeasureCreateView.as_view(), name="measure-add"),
    path(measure, views.MeasureDetailView.as_view(), name="measure-detail"),
    path(measure + "change/", views.MeasureEditView.as_view(), name="measure-change"),
    path(measure + "observations/", views.ObservationAddView.as_view(), name="observation-add"),
]
