from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from sendtracker.core import demo, services
from sendtracker.core.models import Council, Region, User
from sendtracker.core.models.people import Role

DOMAIN = "loadtest.example"


def officer_email(n: int) -> str:
    return f"officer-{n:03d}@{DOMAIN}"


def board_email(n: int) -> str:
    return f"board-{n:03d}@{DOMAIN}"


def adviser_email(n: int) -> str:
    return f"adviser-{n:02d}@{DOMAIN}"


class Command(BaseCommand):
    help = (
        "Create the load test's accounts (loadtest/locustfile.py), idempotently: for the "
        "n-th council in DfE code order, a council officer officer-NNN@loadtest.example and "
        "an improvement board member board-NNN@loadtest.example; for the n-th region in "
        "name order, an adviser adviser-NN@loadtest.example. Password: the demo password "
        "($DEMO_PASSWORD or send-tracker-demo)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        # One hash for every account: hashing 300 passwords one by one (PBKDF2) would
        # take minutes, and these are synthetic accounts with a published password.
        password = make_password(demo.demo_password())
        made = 0
        for n, council in enumerate(Council.objects.order_by("dfe_la_code"), start=1):
            for email, role in (
                (officer_email(n), Role.COUNCIL_OFFICER),
                (board_email(n), Role.BOARD_MEMBER),
            ):
                made += self.account(email, password, role, council=council)
        for n, region in enumerate(Region.objects.order_by("name"), start=1):
            made += self.account(adviser_email(n), password, Role.ADVISER, region=region)
        total = User.objects.filter(email__endswith=f"@{DOMAIN}").count()
        self.stdout.write(
            f"Load-test accounts: {total} ({made} new), password {demo.demo_password()}."
        )

    def account(self, email, password, role, *, council=None, region=None) -> int:
        user = User.objects.filter(email=email).first()
        new = user is None
        if new:
            user = services.add_person(email=email, job_title="Load-test account")
        user.password = password
        user.save(update_fields=["password"])
        services.grant_role(user=user, role=role, council=council, region=region)
        return int(new)
