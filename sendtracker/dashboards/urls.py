from django.urls import path

from sendtracker.dashboards import views

app_name = "dashboards"

council = "councils/<slug:council_slug>/dashboard/"

urlpatterns = [
    path("dashboards/", views.DashboardHomeView.as_view(), name="home"),
    path("dashboards/region/", views.RegionView.as_view(), name="region"),
    path("dashboards/national/", views.NationalView.as_view(), name="national"),
    path(
        "dashboards/region/inspections/",
        views.RegionInspectionsView.as_view(),
        name="region-inspections",
    ),
    path(
        "dashboards/national/inspections/",
        views.NationalInspectionsView.as_view(),
        name="national-inspections",
    ),
    path(council, views.CouncilDashboardView.as_view(), name="council"),
    path(council + "trends/", views.TrendsView.as_view(), name="trends"),
    path(
        "councils/<slug:council_slug>/exceptions/",
        views.CouncilExceptionsView.as_view(),
        name="council-exceptions",
    ),
    path(council + "meetings/new/", views.MeetingCreateView.as_view(), name="meeting-add"),
    path(
        council + "meetings/<int:meeting_id>/",
        views.MeetingDetailView.as_view(),
        name="meeting-detail",
    ),
]
