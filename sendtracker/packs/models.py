"""One record per pack exported: who asked for what, under which marking, and its file."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from sendtracker.core.models.fields import known, optional_link, person_link
from sendtracker.core.querysets import ScopedQuerySet


class Marking(models.TextChoices):
    """Government Security Classifications protective marking, chosen on export."""

    OFFICIAL = "OFFICIAL", "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"


class PackKind(models.TextChoices):
    PLAN = "plan", "Improvement plan pack"
    COUNCIL = "council", "Council pack"
    REGION = "region", "Region pack"


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Removed"


class PackJobQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Plan and council packs by their council (and its region); region packs by region."""
        from sendtracker.core.access import access_for

        access = access_for(user)
        by_council = super().visible_to(user)
        if access.national or not access.region_ids:
            return by_council
        return by_council | self.filter(kind=PackKind.REGION, region__in=access.region_ids)

    def stale(self, *, older_than):
        """Jobs a worker claimed before `older_than` and never finished (it died)."""
        return self.filter(state=JobState.RUNNING, started_at__lt=older_than)

    def expired(self, *, now=None):
        return self.filter(expires_at__lte=now or timezone.now()).exclude(state=JobState.EXPIRED)


def pack_upload_to(job: "PackJob", filename: str) -> str:
    return f"packs/{job.pk}/{filename}"


class PackJob(models.Model):
    """A pack asked for by one person: made at once (direct) or by a background worker."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=10, choices=PackKind.choices)
    council = optional_link("core.Council", related_name="+", on_delete=models.PROTECT)
    region = optional_link("core.Region", related_name="+", on_delete=models.PROTECT)
    plan = optional_link("inspections.ImprovementPlan", related_name="+")
    title = models.CharField(max_length=300)
    marking = models.CharField(max_length=20, choices=Marking.choices)
    requested_by = person_link(null=False)
    background = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=pack_upload_to, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = PackJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "started_at"], name="packs_job_state_started")]
        constraints = [
            known("kind", PackKind, name="packs_job_kind_valid"),
            known("marking", Marking, name="packs_job_marking_valid"),
            known("state", JobState, name="packs_job_state_valid"),
            # A plan or council pack belongs to a council; a region pack to a region.
            models.CheckConstraint(
                condition=Q(kind=PackKind.REGION, region__isnull=False)
                | (~Q(kind=PackKind.REGION) & Q(council__isnull=False)),
                name="packs_job_has_its_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.marking}, {self.get_state_display()})"

    @property
    def filename(self) -> str:
        from django.utils.text import slugify

        stamp = timezone.localtime(self.created_at).strftime("%Y-%m-%d-%H%M")
        return f"{slugify(self.title)[:80]}-{stamp}.pdf"

    @property
    def finished(self) -> bool:
        return self.state in {JobState.DONE, JobState.FAILED, JobState.EXPIRED}
