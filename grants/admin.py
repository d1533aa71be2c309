"""Read-only views of grants for site administrators: every change goes through the
service pages, so that the rules and the audit trail apply."""

from django.contrib import admin

from grants import models
from sendtracker.core.admin import ReadOnlyAdmin, read_only_inline


@admin.register(models.GrantDetermination)
class GrantDeterminationAdmin(ReadOnlyAdmin):
    list_display = ["title", "determination_reference", "financial_year", "status", "ring_fenced"]
    list_filter = ["financial_year", "status", "ring_fenced", "legal_basis"]
    search_fields = ["title", "dfe_reference", "determination_reference"]
    inlines = [
        read_only_inline(models.SuccessMeasure, "parent", "position", "text"),
        read_only_inline(
            models.Instalment, "position", "due_on", "description", "share_percent", "amount"
        ),
    ]


@admin.register(models.Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ["council", "determination", "total", "status"]
    list_filter = ["status", "determination__financial_year"]
    search_fields = ["council__name", "determination__title"]
    list_select_related = ["council", "determination"]
    inlines = [read_only_inline(models.Payment, "paid_on", "amount", "instalment", "reference")]


@admin.register(models.UsageStatement)
class UsageStatementAdmin(ReadOnlyAdmin):
    list_display = ["allocation", "period", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["allocation__council", "allocation__determination"]
    inlines = [read_only_inline(models.UsageLine, "category", "description", "amount")]
