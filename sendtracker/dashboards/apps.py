from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """Dashboards read the domain apps; what they show of board meetings is core's
    (sendtracker.core.models.meetings, audited there)."""

    name = "sendtracker.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards and board meetings"
