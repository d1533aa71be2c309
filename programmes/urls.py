from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
