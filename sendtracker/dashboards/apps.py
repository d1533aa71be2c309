from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "sendtracker.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards and board meetings"

    def ready(self):
        from sendtracker.core import audit

        from . import models

        audit.register(models.BoardMeeting)
        audit.register(models.AgreedAction)
