"""Programme overview and a 500-milestone tree, against /healthz/ (issue 6: each ≤ 8x)."""

from _harness import compare_warm_and_cold, page, setup_django

setup_django()

from django.test import Client
from django.urls import reverse

from sendtracker.core.models import Council, User
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from tests.programmes.test_query_counts import build


def main() -> None:
    council = Council.objects.get(dfe_la_code=812)
    officer = User.objects.create_user("bench-officer@nelincs.example", "bench-password-1234")
    grant_role(user=officer, role=Role.COUNCIL_OFFICER, council=council)
    programme, workstream, _measure = build(council, 500)
    client = Client()
    client.force_login(officer)
    base = {"council_slug": council.slug, "programme_id": programme.pk}
    overview = reverse("programmes:programme-detail", kwargs=base)
    tree = reverse("programmes:milestone-tree", kwargs={**base, "workstream_id": workstream.pk})

    def get(url):
        return page(client, url)

    pages = [
        ("programme overview, 500 milestones", get(overview), 8),
        ("milestone tree of 500 milestones", get(tree), 8),
    ]
    # No cold target was set for these pages: the cold figures are for information.
    compare_warm_and_cold("Programmes", get("/healthz/"), pages, rounds=15)


if __name__ == "__main__":
    main()
