from django.db import models
from django.urls import reverse

from sendtracker.core.models.fields import council_link, not_negative, optional_link
from sendtracker.core.money import equals_to_the_penny, money_field
from sendtracker.core.querysets import ScopedQuerySet, scoped_manager


class AllocationStatus(models.TextChoices):
    OFFERED = "offered", "Offered"
    ACCEPTED = "accepted", "Accepted"
    PAID = "paid", "Paid"
    REPORTED = "reported", "Reported"
    CLOSED = "closed", "Closed"


class AllocationQuerySet(ScopedQuerySet):
    council_field = "council"
    # An adviser for the region an allocation supports sees it (seed 000: Leicester, in
    # the East Midlands, is paid to coordinate the West Midlands).
    also_region_fields = ("region_supported",)
    health_partners_read = False

    def with_progress(self):
        """Annotate `paid` and `reported` (Decimal or None), one subquery each."""
        from .usage import UsageLine, UsageStatus

        paid = (
            Payment.objects.filter(allocation=models.OuterRef("pk"))
            .values("allocation")
            .annotate(s=models.Sum("amount"))
            .values("s")
        )
        reported = (
            UsageLine.objects.filter(
                statement__allocation=models.OuterRef("pk"),
                statement__status__in=[UsageStatus.SUBMITTED, UsageStatus.ACCEPTED],
            )
            .values("statement__allocation")
            .annotate(s=models.Sum("amount"))
            .values("s")
        )
        return self.annotate(
            paid=models.Subquery(paid, output_field=models.DecimalField()),
            reported=models.Subquery(reported, output_field=models.DecimalField()),
        )


class Allocation(models.Model):
    """One row of Annex B: what one council is paid under a determination.

    A pending allocation (amount not yet known) has no total; base funding and top-up
    are both known or both blank, and when known the total is their sum.
    """

    determination = models.ForeignKey(
        "grants.GrantDetermination", on_delete=models.PROTECT, related_name="allocations"
    )
    council = council_link("grant_allocations")
    region_supported = optional_link(
        "core.Region",
        related_name="+",
        on_delete=models.PROTECT,
        help_text="May differ from the council's own region.",
    )
    las_in_region = models.PositiveSmallIntegerField(
        "number of LAs in region", null=True, blank=True
    )
    base_funding = money_field("base funding", null=True, blank=True)
    top_up = money_field("top-up", null=True, blank=True)
    total = money_field("total", null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=AllocationStatus.choices, default=AllocationStatus.OFFERED
    )
    decision = models.CharField("acceptance decision", max_length=300, blank=True)
    decision_body = models.CharField("decided by", max_length=150, blank=True)
    decided_on = models.DateField("decision date", null=True, blank=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["determination", "council__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["determination", "council"], name="allocation_one_per_council"
            ),
            not_negative("base_funding", name="allocation_base_not_negative", nullable=True),
            not_negative("top_up", name="allocation_top_up_not_negative", nullable=True),
            not_negative("total", name="allocation_total_not_negative", nullable=True),
            models.CheckConstraint(
                condition=models.Q(base_funding=None, top_up=None)
                | (
                    models.Q(base_funding__isnull=False, top_up__isnull=False, total__isnull=False)
                    & models.Q(
                        equals_to_the_penny(
                            models.F("total"), models.F("base_funding") + models.F("top_up")
                        )
                    )
                ),
                name="allocation_total_is_base_plus_top_up",
            ),
            models.CheckConstraint(
                condition=models.Q(total__isnull=False) | models.Q(status=AllocationStatus.OFFERED),
                name="allocation_pending_only_offered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} – {self.determination}"

    def get_absolute_url(self) -> str:
        return reverse("grants:allocation-detail", kwargs={"pk": self.pk})

    @property
    def pending(self) -> bool:
        return self.total is None

    # `paid` and `reported` are annotated by AllocationQuerySet.with_progress().
    @property
    def remaining(self):
        """The allocation less the spend reported; None while pending."""
        if self.total is None:
            return None
        return self.total - (getattr(self, "reported", None) or 0)

    @property
    def over_reported(self) -> bool:
        """More spend reported than has been paid: allowed, but flagged."""
        return (getattr(self, "reported", None) or 0) > (getattr(self, "paid", None) or 0)


class Payment(models.Model):
    """Money actually paid to a council against its allocation."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="payments")
    instalment = optional_link(
        "grants.Instalment", related_name="payments", on_delete=models.PROTECT
    )
    amount = money_field("amount")
    paid_on = models.DateField("date paid")
    reference = models.CharField(max_length=100, blank=True)

    objects = scoped_manager("allocation__council", health_partners_read=False)

    class Meta:
        ordering = ["allocation", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount:,} on {self.paid_on:%d %b %Y}"
