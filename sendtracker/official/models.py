"""Published official statistics, kept as published: reference data, not a council's records.

A value the publisher withheld stays withheld: `marker` holds its symbol (`c`
suppressed, `x` not available, `z` not applicable) and `value` is then empty, never 0.
"""

from django.db import models
from django.db.models import Q

from sendtracker.core.ofsted import Outcome

from .indicators import IndicatorChoice


class Publication(models.TextChoices):
    SEN2 = "sen2", "DfE: Education, health and care plans (SEN2)"
    INSPECTIONS_2016 = "inspections_2016", "Ofsted: area SEND inspections, 2016 framework"
    INSPECTIONS_2023 = "inspections_2023", "Ofsted: area SEND inspections, 2023 framework"


class Edition(models.Model):
    """One file of a publication as loaded: what every figure was read from."""

    publication = models.CharField(max_length=20, choices=Publication.choices)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    rows = models.PositiveIntegerField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["publication", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "sha256"], name="one_edition_a_file"),
        ]

    def __str__(self) -> str:
        return f"{self.get_publication_display()}: {self.file_name}"


class Level(models.TextChoices):
    NATIONAL = "national", "England"
    REGIONAL = "regional", "Region"
    COUNCIL = "council", "Local authority"


class Marker(models.TextChoices):
    SUPPRESSED = "c", "suppressed"
    NOT_AVAILABLE = "x", "not available"
    NOT_APPLICABLE = "z", "not applicable"


class Figure(models.Model):
    """One published value: an indicator for an area (England, a region or a council) in
    a calendar year, with the council's rank among councils with a figure that year
    (rates only: 1 is the highest), worked out when the file is loaded."""

    level = models.CharField(max_length=10, choices=Level.choices)
    code = models.CharField("ONS code as published", max_length=9)
    name = models.CharField(max_length=100)
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    council = models.ForeignKey(
        "core.Council", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    indicator = models.CharField(max_length=40, choices=IndicatorChoice.choices)
    value = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    marker = models.CharField(max_length=1, choices=Marker.choices, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    ranked_of = models.PositiveSmallIntegerField(null=True, blank=True)
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="figures")

    class Meta:
        ordering = ["indicator", "year", "level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "year", "indicator"], name="one_figure_an_area_a_year"
            ),
            models.CheckConstraint(
                name="figure_value_or_marker",
                condition=(Q(value__isnull=False) & Q(marker=""))
                | (Q(value__isnull=True) & Q(marker__in=Marker.values)),
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "council", "year"], name="figure_council_idx"),
            models.Index(fields=["indicator", "level", "region"], name="figure_region_idx"),
        ]

    def __str__(self) -> str:
        shown = self.marker if self.value is None else self.value
        return f"{self.name} {self.year} {self.indicator}: {shown}"


class Framework(models.TextChoices):
    # The same values as inspections.Framework: the dashboards compare the two.
    LOCAL_AREA_2016 = "2016", "2016 framework"
    AREA_SEND_2023 = "2023", "2023 framework"


class RevisitResult(models.TextChoices):
    NOT_YET = "not_yet", "Not revisited yet"
    ALL = "all", "Sufficient progress in every weakness"
    SOME = "some", "Sufficient progress in some"
    NONE = "none", "Sufficient progress in none"


class PublishedInspection(models.Model):
    """An area SEND inspection as Ofsted published it, for every council in England."""

    framework = models.CharField(max_length=4, choices=Framework.choices)
    # None for an authority since replaced (Cumbria, inspected in 2017).
    council = models.ForeignKey(
        "core.Council", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area_name = models.CharField(max_length=100)
    ofsted_region = models.CharField(max_length=100)
    started_on = models.DateField("inspection started")
    published_on = models.DateField("report published", null=True, blank=True)
    # 2016 framework
    wsoa_required = models.BooleanField("written statement of action required", null=True)
    weaknesses = models.PositiveSmallIntegerField("significant weaknesses", null=True, blank=True)
    revisit_started_on = models.DateField(null=True, blank=True)
    revisit_published_on = models.DateField(null=True, blank=True)
    revisit_result = models.CharField(max_length=10, choices=RevisitResult.choices, blank=True)
    weaknesses_sufficient = models.PositiveSmallIntegerField(null=True, blank=True)
    weaknesses_insufficient = models.PositiveSmallIntegerField(null=True, blank=True)
    # 2023 framework
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    priority_action_plan_required = models.BooleanField(null=True)
    priority_areas = models.PositiveSmallIntegerField(
        "areas for priority action", null=True, blank=True
    )
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="inspections")

    class Meta:
        ordering = ["area_name", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "area_name", "started_on"], name="one_published_inspection"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_name}, {self.started_on:%d %b %Y} ({self.framework})"

    @property
    def areas(self) -> int | None:
        """Significant weaknesses (2016) or areas for priority action (2023)."""
        return (
            self.weaknesses if self.framework == Framework.LOCAL_AREA_2016 else self.priority_areas
        )

    @property
    def plan_required(self) -> bool | None:
        if self.framework == Framework.LOCAL_AREA_2016:
            return self.wsoa_required
        return self.priority_action_plan_required
