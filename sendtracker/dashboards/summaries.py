"""Per-council figures that no write can leave wrong (models.CouncilSummary).

The domain apps' services name the part of a council's records they changed ("plans",
"programmes", "grants") through sendtracker.core.writes, which raises that part's
version on the council's row in the write's own transaction. A summary row records the
version each part was computed at. Readers call `summaries_for`, which recomputes,
through the apps' own selectors and for those councils only, any part whose version has
moved on or whose date-dependent figures have passed their day. The first page after a
write recomputes one council's part; every other read is one row per council.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from grants import selectors as grant_selectors
from inspections import selectors as plan_selectors
from programmes import selectors as programme_selectors
from sendtracker.core.models import Council
from sendtracker.core.writes import GRANTS, PARTS, PLANS, PROGRAMMES

from .models import CouncilSummary

# How many of a council's latest status updates its dashboard lists.
RECENT_CHANGES = 10
# What only a council's own dashboard shows: a listing of many councils leaves them out.
COUNCIL_ONLY = (
    "programmes",
    "next_milestones",
    "scorecard",
    "high_needs",
    "delays",
    "recent_changes",
    "deadlines",
    "brag",
)


# What a listing reads of each row: every stored figure but COUNCIL_ONLY's.
LISTING_FIELDS = tuple(
    f.attname for f in CouncilSummary._meta.concrete_fields if f.name not in COUNCIL_ONLY
)


class ListedSummary(SimpleNamespace):
    """A council's summary row as a listing reads it (summaries_for(listing=True)): the
    row's LISTING_FIELDS and the shown annotations, as attributes."""

    remaining = CouncilSummary.remaining


def _plan_fields(council_ids: list[int], today: datetime.date) -> dict[int, dict]:
    figures = plan_selectors.action_figures_by_council(
        plan_selectors.actions_of_councils(council_ids), today=today
    )
    latest = plan_selectors.latest_plan_by_council(plan_selectors.plans_of_councils(council_ids))
    changes = plan_selectors.overdue_changes_on(council_ids, today=today)
    delays = plan_selectors.delays_by_council(council_ids)
    recent = plan_selectors.recent_changes_by_council(council_ids, limit=RECENT_CHANGES)
    deadlines = plan_selectors.deadlines_by_council(council_ids)
    brags = plan_selectors.brag_entries_by_council(council_ids)
    empty = plan_selectors.empty_action_figures()
    fields = {}
    for pk in council_ids:
        actions = figures.get(pk) or empty
        plan = latest.get(pk)
        fields[pk] = {
            "actions": {key: actions[key] for key in ("total", "signed_off", "status", "stage")},
            "actions_overdue": actions["overdue"],
            "latest_plan_id": plan.pk if plan else None,
            "plans_valid_until": changes.get(pk),
            "delays": delays.get(pk, []),
            "recent_changes": recent.get(pk, []),
            "deadlines": deadlines.get(pk, []),
            "brag": brags.get(pk, {}),
        }
    return fields


