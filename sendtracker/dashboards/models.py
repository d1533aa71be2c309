from django.db import models

# Board meetings live in core, so that a domain app's record can name the meeting that
# signed it off (docs/decisions.md); the dashboards keep their pages and this name.
from sendtracker.core.models.meetings import AgreedAction, BoardMeeting

__all__ = ["AgreedAction", "BoardMeeting", "CouncilSummary"]


class CouncilSummary(models.Model):
    """One row of figures per council, in three parts: plans, programmes and grants.

    Dashboards over many councils read one row each instead of deriving figures from
    thousands of records (dashboards.summaries). Every write to a part of a council's
    records raises that part's version on the council (`Council.plans_version`, ...) in
    the write's own transaction (sendtracker.core.writes); a part of this row holds
    while its `*_clean` (the version it was computed at) is the council's. Figures that
    depend on the date (overdue actions and milestones, derived milestone statuses)
    were computed on `*_computed_on` and hold until `*_valid_until` (the first day one
    of them can change; never, when None). `manage.py rebuild_summaries` recomputes every row and
    reports any figure that was wrong.
    """

    council = models.OneToOneField(
        "core.Council", on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    # plans: inspections.selectors.action_figures_by_council's figures
    actions = models.JSONField(default=dict, help_text="total, signed_off, status{}, stage{}")
    actions_overdue = models.PositiveIntegerField(default=0)
    latest_plan = models.ForeignKey(
        "inspections.ImprovementPlan", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # inspections.selectors.delay_entry of each delayed action, and change_entry of the
    # newest status updates (selectors.RECENT_CHANGES), for the council's dashboard
    delays = models.JSONField(default=list)
    recent_changes = models.JSONField(default=list)
    # inspections.selectors.deadline_entry of each clock of its latest inspection and the
    # plans answering it, before their status on a day (read with deadlines_on)
    deadlines = models.JSONField(default=list)
    # inspections.selectors.brag_entries_by_council's BRAG on a page of each plan
    brag = models.JSONField(default=dict)
    plans_clean = models.PositiveBigIntegerField(null=True)
    plans_computed_on = models.DateField(null=True)
    plans_valid_until = models.DateField(null=True)
    # programmes: programmes.selectors' figures
    programmes = models.JSONField(default=list, help_text="[[programme id, status, name], ...]")
    programme_status = models.CharField(max_length=20, blank=True)
    overdue_milestones = models.PositiveIntegerField(default=0)
    next_milestones = models.JSONField(default=list)
    scorecard = models.JSONField(default=list, help_text="each measure's scorecard row")
    high_needs = models.JSONField(default=list, help_text="each High Needs Block year's figures")
    measures = models.PositiveIntegerField(default=0)
    measures_off_track = models.PositiveIntegerField(default=0)
    deficit = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    deficit_label = models.CharField(max_length=20, blank=True)
    programmes_clean = models.PositiveBigIntegerField(null=True)
    programmes_computed_on = models.DateField(null=True)
    programmes_valid_until = models.DateField(null=True)
    # grants: grants.selectors.totals_by_council's sums
    allocated = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    paid = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    reported = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    allocations = models.PositiveIntegerField(default=0)
    allocations_pending = models.PositiveIntegerField(default=0)
    grants_clean = models.PositiveBigIntegerField(null=True)
    grants_computed_on = models.DateField(null=True)

    class Meta:
        verbose_name_plural = "council summaries"

    def __str__(self) -> str:
        return f"Figures for council {self.council_id}"

    @property
    def remaining(self):
        return self.allocated - self.reported
