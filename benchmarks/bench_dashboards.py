"""Council dashboard, region view and national view on the national-scale data.

Fills a throwaway database with `generate_scale_data` (all 153 councils) and times
each page against /healthz/ in the same run, on whichever database DATABASE_URL names,
twice: cold, with the cache emptied before every request (what the first visitor after
any write meets, since every write changes the pages' keys), and warm (repeat visits
between writes). A third run times each page as the first visit after an officer's
status update in the page's scope: the cache keys change and the council's plan
figures are behind its plans version, so the page recomputes them.
"""

from _harness import generate_scale_data, compare, compare_warm_and_cold, page, setup_django

setup_django()

from django.core.management import call_command
from django.test import Client

from inspections.models import Action
from inspections.services import update_action_status

from sendtracker.core.models import Council, Region, User
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role


def main() -> None:
    generate_scale_data()
    # The council dashboard's official statistics panel reads these (one query).
    call_command("load_official_statistics", stdout=open("/dev/null", "w"))  # noqa: SIM115
    leicester = Council.objects.get(dfe_la_code=856)
    board = User.objects.create_user("bench-board@leicester.example", "bench-password-1234")
    grant_role(user=board, role=Role.BOARD_MEMBER, council=leicester)
    adviser = User.objects.create_user("bench-adviser@dfe.example", "bench-password-1234")
    for name in ("East Midlands", "Yorkshire and The Humber"):
        grant_role(user=adviser, role=Role.ADVISER, region=Region.objects.get(name=name))
    national = User.objects.create_user("bench-national@dfe.example", "bench-password-1234")
    grant_role(user=national, role=Role.ADVISER)

    def get(user, url):
        client = Client()
        client.force_login(user)
        return page(client, url)

    dashboard = f"/councils/{leicester.slug}/dashboard/"
    pages = [
        ("council dashboard (Leicester)", get(board, dashboard), 10),
        ("region view (2 regions, 25 councils)", get(adviser, "/dashboards/region/"), 15),
        ("national view (153 councils)", get(national, "/dashboards/national/"), 25),
    ]
    compare_warm_and_cold("Dashboards", get(board, "/healthz/"), pages, rounds=20)
    officer = User.objects.create_user("bench-officer@leicester.example", "bench-password-1234")
    grant_role(user=officer, role=Role.COUNCIL_OFFICER, council=leicester)
    action = Action.objects.filter(plan__council=leicester).order_by("pk").first()
    statuses = iter(["on_track", "not_started"] * 1000)

    def write():
        action.refresh_from_db()
        update_action_status(
            action=action,
            by=officer,
            status=next(statuses),
            stage=action.stage,
            expected_version=action.version,
        )

    compare(
        "Dashboards, first visit after a status update in Leicester",
        get(board, "/healthz/"),
        [(label, fn, target, write) for label, fn, target in pages],
        rounds=20,
    )


if __name__ == "__main__":
    main()
