from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "sendtracker.reminders"
    label = "reminders"
    verbose_name = "Email reminders"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deployment checks)
