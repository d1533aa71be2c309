"""Demo data: accounts for each role, and (from later issues) records for them to see.

`load_demo` calls `load()` here, then each domain app's `demo.load()` in turn, so
every issue adds its demo records in its own app. Everything is idempotent.
"""

import os

from django.db import transaction

from sendtracker.core import services
from sendtracker.core.models import Council, Region, User
from sendtracker.core.models.people import Role

DEFAULT_DEMO_PASSWORD = "send-tracker-demo"  # noqa: S105 (documented demo password)


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


# (email, job title, role, council DfE code, region names)
DEMO_ACCOUNTS = [
    (
        "officer@leicester.example",
        "Head of SEND Integrated Services 0-25",
        Role.COUNCIL_OFFICER,
        856,
        [],
    ),
    (
        "officer@nelincs.example",
        "Project lead, Delivering Better Value",
        Role.COUNCIL_OFFICER,
        812,
        [],
    ),
    ("board@leicester.example", "Chair, SEND Improvement Board", Role.BOARD_MEMBER, 856, []),
    (
        "health@leicester.example",
        "Designated Clinical Officer (CCG)",
        Role.HEALTH_PARTNER,
        856,
        [],
    ),
    (
        "adviser@dfe.example",
        "DfE SEND adviser",
        Role.ADVISER,
        None,
        ["East Midlands", "Yorkshire and The Humber"],
    ),
    ("grants@dfe.example", "Grant administrator", Role.GRANT_ADMINISTRATOR, None, []),
    ("admin@sendtracker.example", "Site administrator", Role.SITE_ADMINISTRATOR, None, []),
]

COUNCIL_DETAILS = {
    856: {
        "improvement_board_name": "SEND Improvement Board (SENDIB)",
        "local_offer_url": "https://families.leicester.gov.uk/send-local-offer/",
        # A demo address (.example): the forum's own web page is for the council to enter.
        "parent_carer_forum_name": "Leicester Parent Carer Forum",
        "parent_carer_forum_url": "https://parent-carer-forum.leicester.example/",
    },
    812: {
        "improvement_board_name": "SEND Partnership Board",
        "local_offer_url": "https://www.nelincs.gov.uk/children-families-and-education/send-local-offer/",
    },
}


@transaction.atomic
def load() -> list[tuple[str, str]]:
    """Create the demo accounts and their roles; returns (email, role) pairs."""
    password = demo_password()
    created = []
    for email, job_title, role, dfe_code, region_names in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first() or services.add_person(
            email=email, job_title=job_title
        )
        user.set_password(password)
        user.job_title = job_title
        user.save(update_fields=["password", "job_title"])
        council = Council.objects.get(dfe_la_code=dfe_code) if dfe_code else None
        if region_names:
            for region in Region.objects.filter(name__in=region_names):
                services.grant_role(user=user, role=role, region=region)
        else:
            services.grant_role(user=user, role=role, council=council)
        created.append((email, Role(role).label))
    for dfe_code, details in COUNCIL_DETAILS.items():
        council = Council.objects.get(dfe_la_code=dfe_code)
        if any(getattr(council, key) != value for key, value in details.items()):
            services.update_council_details(
                council=council,
                by=None,
                expected_version=council.version,
                **{
                    "local_offer_url": council.local_offer_url,
                    "send_team_email": council.send_team_email,
                    "improvement_board_name": council.improvement_board_name,
                    "parent_carer_forum_name": council.parent_carer_forum_name,
                    "parent_carer_forum_url": council.parent_carer_forum_url,
                    **details,
                },
            )
    return created
