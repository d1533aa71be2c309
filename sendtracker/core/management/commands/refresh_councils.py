from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sendtracker.core import reference
from sendtracker.core.models import Council, Region


class Command(BaseCommand):
    help = (
        "Refresh regions and councils from a CSV with the columns of "
        "fixtures/english_local_authorities.csv. Councils are matched on the DfE LA "
        "number or an ONS code, current or previous; nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="?", default=str(reference.COUNCILS_CSV), type=Path)

    def handle(self, *args, csv: Path, **options):
        if not csv.exists():
            raise CommandError(f"No such file: {csv}")
        try:
            rows = reference.read_rows(csv)
        except reference.ReferenceDataError as error:
            raise CommandError(f"{csv.name}: {error}") from error
        with transaction.atomic():
            summary = reference.sync(
                rows,
                Region=Region,
                Council=Council,
                previous_codes=reference.read_previous_codes(),
            )
        for name in summary.created:
            self.stdout.write(f"Created {name}")
        for name in summary.updated:
            self.stdout.write(f"Updated {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(summary.created)} created, {len(summary.updated)} updated, "
                f"{summary.unchanged} unchanged."
            )
        )
