"""Demo programmes: North East Lincolnshire's DBV (seed 001), Leicestershire's TSIL
(seed 003) and Leicester City's High Needs Block table (seed 002, appendix 5).

People are role titles, never names. Where a seed names a measure but gives no
figures, or gives a forecast without its workings, the figures here are illustrative
and say so in their `source`. Milestones still to come are dated from the day the demo
is loaded, so that the demo shows live statuses. Idempotent.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sendtracker.core.models import Council, User

from . import services
from .models import (
    Direction,
    FigureKind,
    HighNeedsYear,
    Programme,
    ProgrammeKind,
    Progress,
    RiskStatus,
    Unit,
)

D = datetime.date
K = 1000
SEED_001 = "North East Lincolnshire Council cabinet report, 15 February 2023 (seed 001)"
SEED_003 = "Leicestershire Children and Families Overview and Scrutiny, 23 January 2024 (seed 003)"
ILLUSTRATIVE = f"Illustrative demo figures: the {SEED_001} names this measure but gives no figures"

AD_EDUCATION = "Assistant Director Education and Inclusion"
HEAD_SEND = "Head of SEND and Inclusion"
ENABLERS_001 = {"G": 2, "D": 1, "L": 2, "Ca": 2, "Cb": 2}
MEASURES_001 = [
    "# CYP starting EHCPs",
    "Turn around time to issue an EHCP",
    "# CYP starting specialist placement",
    "Reduction in High Needs spend",
    "# EHCP ceased every year",
]

# Leicester City, seed 002 appendix 5, £'000: year -> (direct, indirect, allocation).
LEICESTER_HIGH_NEEDS = {
    2015: (34532, 5531, 38228),
    2016: (37507, 5479, 38491),
    2017: (40593, 5501, 44385),
    2018: (45176, 5587, 45808),
    2019: (48426, 5521, 47321),
    2020: (53629, 5370, 54065),
    2022: (60164, 5550, 60153),
}
# Leicestershire, seed 003 paragraph 15, word for word (tests/programmes/test_demo.py
# reads its figures and checks it against the seed).
SEED_003_PARAGRAPH_15 = (
    "For 2024/25 expenditure forecast to be 22% in excess of the grant and is forecast to "
    "increase to be 48% in excess of the grant in 2027/28. Over the period of the MTFS "
    "there remains an annual funding gap of c£15m per year, and a cumulative high needs "
    "deficit over the same period forecast to be £65.5m in March 2025, rising to £110.6m "
    "in March 2028."
)
# It gives spend as a percentage over the grant for 2024/25 and 2027/28 and the
# cumulative deficit at the end of each, not the spend or the grant themselves, and
# nothing for 2025/26 or 2026/27, so only those two years are recorded. The split of
# spend and grant is illustrative and reproduces the percentages exactly; the deficits
# are the ones reported (they do not follow from the overspends: the council's MTFS
# funds part of the gap otherwise). £'000: year -> (direct, indirect, allocation, deficit).
LEICESTERSHIRE_HIGH_NEEDS = {
    2024: (116_000, 6_000, 100_000, 65_500),  # 122,000 spend: 22% over 100,000
    2027: (171_600, 6_000, 120_000, 110_600),  # 177,600 spend: 48% over 120,000
}


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


@transaction.atomic
def load() -> None:
    load_high_needs()
    load_nelincs_dbv()
    load_tsil()


def load_high_needs() -> None:
    city = Council.objects.get(dfe_la_code=856)
    if not HighNeedsYear.objects.filter(council=city).exists():
        for year, (direct, indirect, allocation) in LEICESTER_HIGH_NEEDS.items():
            services.record_high_needs_year(
                council=city,
                by=None,
                year_starting=year,
                kind=FigureKind.FORECAST if year == 2022 else FigureKind.ACTUAL,
                direct_spend=direct * K,
                indirect_spend=indirect * K,
                allocation=allocation * K,
                source="Leicester City scrutiny report, appendix 5 (seed 002)",
            )
    shire = Council.objects.get(name="Leicestershire")
    if not HighNeedsYear.objects.filter(council=shire).exists():
        for year, (direct, indirect, allocation, deficit) in LEICESTERSHIRE_HIGH_NEEDS.items():
            services.record_high_needs_year(
                council=shire,
                by=None,
                year_starting=year,
                kind=FigureKind.FORECAST,
                direct_spend=direct * K,
                indirect_spend=indirect * K,
                allocation=allocation * K,
                cumulative_deficit=deficit * K,
                source="Percentage over the grant and cumulative deficit as forecast in "
                "seed 003 (paragraph 15); the split of spend and grant is illustrative",
            )


def _milestones(workstream, rows, *, parent=None, by=None):
    """rows: (ref, title, owner, start, end, progress, completed_on, children)."""
    for ref, title, owner, start, end, progress, done, children in rows:
        milestone = services.add_milestone(
            workstream=workstream,
            by=by,
            parent=parent,
            ref=ref,
            title=title,
            owner=owner,
            planned_start=start,
            planned_end=end,
        )
        if progress != Progress.NOT_STARTED and not children:
            services.update_milestone(
                milestone=milestone,
                by=by,
                progress=progress,
                completed_on=done,
                expected_version=milestone.version,
            )
        _milestones(workstream, children, parent=milestone, by=by)


def load_nelincs_dbv() -> None:
    council = Council.objects.get(dfe_la_code=812)
    if Programme.objects.filter(council=council).exists():
        return
    allocation = None
    try:
        from grants.models import Allocation

        allocation = Allocation.objects.filter(council=council).order_by("pk").first()
    except ImportError:  # pragma: no cover - grants is always installed
        pass
    by = User.objects.filter(email="officer@nelincs.example").first()
    programme = services.create_programme(
        council=council,
        by=by,
        kind=ProgrammeKind.DBV,
        name="Delivering Better Value in SEND",
        tranche="First wave (announced 14 October 2022)",
        aim=(
            "More sustainable SEND services and an investment in data and insights, so that "
            "the council plans SEND services and specialist places better, for a more "
            "sustainable system for children and young people with SEND."
        ),
        delivery_partners="Newton Europe; Chartered Institute of Public Finance and Accountancy (CIPFA)",
        senior_responsible_officer="Director of Children's Services",
        allocation=allocation,
    )
    for name, start, end in [
        ("Module 1: diagnostics", D(2022, 8, 1), D(2022, 10, 14)),
        ("Module 2: deep dive", D(2022, 10, 17), D(2022, 12, 16)),
        ("Module 3: results analysis, grant bid and action plan", D(2023, 1, 3), D(2023, 2, 15)),
        ("Delivery of the approved workstream plans", D(2023, 4, 1), _day(300)),
    ]:
        services.add_phase(programme=programme, by=by, name=name, starts_on=start, ends_on=end)

    data = services.add_workstream(
        programme=programme,
        by=by,
        name="Data visibility and improvement cycles",
        objective=(
            "Development of an interactive data dashboard of current and projected data which "
            "will inform practice and decision making to improve performance and provide "
            "support earlier. The workstream also expects to improve inclusivity and to keep "
            "children in mainstream settings through earlier identification of needs."
        ),
        senior_accountable_officer=AD_EDUCATION,
        project_lead="",
        delivery_team=["SEND services", "Data team", "BIT team", "SEND advisers"],
        stakeholders_design=["SEND services team", "Data team", "BIT team", "SEND adviser"],
        stakeholders_impacted=[
            "Children and young people: earlier support thanks to earlier identification of needs",
            "Parents: confidence expected to improve as the time to deliver an EHCP falls",
            "Educational providers: expected to become more inclusive through earlier identification of needs",
            "Social care and healthcare",
            "SEND team: coordinators have one system, freeing capacity and giving better visibility of performance",
            "Other internal teams: complaints team, data teams",
        ],
        other_interdependencies=["Procurement and implementation of a new case management system"],
        likely_measures=MEASURES_001,
        enablers=ENABLERS_001,
    )
    inclusion = services.add_workstream(
        programme=programme,
        by=by,
        name="Culture of inclusion in mainstream settings",
        objective=(
            "An education system with a culture of shared responsibility and accountability "
            "that ensures everyone supporting a child or young person strives towards their "
            "most inclusive and aspirational outcome: by embedding the Education and Inclusion "
            "strategy, supporting all settings with workforce development and adding capacity "
            "to teams and services where appropriate."
        ),
        senior_accountable_officer=AD_EDUCATION,
        project_lead=HEAD_SEND,
        delivery_team=[
            "SEND services (educational psychologists, specialist teachers, EHCP coordinators)",
            "Health representatives (where appropriate)",
            "School representatives",
            "Parent Carer Forum representatives",
            "Local Offer Coordinator",
            "Data Lead",
            "Strategic special projects lead",
            "People and Culture representative",
        ],
        stakeholders_design=[
            "Schools Forum",
            "SEND team",
            "Parent Carer Forum",
            "School representatives",
            "Health representative",
            "Specialist settings",
        ],
        stakeholders_impacted=[
            "Children and young people: earlier support thanks to earlier identification of needs",
            "Parents: confidence expected to improve with the knowledge and skills of SENCOs and school staff",
            "Educational providers: expected to become more inclusive through the workforce development offer",
            "Social care and healthcare: more joined up with education providers in targeted support",
            "Local authority teams and services: fewer referrals for specialist support and help",
        ],
        other_interdependencies=[
            "Speech and Language strategic steering group",
            "SEND specialist school places sufficiency",
            "SEND strategy refresh workstream",
            "Early Years Inclusion Fund working group",
            "Start for Life programme",
        ],
        likely_measures=[*MEASURES_001, "# CYP at SEN support receiving a suspension"],
        enablers=ENABLERS_001,
    )
    services.add_interdependency(workstream=inclusion, depends_on=data, by=by)

    done, going, todo = Progress.COMPLETE, Progress.IN_PROGRESS, Progress.NOT_STARTED
    _milestones(
        data,
        [
            (
                "1",
                "Set up programme governance and hold the programme kick-off",
                AD_EDUCATION,
                D(2023, 1, 9),
                D(2023, 2, 10),
                done,
                D(2023, 2, 10),
                [],
            ),
            (
                "2",
                "Define the role profiles for the programme team",
                HEAD_SEND,
                D(2023, 1, 16),
                D(2023, 2, 24),
                done,
                D(2023, 2, 24),
                [],
            ),
            (
                "3",
                "Communication plan for every stakeholder impacted by the change",
                "Communications lead",
                D(2023, 2, 1),
                D(2023, 3, 31),
                done,
                D(2023, 3, 30),
                [],
            ),
            (
                "4",
                "Baseline performance and define the impact tracking mechanism",
                "Data Lead",
                D(2023, 2, 1),
                D(2023, 4, 28),
                done,
                D(2023, 5, 5),
                [],
            ),
            (
                "5",
                "Council accepts the grant",
                "Director of Children's Services",
                D(2023, 2, 15),
                D(2023, 3, 31),
                done,
                D(2023, 2, 15),
                [],
            ),
            (
                "6",
                "Recruit the programme resources",
                HEAD_SEND,
                D(2023, 3, 1),
                D(2023, 6, 30),
                done,
                D(2023, 7, 14),
                [],
            ),
            (
                "7",
                "Design phase",
                AD_EDUCATION,
                D(2023, 4, 1),
                D(2023, 8, 31),
                todo,
                None,
                [
                    (
                        "7.1",
                        "Research data insights and good practice in other local authorities",
                        "Data Lead",
                        D(2023, 4, 1),
                        D(2023, 5, 31),
                        done,
                        D(2023, 5, 26),
                        [],
                    ),
                    (
                        "7.2",
                        "Audit the current situation (as is)",
                        "BIT team lead",
                        D(2023, 4, 1),
                        D(2023, 5, 31),
                        done,
                        D(2023, 6, 9),
                        [],
                    ),
                    (
                        "7.3",
                        "Design the target data dashboard: operational into technical requirements",
                        "BIT team lead",
                        D(2023, 6, 1),
                        D(2023, 7, 31),
                        done,
                        D(2023, 8, 4),
                        [],
                    ),
                    (
                        "7.4",
                        "Deliver a first version of the dashboards",
                        "BIT team lead",
                        D(2023, 7, 1),
                        D(2023, 8, 31),
                        done,
                        D(2023, 9, 15),
                        [],
                    ),
                    (
                        "7.5",
                        "Design the improvement cycles and performance framework (workflow, governance, quality assurance)",
                        HEAD_SEND,
                        D(2023, 6, 1),
                        D(2023, 8, 31),
                        done,
                        D(2023, 8, 31),
                        [],
                    ),
                ],
            ),
            (
                "8",
                "Pilot a priority data set (EHCP timeliness) before full launch",
                "Data Lead",
                D(2023, 10, 2),
                _day(10),
                going,
                None,
                [],
            ),
            (
                "9",
                "Roll-out, as defined in the design phase",
                HEAD_SEND,
                _day(12),
                _day(150),
                todo,
                None,
                [
                    (
                        "9.1",
                        "Dashboards live for SEND coordinators",
                        "BIT team lead",
                        _day(12),
                        _day(60),
                        todo,
                        None,
                        [],
                    ),
                    (
                        "9.2",
                        "Monthly performance cycle with the SEND Partnership Board",
                        HEAD_SEND,
                        _day(40),
                        _day(150),
                        todo,
                        None,
                        [],
                    ),
                ],
            ),
            ("10", "Sustain", AD_EDUCATION, _day(150), _day(300), todo, None, []),
        ],
        by=by,
    )
    _milestones(
        inclusion,
        [
            (
                "1",
                "Set up programme governance and hold the programme kick-off",
                AD_EDUCATION,
                D(2023, 1, 9),
                D(2023, 2, 10),
                done,
                D(2023, 2, 10),
                [],
            ),
            (
                "2",
                "Communication plan for every stakeholder impacted by the change",
                "Local Offer Coordinator",
                D(2023, 1, 16),
                D(2023, 3, 31),
                done,
                D(2023, 3, 31),
                [],
            ),
            (
                "3",
                "Stakeholder workshops (3 and 6 February 2023)",
                HEAD_SEND,
                D(2023, 2, 3),
                D(2023, 2, 6),
                done,
                D(2023, 2, 6),
                [],
            ),
            (
                "4",
                "Baseline performance and define the impact tracking mechanism",
                "Data Lead",
                D(2023, 2, 1),
                D(2023, 4, 28),
                done,
                D(2023, 4, 28),
                [],
            ),
            (
                "5",
                "Council accepts the grant (March 2023)",
                "Director of Children's Services",
                D(2023, 2, 15),
                D(2023, 3, 31),
                done,
                D(2023, 2, 15),
                [],
            ),
            (
                "6",
                "Recruitment of resources begins (March 2023)",
                "People and Culture representative",
                D(2023, 3, 1),
                D(2023, 3, 31),
                done,
                D(2023, 3, 31),
                [],
            ),
            (
                "7",
                "Design phase (April to August 2023)",
                HEAD_SEND,
                D(2023, 4, 1),
                D(2023, 8, 31),
                todo,
                None,
                [
                    (
                        "7.1",
                        "Design the implementation plan",
                        HEAD_SEND,
                        D(2023, 4, 1),
                        D(2023, 5, 31),
                        done,
                        D(2023, 5, 31),
                        [],
                    ),
                    (
                        "7.2",
                        "Seek further feedback from the stakeholder group",
                        "Strategic special projects lead",
                        D(2023, 5, 1),
                        D(2023, 6, 30),
                        done,
                        D(2023, 6, 30),
                        [],
                    ),
                    (
                        "7.3",
                        "Commission or procure external agencies and organisations as required",
                        "Strategic special projects lead",
                        D(2023, 6, 1),
                        D(2023, 8, 31),
                        done,
                        D(2023, 9, 29),
                        [],
                    ),
                    (
                        "7.4",
                        "Design the improvement cycles and performance framework",
                        "Data Lead",
                        D(2023, 6, 1),
                        D(2023, 8, 31),
                        done,
                        D(2023, 8, 31),
                        [],
                    ),
                ],
            ),
            (
                "8",
                "Roll-out, including the sequencing of schools",
                HEAD_SEND,
                D(2023, 9, 1),
                _day(-20),
                going,
                None,
                [
                    (
                        "8.1",
                        "First cohort of schools: workforce development offer",
                        "Strategic special projects lead",
                        D(2023, 9, 1),
                        D(2024, 7, 19),
                        done,
                        D(2024, 7, 19),
                        [],
                    ),
                    (
                        "8.2",
                        "Second cohort of schools",
                        "Strategic special projects lead",
                        D(2024, 9, 2),
                        _day(-20),
                        going,
                        None,
                        [],
                    ),
                ],
            ),
            (
                "9",
                "Evaluate year 1 and adjust for year 2",
                "Data Lead",
                _day(5),
                _day(90),
                todo,
                None,
                [],
            ),
            ("10", "Sustain", AD_EDUCATION, _day(90), _day(300), todo, None, []),
        ],
        by=by,
    )

    starting = services.add_measure(
        programme=programme,
        workstream=inclusion,
        by=by,
        name="Children and young people starting EHCPs in the year",
        unit=Unit.NUMBER,
        direction=Direction.DOWN,
        baseline_value=420,
        baseline_on=D(2023, 3, 31),
        target_value=340,
        target_on=D(2026, 3, 31),
        tolerance=15,
        source=ILLUSTRATIVE,
    )
    turnaround = services.add_measure(
        programme=programme,
        workstream=data,
        by=by,
        name="EHCPs issued within 20 weeks",
        unit=Unit.PERCENT,
        direction=Direction.UP,
        baseline_value=38,
        baseline_on=D(2023, 3, 31),
        target_value=70,
        target_on=D(2026, 3, 31),
        tolerance=5,
        trajectory=[(D(2024, 3, 31), 45), (D(2025, 3, 31), 58)],
        source=ILLUSTRATIVE,
    )
    services.add_measure(
        programme=programme,
        workstream=inclusion,
        by=by,
        name="Children at SEN support receiving a suspension",
        unit=Unit.NUMBER,
        direction=Direction.DOWN,
        baseline_value=160,
        baseline_on=D(2023, 3, 31),
        target_value=120,
        target_on=D(2026, 3, 31),
        tolerance=10,
        source=ILLUSTRATIVE,
    )
    for measure, points in [
        (starting, [(D(2023, 9, 30), 405), (D(2024, 3, 31), 398), (D(2024, 9, 30), 392)]),
        (turnaround, [(D(2023, 9, 30), 41), (D(2024, 3, 31), 44), (D(2024, 9, 30), 47)]),
    ]:
        for on, value in points:
            services.record_observation(
                measure=measure, by=by, on=on, value=value, expected_version=measure.version
            )

    for workstream, description, likelihood, impact, mitigation in [
        (
            data,
            "Delays in delivery affect our readiness for the new inspection framework",
            3,
            4,
            "Monthly milestone review at the SEND Partnership Board; pilot one data set first.",
        ),
        (
            data,
            "Resources cannot be allocated pro-actively to priority areas",
            3,
            3,
            "Dashboards prioritise EHCP timeliness; capacity reviewed quarterly.",
        ),
        (
            inclusion,
            "Delays in delivery put further pressure on existing teams, services and provision",
            3,
            4,
            "Phased roll-out by school cohort; backfill funded from the grant.",
        ),
        (
            inclusion,
            "Schools do not engage with the offer, so approaches to inclusion stay inconsistent",
            2,
            4,
            "Co-designed with head teachers and SENCOs; Schools Forum sponsorship.",
        ),
        (
            inclusion,
            "Without the data workstream, impact data cannot be gathered and used effectively",
            2,
            3,
            "Interdependency tracked with the data visibility workstream.",
        ),
    ]:
        services.add_risk(
            programme=programme,
            workstream=workstream,
            by=by,
            description=description,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
            owner=workstream.senior_accountable_officer,
            review_on=_day(30),
        )


def load_tsil() -> None:
    council = Council.objects.get(name="Leicestershire")
    if Programme.objects.filter(council=council).exists():
        return
    programme = services.create_programme(
        council=council,
        by=None,
        kind=ProgrammeKind.TRANSFORMATION,
        name="Transforming SEND and Inclusion in Leicestershire (TSIL)",
        aim=(
            "Leicestershire children and young people are supported by a system that is fair "
            "and transparent, to get the right support at the right time throughout their "
            "education. £36.5m in cost reductions over seven years to 2028/29."
        ),
        delivery_partners="Newton Europe",
        senior_responsible_officer="Director of Children and Family Services",
    )
    for name, start, end in [
        ("Diagnostic", D(2021, 9, 1), D(2021, 12, 17)),
        ("Design", D(2022, 8, 1), D(2023, 7, 21)),
        ("Implementation and sustainability", D(2023, 9, 1), D(2029, 3, 31)),
    ]:
        services.add_phase(programme=programme, by=None, name=name, starts_on=start, ends_on=end)
    streams = {}
    for name, objective in [
        (
            "Inclusive Practice",
            "Support settings to include children with SEND: the Inclusive Practice Toolkit, setting-specific planning and a refreshed system partnership.",
        ),
        (
            "Service Transformation",
            "Reset the Special Educational Needs Assessment (SENA) service into assessment, review and placement teams, to improve productivity and timeliness.",
        ),
        (
            "Accurate Information",
            "Redesigned workflows and dashboards, so operational and financial data are accurate and visible to managers.",
        ),
        (
            "Communication and Engagement",
            "Regular updates, all-system events and co-production with the Leicestershire SEND Hub (parent carer forum) and school leaders.",
        ),
    ]:
        streams[name] = services.add_workstream(
            programme=programme,
            by=None,
            name=name,
            objective=objective,
            senior_accountable_officer="Assistant Director Education, SEND and Commissioning",
            project_lead="TSIL programme lead",
        )
    done, going, todo = Progress.COMPLETE, Progress.IN_PROGRESS, Progress.NOT_STARTED
    head = "Head of SENA"
    _milestones(
        streams["Service Transformation"],
        [
            (
                "1",
                "SENA reset into assessment, review and placement teams",
                head,
                D(2023, 6, 1),
                D(2023, 9, 30),
                done,
                D(2023, 9, 29),
                [
                    (
                        "1.1",
                        "Restructure and recruit dedicated teams",
                        head,
                        D(2023, 6, 1),
                        D(2023, 8, 31),
                        done,
                        D(2023, 8, 31),
                        [],
                    ),
                    (
                        "1.2",
                        "Training and onboarding to new tools and ways of working",
                        head,
                        D(2023, 9, 1),
                        D(2023, 9, 30),
                        done,
                        D(2023, 9, 29),
                        [],
                    ),
                ],
            ),
            (
                "2",
                "Review internal decision-making, including SEND panels",
                head,
                D(2024, 1, 8),
                _day(45),
                going,
                None,
                [],
            ),
            (
                "3",
                "Review current funding models (needs rather than hours)",
                "Finance Business Partner for Schools and High Needs",
                D(2024, 4, 1),
                _day(120),
                going,
                None,
                [],
            ),
        ],
    )
    _milestones(
        streams["Inclusive Practice"],
        [
            (
                "1",
                "Inclusive Practice Toolkit trained to staff and SENCOs",
                "Education Quality and Inclusion Service",
                D(2023, 4, 1),
                D(2023, 12, 20),
                done,
                D(2023, 12, 20),
                [],
            ),
            (
                "2",
                "Setting-specific planning with a first cohort of six schools and trusts",
                "Education Quality and Inclusion Service",
                D(2023, 9, 1),
                D(2023, 12, 20),
                done,
                D(2023, 12, 20),
                [],
            ),
            (
                "3",
                "System inclusion survey",
                "Education Quality and Inclusion Service",
                _day(7),
                _day(60),
                todo,
                None,
                [],
            ),
        ],
    )
    _milestones(
        streams["Accurate Information"],
        [
            (
                "1",
                "Workflows redesigned for the new ways of working",
                "Business Intelligence team",
                D(2023, 6, 1),
                D(2023, 10, 31),
                done,
                D(2023, 10, 31),
                [],
            ),
            (
                "2",
                "Permanent dashboards for statutory SEND reporting",
                "Business Intelligence team",
                D(2023, 11, 1),
                _day(-10),
                going,
                None,
                [],
            ),
        ],
    )
    _milestones(
        streams["Communication and Engagement"],
        [
            (
                "1",
                "SPIL guide and directory published",
                "TSIL programme lead",
                D(2023, 3, 1),
                D(2023, 11, 30),
                done,
                D(2023, 11, 30),
                [],
            ),
            (
                "2",
                "Performance indicators presented to the Schools Forum",
                "Director of Children and Family Services",
                D(2024, 2, 13),
                D(2024, 6, 18),
                done,
                D(2024, 6, 18),
                [],
            ),
        ],
    )

    timeliness = services.add_measure(
        programme=programme,
        workstream=streams["Service Transformation"],
        by=None,
        name="EHCP assessments completed within 20 weeks",
        unit=Unit.PERCENT,
        direction=Direction.UP,
        baseline_value=0,
        baseline_on=D(2023, 9, 1),
        target_value=60,
        target_on=D(2025, 9, 1),
        tolerance=5,
        source=f"{SEED_003}: 0% to 11% since the September 2023 reset; the 60% target is illustrative",
        official_indicator="within_20_weeks",
    )
    services.record_observation(
        measure=timeliness,
        by=None,
        on=D(2023, 12, 31),
        value=11,
        expected_version=timeliness.version,
    )
    ehcps = services.add_measure(
        programme=programme,
        by=None,
        name="Children and young people with an EHCP",
        unit=Unit.NUMBER,
        direction=Direction.DOWN,
        baseline_value=2777,
        baseline_on=D(2016, 1, 1),
        target_value=6500,
        target_on=D(2028, 1, 1),
        tolerance=300,
        source=f"{SEED_003}: 2,777 (2016), 4,267 (2020), 5,888 (2022); the 2028 ceiling is illustrative",
    )
    for on, value in [(D(2020, 1, 1), 4267), (D(2022, 1, 1), 5888)]:
        ehcps.refresh_from_db()
        services.record_observation(
            measure=ehcps, by=None, on=on, value=value, expected_version=ehcps.version
        )
    services.add_measure(
        programme=programme,
        by=None,
        name="Cost reductions delivered by TSIL",
        unit=Unit.POUNDS,
        direction=Direction.UP,
        baseline_value=0,
        baseline_on=D(2022, 4, 1),
        target_value=Decimal("36500000"),
        target_on=D(2029, 3, 31),
        tolerance=Decimal("1000000"),
        source=f"{SEED_003}: £36.5m over seven years to 2028/29",
    )
    for risk in [
        (
            "The cumulative high needs deficit grows to £110.6m by March 2028",
            "Spend on placements alone exceeds the High Needs Block; an annual funding gap of about £15m",
            5,
            5,
            "TSIL cost reductions; investment of £41.5m in local provision",
            "Director of Children and Family Services",
        ),
        (
            "SENA capacity cannot meet demand, so statutory deadlines continue to be missed",
            "Growth in EHCPs: 54% from 2016 to 2020 and 38% more by 2022",
            4,
            4,
            "SENA reset and additional funding for dedicated teams",
            head,
        ),
        (
            "KPIs do not evidence outcomes in the programme's first year",
            "Investment precedes savings",
            3,
            3,
            "Weekly KPI review by SENA managers; a suite of indicators for the Schools Forum",
            "TSIL programme lead",
        ),
    ]:
        services.add_risk(
            programme=programme,
            by=None,
            review_on=_day(60),
            status=RiskStatus.OPEN,
            **dict(
                zip(
                    ("description", "cause", "likelihood", "impact", "mitigation", "owner"),
                    risk,
                    strict=True,
                )
            ),
        )
