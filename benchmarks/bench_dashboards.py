"""Council dashboard, region view and national view on the national-scale data.

Fills a throwaway database with `generate_scale_data` (all 153 councils) and times
each page against /healthz/ in the same run, on whichever database DATABASE_URL names.
Pages are timed warm: their cached fragments are keyed on stamps that change with
every write, so a warm page is what a board member sees between updates.
"""

import time

from _harness import compare, setup_django

setup_django()

from django.core.management import call_command
from django.test import Client

from sendtracker.core.models import Council, Region, User
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role


def main() -> None:
    started = time.monotonic()
    call_command("generate_scale_data", "--seed", "1")
    print(f"scale data in {time.monotonic() - started:.0f} s")
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

        def fetch():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return fetch

    dashboard = f"/councils/{leicester.slug}/dashboard/"
    compare(
        "Dashboards on national-scale data",
        get(board, "/healthz/"),
        [
            ("council dashboard (Leicester)", get(board, dashboard), 10),
            ("region view (2 regions, 25 councils)", get(adviser, "/dashboards/region/"), 15),
            ("national view (153 councils)", get(national, "/dashboards/national/"), 25),
        ],
    )


if __name__ == "__main__":
    main()
