from django.db import models

from sendtracker.core.models.fields import (
    between,
    council_link,
    in_order,
    known,
    lines_of,
    one_a_line,
    optional_link,
    role_title,
    version_field,
)
from sendtracker.core.querysets import scoped_manager


class ProgrammeKind(models.TextChoices):
    DBV = "dbv", "Delivering Better Value in SEND (DBV)"
    TRANSFORMATION = "transformation", "Council transformation programme"
    SAFETY_VALVE = "safety_valve", "Safety Valve agreement"
    OTHER = "other", "Other programme"


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class Programme(models.Model):
    """An improvement programme of one council: DBV, its own transformation, Safety Valve.

    `status` is the programme's lifecycle; how it is going (on track, delayed) is
    derived from its workstreams' milestones, never typed in.
    """

    council = council_link("programmes")
    kind = models.CharField(max_length=20, choices=ProgrammeKind.choices)
    name = models.CharField(max_length=200)
    tranche = models.CharField(
        max_length=100, blank=True, help_text="For DBV, for example Tranche 1 (first wave)."
    )
    aim = models.TextField(blank=True)
    delivery_partners = models.CharField(
        max_length=300, blank=True, help_text="For example, Newton Europe; CIPFA."
    )
    senior_responsible_officer = role_title(
        help_text="A role title, for example Director of Children's Services."
    )
    allocation = optional_link(
        "grants.Allocation", related_name="programmes", verbose_name="funding grant allocation"
    )
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ACTIVE
    )
    # Rises with every change of the programme's details or phases; the edit form carries it.
    version = version_field()

    objects = scoped_manager()

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="programme_name_unique_in_council"
            ),
            known("kind", ProgrammeKind, name="programme_kind_known"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.council.url_of("programmes:programme-detail", programme_id=self.pk)


class Phase(models.Model):
    """A phase or module of a programme (DBV: 1 diagnostics, 2 deep dive, 3 results)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    objects = scoped_manager("programme__council")

    class Meta:
        ordering = ["programme", "position", "pk"]
        constraints = [
            in_order("starts_on", "ends_on", name="phase_ends_after_start", optional=True),
        ]

    def __str__(self) -> str:
        return self.name


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
    version = version_field()

    objects = scoped_manager("programme__council")

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
        return self.programme.council.url_of(
            "programmes:workstream-detail", programme_id=self.programme_id, workstream_id=self.pk
        )

    delivery_team_list = lines_of("delivery_team")
    stakeholders_design_list = lines_of("stakeholders_design")
    other_interdependencies_list = lines_of("other_interdependencies")
    likely_measures_list = lines_of("likely_measures")

    @property
    def stakeholders_impacted_list(self) -> list[tuple[str, str]]:
        """(who, how) pairs; `how` is blank where the plan names only who."""
        pairs = []
        for line in one_a_line(self.stakeholders_impacted):
            who, _, how = line.partition(":")
            pairs.append((who.strip(), how.strip()))
        return pairs


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
            between("level", 1, 5, name="enabler_level_1_to_5"),
            known("area", EnablerArea, name="enabler_area_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()} {self.code}"

    @property
    def code(self) -> str:
        return f"{self.area}{self.level}"
