"""Plans published for families: the council's choices for each plan, and each version
it published, kept as a snapshot that later edits and deletions never change."""

from django.db import models
from django.utils import timezone

from sendtracker.core.models.fields import council_link, optional_link, person_link, version_field


class Field(models.TextChoices):
    """An action's fields a council may keep internal or publish. The action's ref,
    wording, area, leads (as role titles), milestones, status and stage are always
    published; progress notes, who changed what, sign-off members and email addresses
    never are."""

    PROGRESS = "progress", "Progress narrative"
    RECOVERY_DATE = "recovery_date", "Recovery dates of delayed actions"
    STATUS_REASON = "status_reason", "Reasons for delay"
    EVIDENCE_OF_OUTPUT = "evidence_of_output", "Evidence of output"
    EVIDENCE_OF_IMPACT = "evidence_of_impact", "Evidence of impact"


# What a plan keeps internal until its council chooses otherwise.
DEFAULT_INTERNAL = [Field.STATUS_REASON, Field.EVIDENCE_OF_OUTPUT, Field.EVIDENCE_OF_IMPACT]


def default_internal() -> list[str]:
    return [str(field) for field in DEFAULT_INTERNAL]


class PlanPublishing(models.Model):
    """What a council has chosen about publishing one plan: which fields stay internal,
    what each area means for families, and when the next update is due."""

    plan = models.OneToOneField(
        "inspections.ImprovementPlan", on_delete=models.CASCADE, related_name="publishing"
    )
    internal_fields = models.JSONField(
        default=default_internal, blank=True, help_text="Fields (Field) never published."
    )
    # area id (as text) -> "what this means for families", in the council's words
    family_summaries = models.JSONField(default=dict, blank=True)
    next_update_due = models.DateField("next update due", null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name_plural = "plan publishing choices"

    def __str__(self) -> str:
        return f"Publishing of plan {self.plan_id}"


class Publication(models.Model):
    """One published version of a plan. The public page shows the plan's current,
    unwithdrawn version, drawn from its snapshot only.

    `plan_number` is the plan's id when it was published: its public address, kept if the
    plan is deleted (`plan` is then null).
    """

    council = council_link("publications")
    # Copied when published, so that a visit finds the version without a join.
    council_slug = models.SlugField(max_length=100)
    council_name = models.CharField(max_length=100)
    plan = optional_link(
        "inspections.ImprovementPlan", related_name="publications", on_delete=models.SET_NULL
    )
    plan_number = models.PositiveIntegerField()
    version = models.PositiveIntegerField()
    current = models.BooleanField(default=True, help_text="The plan's latest version.")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = person_link()
    snapshot = models.JSONField(help_text="The public page's content, and nothing else.")
    # Drawn from the snapshot (and the versions before it) when it is published, so that
    # a visit reads one row and renders nothing of the plan (publications.render).
    title = models.CharField(max_length=300)
    html = models.TextField("the public page's content, rendered", editable=False)
    changes = models.JSONField(
        default=list, blank=True, help_text="What changed since the version before."
    )
    note = models.TextField("in the publisher's words", blank=True)
    next_update_due = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = person_link(blank=True)

    class Meta:
        ordering = ["council", "plan_number", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "plan_number", "version"], name="publication_version_unique"
            ),
            models.UniqueConstraint(
                fields=["council", "plan_number"],
                condition=models.Q(current=True),
                name="publication_one_current_per_plan",
            ),
            models.CheckConstraint(
                name="publication_version_positive", condition=models.Q(version__gte=1)
            ),
            models.CheckConstraint(
                name="publication_withdrawn_has_when",
                condition=models.Q(withdrawn_at__isnull=False)
                | models.Q(withdrawn_by__isnull=True),
            ),
        ]
        indexes = [
            models.Index(
                fields=["council_slug", "plan_number"],
                condition=models.Q(current=True, withdrawn_at__isnull=True),
                name="publication_public",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot.get('title', 'Plan')}, version {self.version}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "publications:plan",
            kwargs={"council_slug": self.council_slug, "number": self.plan_number},
        )

    @property
    def is_public(self) -> bool:
        return self.current and self.withdrawn_at is None
