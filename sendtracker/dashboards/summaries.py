"""Per-council figures that no write can leave wrong (models.CouncilSummary).

The domain apps' services name the part of a council's records they changed ("plans",
"programmes", "grants") through sendtracker.core.writes; the keeper registered here
(apps.DashboardsConfig.ready) marks that part of the council's row dirty, in the
write's transaction: one statement, so the writes officers make all day stay cheap.
Readers call `summaries_for`, which recomputes, through the apps' own selectors and
for those councils only, any part a write has dirtied or whose date-dependent figures
have expired. The first page after a write recomputes one council's part; every other
read is one row per council.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from programmes import selectors as programme_selectors
from sendtracker.core.models import Council
from sendtracker.core.writes import GRANTS, PLANS, PROGRAMMES

from .models import CouncilSummary

PARTS = (PLANS, PROGRAMMES, GRANTS)


def _plan_fields(council_ids: list[int], today: datetime.date) -> dict[int, dict]:
    figures = plan_selectors.action_figures_by_council(
        plan_selectors.actions_of_councils(council_ids), today=today
    )
    latest = plan_selectors.latest_plan_by_council(plan_selectors.plans_of_councils(council_ids))
    changes = plan_selectors.overdue_changes_on(council_ids, today=today)
    empty = plan_selectors.empty_action_figures()
    fields = {}
    for pk in council_ids:
        actions = figures.get(pk) or empty
        plan = latest.get(pk)
        fields[pk] = {
            "actions": {key: actions[key] for key in ("total", "signed_off", "status", "stage")},
            "actions_overdue": actions["overdue"],
            "latest_plan_id": plan.pk if plan else None,
            "plans_computed_on": today,
            "plans_valid_until": changes.get(pk),
        }
    return fields


def _programme_fields(council_ids: list[int], today: datetime.date) -> dict[int, dict]:
    figures = programme_selectors.programme_figures(council_ids, today=today)
    changes = programme_selectors.milestone_changes_on(council_ids, today=today)
    measures = programme_selectors.measure_counts_by_council(council_ids)
    high_needs = programme_selectors.high_needs_by_council(council_ids)
    fields = {}
    for pk in council_ids:
        entry = figures.get(pk)
        years = high_needs.get(pk)
        counted = measures.get(pk, (0, 0))
        fields[pk] = {
            "programmes": [
                [programme.pk, status.value if status else ""]
                for programme, status in (entry.programmes if entry else [])
            ],
            "programme_status": entry.status.value if entry and entry.status else "",
            "overdue_milestones": entry.overdue_milestones if entry else 0,
            "next_milestones": [
                {
                    "milestone": str(node.milestone),
                    "end": node.end.isoformat(),
                    "status": node.status.value,
                }
                for node in (entry.next_milestones if entry else [])
            ],
            "measures": counted[0],
            "measures_off_track": counted[1],
            "deficit": years[-1].cumulative_deficit if years else None,
            "deficit_label": years[-1].label if years else "",
            "programmes_computed_on": today,
            "programmes_valid_until": changes.get(pk),
        }
    return fields


def _grant_fields(council_ids: list[int], today: datetime.date) -> dict[int, dict]:
    totals = grant_selectors.totals_of_councils(council_ids)
    fields = {}
    for pk in council_ids:
        entry = totals.get(pk) or grant_selectors.Totals()
        fields[pk] = {
            "allocated": entry.allocated,
            "paid": entry.paid,
            "reported": entry.reported,
            "allocations": entry.count,
            "allocations_pending": entry.pending,
        }
    return fields


_COMPUTE = {PLANS: _plan_fields, PROGRAMMES: _programme_fields, GRANTS: _grant_fields}


def computed(council_ids: list[int], part: str, *, today: datetime.date) -> dict[int, dict]:
    """The fields of `part` for each council, computed afresh from the records."""
    return _COMPUTE[part](list(council_ids), today)


def mark_dirty(council_ids: list[int], part: str) -> None:
    """Raise `part`'s dirt for these councils: one statement when their rows exist.

    What core.writes calls, in the write's transaction, for the part a write changed.
    A council without a row gets one (dirty), and then its dirt is raised all the
    same, so that a reader creating the row meanwhile cannot save figures that miss
    this write.
    """
    dirt = {f"{part}_dirt": F(f"{part}_dirt") + 1}
    if CouncilSummary.objects.filter(council__in=council_ids).update(**dirt) < len(council_ids):
        CouncilSummary.objects.bulk_create(
            [CouncilSummary(council_id=pk) for pk in council_ids], ignore_conflicts=True
        )
        CouncilSummary.objects.filter(council__in=council_ids).update(**dirt)


def keeper(part: str):
    """What core.writes calls for `part` after a write (see apps.DashboardsConfig)."""
    return lambda council_ids: mark_dirty(council_ids, part)


def _current(summary: CouncilSummary, part: str, today: datetime.date) -> bool:
    if getattr(summary, f"{part}_clean") != getattr(summary, f"{part}_dirt"):
        return False
    computed_on = getattr(summary, f"{part}_computed_on")
    valid_until = getattr(summary, f"{part}_valid_until", None)
    return (
        computed_on is not None
        and today >= computed_on
        and (valid_until is None or today < valid_until)
    )


def recompute(summaries: list[CouncilSummary], part: str, *, today: datetime.date) -> None:
    """Recompute `part` of these rows (as read) and save each unless a write raised its
    dirt since it was read: that write's reader will recompute it again."""
    fields = computed([s.council_id for s in summaries], part, today=today)
    for summary in summaries:
        dirt = getattr(summary, f"{part}_dirt")
        values = fields[summary.council_id] | {f"{part}_clean": dirt, f"{part}_computed_on": today}
        CouncilSummary.objects.filter(pk=summary.council_id, **{f"{part}_dirt": dirt}).update(
            **values
        )


