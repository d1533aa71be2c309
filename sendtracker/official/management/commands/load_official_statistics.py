from django.core.management.base import BaseCommand, CommandError

from sendtracker.official.loader import DEFAULT_FILES, LoadError, load_files


class Command(BaseCommand):
    help = (
        "Load DfE's SEN2 EHC plan figures and Ofsted's area SEND inspection outcomes "
        "(idempotent; a newer edition of the same publication adds and updates). "
        "Without FILES, the editions shipped in fixtures/official/."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="CSV files (default: fixtures/official/)")

    def handle(self, *args, files, **options):
        try:
            results = load_files(files or DEFAULT_FILES)
        except LoadError as error:
            raise CommandError(str(error)) from error
        for result in results:
            self.stdout.write(str(result))
