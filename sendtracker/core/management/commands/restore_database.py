from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendtracker.core import backups


class Command(BaseCommand):
    help = (
        "Restore a dump made by backup_database into the configured database (DATABASE_URL), "
        "creating it if it is missing. A database that already has tables is refused "
        "unless --force, which replaces what the dump holds. All or nothing."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup_file", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace the contents of a database in use."
        )

    def handle(self, *args, backup_file, force, **options):
        try:
            backups.restore(backup_file, force=force)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {backup_file}. Run `manage.py migrate` if the code is newer.")
