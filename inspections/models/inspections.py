import datetime

from django.conf import settings
from django.db import models

from sendtracker.core.models.fields import (
    council_link,
    in_order,
    known,
    numbered_within,
    optional_link,
    parent_link,
)
from sendtracker.core.ofsted import Outcome
from sendtracker.core.querysets import scoped_manager


class Framework(models.TextChoices):
    LOCAL_AREA_2016 = "2016", "Local area SEND inspection (2016 framework)"
    AREA_SEND_2023 = "2023", "Area SEND inspection (2023 framework)"


class AreaKind(models.TextChoices):
    """What an inspection names: areas of weakness (2016); areas for priority action and
    areas for improvement (2023)."""

    WEAKNESS = "weakness", "Area of weakness"
    PRIORITY_ACTION = "priority_action", "Area for priority action"
    IMPROVEMENT = "improvement", "Area for improvement"


AREA_KINDS = {
    Framework.LOCAL_AREA_2016: (AreaKind.WEAKNESS,),
    Framework.AREA_SEND_2023: (AreaKind.PRIORITY_ACTION, AreaKind.IMPROVEMENT),
}


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

    @property
    def is_2023(self) -> bool:
        return self.framework == Framework.AREA_SEND_2023

    @property
    def area_kinds(self) -> tuple[str, ...]:
        """The kinds of area its framework names (AREA_KINDS)."""
        return AREA_KINDS[self.framework]

    @property
    def needs_priority_action_plan(self) -> bool:
        """Widespread and/or systemic failings require a priority action plan."""
        return self.is_2023 and self.outcome == Outcome.SYSTEMIC_FAILINGS

    @property
    def monitoring_expected_in(self) -> datetime.date | None:
        """The month a monitoring inspection is usually due (the first of it): the
        setting's months after the report of widespread and/or systemic failings."""
        if not self.needs_priority_action_plan or not self.report_published_on:
            return None
        after = settings.SEND_FRAMEWORK_WINDOWS["monitoring_inspection_months"]
        months = self.report_published_on.month - 1 + after
        return datetime.date(self.report_published_on.year + months // 12, months % 12 + 1, 1)

    @property
    def may_have_strategic_action_plan(self) -> bool:
        """An area with inconsistent experiences and outcomes may keep a strategic action
        plan for its areas for improvement."""
        return self.is_2023 and self.outcome == Outcome.INCONSISTENT


class AreaOfWeakness(models.Model):
    """A numbered area an inspection named, of its framework's kinds.

    2016: an area of weakness. 2023: an area for priority action or an area for
    improvement, numbered within its kind. A sub-area (`parent`) is a plan's own split
    of an area, not an inspection finding: `plan` names the plan that split it (blank
    only for sub-areas recorded before plans owned them).
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="areas")
    parent = parent_link("sub_areas")
    kind = models.CharField(max_length=20, choices=AreaKind.choices, default=AreaKind.WEAKNESS)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    text = models.TextField(
        blank=True, help_text="The area's full wording in the report, if longer than its title."
    )
    short_title = models.CharField(
        max_length=100, blank=True, help_text="As the BRAG on a page shows it."
    )
    plan = optional_link(
        "inspections.ImprovementPlan",
        related_name="own_sub_areas",
        on_delete=models.CASCADE,
        help_text="For a sub-area: the plan that split the area into it.",
    )

    class Meta:
        ordering = ["inspection", "kind", "parent__number", "number"]
        verbose_name_plural = "areas of weakness"
        constraints = [
            *numbered_within(
                "inspection",
                "number",
                name="area_number_unique_in_inspection",
                sub_name="sub_area_number_unique_in_area",
            )[1:],
            models.UniqueConstraint(
                fields=["inspection", "kind", "number"],
                condition=models.Q(parent__isnull=True),
                name="area_number_unique_in_inspection_and_kind",
            ),
            known("kind", AreaKind, name="area_kind_known"),
            models.CheckConstraint(
                name="area_plan_only_for_sub_areas",
                condition=models.Q(plan__isnull=True) | models.Q(parent__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.title}"

    @property
    def label(self) -> str:
        if self.parent_id:
            return f"Area {self.parent.number}.{self.number}"
        if self.kind == AreaKind.WEAKNESS:
            return f"Area {self.number}"
        return f"{self.get_kind_display()} {self.number}"


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


class MonitoringInspection(models.Model):
    """A 2023 framework monitoring inspection (usually about 18 months after a report of
    widespread and/or systemic failings): per area for priority action, improved or not."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="monitoring_inspections"
    )
    started_on = models.DateField()
    ended_on = models.DateField()
    letter_url = models.URLField("published letter", blank=True)

    class Meta:
        ordering = ["inspection", "started_on"]
        constraints = [
            in_order("started_on", "ended_on", name="monitoring_inspection_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"Monitoring inspection of {self.inspection.council}, {self.started_on:%B %Y}"


class MonitoringFinding(models.Model):
    """Whether an area for priority action has improved, as a monitoring inspection found."""

    monitoring = models.ForeignKey(
        MonitoringInspection, on_delete=models.CASCADE, related_name="findings"
    )
    area = models.ForeignKey(
        AreaOfWeakness, on_delete=models.CASCADE, related_name="monitoring_findings"
    )
    improved = models.BooleanField()

    class Meta:
        ordering = ["monitoring", "area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["monitoring", "area"], name="one_finding_per_area_per_monitoring"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area.label}: {'improved' if self.improved else 'not improved'}"