def _programme_fields(council_ids: list[int], today: datetime.date) -> dict[int, dict]:
    figures = programme_selectors.programme_figures(council_ids, today=today)
    changes = programme_selectors.milestone_changes_on(council_ids, today=today)
    scorecards = programme_selectors.scorecards_by_council(council_ids)
    high_needs = programme_selectors.high_needs_by_council(council_ids)
    fields = {}
    for pk in council_ids:
        entry = figures.get(pk)
        reported = programme_selectors.latest_reported_deficit(high_needs.get(pk, []))
        scorecard = scorecards.get(pk, [])
        fields[pk] = {
            "programmes": [
                [programme.pk, status.value if status else "", programme.name]
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
            "scorecard": scorecard,
            "high_needs": programme_selectors.high_needs_entries(high_needs.get(pk, [])),
            "measures": len(scorecard),
            "measures_off_track": programme_selectors.off_track_count(scorecard),
            # the cumulative deficit the council reports, and for which year; none if none
            "deficit": reported.cumulative_deficit if reported else None,
            "deficit_label": reported.label if reported else "",
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


def _current(summary: CouncilSummary | None, council, part: str, today: datetime.date) -> bool:
    """Whether `part` of the council's row still holds: computed at the version of the
    part the council has now (as `council` was read), and not past its day."""
    if summary is None or getattr(summary, f"{part}_clean") != getattr(council, f"{part}_version"):
        return False
    computed_on = getattr(summary, f"{part}_computed_on")
    valid_until = getattr(summary, f"{part}_valid_until", None)
    return (
        computed_on is not None
        and today >= computed_on
        and (valid_until is None or today < valid_until)
    )


def recompute(councils: list, part: str, *, today: datetime.date) -> None:
    """Recompute `part` of these councils' rows from their records, and save each with
    the part's version as the council was read (before the records were), so that a
    write landing meanwhile leaves the row behind its version: recomputed when next
    read, never taken as current. One upsert."""
    if not councils:
        return
    fields = computed([c.pk for c in councils], part, today=today)
    stamp = {f"{part}_computed_on": today}
    rows = [
        CouncilSummary(
            council_id=c.pk,
            **fields[c.pk],
            **stamp,
            **{f"{part}_clean": getattr(c, f"{part}_version")},
        )
        for c in councils
    ]
    CouncilSummary.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["council"],
        update_fields=[*fields[councils[0].pk], *stamp, f"{part}_clean"],
    )


def rebuild(council_ids: Iterable[int], *, today: datetime.date | None = None) -> None:
    """Recompute every part of these councils' rows (after a bulk load or a restore)."""
    today = today or timezone.localdate()
    councils = list(Council.objects.filter(pk__in=list(council_ids)))
    with transaction.atomic():
        for part in PARTS:
            recompute(councils, part, today=today)


def summaries_for(
    councils: Iterable, *, today: datetime.date | None = None, listing: bool = False
) -> dict[int, CouncilSummary]:
    """Each council's figures as at `today`, with its latest plan's kind and approval and
    its inspection's framework and outcome (`plan_kind`, `plan_approved_on`, `framework`,
    `outcome`). A `listing` (a row per council) leaves out the lists of programmes, next
    milestones, measures, delays and changes that only a council's own dashboard shows.

    `councils` as loaded for the page (their part versions say which rows still hold).
    One query when every row holds. Parts that a write has changed since, or whose
    date-dependent figures are past their day, are recomputed first, in grouped
    queries over those councils only.
    """
    today = today or timezone.localdate()
    councils = list(councils)

    # The latest plan's and inspection's few shown fields as annotations: instances of
    # both for every council would cost a list page more than its figures.
    shown = {
        "plan_kind": F("latest_plan__kind"),
        "plan_approved_on": F("latest_plan__approved_on"),
        "framework": F("latest_plan__inspection__framework"),
        "outcome": F("latest_plan__inspection__outcome"),
    }

    def read(ids):
        rows = CouncilSummary.objects.filter(council__in=ids)
        if listing:
            # Plain values: 153 model instances with deferred fields cost twice as much.
            return {
                row["council_id"]: ListedSummary(**row)
                for row in rows.values(*LISTING_FIELDS, **shown)
            }
        return {s.council_id: s for s in rows.annotate(**shown)}

    rows = read([c.pk for c in councils])
    stale = {
        part: [c for c in councils if not _current(rows.get(c.pk), c, part, today)]
        for part in PARTS
    }
    if any(stale.values()):
        with transaction.atomic():
            for part, behind in stale.items():
                recompute(behind, part, today=today)
        rows |= read({c.pk for behind in stale.values() for c in behind})  # only those
    return rows


def differences(council_ids: Iterable[int] | None = None) -> list[tuple[int, str, object, object]]:
    """(council id, field, stored, recomputed) for every figure stored as current that is
    wrong. A part a write has changed since, or a council with no row, is not wrong: it
    is recomputed when next read."""
    today = timezone.localdate()
    councils = Council.objects.all()
    if council_ids is not None:
        councils = councils.filter(pk__in=list(council_ids))
    councils = {c.pk: c for c in councils}
    ids = list(councils)
    stored = {s.council_id: s for s in CouncilSummary.objects.filter(council__in=ids)}
    found = []
    for part in PARTS:
        for pk, values in computed(ids, part, today=today).items():
            summary = stored.get(pk)
            if not _current(summary, councils[pk], part, today):
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
