from django.core.management.base import BaseCommand, CommandError

from sendtracker.core.models import Council
from sendtracker.core.writes import refresh_councils

from ... import summaries


class Command(BaseCommand):
    help = (
        "Recompute every council's dashboard figures (dashboards.CouncilSummary) from its "
        "records, after a bulk load or a restore, and report any figure that was wrong. "
        "With --check, only report (exit status 1 if any figure is wrong)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, check, **options):
        ids = list(Council.objects.values_list("pk", flat=True))
        wrong = summaries.differences(ids)
        names = dict(Council.objects.values_list("pk", "name"))
        for council_id, field, stored, recomputed in wrong:
            self.stdout.write(
                f"{names[council_id]}: {field} was {stored!r}, recomputed {recomputed!r}"
            )
        councils = len({council_id for council_id, *_ in wrong})
        if check:
            if wrong:
                raise CommandError(f"{len(wrong)} figures wrong in {councils} councils.")
            self.stdout.write(f"All {len(ids)} councils' figures are right.")
            return
        refresh_councils(ids, parts=())  # every page shown from them is rendered again
        summaries.rebuild(ids)
        self.stdout.write(
            f"Recomputed the figures of {len(ids)} councils; "
            f"{len(wrong)} figures in {councils} councils had been wrong."
        )
