from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections and improvement plans"

    def ready(self):
        from sendtracker.core import audit

        from . import models

        # StatusUpdate is itself an append-only history of actions, shown as the action's
        # timeline; each update also changes the Action, which the audit trail records.
        audit.register_app(self, exclude=[models.StatusUpdate, models.Action])
        audit.register(models.Action, exclude_fields=["version", "updated_at"])
