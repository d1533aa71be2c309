from django.db import models
from django.utils import timezone

from sendtracker.core.models.fields import (
    in_order,
    parent_link,
    person_link,
    role_title,
    version_field,
)
from sendtracker.core.querysets import scoped_manager
from sendtracker.core.status import Status


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class Milestone(models.Model):
    """A milestone of a workstream; milestones nest to any depth.

    What is stored is what an officer knows: the planned dates, whether work has
    started, when it was completed, and an override of the status with its reason.
    The status itself, and a parent's dates and status, are derived (programmes.derive).
    `version` rises with every update; a form carries it to refuse stale edits.
    """

    workstream = models.ForeignKey(
        "programmes.Workstream", on_delete=models.CASCADE, related_name="milestones"
    )
    parent = parent_link("children")
    position = models.PositiveIntegerField(default=0)
    ref = models.CharField(max_length=20, blank=True, help_text="As the plan numbers it, e.g. 7.1.")
    title = models.CharField(max_length=300)
    owner = role_title()
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    progress = models.CharField(
        max_length=20, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    completed_on = models.DateField("actual completion", null=True, blank=True)
    status_override = models.CharField(
        max_length=20, choices=Status.choices, blank=True, help_text="Blank: derived from dates."
    )
    override_reason = models.TextField(blank=True)
    note = models.TextField("latest progress note", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = version_field()

    objects = scoped_manager("workstream__programme__council")

    class Meta:
        ordering = ["workstream", "position", "pk"]
        constraints = [
            in_order(
                "planned_start", "planned_end", name="milestone_ends_after_start", optional=True
            ),
            models.CheckConstraint(
                name="milestone_completed_has_date",
                condition=~models.Q(progress="complete") | models.Q(completed_on__isnull=False),
            ),
            models.CheckConstraint(
                name="milestone_date_only_when_complete",
                condition=models.Q(progress="complete") | models.Q(completed_on__isnull=True),
            ),
            models.CheckConstraint(
                name="milestone_override_has_reason",
                condition=models.Q(status_override="") | ~models.Q(override_reason=""),
            ),
            models.CheckConstraint(
                name="milestone_not_its_own_parent", condition=~models.Q(parent=models.F("pk"))
            ),
        ]
        indexes = [models.Index(fields=["workstream", "parent"], name="milestone_ws_parent")]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}".strip()


class MilestoneUpdate(models.Model):
    """A kept update of a milestone: who, when, from what, to what, why."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="updates")
    by = person_link()
    at = models.DateTimeField(default=timezone.now)
    old_progress = models.CharField(max_length=20, choices=Progress.choices)
    new_progress = models.CharField(max_length=20, choices=Progress.choices)
    completed_on = models.DateField(null=True, blank=True)
    old_override = models.CharField(max_length=20, choices=Status.choices, blank=True)
    new_override = models.CharField(max_length=20, choices=Status.choices, blank=True)
    override_reason = models.TextField(blank=True)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(help_text="The milestone's version after this update.")

    class Meta:
        ordering = ["milestone", "-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "version"], name="one_update_per_milestone_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.milestone} → {self.get_new_progress_display()} ({self.at:%d %b %Y})"
