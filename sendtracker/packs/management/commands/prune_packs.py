from django.core.management.base import BaseCommand

from sendtracker.packs.services import prune_expired


class Command(BaseCommand):
    help = "Delete pack files past their time (PACK_KEEP_HOURS); job records stay for audit."

    def handle(self, *args, **options):
        removed = prune_expired()
        if removed or options["verbosity"] > 1:
            self.stdout.write(f"Packs removed: {removed}.")
