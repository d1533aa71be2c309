from django.urls import path

from . import views

app_name = "packs"

urlpatterns = [
    path(
        "councils/<slug:council_slug>/plans/<int:plan_id>/pack/",
        views.PlanPackView.as_view(),
        name="plan-pack",
    ),
    path(
        "councils/<slug:council_slug>/pack/", views.CouncilPackView.as_view(), name="council-pack"
    ),
    path("regions/packs/", views.RegionPackListView.as_view(), name="region-packs"),
    path("regions/<slug:region_slug>/pack/", views.RegionPackView.as_view(), name="region-pack"),
    path("packs/<uuid:job_id>/", views.JobView.as_view(), name="job"),
    path("packs/<uuid:job_id>/download/", views.download, name="download"),
]
