from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sendtracker.core import backups


class Command(BaseCommand):
    help = "Create the configured PostgreSQL database (DATABASE_URL) if it is missing."
    requires_system_checks = []

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            return  # SQLite makes its file itself
        try:
            created = backups.create_database()
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        if created:
            self.stdout.write("Database created.")
