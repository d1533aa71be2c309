from django.db import models
from django.utils import timezone

from sendtracker.core.models.fields import known, optional_link, person_link, version_field
from sendtracker.core.querysets import scoped_manager
from sendtracker.official.indicators import IndicatorChoice


class Unit(models.TextChoices):
    NUMBER = "number", "Number"
    PERCENT = "percent", "Percentage"
    POUNDS = "pounds", "Pounds (£)"
    DAYS = "days", "Days"
    WEEKS = "weeks", "Weeks"


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


def value_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, **kwargs)


class Measure(models.Model):
    """A KPI of a programme (and, usually, one of its workstreams) with its target.

    Rated against its trajectory: the trajectory points if any, otherwise a straight
    line from the baseline to the target. `tolerance` (in the measure's unit) is how
    far behind the trajectory still counts as a minor shortfall.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="measures"
    )
    workstream = optional_link("programmes.Workstream", related_name="measures")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    direction = models.CharField("direction of good", max_length=4, choices=Direction.choices)
    baseline_value = value_field("baseline")
    baseline_on = models.DateField("baseline date")
    target_value = value_field("target")
    target_on = models.DateField("target date")
    tolerance = value_field("tolerance", default=0)
    source = models.CharField(max_length=300, blank=True, help_text="Where the figures come from.")
    # An official series the measure tracks (sendtracker.official): its chart then shows
    # the council's, its region's and England's published figures too.
    official_indicator = models.CharField(
        "official statistic", max_length=40, choices=IndicatorChoice.choices, blank=True
    )
    version = version_field()

    objects = scoped_manager("programme__council")

    class Meta:
        ordering = ["programme", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="measure_target_after_baseline",
                condition=models.Q(target_on__gt=models.F("baseline_on")),
            ),
            models.CheckConstraint(
                name="measure_tolerance_not_negative", condition=models.Q(tolerance__gte=0)
            ),
            known("unit", Unit, name="measure_unit_known"),
            known("direction", Direction, name="measure_direction_known"),
            models.CheckConstraint(
                name="measure_official_indicator_known",
                condition=models.Q(official_indicator="")
                | models.Q(official_indicator__in=IndicatorChoice.values),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.programme.council.url_of(
            "programmes:measure-detail", programme_id=self.programme_id, measure_id=self.pk
        )


class TrajectoryPoint(models.Model):
    """An agreed point on the way from baseline to target."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="trajectory")
    on = models.DateField()
    value = value_field("expected value")

    class Meta:
        ordering = ["measure", "on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "on"], name="one_trajectory_point_a_date"),
        ]

    def __str__(self) -> str:
        return f"{self.value} by {self.on:%d %b %Y}"


class Observation(models.Model):
    """A measured value of a KPI on a date."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="observations")
    on = models.DateField("date measured")
    value = value_field("value")
    note = models.CharField(max_length=500, blank=True)
    by = person_link(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = scoped_manager("measure__programme__council")

    class Meta:
        ordering = ["measure", "on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "on"], name="one_observation_a_date"),
        ]

    def __str__(self) -> str:
        return f"{self.value} on {self.on:%d %b %Y}"
