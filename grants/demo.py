"""Demo grants from seeds 000 and 001 (idempotent: skipped if already loaded).

Seed 000: the 2021-22 Regional Coordinator section 31 determination (project_5368,
31/5492) with its Annex A success measures and Annex B recipients; only Leicester's
amount is published, so the other six are pending. Its letter schedules the two
instalments in August 2020 and February 2021, outside the grant's year: kept as the
letter has them, which the pages flag.
Seed 001: North East Lincolnshire's £1,000,000 ring-fenced DBV grant, accepted by
cabinet on 15 February 2023, with a statement of grant usage for the first phase.
The payment date and the usage figures are illustrative (the seed gives neither).
"""

import datetime
from decimal import Decimal

from django.db import transaction

from grants import services
from grants.models import GrantDetermination, LegalBasis
from sendtracker.core.models import Council, Region, User

RC_REFERENCE = "31/5492"
DBV_TITLE = "Delivering Better Value in SEND grant, first wave"

RC_MEASURES = [
    (
        "evidence of progress across key areas of the SEN and disability reforms such as:",
        [
            "improved quality and accessibility of the Local Offer,",
            "enhanced multi-agency working and joint commissioning,",
            "effective strategy for preparing young people with SEND for adulthood,",
            "participation of children, young people and parent carers,",
            "organisational change, and",
            "workforce development;",
        ],
    ),
    (
        "a clear and sustainable strategy for partnership working with local authorities "
        "across the region;",
        [],
    ),
    (
        "development of a clear and achievable delivery plan for regional activities and "
        "peer support in 2021-22;",
        [],
    ),
    ("a strategy for assessing the impact their work has had in the region;", []),
    (
        "evidence of effective partnership working with the main stakeholder groups in "
        "the region to shape approaches;",
        [],
    ),
    (
        "evidence of effective relationships between the local authorities and their "
        "health and social care partners;",
        [],
    ),
    (
        "a strong working partnership with their own local parent carer forum that can help to "
        "influence and encourage participation and co-production within the region;",
        [],
    ),
    (
        "evidence of effective partnership working with national partners and support agencies "
        "to meet regional needs and share information;",
        [],
    ),
    (
        "a strategy for sharing of effective approaches from the region, including with "
        "neighbouring areas; and",
        [],
    ),
    ("evidence of an improved experience for children and young people and their families.", []),
]

# Annex B recipients, by DfE LA number; only Leicester's row has figures.
RC_RECIPIENTS = [840, 856, 353, 874, 851, 880, 384]


def _admin() -> User | None:
    return User.objects.filter(email="grants@dfe.example").first()


def _regional_coordinator(by) -> None:
    determination = services.create_determination(
        by=by,
        title=(
            "Regional Coordinator for the Special Educational Needs and Disability Reforms "
            "Determination 2021-2022"
        ),
        legal_basis=LegalBasis.SECTION_31,
        dfe_reference="project_5368",
        determination_reference=RC_REFERENCE,
        financial_year="2021-22",
        period_start=datetime.date(2021, 4, 1),
        period_end=datetime.date(2022, 3, 31),
        purpose=(
            "To provide support to local authorities in England towards expenditure lawfully "
            "incurred or to be incurred by them: accelerated improvement in the quality of local "
            "area SEND service delivery and outcomes for children, young people and their "
            "families from April 2021."
        ),
        ring_fenced=False,
        conditions=(
            "Formal reporting to the Department for Education on progress is not a condition "
            "of this grant."
        ),
        clawback=False,
        reporting_required=False,
        total_available=None,
        signed_by_role=(
            "Deputy Director Special Educational Needs and Disability Improvement and "
            "Intervention, Department for Education"
        ),
        signed_on=datetime.date(2021, 3, 31),
        status="made",
    )
    for text, children in RC_MEASURES:
        parent = services.add_success_measure(determination=determination, by=by, text=text)
        for child in children:
            services.add_success_measure(
                determination=determination, by=by, text=child, parent=parent
            )
    for due_on, description in [
        (datetime.date(2020, 8, 1), "First instalment: August 2020, as the letter states"),
        (datetime.date(2021, 2, 1), "Second instalment: February 2021, as the letter states"),
    ]:
        services.add_instalment(
            determination=determination, by=by, due_on=due_on, description=description
        )
    west_midlands = Region.objects.get(name="West Midlands")
    for council in Council.objects.filter(dfe_la_code__in=RC_RECIPIENTS).order_by("name"):
        if council.dfe_la_code == 856:
            services.create_allocation(
                determination=determination,
                by=by,
                council=council,
                region_supported=west_midlands,
                las_in_region=14,
                total=Decimal("21271.92"),
            )
        else:
            services.create_allocation(determination=determination, by=by, council=council)


def _delivering_better_value(by) -> None:
    nelincs = Council.objects.get(dfe_la_code=812)
    determination = services.create_determination(
        by=by,
        title=DBV_TITLE,
        legal_basis=LegalBasis.GRANT_AGREEMENT,
        financial_year="2022-23",
        period_start=datetime.date(2022, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        purpose=(
            "A one-off lump sum to support the activities agreed in the Delivering Better Value "
            "in SEND programme: data visibility and improvement cycles, and a culture of "
            "inclusion in mainstream settings."
        ),
        ring_fenced=True,
        conditions=(
            "Ring-fenced and only used for the purposes set out in the Grant Determination "
            "Letter. No clawback. A statement of expenditure or grant usage after each phase."
        ),
        clawback=False,
        reporting_required=True,
        total_available=Decimal("1000000.00"),
        status="made",
    )
    allocation = services.create_allocation(
        determination=determination, by=by, council=nelincs, total=Decimal("1000000.00")
    )
    allocation = services.accept_allocation(
        allocation=allocation,
        by=by,
        decision=(
            "Authorises the acceptance of the DfE Delivering Better Value in SEND services "
            "grant of £1,000,000 (CB 03/23/04)"
        ),
        decision_body="Cabinet",
        decided_on=datetime.date(2023, 2, 15),
    )
    services.record_payment(
        allocation=allocation,
        by=by,
        amount=Decimal("1000000.00"),
        paid_on=datetime.date(2023, 3, 31),
        reference="Illustrative: paid at the end of March 2023",
    )
    officer = User.objects.filter(email="officer@nelincs.example").first()
    services.submit_usage_statement(
        allocation=allocation,
        by=officer,
        period="Phase 1: design, April to August 2023",
        period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2023, 8, 31),
        narrative=(
            "Illustrative figures. Recruitment of the programme team, design of the data "
            "dashboard and of the improvement cycles, and the first workforce development offer "
            "to schools."
        ),
        lines=[
            ("staff", "Programme team and backfill", Decimal("96500.00")),
            ("data", "Data dashboard design and first version", Decimal("48250.50")),
            ("workforce", "Inclusion training for SENCOs and school staff", Decimal("35000.00")),
        ],
    )


@transaction.atomic
def load() -> None:
    """Create the demo determinations unless they already exist."""
    by = _admin()
    if not GrantDetermination.objects.filter(determination_reference=RC_REFERENCE).exists():
        _regional_coordinator(by)
    if not GrantDetermination.objects.filter(title=DBV_TITLE).exists():
        _delivering_better_value(by)
