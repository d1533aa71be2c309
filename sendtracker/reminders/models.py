"""Who chose not to get which reminder, and every reminder sent or tried."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from sendtracker.core.models.fields import known


class ReminderKind(models.TextChoices):
    ACTION_DUE = "action_due", "An action's milestone or recovery date is coming"
    ACTION_OVERDUE = "action_overdue", "An action you lead is overdue (weekly)"
    MEETING_UPDATES = "meeting_updates", "Before a board meeting: actions not updated"
    MEETING_PACK = "meeting_pack", "Before a board meeting: the exception report and pack"
    GRANT_REPORT = "grant_report", "A grant usage report is coming due"


# Everyone who receives these gets them: an overdue action and a grant's report are
# conditions of the plan and of the grant. The others may be turned off.
MANDATORY_KINDS = frozenset({ReminderKind.ACTION_OVERDUE, ReminderKind.GRANT_REPORT})
OPTIONAL_KINDS = [kind for kind in ReminderKind if kind not in MANDATORY_KINDS]


class ReminderPreference(models.Model):
    """A person's choice about one optional kind of reminder (no row: they get it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminder_preference_once"),
            known("kind", ReminderKind, name="reminder_preference_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {'on' if self.enabled else 'off'}"


class LogStatus(models.TextChoices):
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed, to be retried"
    UNDELIVERABLE = "undeliverable", "Address failing"
    NO_ADDRESS = "no_address", "No email address"


# A row in one of these is retried on the next run.
RETRIED = (LogStatus.FAILED,)
# The person's address needs an administrator.
ADDRESS_PROBLEMS = (LogStatus.UNDELIVERABLE, LogStatus.NO_ADDRESS)


class ReminderLog(models.Model):
    """One reminder to one person for one reason on one day, sent or tried.

    The row is written before the email goes, in a transaction of its own: the unique
    (recipient, kind, reason, day) means two runs at once cannot both send it. `day`
    is the day the reminder is about (the due date, the meeting's date, or for an
    overdue action the start of the week of lateness), so reruns on other days match it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_logs"
    )
    email = models.CharField("address used", max_length=254, blank=True)
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    reason = models.CharField(max_length=200, help_text="What the reminder is for, as a key.")
    day = models.DateField(help_text="The day the reminder is about.")
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = models.CharField("what", max_length=300)
    why = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    backend = models.CharField(max_length=20, blank=True)
    notify_id = models.CharField("Notify id", max_length=64, blank=True)
    status = models.CharField(max_length=20, choices=LogStatus.choices, default=LogStatus.SENDING)
    notify_status = models.CharField("Notify's delivery status", max_length=40, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "reason", "day"], name="reminder_sent_once_a_reason"
            ),
            known("kind", ReminderKind, name="reminder_log_kind_known"),
            known("status", LogStatus, name="reminder_log_status_known"),
        ]
        indexes = [
            models.Index(fields=["day"], name="reminder_log_day"),
            models.Index(fields=["status", "-created_at"], name="reminder_log_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.email or self.recipient_id} ({self.day})"
