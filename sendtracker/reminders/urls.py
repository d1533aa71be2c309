from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("account/reminders/", views.ReminderChoicesView.as_view(), name="choices"),
    path("reminders/", views.ReminderLogView.as_view(), name="log"),
]
