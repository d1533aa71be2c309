"""Two runs of send_reminders at once: each reminder goes once.

Needs two connections writing at once, so it runs on PostgreSQL only (SQLite
serialises writers).
"""

import threading

import pytest
from django.db import connections

from sendtracker.reminders import backends, services
from sendtracker.reminders.models import LogStatus, ReminderLog

from .conftest import TODAY

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_send_each_reminder_once(reference_places, world):
    start = threading.Barrier(2)
    results = []

    def run():
        try:
            start.wait()
            results.append(services.send_reminders(today=TODAY))
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(len(result.sent) for result in results) == 6
    assert len(backends.outbox) == 6
    assert ReminderLog.objects.filter(status=LogStatus.SENT).count() == 6
