"""National-scale synthetic data for benchmarks and load tests (manage.py generate_scale_data).

Deterministic: one random.Random(seed) draws everything, in council order, and every
date counts back from a fixed `end` date, so the same seed and options give the same
rows (and `summary()` the same counts and checksum) on any database. Rows are written
with bulk_create inside one transaction per council, not through the services: 110,000
status updates one service call at a time would take most of an hour, and synthetic
rows are nobody's change, so the audit trail is switched off (auditlog's
disable_auditlog). Since the services' write path (sendtracker.core.writes) is
bypassed, the councils' data versions are raised and their figures computed once at
the end.
"""

import datetime
import hashlib
import random
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.db import transaction

from grants.models import Allocation, GrantDetermination, Payment, UsageLine, UsageStatement
from inspections.models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    Stage,
    StatusUpdate,
)
from programmes.models import (
    HighNeedsYear,
    Measure,
    Milestone,
    Observation,
    Programme,
    Risk,
    Workstream,
)
from sendtracker.core.models import Council
from sendtracker.core.status import Status
from sendtracker.core.writes import refresh_councils

PREFIX = "Scale"
ACTIONS, MONTHS, WORKSTREAMS, MILESTONES, MEASURES = 30, 24, 5, 40, 20
GRANTS, RISKS, YEARS = 3, 10, 8
STATUSES = [Status.NOT_STARTED, Status.ON_TRACK, Status.MINOR_DELAY, Status.MAJOR_DELAY]
STAGES = list(Stage)


def month_start(end: datetime.date, back: int) -> datetime.date:
    index = end.year * 12 + end.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def aware(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=datetime.UTC)


