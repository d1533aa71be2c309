"""Demo records for inspections.

Leicester's 2018 inspection (2016 framework), 2021 revisit, WSOA and APP, drawn from
seed 002 (Leicester City scrutiny report, September 2021); the APP's four sub-areas
are the council's own split of Area 4, so they are the APP's.

Nottinghamshire's 2023 framework inspection from Ofsted's published outcomes
(data/official/area_send_inspections_2023_framework.csv: inspected 30 January 2023,
report 16 May 2023, widespread and/or systemic failings, two areas for priority
action), with a priority action plan. Only those facts are Ofsted's: the areas' and
the actions' wording is illustrative, and says so.

Leads are role titles, never people's names. Idempotent: nothing is added for a
council whose inspection exists.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from sendtracker.core.models import Council, User
from sendtracker.core.status import Status, StatusKey

from . import services
from .models import AreaKind, Framework, Inspection, Outcome, PlanKind, Stage

AREAS = [
    (
        1,
        "The lack of strategic planning to improve the outcomes for children and young people who have SEN and/or disabilities",
    ),
    (2, "The poor quality of EHC plans"),
    (3, "The assessment of children and young people's social care needs"),
    (
        4,
        "The lack of joint commissioning of services to support young people's health needs post 19",
    ),
    (5, "The disjointed approach to the preparation for adulthood"),
]

SUB_AREAS = [
    (1, "Lack of joint commissioning", "Joint commissioning of health needs post 19"),
    (
        2,
        "Young people experience delays in accessing services when they become a young adult",
        "Accessing services on becoming a young adult",
    ),
    (
        3,
        "There are no clear pathways for young people to access support, which delays their treatment during this transition",
        "Clear pathways to access support",
    ),
    (
        4,
        "Colleges do not get appropriate support from health or social care to support the transition process",
        "College support by health and social care for transitions",
    ),
]

DCO = "Designated Clinical Officer (CCG)"
HEAD_SEND = "Head of SEND Integrated Services 0-25"
COMMISSIONING = "Head of Joint Commissioning (CCG)"
TRANSITION = "SEND Transition Lead (community health trust)"
DCS = "Director of Children's Services"
CCG = "Chief Officer, CCG"
ADULTS = "Head of Adult Social Care"
PAEDS = "Consultant Paediatrician (acute trust)"

D = datetime.date

# (sub-area, ref, action, leads, evidence of output, action milestones, evidence of impact, impact milestones)
ACTIONS = [
    (
        1,
        "1.1",
        "Review local area joint commissioning strategy and action plan ensuring links to SEND and transition strategies",
        f"{COMMISSIONING}; Head of Children's Commissioning",
        "LLR SEND Joint Commissioning Strategy is published.",
        [D(2021, 12, 31)],
        "Professionals, parents, carers and children demonstrate awareness that the strategy is in place and understand its key priorities for the first two years. A survey of multi-agency professionals shows positive impact of the DCO offer.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        1,
        "1.2",
        "Establish a task and finish group to identify the mechanism for delivering the strategy through the Joint Integrated Commissioning Board",
        f"{COMMISSIONING}; Head of Children's Commissioning",
        "Minutes and RAG rating of the action plan of the LLR Joint SEND Strategy Delivery Group available.",
        [D(2021, 12, 31)],
        "Case studies and quantitative data demonstrate personalised joint commissioning for 19 to 25 year olds.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        2,
        "2.1",
        "Implement the transition strategy",
        f"{DCS}; {CCG}",
        "City Transition Strategy; NHS England benchmarking progress.",
        [D(2021, 12, 31)],
        "Using the evaluation tools, parent carers, young people, college staff and health staff tell us their voice has been heard and they have a good experience of pathways into adult health services.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        2,
        "2.2",
        "Identify executive leads in each organisation to champion transition",
        f"{CCG}; Strategic Director of Social Care and Education",
        "Minutes available.",
        [D(2021, 12, 31)],
        "Case studies show young people entering supported independent living with joined-up support.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        2,
        "2.3",
        "Streamline the pathway for young people with EHC plans who will require adult health services to reduce the delay in accessing appropriate provision",
        f"{DCO}; {TRANSITION}; {HEAD_SEND}",
        "Exemplar project on annual health checks for young people with learning disabilities; NHS England benchmarking progress.",
        [D(2021, 12, 31), D(2022, 3, 31)],
        "A GP survey and focus group show GPs understand their role in supporting young people with SEND at transition.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        2,
        "2.4",
        "Each organisation to review and implement internal processes for supporting transition to adult services and link to partners",
        f"{TRANSITION}; {PAEDS}; {HEAD_SEND}; {ADULTS}",
        "",
        [D(2022, 3, 31)],
        "",
        [D(2022, 3, 31)],
    ),
    (
        2,
        "2.5",
        "Establish a clear procedure which enables health professionals to forward plan the provision to respond to and meet the developing and changing needs of young people as they transition into adulthood",
        f"{COMMISSIONING}; {TRANSITION}; Head of Learning Disability Commissioning",
        "Transforming Care Programme three-year road map; data dashboard spotlights post 19.",
        [D(2021, 9, 30), D(2021, 12, 31)],
        "Case studies evidence jointly funded personal commissioning.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        2,
        "2.6",
        "Update health transition policies and associated procedures",
        f"{TRANSITION}; {PAEDS}",
        "",
        [D(2022, 3, 31)],
        "",
        [],
    ),
    (
        3,
        "3.1",
        "NHS commissioners and providers to agree and clarify the transitions processes in treatment services",
        COMMISSIONING,
        "Examples of training and advice packages for schools and further education colleges.",
        [D(2021, 12, 31)],
        "Parent carers, young people, college staff and health staff feedback demonstrates confidence in transition processes.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        3,
        "3.2",
        "Engage young people and families to understand what support and information they require as they prepare to move from children's services to adult services",
        f"{TRANSITION}; {DCO}; {HEAD_SEND}",
        "Regular attendance at the parent carer forum and SENDIASS by health and local authority officers; minutes available.",
        [D(2021, 12, 31)],
        "Surveys and focus groups with young people and their families show the support and information they used to move from children's to adult services.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        3,
        "3.3",
        "Develop and implement a joint plan to improve support and information available to support transition",
        f"{TRANSITION}; {HEAD_SEND}",
        "",
        [D(2022, 3, 31)],
        "",
        [D(2022, 3, 31)],
    ),
    (
        4,
        "4.1",
        "Health and social care senior lead officers to engage with colleges and schools via the Tertiary Federation to understand what support and information they require to prepare young people with identified health needs for transition, at the EHC plan review in the year prior to a move to college",
        f"{HEAD_SEND}; {DCO}; {TRANSITION}",
        "Further education college network minutes.",
        [D(2021, 12, 31)],
        "Outcomes of regional project funding show improved support from health or social care during the transition process.",
        [D(2021, 12, 31), D(2022, 3, 31)],
    ),
    (
        4,
        "4.2",
        "Offer colleges a designated clinical officer contact for joint problem solving when they have difficulties supporting young people's health needs",
        DCO,
        "",
        [D(2021, 12, 31)],
        "College staff and health staff show confidence in the support they receive from health as young people move into college.",
        [D(2022, 3, 31)],
    ),
    (
        4,
        "4.3",
        "Run a network group across Leicester, Leicestershire and Rutland every six weeks, with colleges and health, to resolve on-going transition issues",
        f"{HEAD_SEND}; {TRANSITION}",
        "",
        [D(2021, 12, 31)],
        "",
        [D(2022, 3, 31)],
    ),
]

# (ref, [(date, status, stage, note, reason, recovery date)]) – a few months of updates.
HISTORY = {
    "1.1": [
        (
            D(2021, 9, 28),
            Status.ON_TRACK,
            Stage.EVIDENCE,
            "Joint commissioning strategy approved at SENDIB in June 2021; CCG approval due in July and system sign-off in August.",
            "",
            None,
        ),
        (
            D(2021, 12, 14),
            Status.COMPLETE,
            Stage.COMPLETED,
            "LLR SEND Joint Commissioning Strategy published.",
            "",
            None,
        ),
    ],
    "1.2": [
        (
            D(2021, 9, 28),
            Status.ON_TRACK,
            Stage.EVIDENCE,
            "The Joint Integrated Commissioning Board leads oversight; the LLR Joint SEND Strategy Delivery Group is in place.",
            "",
            None,
        ),
        (
            D(2021, 12, 14),
            Status.ON_TRACK,
            Stage.IMPACT,
            "Delivery group action plan active; speech, language and communication strategy in development.",
            "",
            None,
        ),
    ],
    "2.1": [
        (
            D(2021, 9, 28),
            Status.ON_TRACK,
            Stage.EVIDENCE,
            "Complex transition case panel established; joint solutions panel co-funds solutions.",
            "",
            None,
        ),
        (
            D(2022, 1, 18),
            Status.COMPLETE,
            Stage.IMPACT,
            "Transition strategy implemented; information sheets for parents and professionals published.",
            "",
            None,
        ),
    ],
    "2.2": [
        (
            D(2021, 9, 28),
            Status.COMPLETE,
            Stage.COMPLETED,
            "Executive leads at senior level champion transition in each organisation.",
            "",
            None,
        )
    ],
    "2.3": [
        (
            D(2021, 9, 28),
            Status.ON_TRACK,
            Stage.ACTION,
            "Transitions liaison between the acute and community trusts in place.",
            "",
            None,
        ),
        (
            D(2021, 12, 14),
            Status.MINOR_DELAY,
            Stage.EVIDENCE,
            "Annual health check exemplar project started late.",
            "Annual health check exemplar project delayed by winter pressures in primary care.",
            D(2022, 3, 31),
        ),
    ],
    "2.4": [
        (
            D(2021, 10, 26),
            Status.ON_TRACK,
            Stage.ACTION,
            "Each organisation is reviewing its internal transition processes.",
            "",
            None,
        )
    ],
    "2.5": [
        (
            D(2021, 9, 28),
            Status.ON_TRACK,
            Stage.EVIDENCE,
            "Transforming Care Programme road map 2021 to 2024 agreed.",
            "",
            None,
        ),
        (
            D(2022, 1, 18),
            Status.MAJOR_DELAY,
            Stage.EVIDENCE,
            "Post 19 data dashboard not yet available.",
            "Data sharing agreement between partners not yet signed, so the post 19 dashboard cannot be built.",
            D(2022, 6, 30),
        ),
    ],
    "2.6": [],
    "3.1": [
        (
            D(2021, 10, 26),
            Status.ON_TRACK,
            Stage.EVIDENCE,
            "Transition statement added to service specifications and the SEND contract.",
            "",
            None,
        )
    ],
    "3.2": [
        (
            D(2021, 9, 28),
            Status.ON_TRACK,
            Stage.ACTION,
            "Consulted parents and carers at the local offer live event.",
            "",
            None,
        ),
        (
            D(2021, 12, 14),
            Status.COMPLETE,
            Stage.COMPLETED,
            "Regular attendance at the parent carer forum and SENDIASS; minutes available.",
            "",
            None,
        ),
    ],
    "3.3": [
        (
            D(2021, 11, 23),
            Status.MINOR_DELAY,
            Stage.ACTION,
            "Transition video in production.",
            "Video production delayed until young people's feedback is gathered.",
            D(2022, 2, 28),
        )
    ],
    "4.1": [
        (
            D(2021, 9, 28),
            Status.ON_TRACK,
            Stage.EVIDENCE,
            "Care navigators signpost schools and colleges to community health for updated EHC plan advice.",
            "",
            None,
        )
    ],
    "4.2": [
        (
            D(2021, 10, 26),
            Status.ON_TRACK,
            Stage.ACTION,
            "Designated clinical officer offer to colleges agreed.",
            "",
            None,
        )
    ],
    "4.3": [],
}


# The WSOA after the inspection, then the APP after the revisit, which the actions below are on.
PLANS = [
    {
        "kind": PlanKind.WSOA,
        "title": "Written Statement of Action 2018",
        "summary": "The plan to address the five areas of weakness identified at the 2018 inspection.",
        "approved_on": D(2018, 9, 25),
        "approved_by": "Ofsted and CQC",
        "board_cadence": "Monthly SEND Improvement Board",
        "published": True,
        "status_key": StatusKey.GREY_YELLOW,
    },
    {
        "kind": PlanKind.APP,
        "title": "Accelerated Progress Plan: Area 4",
        "summary": "How the local area will make accelerated progress in joint commissioning of services to support young people's health needs post 19, in 3-month milestones.",
        "approved_on": D(2021, 7, 30),
        "approved_by": "DfE and NHS England",
        "board_cadence": "Monthly SEND Improvement Board",
        "dfe_cadence": "Quarterly DfE and NHS England review",
        "published": True,
        "status_key": StatusKey.GREY_YELLOW,
        "review_points": [("Six-month review", D(2022, 1, 31))],
    },
]


@transaction.atomic
def load() -> None:
    load_leicester()
    load_nottinghamshire()


def load_leicester() -> None:
    leicester = Council.objects.get(dfe_la_code=856)
    if Inspection.objects.filter(council=leicester, framework=Framework.LOCAL_AREA_2016).exists():
        return
    officer = User.objects.filter(email="officer@leicester.example").first()
    inspection = services.create_inspection(
        council=leicester,
        by=None,
        framework=Framework.LOCAL_AREA_2016,
        started_on=D(2018, 4, 23),
        ended_on=D(2018, 4, 27),
        report_published_on=D(2018, 6, 18),
    )
    areas = {
        number: services.add_area(inspection=inspection, by=None, number=number, title=title)
        for number, title in AREAS
    }
    services.record_revisit(
        inspection=inspection,
        by=None,
        started_on=D(2021, 5, 5),
        ended_on=D(2021, 5, 7),
        judgements={area.pk: number != 4 for number, area in areas.items()},
    )
    _wsoa, app = [
        services.create_plan(council=leicester, by=None, inspection=inspection, **values)
        for values in PLANS
    ]
    sub_areas = {
        number: services.add_area(
            inspection=inspection,
            by=None,
            parent=areas[4],
            plan=app,
            number=number,
            title=title,
            short_title=short,
        )
        for number, title, short in SUB_AREAS
    }
    for position, (sub, ref, text, leads, output, action_due, impact, impact_due) in enumerate(
        ACTIONS
    ):
        action = services.add_action(
            plan=app,
            ref=ref,
            area=sub_areas[sub],
            description=text,
            leads=leads,
            evidence_of_output=output,
            evidence_of_impact=impact,
            action_milestones=action_due,
            impact_milestones=impact_due,
            position=position,
            # The actions are the APP's as approved, not added on the day the demo loads.
            added_at=timezone.make_aware(
                datetime.datetime.combine(app.approved_on, datetime.time(9))
            ),
        )
        for day, status, stage, note, reason, recovery in HISTORY[ref]:
            services.update_action_status(
                action=action,
                by=officer,
                status=status,
                stage=stage,
                note=note,
                reason=reason,
                recovery_date=recovery,
                evidence_of_output=output or note,
                expected_version=action.version,
                at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0))),
            )
    name_leads(app)


# The demo accounts who lead APP actions by name: each leads the actions whose leads
# include their role title (the account's job title).
NAMED_LEADS = {
    "officer@leicester.example": HEAD_SEND,
    "health@leicester.example": DCO,
}


def name_leads(plan) -> None:
    """Name the demo accounts as leads of the plan's actions their role title leads."""
    for email, title in NAMED_LEADS.items():
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        for action in plan.actions.filter(leads__contains=title).order_by("position"):
            leads = [*action.lead_users.all(), user]
            services.update_action_details(
                action=action, by=None, expected_version=action.version, lead_users=leads
            )


