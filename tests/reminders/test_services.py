import pytest
import requests
from django.db import IntegrityError
from notifications_python_client import NotificationsAPIClient
from notifications_python_client.errors import HTTPError

from sendtracker.core.errors import DomainError
from sendtracker.core.models.people import Role
from sendtracker.reminders import backends, services
from sendtracker.reminders.backends import NotifyBackend, SendFailed
from sendtracker.reminders.models import LogStatus, ReminderLog, ReminderPreference
from sendtracker.reminders.selectors import reminders_due

from .conftest import TODAY, days, person

pytestmark = pytest.mark.django_db


def sent_kinds():
    return sorted((reminder.kind, reminder.email) for reminder, _text in backends.outbox)


def test_each_kind_is_sent_once_and_not_again_the_same_day(world):
    result = services.send_reminders(today=TODAY)
    assert len(result.sent) == 6
    assert {kind for kind, _ in sent_kinds()} == {
        "action_due",
        "action_overdue",
        "meeting_updates",
        "meeting_pack",
        "grant_report",
    }
    assert ReminderLog.objects.filter(status=LogStatus.SENT, backend="outbox").count() == 6
    backends.outbox.clear()

    again = services.send_reminders(today=TODAY)
    assert again.sent == [] and backends.outbox == []
    # Nor the next day: each reminder is about its date, not the day it was sent.
    assert services.send_reminders(today=days(1)).sent == []


def test_an_overdue_action_reminds_its_lead_again_the_next_week(world):
    services.send_reminders(today=TODAY)
    backends.outbox.clear()
    # The action fell overdue on days(-3): its second week starts on days(4).
    services.send_reminders(today=days(3))
    assert backends.outbox == []
    services.send_reminders(today=days(4))
    assert sent_kinds() == [("action_overdue", world["health"].email)]
    backends.outbox.clear()
    # The other action's milestone (days(5)) has passed: its lead now hears weekly too.
    services.send_reminders(today=days(6))
    assert sent_kinds() == [("action_overdue", world["officer"].email)]


def test_the_email_says_what_why_and_links(world):
    services.send_reminders(today=TODAY)
    text = {r.kind: t for r, t in backends.outbox}["action_due"]
    assert text.startswith("Subject: Coming up: Action 1.1")
    assert "Dear Olive Officer" in text
    assert f"/actions/{world['coming'].pk}/" in text


def test_the_log_records_who_what_for_what_and_when(world):
    services.send_reminders(today=TODAY)
    log = ReminderLog.objects.get(kind="action_due")
    assert log.recipient == world["officer"]
    assert log.email == world["officer"].email
    assert log.subject_type.model == "action" and log.subject_id == world["coming"].pk
    assert log.day == days(5) and log.sent_at is not None and log.attempts == 1


class FailingBackend:
    """Refuses the first `failures` sends, then sends."""

    name = "outbox"

    def __init__(self, failures):
        self.failures = failures

    def send(self, reminder, text):
        if self.failures:
            self.failures -= 1
            raise SendFailed("Notify 429: Exceeded rate limit")
        backends.outbox.append((reminder, text))
        return "id"

    def delivery_status(self, notify_id):
        return None


def test_a_refusal_is_logged_never_stops_the_others_and_is_retried_next_run(world):
    result = services.send_reminders(today=TODAY, backend=FailingBackend(failures=2))
    assert len(result.failed) == 2 and len(result.sent) == 4
    failed = ReminderLog.objects.filter(status=LogStatus.FAILED)
    assert failed.count() == 2
    assert failed.first().error == "Notify 429: Exceeded rate limit"

    retry = services.send_reminders(today=TODAY, backend=FailingBackend(failures=0))
    assert len(retry.sent) == 2
    assert ReminderLog.objects.filter(status=LogStatus.SENT).count() == 6
    assert set(ReminderLog.objects.values_list("attempts", flat=True)) == {1, 2}


def test_an_unexpected_error_in_one_reminder_does_not_stop_the_others(world):
    class Broken(FailingBackend):
        def send(self, reminder, text):
            if reminder.kind == "grant_report":
                raise RuntimeError("boom")
            return super().send(reminder, text)

    result = services.send_reminders(today=TODAY, backend=Broken(failures=0))
    assert len(result.sent) == 5 and len(result.failed) == 1
    assert ReminderLog.objects.get(kind="grant_report").status == LogStatus.FAILED


def test_a_person_with_no_email_address_is_logged_for_administrators(leicester, world):
    world["officer"].email = ""
    world["officer"].save()
    result = services.send_reminders(today=TODAY)
    assert {r.kind for r in result.no_address} == {"action_due", "meeting_updates", "grant_report"}
    assert ReminderLog.objects.filter(status=LogStatus.NO_ADDRESS).count() == 3
    assert all(r.email for r, _ in backends.outbox)


def test_a_reminder_another_run_has_taken_is_not_sent(world):
    due = reminders_due(today=TODAY)
    # Another run wrote the log row first (between this run's read and its send).
    first = due[0]
    ReminderLog.objects.create(
        recipient_id=first.recipient_id, kind=first.kind, reason=first.reason, day=first.day,
        about="", why="", status=LogStatus.SENDING,
    )  # fmt: skip
    claim = services._claim(first, backend_name="outbox", content_types={})
    assert claim is None


def test_the_log_refuses_a_second_row_for_the_same_reason_and_day(world):
    values = dict(recipient=world["officer"], kind="action_due", reason="r", day=TODAY)
    ReminderLog.objects.create(about="", why="", **values)
    with pytest.raises(IntegrityError):
        ReminderLog.objects.create(about="", why="", **values)


# The Notify backend, with the client's HTTP layer replaced: never the network in tests.


