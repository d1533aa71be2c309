import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspections.models import Action, StatusUpdate


class Command(BaseCommand):
    help = (
        "After the load test: compare the status updates the server confirmed "
        "(LOADTEST_UPDATES_FILE, written by loadtest/locustfile.py) with the database. "
        "An action whose status, version or latest status update's note is not the last "
        "one its user was told was saved is a lost update. Prints 'lost updates: N' and "
        "fails when N is not 0."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            confirmed = json.loads(file.read_text())["actions"]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        ids = [int(pk) for pk in confirmed]
        actions = Action.objects.in_bulk(ids)
        latest = {}
        for update in StatusUpdate.objects.filter(action_id__in=ids).order_by("action_id", "-pk"):
            latest.setdefault(update.action_id, update)
        lost = []
        for pk, told in confirmed.items():
            action, update = actions.get(int(pk)), latest.get(int(pk))
            if action is None or update is None:
                lost.append(f"action {pk}: not in the database")
                continue
            saved = (action.version, action.status, update.note)
            expected = (told["version"], told["status"], told["note"])
            if saved != expected:
                lost.append(
                    f"action {pk}: {told['by']} was told version {told['version']} "
                    f"({told['status']}, {told['note']!r}) was saved; the database has "
                    f"version {action.version} ({action.status}, {update.note!r})"
                )
        for line in lost[:20]:
            self.stdout.write(line)
        self.stdout.write(f"actions updated and confirmed: {len(confirmed)}")
        self.stdout.write(f"lost updates: {len(lost)}")
        if lost:
            raise CommandError(f"{len(lost)} lost updates")