def rebuild(council_ids: Iterable[int], *, today: datetime.date | None = None) -> None:
    """Recompute every part of these councils' rows (after a bulk load or a restore)."""
    today = today or timezone.localdate()
    council_ids = list(council_ids)
    with transaction.atomic():
        for part in PARTS:
            mark_dirty(council_ids, part)
        rows = list(CouncilSummary.objects.filter(council__in=council_ids))
        for part in PARTS:
            recompute(rows, part, today=today)


def summaries_for(
    council_ids: Iterable[int], *, today: datetime.date | None = None, listing: bool = False
) -> dict[int, CouncilSummary]:
    """Each council's figures as at `today`, with its latest plan's kind and approval and
    its inspection's framework and outcome (`plan_kind`, `plan_approved_on`, `framework`,
    `outcome`). A `listing` (a row per council) leaves out the lists of programmes and
    next milestones that only a council's own dashboard shows.

    One query when every row is current. Parts that a write has dirtied, or whose
    date-dependent figures are past their day, are recomputed first (grouped queries
    over those councils only); a council with no row yet gets one.
    """
    today = today or timezone.localdate()
    council_ids = list(council_ids)

    def read():
        # The latest plan's and inspection's few shown fields as annotations: instances
        # of both for every council would cost a list page more than its figures.
        rows = CouncilSummary.objects.filter(council__in=council_ids).annotate(
            plan_kind=F("latest_plan__kind"),
            plan_approved_on=F("latest_plan__approved_on"),
            framework=F("latest_plan__inspection__framework"),
            outcome=F("latest_plan__inspection__outcome"),
        )
        if listing:
            rows = rows.defer("programmes", "next_milestones")
        return {s.council_id: s for s in rows}

    rows = read()
    missing = [pk for pk in council_ids if pk not in rows]
    stale = {part: [s for s in rows.values() if not _current(s, part, today)] for part in PARTS}
    if missing or any(stale.values()):
        with transaction.atomic():
            if missing:
                CouncilSummary.objects.bulk_create(
                    [CouncilSummary(council_id=pk) for pk in missing], ignore_conflicts=True
                )
                added = list(CouncilSummary.objects.filter(council__in=missing))
                for part in PARTS:
                    stale[part] += added
            for part, summaries in stale.items():
                if summaries:
                    recompute(summaries, part, today=today)
        rows = read()
    return rows


def differences(council_ids: Iterable[int] | None = None) -> list[tuple[int, str, object, object]]:
    """(council id, field, stored, recomputed) for every figure stored as current that is
    wrong. A part a write has dirtied, or a council with no row, is not wrong: it is
    recomputed when next read."""
    today = timezone.localdate()
    ids = (
        list(council_ids)
        if council_ids is not None
        else list(Council.objects.values_list("pk", flat=True))
    )
    stored = {s.council_id: s for s in CouncilSummary.objects.filter(council__in=ids)}
    found = []
    for part in PARTS:
        for pk, values in computed(ids, part, today=today).items():
            summary = stored.get(pk)
            if summary is None or not _current(summary, part, today):
                continue
            for name, value in values.items():
                saved = getattr(summary, name)
                if _normal(saved) != _normal(value):
                    found.append((pk, name, saved, value))
    return found


def _normal(value):
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.01"))
    return value
