from django.core.management.base import BaseCommand

from sendtracker.publications import services
from sendtracker.publications.models import Publication


class Command(BaseCommand):
    help = (
        "Render every published version's page again from its snapshot (after a template change)."
    )

    def handle(self, *args, **options):
        changed = sum(
            services.render_again(publication)
            for publication in Publication.objects.select_related("council").iterator()
        )
        self.stdout.write(f"{changed} published versions rendered again.")
