import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sendtracker.packs.services import recover_stale_jobs


class Command(BaseCommand):
    help = (
        "Requeue pack jobs left running by a worker that died (or fail them after "
        "PACK_MAX_ATTEMPTS). Run it beside the worker: `make run` does, or from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-minutes",
            type=float,
            default=settings.PACK_STALE_MINUTES,
            help="A job running for longer than this has lost its worker.",
        )
        parser.add_argument("--max-attempts", type=int, default=settings.PACK_MAX_ATTEMPTS)

    def handle(self, *args, stale_minutes, max_attempts, **options):
        older_than = timezone.now() - datetime.timedelta(minutes=stale_minutes)
        counts = recover_stale_jobs(older_than=older_than, max_attempts=max_attempts)
        if counts["requeued"] or counts["failed"] or options["verbosity"] > 1:
            self.stdout.write(
                f"Pack jobs requeued: {counts['requeued']}, failed: {counts['failed']}."
            )
