"""Site administrators' view of programme records. Users do their work in the app's
own pages, through programmes.services; the admin is for looking and for repairs."""

from django.contrib import admin

from .models import HighNeedsYear, Measure, Milestone, Programme, Risk, Workstream


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "council", "kind", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "council__name"]
    raw_id_fields = ["allocation"]


@admin.register(Workstream)
class WorkstreamAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    search_fields = ["name", "programme__name"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "workstream", "planned_end", "progress", "status_override"]
    list_filter = ["progress"]
    search_fields = ["title", "workstream__name"]
    raw_id_fields = ["parent", "workstream"]
    readonly_fields = ["version"]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "unit", "direction", "target_value", "target_on"]
    search_fields = ["name"]
    readonly_fields = ["version"]


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ["description", "programme", "likelihood", "impact", "score", "status"]
    list_filter = ["status"]


@admin.register(HighNeedsYear)
class HighNeedsYearAdmin(admin.ModelAdmin):
    list_display = [
        "council",
        "year_starting",
        "kind",
        "direct_spend",
        "indirect_spend",
        "allocation",
    ]
    list_filter = ["kind"]