# Nottinghamshire, 2023 framework ---------------------------------------------------------

ILLUSTRATIVE = "Illustrative wording, not the report's or the council's own"

# (number, title, text): Ofsted's report names two areas for priority action; their
# wording here is a summary for the demo, marked as such.
PRIORITY_AREAS = [
    (
        1,
        "Timeliness and quality of education, health and care needs assessments and plans",
        f"{ILLUSTRATIVE}. Leaders across the partnership should make sure that needs "
        "assessments are completed on time and that plans describe children's and young "
        "people's needs precisely, with the provision to meet them.",
    ),
    (
        2,
        "Waiting times for health assessments and therapies",
        f"{ILLUSTRATIVE}. Leaders across the partnership should reduce how long children "
        "and young people wait for neurodevelopmental assessments and therapies, and "
        "support families while they wait.",
    ),
]

NOTTS_SEND = "Head of SEND (council)"
NOTTS_DCO = "Designated Clinical Officer (ICB)"
NOTTS_COMMISSIONING = "Head of Children's Commissioning (ICB)"
NOTTS_QA = "SEND Quality Assurance Lead (council)"

# (area number, ref, action, leads, action milestones)
PRIORITY_ACTIONS = [
    (
        1,
        "1.1",
        "Illustrative: recruit and train enough EHC plan coordinators to complete needs "
        "assessments within 20 weeks",
        NOTTS_SEND,
        [D(2023, 12, 31)],
    ),
    (
        1,
        "1.2",
        "Illustrative: audit a sample of new EHC plans each month against a quality "
        "standard agreed with the parent carer forum",
        f"{NOTTS_QA}; {NOTTS_DCO}",
        [D(2024, 3, 31)],
    ),
    (
        2,
        "2.1",
        "Illustrative: commission additional neurodevelopmental assessment capacity to "
        "reduce the longest waits",
        f"{NOTTS_COMMISSIONING}; {NOTTS_DCO}",
        [D(2024, 3, 31)],
    ),
    (
        2,
        "2.2",
        "Illustrative: offer families waiting for an assessment a named contact and "
        "support while they wait",
        f"{NOTTS_DCO}; {NOTTS_SEND}",
        [D(2023, 12, 31)],
    ),
]


