"""Reads for grants, already narrowed to what the user may see.

Determinations are national records, but every figure computed from allocations
(allocated, paid, reported, counts) sums only the allocations the user may see: a
council officer sees their own council's share, never the rest of the table nor a
figure (such as "left to allocate") from which the rest could be worked out.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from grants.models import (
    Allocation,
    GrantDetermination,
    Payment,
    SuccessMeasure,
    UsageStatement,
)
from sendtracker.core.access import access_for

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)


def sees_whole_determination(user) -> bool:
    """National roles see every allocation, so figures over the whole table are theirs."""
    return access_for(user).national


def _sum_subquery(queryset, group: str, amount: str):
    return Coalesce(
        Subquery(
            queryset.values(group).annotate(s=Sum(amount)).values("s"),
            output_field=MONEY,
        ),
        ZERO,
        output_field=MONEY,
    )


def determinations_for_list(user) -> QuerySet[GrantDetermination]:
    """Determinations with `allocated`, `paid` and `allocation_count` over visible allocations."""
    visible = Allocation.objects.visible_to(user).filter(determination=OuterRef("pk"))
    visible_payments = Payment.objects.visible_to(user).filter(
        allocation__determination=OuterRef("pk")
    )
    count = Subquery(visible.order_by().values("determination").annotate(c=Count("pk")).values("c"))
    return (
        GrantDetermination.objects.visible_to(user)
        .annotate(
            allocated=_sum_subquery(visible.order_by(), "determination", "total"),
            paid=_sum_subquery(visible_payments.order_by(), "allocation__determination", "amount"),
            allocation_count=Coalesce(count, 0),
        )
        .order_by("-financial_year", "title")
    )


def list_totals(determinations: QuerySet[GrantDetermination]) -> dict:
    """Totals over a filtered `determinations_for_list` queryset (all pages), in one query.

    Summed here rather than with aggregate(): aggregating over the correlated
    subquery annotations is not reliable across databases.
    """
    totals = {"total_available": ZERO, "allocated": ZERO, "paid": ZERO}
    rows = determinations.order_by().values_list("total_available", "allocated", "paid")
    for total_available, allocated, paid in rows:
        totals["total_available"] += total_available or ZERO
        totals["allocated"] += allocated
        totals["paid"] += paid
    return totals


@dataclass
class Totals:
    """Sums over a list of allocations annotated `with_progress`."""

    allocated: Decimal = ZERO
    base_funding: Decimal = ZERO
    top_up: Decimal = ZERO
    paid: Decimal = ZERO
    reported: Decimal = ZERO
    pending: int = 0
    count: int = 0
    over_reported: list = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.reported

    @property
    def left_to_pay(self) -> Decimal:
        return self.allocated - self.paid

    def add(self, total, paid, reported) -> None:
        """Count one allocation by its total, paid and reported (pending while its total
        is not known)."""
        self.count += 1
        if total is None:
            self.pending += 1
            return
        self.allocated += total
        self.paid += paid or ZERO
        self.reported += reported or ZERO


def totals_of(allocations) -> Totals:
    totals = Totals()
    for allocation in allocations:
        totals.count += 1
        if allocation.total is None:
            totals.pending += 1
            continue
        totals.allocated += allocation.total
        totals.base_funding += allocation.base_funding or ZERO
        totals.top_up += allocation.top_up or ZERO
        totals.paid += allocation.paid or ZERO
        totals.reported += allocation.reported or ZERO
        if (allocation.reported or ZERO) > (allocation.paid or ZERO):
            totals.over_reported.append(allocation)
    return totals


def visible_allocations(user) -> QuerySet[Allocation]:
    """Allocations the user may see, with paid and reported, and what their pages show."""
    return (
        Allocation.objects.visible_to(user)
        .with_progress()
        .select_related("council", "council__region", "region_supported", "determination")
    )


def determination_detail(user, pk: int) -> GrantDetermination:
    """One determination with its measures, instalments and visible allocations prefetched.

    Raises GrantDetermination.DoesNotExist when the user may see no determinations.
    """
    measures = SuccessMeasure.objects.filter(parent=None).prefetch_related(
        Prefetch("children", queryset=SuccessMeasure.objects.order_by("position"))
    )
    return (
        GrantDetermination.objects.visible_to(user)
        .prefetch_related(
            Prefetch("success_measures", queryset=measures, to_attr="top_measures"),
            "instalments",
            Prefetch(
                "allocations",
                queryset=visible_allocations(user).order_by("council__name"),
                to_attr="visible_allocations",
            ),
        )
        .get(pk=pk)
    )


def allocation_detail(user, pk: int) -> Allocation:
    """One visible allocation with its payments and usage statements (404 for others)."""
    return (
        visible_allocations(user)
        .prefetch_related(
            Prefetch("payments", queryset=Payment.objects.select_related("instalment")),
            Prefetch(
                "usage_statements",
                queryset=UsageStatement.objects.with_total().select_related("submitted_by"),
            ),
            "determination__instalments",
        )
        .get(pk=pk)
    )


def usage_statement_detail(user, pk: int) -> UsageStatement:
    return (
        UsageStatement.objects.visible_to(user)
        .select_related(
            "allocation__council",
            "allocation__determination",
            "submitted_by",
            "accepted_by",
        )
        .prefetch_related("lines")
        .get(pk=pk)
    )


def council_allocations(user, council) -> list[Allocation]:
    """Every allocation to `council` the user may see, newest grant year first."""
    return list(
        visible_allocations(user)
        .for_council(council)
        .order_by("-determination__financial_year", "determination__title")
    )


def payments_for_export(user, determination: GrantDetermination | None = None):
    payments = Payment.objects.visible_to(user).select_related(
        "allocation__council", "allocation__determination", "instalment"
    )
    if determination is not None:
        payments = payments.filter(allocation__determination=determination)
    return payments.order_by(
        "allocation__determination__title", "allocation__council__name", "paid_on"
    )


def usage_statements_for_export(user, determination: GrantDetermination | None = None):
    """Statements of grant usage the user may see, each with its total spend: one query."""
    statements = (
        UsageStatement.objects.visible_to(user)
        .with_total()
        .select_related("allocation__council", "allocation__determination")
    )
    if determination is not None:
        statements = statements.filter(allocation__determination=determination)
    return statements.order_by(
        "allocation__determination__title", "allocation__council__name", "submitted_at", "pk"
    )


def allocations_for_export(user, determination: GrantDetermination | None = None):
    allocations = visible_allocations(user)
    if determination is not None:
        allocations = allocations.filter(determination=determination)
    return allocations.order_by("determination__title", "council__name")


def totals_by_council(user, council_ids) -> dict[int, Totals]:
    """Allocated, paid and reported per council, over the allocations the user may see.

    One query of plain values (no model instances); the same sums as `totals_of`.
    """
    return _totals_by_council(Allocation.objects.visible_to(user).filter(council__in=council_ids))


def totals_of_councils(council_ids) -> dict[int, Totals]:
    """totals_by_council over every allocation of these councils, unscoped: the figures
    kept per council (dashboards.summaries), which every reader of the council may see."""
    return _totals_by_council(Allocation.objects.filter(council__in=council_ids))


def totals_by_region(region_ids) -> dict[int, Totals]:
    """Allocated, paid and reported by the region each allocation supports (its
    `region_supported`, else its council's own region), for these regions: one query.
    Unscoped: the regional figures every reader of the regions may see."""
    from django.db.models import Q

    allocations = Allocation.objects.filter(
        Q(region_supported__in=region_ids)
        | Q(region_supported__isnull=True, council__region__in=region_ids)
    )
    rows = (
        allocations.with_progress()
        .order_by()
        .values_list("council__region_id", "region_supported_id", "total", "paid", "reported")
    )
    totals: dict[int, Totals] = {}
    for own, supported, total, paid, reported in rows:
        totals.setdefault(supported or own, Totals()).add(total, paid, reported)
    return totals


def allocations_between_regions(region_ids) -> list[tuple]:
    """(council's region, region supported, total, paid) of each allocation that supports
    a region other than its council's own, to or from one of these regions: one query.
    With each council's totals, the regional figures totals_by_region reads."""
    from django.db.models import F, Q

    return list(
        Allocation.objects.filter(region_supported__isnull=False)
        .exclude(region_supported=F("council__region"))
        .filter(Q(region_supported__in=region_ids) | Q(council__region__in=region_ids))
        .with_progress()
        .order_by()
        .values_list("council__region_id", "region_supported_id", "total", "paid")
    )


def councils_supporting(region_ids) -> list[int]:
    """Councils paid allocations that support one of these regions but are not in it:
    their writes change the regions' totals too (for cache keys)."""
    return list(
        Allocation.objects.filter(region_supported__in=region_ids)
        .exclude(council__region__in=region_ids)
        .values_list("council_id", flat=True)
        .distinct()
    )


def _totals_by_council(allocations) -> dict[int, Totals]:
    totals: dict[int, Totals] = {}
    rows = (
        allocations.with_progress()
        .order_by()
        .values_list("council_id", "total", "paid", "reported")
    )
    for council_id, total, paid, reported in rows:
        totals.setdefault(council_id, Totals()).add(total, paid, reported)
    return totals


def money_over_time(user, council) -> list[tuple]:
    """The council's payments and reported spend as dated events, oldest first.

    Each is (date, "paid" or "reported", amount); a usage statement counts on the last
    day of its period (or when submitted) and only once submitted or accepted. Two queries.
    """
    from grants.models import UsageStatus

    events = [
        (paid_on, "paid", amount)
        for paid_on, amount in Payment.objects.visible_to(user)
        .filter(allocation__council=council)
        .values_list("paid_on", "amount")
    ]
    for period_end, submitted_at, total in (
        UsageStatement.objects.visible_to(user)
        .filter(
            allocation__council=council,
            status__in=[UsageStatus.SUBMITTED, UsageStatus.ACCEPTED],
        )
        .with_total()
        .values_list("period_end", "submitted_at", "total_spend")
    ):
        events.append((period_end or submitted_at.date(), "reported", total or ZERO))
    return sorted(events, key=lambda e: (e[0], e[1]))


def usage_reports_due_between(start, end) -> list[dict]:
    """Allocations whose grant asks for a usage report (`reporting_required`), accepted
    or paid and not yet reported, whose grant period ends from `start` to `end`: the
    report falls due at the period's end. One query, plain rows."""
    from .models.allocations import AllocationStatus

    return list(
        Allocation.objects.filter(
            determination__reporting_required=True,
            determination__period_end__range=(start, end),
            status__in=[AllocationStatus.ACCEPTED, AllocationStatus.PAID],
        )
        .order_by("determination__period_end", "pk")
        .values(
            "pk",
            "council_id",
            "council__name",
            "determination__title",
            "determination__period_end",
        )
    )
