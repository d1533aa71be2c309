from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendtracker.core import backups


class Command(BaseCommand):
    help = (
        "Dump the whole PostgreSQL database (records, audit trail, stored packs and letters) "
        "with pg_dump into one file, by default backups/sendtracker-YYYYmmdd-HHMMSS.dump. "
        "Restore it with restore_database."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="Where to write the dump.")

    def handle(self, *args, output, **options):
        try:
            path = backups.backup(output or backups.default_backup_path())
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