def load_nottinghamshire() -> None:
    notts = Council.objects.get(dfe_la_code=891)
    if Inspection.objects.filter(council=notts, framework=Framework.AREA_SEND_2023).exists():
        return
    inspection = services.create_inspection(
        council=notts,
        by=None,
        framework=Framework.AREA_SEND_2023,
        started_on=D(2023, 1, 30),
        ended_on=D(2023, 2, 17),  # not in the published data: three weeks assumed
        outcome=Outcome.SYSTEMIC_FAILINGS,
        report_published_on=D(2023, 5, 16),
    )
    areas = {
        number: services.add_area(
            inspection=inspection,
            by=None,
            kind=AreaKind.PRIORITY_ACTION,
            number=number,
            title=title,
            text=text,
        )
        for number, title, text in PRIORITY_AREAS
    }
    plan = services.create_plan(
        council=notts,
        by=None,
        kind=PlanKind.PRIORITY,
        inspection=inspection,
        title="Priority Action Plan 2023",
        summary="The local area's plan for the two areas for priority action named in the "
        "inspection report of 16 May 2023. The actions' wording is illustrative, for the "
        "demo: it is not the council's published plan.",
        board_cadence="Monthly SEND Improvement Board",
        dfe_cadence="Quarterly DfE and NHS England review",
    )
    for position, (number, ref, text, leads, due) in enumerate(PRIORITY_ACTIONS):
        services.add_action(
            plan=plan,
            ref=ref,
            area=areas[number],
            description=text,
            leads=leads,
            action_milestones=due,
            position=position,
        )
