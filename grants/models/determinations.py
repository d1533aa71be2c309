import datetime

from django.db import models
from django.urls import reverse

from sendtracker.core.models.fields import (
    in_order,
    not_negative,
    numbered_within,
    parent_link,
    version_field,
)
from sendtracker.core.money import money_field


class LegalBasis(models.TextChoices):
    SECTION_31 = "section_31", "Section 31 of the Local Government Act 2003"
    GRANT_AGREEMENT = "grant_agreement", "Grant agreement"


class DeterminationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    MADE = "made", "Made"
    CLOSED = "closed", "Closed"


class DeterminationQuerySet(models.QuerySet):
    """Determinations are national records: users with national or regional scope read
    them all. A council-scoped user reads those with an allocation they may read (one
    to their council): a grant agreement made to another council alone names that
    council's plans in its purpose.

    Their allocations are read through `Allocation.objects.visible_to`.
    """

    def visible_to(self, user):
        from sendtracker.core.access import access_for

        from .allocations import Allocation

        access = access_for(user)
        if access.national or access.region_ids:
            return self
        if not access.sees_anything:
            return self.none()
        readable = Allocation.objects.visible_to(user).filter(determination=models.OuterRef("pk"))
        return self.filter(models.Exists(readable))


class GrantDetermination(models.Model):
    """A grant made under section 31 (or a grant agreement), with its Annex B allocations."""

    title = models.CharField("citation or title", max_length=300)
    legal_basis = models.CharField(
        max_length=20, choices=LegalBasis.choices, default=LegalBasis.SECTION_31
    )
    dfe_reference = models.CharField("DfE reference", max_length=50, blank=True)
    determination_reference = models.CharField(
        "determination reference", max_length=50, blank=True, help_text="For example, 31/5492."
    )
    financial_year = models.CharField(max_length=7, help_text="For example, 2021-22.")
    period_start = models.DateField("start of the grant period")
    period_end = models.DateField("end of the grant period")
    purpose = models.TextField(blank=True)
    ring_fenced = models.BooleanField(default=False)
    conditions = models.TextField(blank=True)
    clawback = models.BooleanField("clawback applies", default=False)
    reporting_required = models.BooleanField("reporting is a condition", default=False)
    total_available = money_field(
        "total funding available", null=True, blank=True, help_text="Blank if not published."
    )
    signed_by_role = models.CharField("signed by (role)", max_length=200, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    letter = models.FileField("determination letter (PDF)", upload_to="grants/letters/", blank=True)
    status = models.CharField(
        max_length=10, choices=DeterminationStatus.choices, default=DeterminationStatus.DRAFT
    )

    version = version_field(editable=False)

    objects = DeterminationQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "title"]
        constraints = [
            in_order("period_start", "period_end", name="determination_period_in_order"),
            not_negative("total_available", name="determination_total_not_negative", nullable=True),
            models.CheckConstraint(
                condition=models.Q(financial_year__regex=r"^[0-9]{4}-[0-9]{2}$"),
                name="determination_financial_year_format",
            ),
            models.UniqueConstraint(
                fields=["determination_reference"],
                condition=~models.Q(determination_reference=""),
                name="determination_reference_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:determination-detail", kwargs={"pk": self.pk})

    def in_period(self, day: datetime.date) -> bool:
        return self.period_start <= day <= self.period_end


class SuccessMeasure(models.Model):
    """One success measure of Annex A; `parent` gives one level of sub-items."""

    determination = models.ForeignKey(
        GrantDetermination, on_delete=models.CASCADE, related_name="success_measures"
    )
    parent = parent_link("children")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["determination", "parent_id", "position"]
        constraints = numbered_within(
            "determination",
            "position",
            name="success_measure_position_unique",
            sub_name="success_measure_sub_item_position_unique",
            top=models.Q(parent=None),
        )

    def __str__(self) -> str:
        return self.text[:80]


class Instalment(models.Model):
    """A planned instalment of the determination's payment schedule."""

    determination = models.ForeignKey(
        GrantDetermination, on_delete=models.CASCADE, related_name="instalments"
    )
    position = models.PositiveSmallIntegerField()
    due_on = models.DateField("due date")
    description = models.CharField(max_length=200, blank=True)
    share_percent = models.DecimalField(
        "share of each allocation (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount = money_field("amount", null=True, blank=True)

    class Meta:
        ordering = ["determination", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["determination", "position"], name="instalment_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(share_percent__gt=0, share_percent__lte=100)
                | models.Q(share_percent=None),
                name="instalment_share_between_0_and_100",
            ),
            not_negative("amount", name="instalment_amount_not_negative", nullable=True),
        ]

    def __str__(self) -> str:
        return f"Instalment {self.position} ({self.due_on:%b %Y})"

    @property
    def outside_period(self) -> bool:
        """True when due outside the grant's period: saved, but worth a warning."""
        return not self.determination.in_period(self.due_on)
