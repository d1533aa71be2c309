"""`manage.py check --deploy`: reminders sent through Notify need a key and real links."""

from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, Tags, register

LOOPBACK = {"127.0.0.1", "localhost", "::1", ""}


@register(Tags.security, deploy=True)
def notify_is_configured(app_configs=None, **kwargs) -> list[Error]:
    if settings.REMINDER_BACKEND != "notify":
        return []
    errors = []
    if not settings.NOTIFY_API_KEY:
        errors.append(
            Error(
                "REMINDER_BACKEND is notify but NOTIFY_API_KEY is not set.",
                hint="Set NOTIFY_API_KEY to the service's GOV.UK Notify API key.",
                id="reminders.E001",
            )
        )
    if (
        urlparse(settings.SITE_URL).hostname in LOOPBACK
        or urlparse(settings.SITE_URL).scheme != "https"
    ):
        errors.append(
            Error(
                f"SITE_URL is {settings.SITE_URL!r}: the links in reminder emails would not "
                "reach the service.",
                hint="Set SITE_URL to the service's public https address.",
                id="reminders.E002",
            )
        )
    return errors
