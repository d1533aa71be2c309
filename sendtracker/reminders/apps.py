from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "sendtracker.reminders"
    label = "reminders"
    verbose_name = "Email reminders"
