from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections and improvement plans"

    def ready(self):
        from sendtracker.core import audit

        from . import models

        for model in (
            models.Inspection,
            models.AreaOfWeakness,
            models.Revisit,
            models.RevisitJudgement,
            models.ImprovementPlan,
            models.ReviewPoint,
            models.ActionMilestone,
        ):
            audit.register(model)
        # StatusUpdate is itself an append-only history of actions, shown as the action's
        # timeline; each update also changes the Action, which the audit trail records.
        audit.register(models.Action, exclude_fields=["version", "updated_at"])
