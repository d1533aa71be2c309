import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from sendtracker.dashboards import scale


class Command(BaseCommand):
    help = (
        "Fill the database with deterministic national-scale synthetic data for benchmarks "
        "and load tests: for every council (or the first --councils), an improvement plan "
        "of 30 actions with 24 months of status history, a programme of 5 workstreams x 40 "
        "milestones, 20 measures x 24 observations and 10 risks, 3 grant allocations with "
        "payments and usage, and 8 years of high-needs finance. Written with bulk_create; "
        "the audit trail is switched off while it runs (auditlog's disable_auditlog), so "
        "these rows have no audit entries. Run it on an empty (migrated) database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--councils", type=int, default=None, help="Only the first N.")
        parser.add_argument(
            "--end",
            type=datetime.date.fromisoformat,
            default=datetime.date(2026, 10, 31),
            help="The last day the history reaches (default 2026-10-31), so runs match.",
        )

    def handle(self, *args, seed, councils, end, **options):
        if scale.summary()[0]["actions"]:
            raise CommandError("Scale data is already here: run it on a fresh database.")
        started = time.monotonic()
        made = scale.generate(seed=seed, councils=councils, end=end)
        counts, checksum = scale.summary()
        self.stdout.write(
            f"{made} councils in {time.monotonic() - started:.1f} s: "
            + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
            + f". Checksum {checksum}."
        )
