"""Published plans, read by a visitor who is not signed in, against /healthz/.

The demo's Leicester APP (published by the demo loader) and the index of published
plans, warm (repeat visits) and cold (the cache emptied before each request: rate-limit
counts and the PDF are all it holds for these pages). Then the plan's PDF, cold, for
information. Target: the plan page ≤ 5x cold.
"""

import os

from _harness import compare, compare_warm_and_cold, page, setup_django

# The limit would answer 429 part-way through the rounds; the check itself still runs.
os.environ["PUBLIC_RATE_LIMIT"] = "1000000/m"
setup_django()

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from sendtracker.publications.models import Publication


def main() -> None:
    call_command("load_demo", verbosity=0)
    publication = Publication.objects.get(council__slug="leicester", current=True)
    client = Client()
    url = publication.get_absolute_url()
    pages = [
        (f"public plan page ({url})", page(client, url), 5),
        ("index of published plans", page(client, "/published/"), 5),
    ]
    compare_warm_and_cold("Published plans", page(client, "/healthz/"), pages)
    compare(
        "Published plan's PDF, cold (for information)",
        page(client, "/healthz/"),
        [("plan PDF", page(client, url + "pdf/"), 1000, cache.clear)],
        rounds=3,
        warmup=1,
    )


if __name__ == "__main__":
    main()
