from django.urls import path

from inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
