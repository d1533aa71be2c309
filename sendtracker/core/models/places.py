from django.db import models
from django.urls import reverse

from sendtracker.core.querysets import ScopedQuerySet

from .fields import version_field


class Region(models.Model):
    """One of the nine English regions (ONS E12000001 to E12000009)."""

    name = models.CharField(max_length=100, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["ons_code"]

    def __str__(self) -> str:
        return self.name


class CouncilType(models.TextChoices):
    COUNTY = "county council", "County council"
    UNITARY = "unitary authority", "Unitary authority"
    METROPOLITAN = "metropolitan district", "Metropolitan district"
    LONDON_BOROUGH = "London borough", "London borough"
    CITY_CORPORATION = "city corporation", "City corporation"
    SUI_GENERIS = "sui generis unitary authority", "Sui generis unitary authority"


class CouncilQuerySet(ScopedQuerySet):
    council_field = "pk"
    region_field = "region"


class Council(models.Model):
    """A local authority in England with SEND duties.

    The reference fields (name to region) come from fixtures/english_local_authorities.csv
    and are refreshed by `manage.py refresh_councils`; the rest are kept by the council.
    """

    name = models.CharField(max_length=100, unique=True, help_text="As DfE publishes it.")
    slug = models.SlugField(max_length=100, unique=True)
    dfe_la_code = models.PositiveSmallIntegerField("DfE LA number", unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    previous_ons_codes = models.JSONField(
        "previous ONS codes",
        default=list,
        blank=True,
        help_text="Codes older data may still use for this council.",
    )
    type = models.CharField(max_length=40, choices=CouncilType.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")

    local_offer_url = models.URLField("local offer web page", blank=True)
    send_team_email = models.EmailField("SEND team email address", blank=True)
    improvement_board_name = models.CharField(
        "improvement board",
        max_length=150,
        blank=True,
        help_text="For example, SEND Improvement Board (SENDIB).",
    )
    parent_carer_forum_name = models.CharField(
        "parent carer forum",
        max_length=150,
        blank=True,
        help_text="Its name, as families know it, for example Leicester Parent Carer Forum.",
    )
    parent_carer_forum_url = models.URLField("parent carer forum web page", blank=True)
    # Whether the council's officers may publish its plans for families, as its board
    # members may (sendtracker.publications); the board decides.
    officers_may_publish = models.BooleanField(
        "officers may publish plans",
        default=False,
        help_text="Board members publish the council's plans; this lets officers do so too.",
    )
    version = version_field(editable=False)
    # Raised by every write to the council's records (sendtracker.core.writes): the
    # cache key of every page that shows them.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Raised by every write to that part of them: figures computed from a part hold
    # while its version is the one they were computed at (dashboards.summaries).
    plans_version = models.PositiveBigIntegerField(default=0, editable=False)
    programmes_version = models.PositiveBigIntegerField(default=0, editable=False)
    grants_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dfe_la_code__gte=100, dfe_la_code__lte=999),
                name="council_dfe_la_code_three_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.url_of("council-detail")

    def url_of(self, view: str, **ids) -> str:
        """The URL of `view`, a page of this council or of one of its records (`ids`)."""
        return reverse(view, kwargs={"council_slug": self.slug, **ids})
