from django.conf import settings
from django.db import models
from django.utils import timezone

from sendtracker.core.models.fields import known, optional_link, person_link, version_field
from sendtracker.core.querysets import ScopedQuerySet
from sendtracker.core.status import Status


class Stage(models.TextChoices):
    ACTION = "action", "Action"
    EVIDENCE = "evidence", "Evidence"
    COMPLETED = "completed", "Completed"
    IMPACT = "impact", "Impact"
    SUSTAINED = "sustained", "Sustained"


STAGE_ORDER = list(Stage)


class ActionQuerySet(ScopedQuerySet):
    council_field = "plan__council"

    def overdue(self, today=None):
        """Not complete, and a recovery date or an action milestone has passed."""
        today = today or timezone.localdate()
        passed_milestone = models.Exists(
            ActionMilestone.objects.filter(
                action=models.OuterRef("pk"), kind=MilestoneKind.ACTION, due_on__lt=today
            )
        )
        return self.exclude(status=Status.COMPLETE).filter(
            models.Q(recovery_date__lt=today)
            | (models.Q(recovery_date__isnull=True) & passed_milestone)
        )

    def with_first_action_due(self):
        first = ActionMilestone.objects.filter(
            action=models.OuterRef("pk"), kind=MilestoneKind.ACTION
        ).order_by("due_on")
        return self.annotate(first_action_due=models.Subquery(first.values("due_on")[:1]))


class Action(models.Model):
    """One row of an improvement plan, with every column of seed 002's table.

    `status`, `stage`, `progress`, `status_reason` and `recovery_date` are the values of
    the action's latest StatusUpdate, written with it in one transaction by
    inspections.services, so that lists filter and count them with plain queries.
    `version` rises with every update; a form carries it to refuse stale edits.
    """

    plan = models.ForeignKey(
        "inspections.ImprovementPlan", on_delete=models.CASCADE, related_name="actions"
    )
    area = optional_link(
        "inspections.AreaOfWeakness",
        related_name="actions",
        on_delete=models.PROTECT,
        help_text="The area of weakness or sub-area the action addresses.",
    )
    ref = models.CharField(max_length=20, help_text="For example, 2.3.")
    position = models.PositiveIntegerField(default=0)
    description = models.TextField("action")
    leads = models.CharField(
        max_length=300,
        blank=True,
        help_text="Role titles, for example Designated Clinical Officer: the leads who have "
        "no account here (partners), or all of them as an import or a plan's table gives them.",
    )
    lead_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_actions",
        verbose_name="named leads",
        help_text="Leads with an account, each with a role in the council's area.",
    )
    progress = models.TextField("progress", blank=True)
    evidence_of_output = models.TextField("evidence of output", blank=True)
    evidence_of_impact = models.TextField("evidence of impact", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.ACTION)
    status_reason = models.TextField("reason for delay", blank=True)
    recovery_date = models.DateField(null=True, blank=True)
    reason_needed = models.BooleanField(
        default=False,
        help_text="A delay imported from a file without its reason or recovery date: listed "
        "on the exception report until an officer's status update gives them.",
    )
    signed_off_by = person_link(blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_meeting = optional_link(
        "core.BoardMeeting",
        related_name="signed_off_actions",
        on_delete=models.PROTECT,
        verbose_name="signed off at",
        help_text="The board meeting that signed the action off.",
    )
    sign_off_minute = models.CharField(
        "minute reference", max_length=50, blank=True, help_text="For example, 5.2."
    )
    sign_off_imported = models.BooleanField(
        "sign-off imported from a file",
        default=False,
        help_text="Signed off as a plan's file recorded it: the member and meeting are not "
        "known (signed_off_at is when it was imported).",
    )
    created_at = models.DateTimeField(
        null=True,
        blank=True,
        default=timezone.now,
        editable=False,
        help_text="When the action was added to the plan; blank if that was not recorded.",
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = version_field()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "ref"], name="action_ref_unique_in_plan"),
            known("status", Status, name="action_status_on_scale"),
            known("stage", Stage, name="action_stage_known"),
            models.CheckConstraint(
                name="action_delay_has_reason_and_recovery_date",
                condition=~models.Q(status__in=[Status.MINOR_DELAY, Status.MAJOR_DELAY])
                | (~models.Q(status_reason="") & models.Q(recovery_date__isnull=False))
                | models.Q(reason_needed=True),
            ),
            models.CheckConstraint(
                name="action_reason_needed_only_when_delayed",
                condition=models.Q(reason_needed=False)
                | models.Q(status__in=[Status.MINOR_DELAY, Status.MAJOR_DELAY]),
            ),
            models.CheckConstraint(
                name="action_sign_off_has_who_and_when",
                condition=models.Q(
                    signed_off_by__isnull=True, signed_off_at__isnull=True, sign_off_imported=False
                )
                | models.Q(
                    signed_off_by__isnull=False,
                    signed_off_at__isnull=False,
                    sign_off_imported=False,
                )
                # Imported from a file: when it was imported, by no one known.
                | models.Q(
                    signed_off_by__isnull=True, signed_off_at__isnull=False, sign_off_imported=True
                ),
            ),
            models.CheckConstraint(
                name="action_sign_off_meeting_only_when_signed_off",
                condition=models.Q(signed_off_at__isnull=False)
                | models.Q(signed_off_meeting__isnull=True, sign_off_minute=""),
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.ref}"

    def get_absolute_url(self) -> str:
        return self.plan.council.url_of(
            "inspections:action-detail", plan_id=self.plan_id, action_id=self.pk
        )

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None

    @property
    def council(self):
        return self.plan.council

    def led_by(self, user) -> bool:
        """Whether `user` is one of the action's named leads (read with its leads if
        they were prefetched)."""
        if user is None or not user.is_authenticated:
            return False
        return any(lead.pk == user.pk for lead in self.lead_users.all())

    @property
    def lead_titles(self) -> list[str]:
        return lead_titles(
            [lead.job_title or lead.email for lead in self.lead_users.all()], self.leads
        )


