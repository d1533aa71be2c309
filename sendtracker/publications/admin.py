"""Read-only views of published versions for site administrators: publishing and
withdrawing go through publications.services (the audit trail, the refusals)."""

from django.contrib import admin

from sendtracker.core.admin import ReadOnlyAdmin

from . import models


@admin.register(models.Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["council_name", "title", "version", "published_at", "current", "withdrawn_at"]
    list_filter = ["current"]
    search_fields = ["council_name", "title"]
    exclude = ["html"]
