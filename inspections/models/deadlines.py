from django.db import models

from sendtracker.core.models.fields import council_link, optional_link, person_link, version_field
from sendtracker.core.querysets import scoped_manager


class DeadlineKind(models.TextChoices):
    """The clocks the frameworks set (inspections/clocks.py works them out)."""

    # Of an inspection
    WSOA_DUE = "wsoa_due", "Written statement of action due"
    REVISIT = "revisit", "Revisit expected"
    PRIORITY_PLAN_DUE = "priority_plan_due", "Priority action plan due"
    MONITORING_INSPECTION = "monitoring_inspection", "Monitoring inspection expected"
    NEXT_INSPECTION = "next_inspection", "Next full inspection expected"
    # Of an accelerated progress plan
    APP_REVIEW = "app_review", "Progress review"
    APP_EVIDENCE = "app_evidence", "Evidence to DfE"


INSPECTION_DEADLINES = (
    DeadlineKind.WSOA_DUE,
    DeadlineKind.REVISIT,
    DeadlineKind.PRIORITY_PLAN_DUE,
    DeadlineKind.MONITORING_INSPECTION,
    DeadlineKind.NEXT_INSPECTION,
)
PLAN_DEADLINES = (DeadlineKind.APP_REVIEW, DeadlineKind.APP_EVIDENCE)


class DeadlineOverride(models.Model):
    """A date set by hand in place of the one a framework's clock gives, with why.

    Of one inspection or one plan (exactly one), once per kind of deadline. The
    worked-out date is kept in code, not here: it is shown beside the override.
    """

    council = council_link("deadline_overrides")
    inspection = optional_link(
        "inspections.Inspection", related_name="deadline_overrides", on_delete=models.CASCADE
    )
    plan = optional_link(
        "inspections.ImprovementPlan", related_name="deadline_overrides", on_delete=models.CASCADE
    )
    kind = models.CharField(max_length=30, choices=DeadlineKind.choices)
    due_on = models.DateField("due on")
    reason = models.TextField()
    by = person_link()
    at = models.DateTimeField()
    # Rises with every change; the override form carries it to refuse a stale save.
    version = version_field(editable=False)

    objects = scoped_manager()

    class Meta:
        ordering = ["council", "due_on"]
        constraints = [
            models.CheckConstraint(
                name="deadline_override_of_inspection_or_plan",
                condition=(
                    models.Q(
                        inspection__isnull=False,
                        plan__isnull=True,
                        kind__in=[k.value for k in INSPECTION_DEADLINES],
                    )
                    | models.Q(
                        inspection__isnull=True,
                        plan__isnull=False,
                        kind__in=[k.value for k in PLAN_DEADLINES],
                    )
                ),
            ),
            models.CheckConstraint(
                name="deadline_override_has_reason", condition=~models.Q(reason="")
            ),
            models.UniqueConstraint(
                fields=["inspection", "kind"],
                condition=models.Q(inspection__isnull=False),
                name="one_override_per_inspection_deadline",
            ),
            models.UniqueConstraint(
                fields=["plan", "kind"],
                condition=models.Q(plan__isnull=False),
                name="one_override_per_plan_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.due_on:%-d %B %Y} ({self.reason[:60]})"
