from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Improvement programmes"

    def ready(self):
        from sendtracker.core import audit

        audit.register_app(self)
