"""Plan page, BRAG page and a status update of a 300-action plan, against /healthz/."""

from _harness import compare, compare_warm_and_cold, page, setup_django

setup_django()

from urllib.parse import urlencode

from django.test import Client

from inspections.models import Action
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.core.models import User
from sendtracker.core.services import grant_role
from tests.inspections.factories import plan_with_actions


def main() -> None:
    leicester = Council.objects.get(dfe_la_code=856)
    officer = User.objects.create_user("bench-officer@leicester.example", "bench-password-1234")
    grant_role(user=officer, role=Role.COUNCIL_OFFICER, council=leicester)
    plan = plan_with_actions(300, council=leicester, areas=5)
    client = Client()
    client.force_login(officer)
    plan_url = plan.get_absolute_url()
    action = Action.objects.get(plan=plan, ref="A0")
    status_url = f"{plan_url}actions/{action.pk}/status/"
    statuses = iter(["on_track", "not_started"] * 1000)
    version = [action.version]  # each saved update adds one, as the form would read it

    def update():
        prefix = f"action-{action.pk}-"
        # Form-encoded, as a browser and htmx send a form without files.
        response = client.post(
            status_url,
            urlencode(
                {
                    prefix + "status": next(statuses),
                    prefix + "stage": "action",
                    prefix + "version": version[0],
                    "next": plan_url,
                }
            ),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 302, response.status_code
        version[0] += 1

    def get(url):
        return page(client, url)

    pages = [
        ("plan page, first page of 300 actions", get(plan_url), 8),
        ("BRAG on a page, 300 actions", get(plan_url + "brag/"), 8),
    ]
    compare_warm_and_cold("Improvement plans: pages", get("/healthz/"), pages)

    def read_banner():
        # The plan page the POST redirects to shows (and so removes) the success banner;
        # left in its cookie, banners would pile up there and slow every request.
        assert client.cookies.pop("messages").value, "no success banner"

    compare(
        "Improvement plans: updates",
        get("/healthz/"),
        [("status update POST", update, 3, read_banner)],
        rounds=60,
    )

    # What the officer lands on after every update: the POST (untimed) changes the
    # council's data version, so the plan page it redirects to is rendered afresh.
    compare(
        "Improvement plans: the plan page after a status update",
        get("/healthz/"),
        [("plan page, the redirect after an update", get(plan_url), 8, update)],
        rounds=30,
    )


if __name__ == "__main__":
    main()