def lead_titles(named: list[str], leads: str) -> list[str]:
    """Who leads an action: each named lead by their role title (`named`: their job
    titles), then the free-text `leads` (one a semicolon) that name no one listed."""
    free = [part.strip() for part in leads.split(";") if part.strip()]
    return named + [title for title in free if title not in named]


class MilestoneKind(models.TextChoices):
    ACTION = "action", "Action milestone"
    IMPACT = "impact", "Impact milestone"


class ActionMilestone(models.Model):
    """A date by which an action's output (action) or its impact is due."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=10, choices=MilestoneKind.choices)
    due_on = models.DateField()
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["action", "kind", "due_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%b %Y}"


class StatusUpdate(models.Model):
    """A kept change of an action's status, stage or narrative: who, when, from, to, why."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    by = person_link()
    at = models.DateTimeField(default=timezone.now, db_index=True)
    old_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=Status.choices)
    old_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    new_stage = models.CharField(max_length=20, choices=Stage.choices)
    note = models.TextField("progress note", blank=True)
    reason = models.TextField("reason for delay", blank=True)
    recovery_date = models.DateField(null=True, blank=True)
    signed_off = models.BooleanField(default=False)
    version = models.PositiveIntegerField(help_text="The action's version after this update.")

    class Meta:
        ordering = ["action", "-at", "-pk"]
        get_latest_by = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "version"], name="one_update_per_action_version"
            ),
        ]
        indexes = [models.Index(fields=["action", "-at"], name="statusupdate_action_at")]

    def __str__(self) -> str:
        return f"{self.action} → {self.get_new_status_display()} ({self.at:%d %b %Y})"

    @classmethod
    def between(cls, old: "Action", new: "Action", *, by, at, note: str = "", signed_off=False):
        """The update that takes an action from `old` (as it was read) to `new` (a changed
        copy, at its new version): unsaved."""
        return cls(
            action=new,
            by=by,
            at=at,
            old_status=old.status,
            new_status=new.status,
            old_stage=old.stage,
            new_stage=new.stage,
            note=note,
            reason=new.status_reason,
            recovery_date=new.recovery_date,
            signed_off=signed_off,
            version=new.version,
        )

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status

    @property
    def stage_changed(self) -> bool:
        return self.old_stage != self.new_stage
