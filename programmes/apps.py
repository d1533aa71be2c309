from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Improvement programmes"

    def ready(self):
        from programmes import models
        from sendtracker.core import audit

        for model in (
            models.Programme,
            models.Phase,
            models.Workstream,
            models.Enabler,
            models.Milestone,
            models.MilestoneUpdate,
            models.Measure,
            models.TrajectoryPoint,
            models.Observation,
            models.Risk,
            models.HighNeedsYear,
        ):
            audit.register(model)
