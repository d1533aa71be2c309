from django.db import models

from sendtracker.core.models.fields import between, known, optional_link, role_title, version_field
from sendtracker.core.querysets import ScopedQuerySet


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    MANAGED = "managed", "Managed (mitigation in place)"
    CLOSED = "closed", "Closed"


class RiskQuerySet(ScopedQuerySet):
    council_field = "programme__council"

    def live(self):
        return self.exclude(status=RiskStatus.CLOSED)


class Risk(models.Model):
    """A risk on a programme's register; score = likelihood x impact, computed by the database."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="risks"
    )
    workstream = optional_link("programmes.Workstream", related_name="risks")
    description = models.TextField()
    cause = models.TextField(blank=True)
    likelihood = models.PositiveSmallIntegerField(help_text="1 (rare) to 5 (almost certain).")
    impact = models.PositiveSmallIntegerField(help_text="1 (negligible) to 5 (severe).")
    score = models.GeneratedField(
        expression=models.F("likelihood") * models.F("impact"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    mitigation = models.TextField(blank=True)
    owner = role_title()
    review_on = models.DateField("review date", null=True, blank=True)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    version = version_field()

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            between("likelihood", 1, 5, name="risk_likelihood_1_to_5"),
            between("impact", 1, 5, name="risk_impact_1_to_5"),
            known("status", RiskStatus, name="risk_status_known"),
        ]

    def __str__(self) -> str:
        return self.description[:80]