def generate(*, seed: int, councils: int | None, end: datetime.date, skip: int = 0) -> int:
    """Write the data for `councils` councils (all if None) in DfE code order, after
    the first `skip`; returns how many."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible on purpose)
    places = list(Council.objects.order_by("dfe_la_code"))[skip:][:councils]
    with disable_auditlog():
        determinations = _determinations(end)
        for council in places:
            with transaction.atomic():
                _plan(rng, council, end)
                _programme(rng, council, end)
                _grants(rng, council, determinations, end)
                _high_needs(rng, council, end)
    from .summaries import rebuild

    refresh_councils([council.pk for council in places])
    rebuild([council.pk for council in places])
    return len(places)


def _determinations(end):
    made = []
    for i in range(GRANTS):
        year = end.year - GRANTS + i
        made.append(
            GrantDetermination.objects.get_or_create(
                dfe_reference=f"scale_{i + 1}",
                defaults={
                    "title": f"{PREFIX} SEND improvement grant {year}-{(year + 1) % 100:02d}",
                    "financial_year": f"{year}-{(year + 1) % 100:02d}",
                    "period_start": datetime.date(year, 4, 1),
                    "period_end": datetime.date(year + 1, 3, 31),
                    "total_available": Decimal("20000000.00"),
                    "status": "made",
                },
            )[0]
        )
    return made


def _plan(rng, council, end):
    start = month_start(end, MONTHS)
    inspection = Inspection.objects.create(
        council=council,
        framework="2023",
        outcome=rng.choice(["positive", "inconsistent", "systemic_failings"]),
        started_on=start - datetime.timedelta(days=120),
        ended_on=start - datetime.timedelta(days=116),
    )
    areas = AreaOfWeakness.objects.bulk_create(
        [
            AreaOfWeakness(inspection=inspection, number=n, title=f"Area of weakness {n}")
            for n in range(1, 6)
        ]
    )
    plan = ImprovementPlan.objects.create(
        council=council,
        inspection=inspection,
        kind=rng.choice(["wsoa", "app", "priority"]),
        title=f"{PREFIX} improvement plan",
        approved_on=start - datetime.timedelta(days=30),
        published=True,
    )
    actions, histories = [], []
    for i in range(ACTIONS):
        walk = []
        status = Status.NOT_STARTED
        for month in range(MONTHS):
            roll = rng.random()
            if status == Status.COMPLETE:
                pass
            elif roll < 0.08 and month > 6:
                status = Status.COMPLETE
            elif roll < 0.5:
                status = rng.choice(STATUSES)
            walk.append((month_start(end, MONTHS - 1 - month) + datetime.timedelta(days=9), status))
        stage = STAGES[min(len(STAGES) - 1, rng.randrange(3) + (status == Status.COMPLETE) * 2)]
        delayed = status in (Status.MINOR_DELAY, Status.MAJOR_DELAY)
        actions.append(
            Action(
                plan=plan,
                area=areas[i % len(areas)],
                ref=f"{i // 6 + 1}.{i % 6 + 1}",
                position=i,
                description=f"Synthetic action {i + 1}",
                leads="Head of SEND",
                status=status,
                stage=stage,
                status_reason="Synthetic delay" if delayed else "",
                recovery_date=end + datetime.timedelta(days=rng.randrange(-60, 120))
                if delayed
                else None,
                created_at=aware(plan.approved_on),
                updated_at=aware(walk[-1][0]),
                version=MONTHS + 1,
            )
        )
        histories.append((walk, stage))
    actions = Action.objects.bulk_create(actions)
    updates, milestones = [], []
    for action, (walk, stage) in zip(actions, histories, strict=True):
        previous = ""
        for n, (day, status) in enumerate(walk):
            updates.append(
                StatusUpdate(
                    action=action,
                    at=aware(day),
                    old_status=previous,
                    new_status=status,
                    new_stage=stage if n == len(walk) - 1 else Stage.ACTION,
                    old_stage=Stage.ACTION if n else "",
                    reason="Synthetic delay"
                    if status in (Status.MINOR_DELAY, Status.MAJOR_DELAY)
                    else "",
                    version=n + 2,
                )
            )
            previous = status
        milestones.append(
            ActionMilestone(
                action=action,
                kind="action",
                due_on=month_start(end, rng.randrange(-6, MONTHS)),
            )
        )
    StatusUpdate.objects.bulk_create(updates, batch_size=2000)
    ActionMilestone.objects.bulk_create(milestones)


def _programme(rng, council, end):
    start = month_start(end, MONTHS)
    programme = Programme.objects.create(
        council=council, kind="dbv", name=f"{PREFIX} Delivering Better Value in SEND"
    )
    workstreams = Workstream.objects.bulk_create(
        [
            Workstream(programme=programme, position=w, name=f"Workstream {w + 1}")
            for w in range(WORKSTREAMS)
        ]
    )
    parents_per_ws = MILESTONES // 5  # each parent has four sub-milestones
    parents = Milestone.objects.bulk_create(
        [
            Milestone(workstream=ws, position=p, ref=f"{w + 1}.{p + 1}", title=f"Milestone {p + 1}")
            for w, ws in enumerate(workstreams)
            for p in range(parents_per_ws)
        ]
    )
    children = []
    for parent in parents:
        for c in range(4):
            first = start + datetime.timedelta(days=rng.randrange(0, 900))
            last = first + datetime.timedelta(days=rng.randrange(30, 240))
            done = last < end and rng.random() < 0.7
            progress = "complete" if done else rng.choice(["not_started", "in_progress"])
            children.append(
                Milestone(
                    workstream_id=parent.workstream_id,
                    parent=parent,
                    position=c,
                    ref=f"{parent.ref}.{c + 1}",
                    title=f"Sub-milestone {c + 1}",
                    owner="Project lead",
                    planned_start=first,
                    planned_end=last,
                    progress=progress,
                    completed_on=last if done else None,
                )
            )
    Milestone.objects.bulk_create(children, batch_size=2000)
    measures = Measure.objects.bulk_create(
        [
            Measure(
                programme=programme,
                workstream=workstreams[m % WORKSTREAMS],
                position=m,
                name=f"Measure {m + 1}",
                unit="number",
                direction="up" if m % 2 else "down",
                baseline_value=Decimal(100),
                baseline_on=start,
                target_value=Decimal(150 if m % 2 else 50),
                target_on=end + datetime.timedelta(days=365),
                tolerance=Decimal(5),
            )
            for m in range(MEASURES)
        ]
    )
    observations = []
    for measure in measures:
        value = 100
        step = 2 if measure.direction == "up" else -2
        for month in range(MONTHS):
            value += step + rng.randint(-4, 4)
            observations.append(
                Observation(
                    measure=measure, on=month_start(end, MONTHS - 1 - month), value=Decimal(value)
                )
            )
    Observation.objects.bulk_create(observations, batch_size=2000)
    Risk.objects.bulk_create(
        [
            Risk(
                programme=programme,
                workstream=workstreams[r % WORKSTREAMS],
                description=f"Synthetic risk {r + 1}",
                likelihood=rng.randint(1, 5),
                impact=rng.randint(1, 5),
                status=rng.choice(["open", "managed", "closed"]),
            )
            for r in range(RISKS)
        ]
    )


def _grants(rng, council, determinations, end):
    for determination in determinations:
        base = Decimal(rng.randrange(50_000, 150_000))
        top_up = Decimal(rng.randrange(0, 20_000))
        allocation = Allocation.objects.create(
            determination=determination,
            council=council,
            region_supported_id=council.region_id,
            base_funding=base,
            top_up=top_up,
            total=base + top_up,
            status="paid",
        )
        half = ((base + top_up) / 2).quantize(Decimal("0.01"))
        Payment.objects.bulk_create(
            [
                Payment(allocation=allocation, amount=half, paid_on=determination.period_start),
                Payment(
                    allocation=allocation,
                    amount=base + top_up - half,
                    paid_on=determination.period_start + datetime.timedelta(days=180),
                ),
            ]
        )
        statement = UsageStatement.objects.create(
            allocation=allocation,
            period="Whole year",
            period_start=determination.period_start,
            period_end=min(determination.period_end, end),
            status="submitted",
            submitted_at=aware(min(determination.period_end, end)),
        )
        UsageLine.objects.create(
            statement=statement,
            category="staff",
            amount=(half * Decimal(rng.randrange(50, 190)) / 100).quantize(Decimal("0.01")),
        )


def _high_needs(rng, council, end):
    if HighNeedsYear.objects.filter(council=council).exists():
        return  # demo figures already there (Leicestershire, North East Lincolnshire)
    allocation = Decimal(rng.randrange(20, 120) * 1_000_000)
    rows = []
    for i in range(YEARS):
        year = end.year - YEARS + i + 1
        spend = allocation * Decimal(rng.randrange(95, 115)) / 100
        rows.append(
            HighNeedsYear(
                council=council,
                year_starting=year,
                kind="forecast" if year >= end.year else "actual",
                direct_spend=(spend * Decimal("0.9")).quantize(Decimal("1")),
                indirect_spend=(spend * Decimal("0.1")).quantize(Decimal("1")),
                allocation=allocation,
            )
        )
        allocation = (allocation * Decimal("1.05")).quantize(Decimal("1"))
    HighNeedsYear.objects.bulk_create(rows)


def summary() -> tuple[dict[str, int], str]:
    """Counts of the synthetic rows and a checksum of their values (not their ids)."""
    plans = Action.objects.filter(plan__title=f"{PREFIX} improvement plan")
    querysets = {
        "actions": plans.order_by("plan__council__dfe_la_code", "position").values_list(
            "plan__council__dfe_la_code", "ref", "status", "stage", "recovery_date"
        ),
        "status_updates": StatusUpdate.objects.filter(action__in=plans)
        .order_by("action__plan__council__dfe_la_code", "action__position", "version")
        .values_list("new_status", "at"),
        "milestones": Milestone.objects.filter(workstream__programme__name__startswith=PREFIX)
        .order_by("workstream__programme__council__dfe_la_code", "ref")
        .values_list("ref", "planned_start", "planned_end", "progress"),
        "observations": Observation.objects.filter(measure__programme__name__startswith=PREFIX)
        .order_by("measure__programme__council__dfe_la_code", "measure__position", "on")
        .values_list("on", "value"),
        "risks": Risk.objects.filter(programme__name__startswith=PREFIX)
        .order_by("programme__council__dfe_la_code", "description")
        .values_list("likelihood", "impact", "status"),
        "allocations": Allocation.objects.filter(determination__dfe_reference__startswith="scale_")
        .order_by("council__dfe_la_code", "determination__dfe_reference")
        .values_list(
            "total",
        ),
        "high_needs_years": HighNeedsYear.objects.order_by(
            "council__dfe_la_code", "year_starting"
        ).values_list("year_starting", "direct_spend", "allocation"),
    }
    digest = hashlib.sha256()
    counts = {}
    for name, queryset in querysets.items():
        rows = list(queryset)
        counts[name] = len(rows)
        digest.update(f"{name}:{rows!r}".encode())
    return counts, digest.hexdigest()[:16]
