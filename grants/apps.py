from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = "Grants"

    def ready(self):
        from grants import models
        from sendtracker.core import audit

        for model in [
            models.GrantDetermination,
            models.SuccessMeasure,
            models.Instalment,
            models.Allocation,
            models.Payment,
            models.UsageStatement,
            models.UsageLine,
        ]:
            # Own columns only: not the id, nor reverse relations other apps add.
            fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
            audit.register(model, include_fields=fields)