def _http_error(status, message):
    response = requests.Response()
    response.status_code = status
    response._content = (
        f'{{"errors": [{{"error": "x", "message": "{message}"}}], "status_code": {status}}}'
    ).encode()
    return HTTPError(response)


@pytest.fixture
def notify(settings):
    settings.REMINDER_BACKEND = "notify"
    settings.NOTIFY_API_KEY = "test_key-" + "0" * 36 + "-" + "1" * 36
    settings.NOTIFY_TEMPLATE_IDS = {
        kind: f"00000000-0000-0000-0000-00000000000{i}"
        for i, kind in enumerate(
            ["action_due", "action_overdue", "meeting_updates", "meeting_pack", "grant_report"]
        )
    }
    return settings


def test_notify_is_sent_the_template_and_personalisation(world, notify, monkeypatch):
    calls = []

    def fake_send(self, **kwargs):
        calls.append(kwargs)
        return {"id": f"notify-{len(calls)}"}

    monkeypatch.setattr(NotificationsAPIClient, "send_email_notification", fake_send)
    result = services.send_reminders(today=TODAY)
    assert len(result.sent) == 6
    due = next(c for c in calls if c["template_id"].endswith("0"))
    assert due["email_address"] == world["officer"].email
    assert set(due["personalisation"]) == {"name", "about", "why", "body", "link"}
    assert ReminderLog.objects.filter(backend="notify").exclude(notify_id="").count() == 6


@pytest.mark.parametrize(
    "error, retried",
    [
        (_http_error(403, "Invalid token: API key not found"), True),
        (
            _http_error(
                429, "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"
            ),
            True,
        ),
        (_http_error(500, "Internal server error"), True),
        (requests.Timeout("read timed out"), True),
        (requests.ConnectionError("no route"), True),
        (_http_error(400, "email_address Not a valid email address"), False),
    ],
)
def test_notify_refusals_are_logged_and_retried_unless_the_address_is_refused(
    world, notify, monkeypatch, error, retried
):
    def refuse(self, **kwargs):
        raise error

    monkeypatch.setattr(NotificationsAPIClient, "send_email_notification", refuse)
    result = services.send_reminders(today=TODAY)
    assert len(result.failed) == 6
    expected = LogStatus.FAILED if retried else LogStatus.UNDELIVERABLE
    assert set(ReminderLog.objects.values_list("status", flat=True)) == {expected}
    assert ReminderLog.objects.exclude(error="").count() == 6


def test_a_missing_template_id_is_a_failure_retried_later(world, notify, monkeypatch):
    notify.NOTIFY_TEMPLATE_IDS = {}
    monkeypatch.setattr(NotificationsAPIClient, "send_email_notification", lambda *a, **k: {})
    services.send_reminders(today=TODAY)
    assert "No Notify template id" in ReminderLog.objects.first().error


def test_an_address_notify_reports_failing_is_marked_for_administrators(world, notify, monkeypatch):
    monkeypatch.setattr(
        NotificationsAPIClient, "send_email_notification", lambda self, **k: {"id": "n-1"}
    )
    services.send_reminders(today=TODAY)
    monkeypatch.setattr(
        NotificationsAPIClient,
        "get_notification_by_id",
        lambda self, notify_id: {"status": "permanent-failure"},
    )
    assert services.refresh_delivery_statuses(backend=NotifyBackend()) == 6
    assert set(ReminderLog.objects.values_list("status", flat=True)) == {LogStatus.UNDELIVERABLE}


def test_choices_turn_optional_kinds_off_and_back_on(leicester):
    user = person(leicester, Role.COUNCIL_OFFICER)
    services.set_reminder_choices(user=user, wanted=["meeting_pack"])
    assert services.reminder_choices(user) == ["meeting_pack"]
    assert ReminderPreference.objects.filter(user=user, enabled=False).count() == 2
    services.set_reminder_choices(
        user=user, wanted=["action_due", "meeting_updates", "meeting_pack"]
    )
    assert services.reminder_choices(user) == ["action_due", "meeting_updates", "meeting_pack"]


def test_mandatory_kinds_cannot_be_turned_off(leicester):
    user = person(leicester, Role.COUNCIL_OFFICER)
    with pytest.raises(DomainError, match="Choose from the reminders listed"):
        services.set_reminder_choices(user=user, wanted=["action_overdue"])


def test_notify_is_not_asked_again_about_an_email_it_has_finished_with(world, notify, monkeypatch):
    monkeypatch.setattr(
        NotificationsAPIClient, "send_email_notification", lambda self, **k: {"id": "n-1"}
    )
    services.send_reminders(today=TODAY)
    asked = []

    def status(self, notify_id):
        asked.append(notify_id)
        return {"status": "temporary-failure"}

    monkeypatch.setattr(NotificationsAPIClient, "get_notification_by_id", status)
    services.refresh_delivery_statuses(backend=NotifyBackend())
    assert len(asked) == 6
    services.refresh_delivery_statuses(backend=NotifyBackend())
    assert len(asked) == 6
    assert set(ReminderLog.objects.values_list("notify_status", flat=True)) == {"temporary-failure"}


def test_a_failing_status_check_is_logged_and_left_for_the_next_run(world, notify, monkeypatch):
    monkeypatch.setattr(
        NotificationsAPIClient, "send_email_notification", lambda self, **k: {"id": "n-1"}
    )
    services.send_reminders(today=TODAY)

    def down(self, notify_id):
        raise requests.ConnectionError("no route")

    monkeypatch.setattr(NotificationsAPIClient, "get_notification_by_id", down)
    assert services.refresh_delivery_statuses(backend=NotifyBackend()) == 0
    assert set(ReminderLog.objects.values_list("status", flat=True)) == {LogStatus.SENT}
