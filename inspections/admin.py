"""Read-only views of inspections and plans for site administrators: every change goes
through inspections.services, so that the rules, the status history and the audit
trail apply."""

from django.contrib import admin

from sendtracker.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    ReviewPoint,
    Revisit,
    RevisitJudgement,
    StatusUpdate,
)


class AreaInline(ReadOnlyInline):
    model = AreaOfWeakness
    fields = ["parent", "number", "title", "short_title"]


class RevisitInline(ReadOnlyInline):
    model = Revisit
    fields = ["started_on", "ended_on", "letter_url"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["council", "framework", "started_on", "outcome"]
    list_filter = ["framework", "outcome"]
    search_fields = ["council__name"]
    list_select_related = ["council"]
    inlines = [AreaInline, RevisitInline]


class JudgementInline(ReadOnlyInline):
    model = RevisitJudgement
    fields = ["area", "sufficient_progress"]


@admin.register(Revisit)
class RevisitAdmin(ReadOnlyAdmin):
    list_display = ["inspection", "started_on", "ended_on"]
    list_select_related = ["inspection__council"]
    inlines = [JudgementInline]


class ReviewPointInline(ReadOnlyInline):
    model = ReviewPoint
    fields = ["name", "due_on"]


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "kind", "approved_on", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "council__name"]
    list_select_related = ["council"]
    inlines = [ReviewPointInline]


class ActionMilestoneInline(ReadOnlyInline):
    model = ActionMilestone
    fields = ["kind", "due_on", "description"]


class StatusUpdateInline(ReadOnlyInline):
    model = StatusUpdate
    fields = ["at", "by", "new_status", "new_stage", "note", "reason", "signed_off", "version"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["ref", "plan", "status", "stage", "recovery_date", "updated_at"]
    list_filter = ["status", "stage"]
    search_fields = ["ref", "description", "leads", "plan__title"]
    list_select_related = ["plan__council"]
    inlines = [ActionMilestoneInline, StatusUpdateInline]
