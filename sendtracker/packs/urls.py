from django.urls import path

from . import views

app_name = "packs"

urlpatterns = [
    path(
        "councils/<slug:council_slug>/plans/<int:plan_id>/pack/",
        views.PlanPackView.as_view(),
        name="plan-pack",
    ),
    path("packs/<uuid:job_id>/", views.JobView.as_view(), name="job"),
    path("packs/<uuid:job_id>/download/", views.download, name="download"),
]
