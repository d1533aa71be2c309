"""check --deploy refuses Notify without a key, or with links to no public address."""

from sendtracker.reminders.checks import notify_is_configured


def ids(settings_overrides, settings):
    for name, value in settings_overrides.items():
        setattr(settings, name, value)
    return [error.id for error in notify_is_configured()]


def test_console_and_outbox_need_nothing(settings):
    assert ids({"REMINDER_BACKEND": "console", "NOTIFY_API_KEY": ""}, settings) == []


def test_notify_needs_a_key_and_a_public_https_address(settings):
    notify = {"REMINDER_BACKEND": "notify"}
    assert ids(notify | {"NOTIFY_API_KEY": "", "SITE_URL": "http://127.0.0.1:8000"}, settings) == [
        "reminders.E001",
        "reminders.E002",
    ]
    assert ids(
        notify | {"NOTIFY_API_KEY": "key", "SITE_URL": "http://send.example.gov.uk"}, settings
    ) == ["reminders.E002"]
    assert (
        ids(notify | {"NOTIFY_API_KEY": "key", "SITE_URL": "https://send.example.gov.uk"}, settings)
        == []
    )
