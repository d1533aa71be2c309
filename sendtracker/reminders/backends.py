"""Where reminders go: GOV.UK Notify, the console, or an outbox kept in memory.

`settings.REMINDER_BACKEND` names one. Every backend's `send(reminder, text)` returns
Notify's id (or "") or raises `SendFailed`; `retry` says whether the next run tries
again (Notify down, refusing the key or the rate) or the address itself is refused.
"""

import sys

from django.conf import settings

# Sent by the outbox backend, as django.core.mail.outbox keeps emails: tests empty it.
outbox: list = []

# Notify's delivery statuses that mean the address does not work, and those after
# which Notify tries no more (no need to ask again).
ADDRESS_FAILURES = {"permanent-failure"}
FINAL_STATUSES = {"delivered", "permanent-failure", "temporary-failure", "technical-failure"}


class SendFailed(Exception):
    def __init__(self, message: str, *, retry: bool = True):
        super().__init__(message)
        self.message = message
        self.retry = retry


class ConsoleBackend:
    name = "console"

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, reminder, text: str) -> str:
        self.stream.write(f"To: {reminder.email}\n{text}\n{'-' * 60}\n")
        return ""

    def delivery_status(self, notify_id: str) -> str | None:
        return None


class OutboxBackend:
    name = "outbox"

    def send(self, reminder, text: str) -> str:
        outbox.append((reminder, text))
        return ""

    def delivery_status(self, notify_id: str) -> str | None:
        return None


class NotifyBackend:
    """GOV.UK Notify through its maintained client: one template a kind of reminder,
    given the personalisation fields name, about, why, body and link."""

    name = "notify"

    def __init__(self):
        from notifications_python_client import NotificationsAPIClient

        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, timeout=20)

    def send(self, reminder, text: str) -> str:
        template_id = settings.NOTIFY_TEMPLATE_IDS.get(reminder.kind)
        if not template_id:
            raise SendFailed(f"No Notify template id for {reminder.kind} (NOTIFY_TEMPLATE_*)")
        personalisation = {
            "name": reminder.name,
            "about": reminder.about,
            "why": reminder.why,
            "body": "\n".join(f"* {line}" for line in reminder.lines),
            "link": reminder.link,
        }
        response = self._call(
            self.client.send_email_notification,
            email_address=reminder.email,
            template_id=template_id,
            personalisation=personalisation,
            reference=f"{reminder.kind}:{reminder.reason}:{reminder.day}",
        )
        return str(response.get("id", ""))

    def delivery_status(self, notify_id: str) -> str | None:
        return self._call(self.client.get_notification_by_id, notify_id).get("status")

    @staticmethod
    def _call(method, *args, **kwargs) -> dict:
        import requests
        from notifications_python_client.errors import APIError, TokenError

        try:
            return method(*args, **kwargs) or {}
        except APIError as error:
            # 400 for an address Notify will not send to is the address's fault; a bad
            # key (403), a rate limit (429) or Notify's own fault (5xx) are retried.
            message = f"Notify {error.status_code}: {error.message}"
            refused_address = error.status_code == 400 and "email_address" in str(error.message)
            raise SendFailed(message, retry=not refused_address) from None
        except TokenError as error:
            raise SendFailed(f"Notify key: {error.message}") from None
        except requests.RequestException as error:
            raise SendFailed(f"Notify unreachable: {type(error).__name__}: {error}") from None


BACKENDS = {"console": ConsoleBackend, "outbox": OutboxBackend, "notify": NotifyBackend}


def get_backend(name: str | None = None):
    name = name or settings.REMINDER_BACKEND
    try:
        return BACKENDS[name]()
    except KeyError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"REMINDER_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}"
        ) from None
