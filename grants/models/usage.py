from django.db import models
from django.urls import reverse

from sendtracker.core.models.fields import not_negative, person_link
from sendtracker.core.money import money_field
from sendtracker.core.querysets import ScopedQuerySet


class UsageStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"


class SpendCategory(models.TextChoices):
    STAFF = "staff", "Staff and backfill"
    COMMISSIONED = "commissioned", "Commissioned services"
    WORKFORCE = "workforce", "Training and workforce development"
    DATA = "data", "Data and systems"
    OTHER = "other", "Other"


class UsageStatementQuerySet(ScopedQuerySet):
    council_field = "allocation__council"
    also_region_fields = ("allocation__region_supported",)
    health_partners_read = False

    def with_total(self):
        return self.annotate(total_spend=models.Sum("lines__amount"))


class UsageStatement(models.Model):
    """A council's statement of grant usage for one phase or period of an allocation."""

    allocation = models.ForeignKey(
        "grants.Allocation", on_delete=models.PROTECT, related_name="usage_statements"
    )
    period = models.CharField("phase or period", max_length=150)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    narrative = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=UsageStatus.choices, default=UsageStatus.SUBMITTED
    )
    submitted_by = person_link(on_delete=models.SET_NULL)
    submitted_at = models.DateTimeField()
    accepted_by = person_link(on_delete=models.SET_NULL, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = UsageStatementQuerySet.as_manager()

    class Meta:
        ordering = ["allocation", "submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "period"], name="usage_statement_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start"))
                | models.Q(period_end=None)
                | models.Q(period_start=None),
                name="usage_statement_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(status=UsageStatus.SUBMITTED)
                | models.Q(accepted_at__isnull=False),
                name="usage_statement_accepted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} – {self.allocation.council}"

    def get_absolute_url(self) -> str:
        return reverse("grants:usage-detail", kwargs={"pk": self.pk})


class UsageLine(models.Model):
    """One line of spend on a usage statement."""

    statement = models.ForeignKey(UsageStatement, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(max_length=20, choices=SpendCategory.choices)
    description = models.CharField(max_length=300, blank=True)
    amount = money_field("amount")

    class Meta:
        ordering = ["statement", "pk"]
        constraints = [
            not_negative("amount", name="usage_line_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: £{self.amount:,}"
