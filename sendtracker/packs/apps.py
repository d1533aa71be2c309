import logging

from django.apps import AppConfig


class PacksConfig(AppConfig):
    name = "sendtracker.packs"
    label = "packs"
    verbose_name = "PDF progress packs"

    def ready(self) -> None:
        # WeasyPrint logs every step of every page at INFO: thousands of lines a pack.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

        from sendtracker.core.audit import register

        from .models import PackJob

        # Every export, direct or in the background, is one PackJob: auditing it puts
        # who exported what, when and under which marking into the audit trail.
        register(PackJob, exclude_fields=["file", "error"])
