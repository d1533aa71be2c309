"""Demo: Leicester's Accelerated Progress Plan published once, through the services, with
what each area means for families, so that the public index is not empty."""

import datetime

from django.utils import timezone

from inspections import selectors as plans
from sendtracker.core.models import Council, User

from . import services
from .models import Publication

# sub-area short title -> what it means for families (demo wording, plain English)
FAMILY_SUMMARIES = {
    "Joint commissioning of health needs post 19": (
        "The council and the NHS are agreeing one plan for buying health services for young "
        "people with SEND as they become adults, so that services do not stop at 18 or 19."
    ),
    "Accessing services on becoming a young adult": (
        "Young people should not wait longer for health services when they move to adult "
        "services. A named worker will help plan the move from age 14."
    ),
    "Clear pathways to access support": (
        "Families will be able to see, in one place, which service to contact and what "
        "happens next at each age, so that treatment is not delayed."
    ),
    "College support by health and social care for transitions": (
        "Colleges will get advice from health and social care staff, so that students with "
        "SEND get the support in their plan when they start college."
    ),
}


def load() -> None:
    leicester = Council.objects.get(dfe_la_code=856)
    if Publication.objects.filter(council=leicester).exists():
        return
    board = User.objects.filter(email="board@leicester.example").first()
    plan = leicester.improvement_plans.filter(kind="app").first()
    if plan is None:
        return
    areas, _ = plans.plan_for_publication(plan)
    summaries = {
        area.pk: FAMILY_SUMMARIES[area.short_title]
        for area in areas
        if area.short_title in FAMILY_SUMMARIES
    }
    services.save_publishing_choices(
        plan=plan,
        by=board,
        internal_fields=services.publishing_of(plan).internal_fields,
        # Quarterly, from the day the demo is loaded (the seed's review is long past).
        next_update_due=timezone.localdate() + datetime.timedelta(days=91),
        family_summaries=summaries,
        expected_version=0,
    )
    services.publish_plan(
        plan=plan,
        by=board,
        note="The plan as DfE and NHS England accepted it, with its progress so far.",
        expected_version=0,
    )
