from django.urls import path

from programmes import views

app_name = "programmes"

council = "councils/<slug:council_slug>/"
programme = council + "programmes/<int:programme_id>/"
workstream = programme + "workstreams/<int:workstream_id>/"
measure = programme + "measures/<int:measure_id>/"

urlpatterns = [
    path("programmes/", views.HomeView.as_view(), name="home"),
    path(council + "programmes/", views.CouncilProgrammesView.as_view(), name="council-programmes"),
    path(council + "high-needs/", views.HighNeedsView.as_view(), name="high-needs"),
    path(programme, views.ProgrammeDetailView.as_view(), name="programme-detail"),
    path(programme + "risks/", views.RiskRegisterView.as_view(), name="risk-register"),
    path(workstream, views.WorkstreamDetailView.as_view(), name="workstream-detail"),
    path(workstream + "milestones/", views.MilestoneTreeView.as_view(), name="milestone-tree"),
    path(
        programme + "milestones/<int:milestone_id>/update/",
        views.MilestoneUpdateView.as_view(),
        name="milestone-update",
    ),
    path(measure, views.MeasureDetailView.as_view(), name="measure-detail"),
    path(measure + "observations/", views.ObservationAddView.as_view(), name="observation-add"),
]
