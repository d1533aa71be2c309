"""Read-only views of inspections and plans for site administrators: every change goes
through inspections.services, so that the rules, the status history and the audit
trail apply."""

from django.contrib import admin

from sendtracker.core.admin import ReadOnlyAdmin, read_only_inline

from . import models


@admin.register(models.Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["council", "framework", "started_on", "outcome"]
    list_filter = ["framework", "outcome"]
    search_fields = ["council__name"]
    list_select_related = ["council"]
    inlines = [
        read_only_inline(
            models.AreaOfWeakness, "kind", "parent", "plan", "number", "title", "short_title"
        ),
        read_only_inline(models.Revisit, "started_on", "ended_on", "letter_url"),
        read_only_inline(models.MonitoringInspection, "started_on", "ended_on", "letter_url"),
    ]


@admin.register(models.Revisit)
class RevisitAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "started_on", "ended_on"]
    list_select_related = ["inspection__council"]
    inlines = [read_only_inline(models.RevisitJudgement, "area", "sufficient_progress")]


@admin.register(models.MonitoringInspection)
class MonitoringInspectionAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "started_on", "ended_on"]
    list_select_related = ["inspection__council"]
    inlines = [read_only_inline(models.MonitoringFinding, "area", "improved")]


@admin.register(models.ImprovementPlan)
class ImprovementPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "kind", "approved_on", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "council__name"]
    list_select_related = ["council"]
    inlines = [read_only_inline(models.ReviewPoint, "name", "due_on")]


@admin.register(models.Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["ref", "plan", "status", "stage", "recovery_date", "updated_at"]
    list_filter = ["status", "stage"]
    search_fields = ["ref", "description", "leads", "plan__title"]
    list_select_related = ["plan__council"]
    inlines = [
        read_only_inline(models.ActionMilestone, "kind", "due_on", "description"),
        read_only_inline(
            models.StatusUpdate,
            *("at", "by", "new_status", "new_stage", "note", "reason", "signed_off", "version"),
        ),
    ]
