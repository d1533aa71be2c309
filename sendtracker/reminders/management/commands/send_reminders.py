"""Send the email reminders due today. Safe to run every few minutes (cron, `make run`)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendtracker.reminders import selectors, services


class Command(BaseCommand):
    help = "Send the email reminders due today (--dry-run: list them and send nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, send nothing.")
        parser.add_argument("--today", help="Work as if today were YYYY-MM-DD.")

    def handle(self, *args, dry_run=False, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        else:
            today = timezone.localdate()
        if dry_run:
            due = selectors.reminders_due(today=today)
            for reminder in due:
                self.stdout.write(self._line(reminder))
            self.stdout.write(f"{len(due)} reminder(s) would be sent for {today}.")
            return
        result = services.send_reminders(today=today)
        for reminder in result.sent:
            self.stdout.write("sent " + self._line(reminder))
        for reminder, message in result.failed:
            self.stderr.write(f"FAILED {self._line(reminder)}: {message}")
        for reminder in result.no_address:
            self.stderr.write(f"NO ADDRESS {self._line(reminder)}")
        # What Notify made of the emails of the last few days: failing addresses are
        # listed for administrators.
        services.refresh_delivery_statuses()
        self.stdout.write(
            f"{len(result.sent)} sent, {len(result.failed)} failed (retried next run), "
            f"{len(result.no_address)} without an address, {result.skipped} already taken."
        )

    @staticmethod
    def _line(r) -> str:
        return f"{r.kind}\t{r.name} <{r.email or 'no address'}>\t{r.about}\t{r.why}"
