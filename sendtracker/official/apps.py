from django.apps import AppConfig


class OfficialConfig(AppConfig):
    name = "sendtracker.official"
    label = "official"
    verbose_name = "Official statistics"
