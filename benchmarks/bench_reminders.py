"""Working out every reminder due today on the national-scale data, against /healthz/.

Fills a throwaway database with `generate_scale_data` (153 councils, about 4,590
actions and 30,600 milestones; in a process of its own), then gives every council an
officer who leads all its actions, a health partner, a board member and a board
meeting in three days' time, so that every kind of reminder has people to go to.
Times `reminders_due` (what `send_reminders` and its `--dry-run` work out first) and
the dry run as the command prints it, each against /healthz/ in the same run, and
prints the queries it costs. Ratios are printed, never asserted. The targets are for a
job run from cron every few minutes, not a page: about a third of a second on a laptop.
"""

import datetime
import io

from _harness import generate_scale_data, compare, page, setup_django

setup_django()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grants.models import Allocation, GrantDetermination
from inspections.models import Action
from sendtracker.core.models import BoardMeeting, Council, RoleAssignment, User
from sendtracker.core.models.people import Role
from sendtracker.reminders.selectors import reminders_due


def people_and_meetings(today: datetime.date) -> None:
    councils = list(Council.objects.filter(improvement_plans__isnull=False).distinct())
    users = User.objects.bulk_create(
        [
            User(email=f"bench-{role}-{council.pk}@council.example", name=f"{role} {council.pk}")
            for council in councils
            for role in ("officer", "health", "board")
        ]
    )
    by_email = {user.email: user for user in User.objects.filter(email__startswith="bench-")}
    roles = {
        "officer": Role.COUNCIL_OFFICER,
        "health": Role.HEALTH_PARTNER,
        "board": Role.BOARD_MEMBER,
    }
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                user=by_email[f"bench-{name}-{c.pk}@council.example"], role=role, council=c
            )
            for c in councils
            for name, role in roles.items()
        ]
    )
    Through = Action.lead_users.through
    Through.objects.bulk_create(
        [
            Through(
                action_id=action_id, user=by_email[f"bench-officer-{council_id}@council.example"]
            )
            for action_id, council_id in Action.objects.values_list("pk", "plan__council_id")
        ]
    )
    BoardMeeting.objects.bulk_create(
        [
            BoardMeeting(
                council=c,
                board_name="SENDIB",
                held_on=today + datetime.timedelta(days=d),
                attendees="Chair",
            )
            for c in councils
            for d in (-28, 3)
        ]
    )
    # One grant asks for a usage report at the end of its period, in three weeks.
    determination = GrantDetermination.objects.order_by("pk").first()
    GrantDetermination.objects.filter(pk=determination.pk).update(
        reporting_required=True,
        period_start=min(determination.period_start, today),
        period_end=today + datetime.timedelta(days=21),
    )
    Allocation.objects.filter(determination=determination, total__isnull=False).update(
        status="paid"
    )
    print(
        f"{len(users)} people, {Through.objects.count()} named leads, {2 * len(councils)} meetings"
    )


def main() -> None:
    generate_scale_data()
    today = timezone.localdate()
    people_and_meetings(today)

    with CaptureQueriesContext(connection) as queries:
        due = reminders_due(today=today)
    kinds: dict[str, int] = {}
    for reminder in due:
        kinds[reminder.kind] = kinds.get(reminder.kind, 0) + 1
    print(f"{len(due)} reminders due in {len(queries)} queries: {kinds}")

    def work_out():
        reminders_due(today=today)

    def dry_run():
        call_command("send_reminders", "--dry-run", stdout=io.StringIO())

    client = Client()
    compare(
        "Reminders: working out every reminder due today (153 councils)",
        page(client, "/healthz/"),
        [
            ("reminders_due, every kind", work_out, 400),
            ("send_reminders --dry-run (printed)", dry_run, 450),
        ],
        rounds=10,
        warmup=1,
    )


if __name__ == "__main__":
    main()
