from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "sendtracker.publications"
    label = "publications"
    verbose_name = "Published plans"

    def ready(self):
        from sendtracker.core import audit

        from . import models

        audit.register(models.PlanPublishing)
        # The snapshot is the page itself, kept on the row and never changed: the audit
        # trail records who published or withdrew which version, and when.
        audit.register(models.Publication, exclude_fields=["snapshot", "html"])
