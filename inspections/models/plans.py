from django.db import models
from django.utils.functional import cached_property

from sendtracker.core.models.fields import council_link, optional_link, version_field
from sendtracker.core.querysets import scoped_manager
from sendtracker.core.status import StatusKey


class PlanKind(models.TextChoices):
    WSOA = "wsoa", "Written Statement of Action"
    APP = "app", "Accelerated Progress Plan"
    PRIORITY = "priority", "Priority Action Plan"
    STRATEGIC = "strategic", "Strategic Action Plan"
    LOCAL = "local", "Local improvement plan"


# The kinds of area a plan's actions may address: a WSOA or APP the 2016 areas of
# weakness, a priority action plan its areas for priority action, a strategic action
# plan its areas for improvement; a local plan any area of its inspection.
PLAN_AREA_KINDS = {
    "wsoa": ("weakness",),
    "app": ("weakness",),
    "priority": ("priority_action",),
    "strategic": ("improvement",),
}


class ImprovementPlan(models.Model):
    """A council's plan of actions after an inspection (or of its own)."""

    council = council_link("improvement_plans")
    inspection = optional_link(
        "inspections.Inspection", related_name="plans", on_delete=models.PROTECT
    )
    kind = models.CharField(max_length=10, choices=PlanKind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    approved_on = models.DateField("judged fit for purpose on", null=True, blank=True)
    approved_by = models.CharField(
        max_length=200, blank=True, help_text="For example, DfE and NHS England."
    )
    board_cadence = models.CharField(
        "board monitoring", max_length=100, blank=True, help_text="For example, monthly SENDIB."
    )
    dfe_cadence = models.CharField(
        "DfE and NHS England monitoring",
        max_length=100,
        blank=True,
        help_text="For example, quarterly.",
    )
    published = models.BooleanField(default=False)
    status_key = models.CharField(
        "status colours", max_length=20, choices=StatusKey.choices, default=StatusKey.BRAG
    )
    # Rises with every edit of the plan's details; a form carries it to refuse stale edits.
    version = version_field(editable=False)

    objects = scoped_manager()

    class Meta:
        ordering = ["council", "-approved_on", "title"]

    def __str__(self) -> str:
        return f"{self.council} – {self.title}"

    def get_absolute_url(self) -> str:
        return self.council.url_of("inspections:plan-detail", plan_id=self.pk)

    def allowed_areas(self):
        """The areas and sub-areas this plan's actions may address (a queryset).

        Its inspection's areas of the kinds the plan's kind answers (PLAN_AREA_KINDS),
        and their sub-areas that are no other plan's split.
        """
        from .inspections import AreaOfWeakness

        if not self.inspection_id:
            return AreaOfWeakness.objects.none()
        areas = AreaOfWeakness.objects.filter(inspection_id=self.inspection_id).filter(
            models.Q(plan__isnull=True) | models.Q(plan_id=self.pk)
        )
        kinds = PLAN_AREA_KINDS.get(self.kind)
        return areas.filter(kind__in=kinds) if kinds else areas

    def allows(self, area) -> bool:
        """Whether `allowed_areas()` includes `area`, decided without a query."""
        kinds = PLAN_AREA_KINDS.get(self.kind)
        return (
            self.inspection_id is not None
            and area.inspection_id == self.inspection_id
            and area.plan_id in (None, self.pk)
            and (not kinds or area.kind in kinds)
        )

    @cached_property
    def inspection_areas(self) -> list:
        """Every area and sub-area of the plan's inspection, each sub-area with its parent
        and each with `allowed` (`allows`): one query, read once per plan instance, in
        reading order (kind, area, its sub-areas)."""
        from .inspections import AreaOfWeakness

        if not self.inspection_id:
            return []
        # Unordered (sorted below): the model's ordering joins the inspection and council.
        areas = list(AreaOfWeakness.objects.filter(inspection_id=self.inspection_id).order_by())
        by_id = {area.pk: area for area in areas}
        for area in areas:
            if area.parent_id:
                area.parent = by_id[area.parent_id]
            area.allowed = self.allows(area)
        return sorted(
            areas,
            key=lambda a: (
                a.kind,
                a.parent.number if a.parent_id else a.number,
                a.number if a.parent_id else 0,
            ),
        )


class ReviewPoint(models.Model):
    """A planned review of the plan, such as the six-month review."""

    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.CASCADE, related_name="review_points"
    )
    name = models.CharField(max_length=100)
    due_on = models.DateField()

    class Meta:
        ordering = ["plan", "due_on"]

    def __str__(self) -> str:
        return f"{self.name} ({self.due_on:%d %B %Y})"
