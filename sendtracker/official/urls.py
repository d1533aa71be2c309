from django.urls import path

from . import views

app_name = "official"

urlpatterns = [
    path(
        "councils/<slug:council_slug>/statistics/",
        views.CouncilStatisticsView.as_view(),
        name="council-statistics",
    ),
]
