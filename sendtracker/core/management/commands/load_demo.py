from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

from sendtracker.core import demo
from sendtracker.core.models import Council
from sendtracker.core.writes import refresh_councils


class Command(BaseCommand):
    help = "Create the demo accounts and records (idempotent). Password: $DEMO_PASSWORD."

    def handle(self, *args, **options):
        accounts = demo.load()
        for config in apps.get_app_configs():
            if config.name in {
                "grants",
                "programmes",
                "inspections",
                "sendtracker.dashboards",
                "sendtracker.official",
                "sendtracker.publications",
            }:
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.demo":
                        raise
                    continue
                module.load()
        # Loaders may write records in bulk; bring every council's figures up to date.
        refresh_councils(Council.objects.values_list("pk", flat=True))
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Accounts:"))
        for email, role in accounts:
            self.stdout.write(f"  {email:<28} {role}")
        self.stdout.write(f"Password for every demo account: {demo.demo_password()}")
