from django.db import models

from sendtracker.core.models.fields import council_link, in_order, numbered_within, parent_link
from sendtracker.core.querysets import scoped_manager


class Framework(models.TextChoices):
    LOCAL_AREA_2016 = "2016", "Local area SEND inspection (2016 framework)"
    AREA_SEND_2023 = "2023", "Area SEND inspection (2023 framework)"


class Outcome(models.TextChoices):
    POSITIVE = "positive", "Positive experiences and outcomes"
    INCONSISTENT = "inconsistent", "Inconsistent experiences and outcomes"
    SYSTEMIC_FAILINGS = "systemic_failings", "Widespread and/or systemic failings"


class Inspection(models.Model):
    """An Ofsted and CQC inspection of a council's local area SEND arrangements."""

    council = council_link("inspections")
    framework = models.CharField(max_length=4, choices=Framework.choices)
    inspectorates = models.CharField(max_length=100, default="Ofsted and CQC")
    started_on = models.DateField("inspection started")
    ended_on = models.DateField("inspection ended")
    outcome = models.CharField(
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text="2023 framework only. The 2016 framework names areas of weakness instead.",
    )
    report_published_on = models.DateField(null=True, blank=True)
    report_url = models.URLField("published report", blank=True)

    objects = scoped_manager()

    class Meta:
        ordering = ["council", "-started_on"]
        constraints = [
            in_order("started_on", "ended_on", name="inspection_ends_after_start"),
            models.CheckConstraint(
                name="inspection_outcome_only_in_2023_framework",
                condition=models.Q(framework="2023") | models.Q(outcome=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council} – {self.get_framework_display()}, {self.started_on:%B %Y}"


class AreaOfWeakness(models.Model):
    """A numbered area of weakness an inspection named; may have numbered sub-areas."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="areas")
    parent = parent_link("sub_areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    short_title = models.CharField(
        max_length=100, blank=True, help_text="As the BRAG on a page shows it."
    )

    class Meta:
        ordering = ["inspection", "parent__number", "number"]
        verbose_name_plural = "areas of weakness"
        constraints = numbered_within(
            "inspection",
            "number",
            name="area_number_unique_in_inspection",
            sub_name="sub_area_number_unique_in_area",
        )

    def __str__(self) -> str:
        return f"{self.label}: {self.title}"

    @property
    def label(self) -> str:
        if self.parent_id:
            return f"Area {self.parent.number}.{self.number}"
        return f"Area {self.number}"


class Revisit(models.Model):
    """A revisit judging whether each area of weakness has made sufficient progress."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="revisits")
    started_on = models.DateField()
    ended_on = models.DateField()
    letter_url = models.URLField("published letter", blank=True)

    class Meta:
        ordering = ["inspection", "started_on"]

    def __str__(self) -> str:
        return f"Revisit of {self.inspection.council}, {self.started_on:%B %Y}"


class RevisitJudgement(models.Model):
    revisit = models.ForeignKey(Revisit, on_delete=models.CASCADE, related_name="judgements")
    area = models.ForeignKey(AreaOfWeakness, on_delete=models.CASCADE, related_name="judgements")
    sufficient_progress = models.BooleanField()

    class Meta:
        ordering = ["revisit", "area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["revisit", "area"], name="one_judgement_per_area_per_revisit"
            )
        ]

    def __str__(self) -> str:
        verdict = "sufficient progress" if self.sufficient_progress else "not sufficient progress"
        return f"{self.area.label}: {verdict}"
