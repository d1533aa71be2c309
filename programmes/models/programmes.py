from django.db import models
from django.urls import reverse

from sendtracker.core.querysets import ScopedQuerySet


class ProgrammeKind(models.TextChoices):
    DBV = "dbv", "Delivering Better Value in SEND (DBV)"
    TRANSFORMATION = "transformation", "Council transformation programme"
    SAFETY_VALVE = "safety_valve", "Safety Valve agreement"
    OTHER = "other", "Other programme"


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ProgrammeQuerySet(ScopedQuerySet):
    council_field = "council"


class Programme(models.Model):
    """An improvement programme of one council: DBV, its own transformation, Safety Valve.

    `status` is the programme's lifecycle; how it is going (on track, delayed) is
    derived from its workstreams' milestones, never typed in.
    """

    council = models.ForeignKey("core.Council", on_delete=models.PROTECT, related_name="programmes")
    kind = models.CharField(max_length=20, choices=ProgrammeKind.choices)
    name = models.CharField(max_length=200)
    tranche = models.CharField(
        max_length=100, blank=True, help_text="For DBV, for example Tranche 1 (first wave)."
    )
    aim = models.TextField(blank=True)
    delivery_partners = models.CharField(
        max_length=300, blank=True, help_text="For example, Newton Europe; CIPFA."
    )
    senior_responsible_officer = models.CharField(
        max_length=200,
        blank=True,
        help_text="A role title, for example Director of Children's Services.",
    )
    allocation = models.ForeignKey(
        "grants.Allocation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
        verbose_name="funding grant allocation",
    )
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ACTIVE
    )
    # Rises with every change of the programme's details or phases; the edit form carries it.
    version = models.PositiveIntegerField(default=1)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="programme_name_unique_in_council"
            ),
            models.CheckConstraint(
                name="programme_kind_known", condition=models.Q(kind__in=ProgrammeKind.values)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "programmes:programme-detail",
            kwargs={"council_slug": self.council.slug, "programme_id": self.pk},
        )


class PhaseQuerySet(ScopedQuerySet):
    council_field = "programme__council"


class Phase(models.Model):
    """A phase or module of a programme (DBV: 1 diagnostics, 2 deep dive, 3 results)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    objects = PhaseQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="phase_ends_after_start",
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WorkstreamQuerySet(ScopedQuerySet):
    council_field = "programme__council"


class Workstream(models.Model):
    """One workstream of a programme: seed 001's one-page workstream summary.

    People are role titles. Lists (delivery team, stakeholders, other
    interdependencies, likely measures) are one item a line.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="workstreams")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    objective = models.TextField("objective and approach", blank=True)
    senior_accountable_officer = models.CharField(max_length=200, blank=True)
    project_lead = models.CharField(max_length=200, blank=True)
    delivery_team = models.TextField(blank=True, help_text="One role or team a line.")
    stakeholders_design = models.TextField(
        "stakeholders who support design", blank=True, help_text="One a line."
    )
    stakeholders_impacted = models.TextField(
        "stakeholders impacted by change",
        blank=True,
        help_text="One a line: who, a colon, then how. For example, Parents: confidence improves.",
    )
    depends_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="needed_by",
        verbose_name="depends on workstreams",
    )
    other_interdependencies = models.TextField(
        blank=True, help_text="Work outside this programme it depends on, one a line."
    )
    likely_measures = models.TextField(
        blank=True, help_text="Measures named in the plan, one a line, tracked or not yet."
    )
    # Rises with every change of its details, enablers or interdependencies.
    version = models.PositiveIntegerField(default=1)

    objects = WorkstreamQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="workstream_name_unique_in_programme"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "programmes:workstream-detail",
            kwargs={
                "council_slug": self.programme.council.slug,
                "programme_id": self.programme_id,
                "workstream_id": self.pk,
            },
        )

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def delivery_team_list(self) -> list[str]:
        return self._lines(self.delivery_team)

    @property
    def stakeholders_design_list(self) -> list[str]:
        return self._lines(self.stakeholders_design)

    @property
    def stakeholders_impacted_list(self) -> list[tuple[str, str]]:
        """(who, how) pairs; `how` is blank where the plan names only who."""
        pairs = []
        for line in self._lines(self.stakeholders_impacted):
            who, _, how = line.partition(":")
            pairs.append((who.strip(), how.strip()))
        return pairs

    @property
    def other_interdependencies_list(self) -> list[str]:
        return self._lines(self.other_interdependencies)

    @property
    def likely_measures_list(self) -> list[str]:
        return self._lines(self.likely_measures)


class EnablerArea(models.TextChoices):
    # Value is the prefix of the maturity code, as seed 001 writes it (G2, D1, Ca2).
    GOVERNANCE = "G", "Governance"
    DIGITAL = "D", "Digital capability"
    LEADERSHIP = "L", "Leadership"
    CAPACITY = "Ca", "Capacity"
    CAPABILITY = "Cb", "Capability"


ENABLER_ORDER = list(EnablerArea)


class Enabler(models.Model):
    """An enabler of a workstream at a maturity level, shown as its code (G2, D1, Ca2)."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="enablers")
    area = models.CharField(max_length=2, choices=EnablerArea.choices)
    level = models.PositiveSmallIntegerField(help_text="Maturity level, 1 (lowest) to 5.")

    class Meta:
        ordering = ["workstream", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workstream", "area"], name="one_enabler_per_area"),
            models.CheckConstraint(
                name="enabler_level_1_to_5", condition=models.Q(level__gte=1, level__lte=5)
            ),
            models.CheckConstraint(
                name="enabler_area_known", condition=models.Q(area__in=EnablerArea.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()} {self.code}"

    @property
    def code(self) -> str:
        return f"{self.area}{self.level}"
