from django.db import models

from sendtracker.core.models.fields import between, council_link, known, version_field
from sendtracker.core.money import money_field
from sendtracker.core.querysets import scoped_manager


class FigureKind(models.TextChoices):
    ACTUAL = "actual", "Actual"
    FORECAST = "forecast", "Forecast"


class HighNeedsYear(models.Model):
    """A council's High Needs Block spend and allocation for one financial year.

    Only what is reported is stored. Total spend, over- or underspend and year-on-year
    growth are derived (programmes.derive.high_needs_rows). The cumulative deficit is
    the figure the council reports at the end of the year, never a running sum of
    in-year overspends (which leaves out reserves, transfers and balances brought
    forward): where the council reports none, none is stored and none is shown.
    """

    council = council_link("high_needs_years")
    year_starting = models.PositiveSmallIntegerField(
        help_text="The calendar year the financial year starts in: 2015 for 2015/16."
    )
    kind = models.CharField(max_length=10, choices=FigureKind.choices)
    direct_spend = money_field("direct spend")
    indirect_spend = money_field("indirect spend")
    allocation = money_field("DSG high-needs allocation")
    cumulative_deficit = money_field(
        "cumulative deficit",
        null=True,
        blank=True,
        help_text="The cumulative DSG high-needs deficit the council reports at the end of "
        "the year; blank where it reports none.",
    )
    source = models.CharField(max_length=300, blank=True)
    version = version_field()

    objects = scoped_manager()

    class Meta:
        ordering = ["council", "year_starting"]
        verbose_name = "High Needs Block year"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year_starting"], name="one_high_needs_row_a_year"
            ),
            between("year_starting", 2000, 2100, name="high_needs_year_plausible"),
            models.CheckConstraint(
                name="high_needs_amounts_not_negative",
                condition=models.Q(direct_spend__gte=0, indirect_spend__gte=0, allocation__gte=0),
            ),
            known("kind", FigureKind, name="high_needs_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.label}"

    def get_absolute_url(self) -> str:
        return self.council.url_of("programmes:high-needs")

    @property
    def label(self) -> str:
        return f"{self.year_starting}/{(self.year_starting + 1) % 100:02d}"
