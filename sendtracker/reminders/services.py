"""Sending the reminders due, and a person's choice of reminders."""

import datetime
import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from sendtracker.core.errors import DomainError

from . import selectors
from .backends import ADDRESS_FAILURES, FINAL_STATUSES, SendFailed, get_backend
from .models import OPTIONAL_KINDS, RETRIED, LogStatus, ReminderLog, ReminderPreference

logger = logging.getLogger(__name__)


@dataclass
class RunResult:
    sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (reminder, message)
    skipped: int = 0  # taken by another run, or sent already
    no_address: list = field(default_factory=list)


def render(reminder) -> str:
    """The email as the console and outbox show it (Notify words it in its template)."""
    return render_to_string(f"reminders/email/{reminder.kind}.txt", {"r": reminder}).strip()


def _claim(reminder, *, backend_name: str, content_types: dict) -> ReminderLog | None:
    """The reminder's log row, written (or a failed one taken back) in a transaction of
    its own before anything is sent; None when another run has it or it has gone."""
    subject_type, subject_id = None, None
    if reminder.subject:
        subject_type = content_types.get(reminder.subject[0])
        subject_id = reminder.subject[1]
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(
                recipient_id=reminder.recipient_id,
                email=reminder.email,
                kind=reminder.kind,
                reason=reminder.reason,
                day=reminder.day,
                subject_type=subject_type,
                subject_id=subject_id,
                about=reminder.about[:300],
                why=reminder.why[:300],
                backend=backend_name,
                status=LogStatus.SENDING,
                attempts=1,
            )
    except IntegrityError:
        pass
    # A failure of an earlier run: the UPDATE that moves it from failed to sending is
    # the claim, so of two runs only one gets it.
    key = dict(
        recipient_id=reminder.recipient_id,
        kind=reminder.kind,
        reason=reminder.reason,
        day=reminder.day,
    )
    claimed = ReminderLog.objects.filter(status__in=RETRIED, **key).update(
        status=LogStatus.SENDING,
        attempts=F("attempts") + 1,
        email=reminder.email,
        backend=backend_name,
        error="",
    )
    return ReminderLog.objects.get(**key) if claimed else None


def send_reminders(*, today: datetime.date, backend=None) -> RunResult:
    """Send every reminder due on `today` that has not gone yet.

    Safe to run often and twice at once: each reminder's log row is written first
    (unique per person, kind, reason and day). A refusal by Notify is logged as failed
    and retried on the next run; it never stops the others.
    """
    backend = backend or get_backend()
    result = RunResult()
    due = selectors.reminders_due(today=today)
    content_types = {
        f"{ct.app_label}.{ct.model}": ct
        for ct in ContentType.objects.filter(
            app_label__in={r.subject[0].split(".")[0] for r in due if r.subject}
        )
    }
    for reminder in due:
        log = _claim(reminder, backend_name=backend.name, content_types=content_types)
        if log is None:
            result.skipped += 1
            continue
        if not reminder.email:
            _finish(log, status=LogStatus.NO_ADDRESS, error="The person has no email address.")
            result.no_address.append(reminder)
            continue
        try:
            notify_id = backend.send(reminder, render(reminder))
        except SendFailed as error:
            status = LogStatus.FAILED if error.retry else LogStatus.UNDELIVERABLE
            _finish(log, status=status, error=error.message)
            logger.warning("Reminder %s to %s failed: %s", log.pk, reminder.email, error.message)
            result.failed.append((reminder, error.message))
            continue
        except Exception as error:
            # One broken reminder must not stop the rest; the next run retries it.
            _finish(log, status=LogStatus.FAILED, error=f"{type(error).__name__}: {error}")
            logger.exception("Reminder %s to %s failed", log.pk, reminder.email)
            result.failed.append((reminder, str(error)))
            continue
        _finish(log, status=LogStatus.SENT, notify_id=notify_id or "", sent_at=timezone.now())
        result.sent.append(reminder)
    return result


def _finish(log: ReminderLog, **values) -> None:
    ReminderLog.objects.filter(pk=log.pk).update(**values)


def refresh_delivery_statuses(*, backend=None, days: int = 3) -> int:
    """Ask Notify what became of the emails it took in the last `days`: an address it
    reports failing is marked so, for administrators. Returns the rows changed."""
    backend = backend or get_backend()
    since = timezone.now() - datetime.timedelta(days=days)
    changed = 0
    pending = (
        ReminderLog.objects.filter(status=LogStatus.SENT, sent_at__gte=since, backend=backend.name)
        .exclude(notify_id="")
        .exclude(notify_status__in=FINAL_STATUSES)
    )
    for log in pending.only("pk", "notify_id"):
        try:
            status = backend.delivery_status(log.notify_id)
        except SendFailed as error:
            logger.warning("Notify status of %s unknown: %s", log.notify_id, error.message)
            continue
        if not status:
            continue
        values = {"notify_status": status}
        if status == "delivered":
            values["status"] = LogStatus.DELIVERED
        elif status in ADDRESS_FAILURES:
            values.update(status=LogStatus.UNDELIVERABLE, error=f"Notify: {status}")
        changed += ReminderLog.objects.filter(pk=log.pk).update(**values)
    return changed


def set_reminder_choices(*, user, wanted: list[str]) -> None:
    """Record which optional reminders `user` wants: every optional kind not in
    `wanted` is turned off. The mandatory kinds cannot be turned off."""
    unknown = set(wanted) - {str(kind) for kind in OPTIONAL_KINDS}
    if unknown:
        raise DomainError("Choose from the reminders listed.", field="kinds")
    now = timezone.now()
    with transaction.atomic():
        for kind in OPTIONAL_KINDS:
            ReminderPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"enabled": kind in wanted, "updated_at": now}
            )


def reminder_choices(user) -> list[str]:
    """The optional kinds `user` gets (all of them until they choose)."""
    off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    return [str(kind) for kind in OPTIONAL_KINDS if kind not in off]
