"""Two people update the same action at once: one wins, the other is refused.

Needs real row locks, so it runs on PostgreSQL only (SQLite serialises writers).
"""

import threading

import pytest
from django.db import connections

from inspections import services
from inspections.models import Action
from sendtracker.core.errors import StaleEditError

from .factories import ActionFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_updates_from_the_same_version(officer, make_user, leicester):
    colleague = make_user("council_officer", council=leicester)
    action = ActionFactory(plan__council=leicester, plan__inspection__council=leicester)
    start = threading.Barrier(2)
    results = {}

    def update(who, note):
        try:
            start.wait()
            services.update_action_status(
                action=Action.objects.get(pk=action.pk),
                by=who,
                status="on_track",
                stage="action",
                note=note,
                expected_version=1,
            )
            results[note] = "saved"
        except StaleEditError:
            results[note] = "refused"
        finally:
            connections.close_all()  # this thread's own connection

    threads = [
        threading.Thread(target=update, args=(officer, "first")),
        threading.Thread(target=update, args=(colleague, "second")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results.values()) == ["refused", "saved"]
    action.refresh_from_db()
    assert action.version == 2
    assert action.updates.count() == 1
    winner = next(note for note, result in results.items() if result == "saved")
    assert action.progress == winner
