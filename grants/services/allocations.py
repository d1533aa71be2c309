"""Allocations (Annex B rows): their amounts, acceptance and closing."""

import datetime
from decimal import Decimal

from grants.models import Allocation, AllocationStatus, GrantDetermination
from sendtracker.core.errors import DomainError
from sendtracker.core.models import Council, Region, User
from sendtracker.core.money import pounds
from sendtracker.core.writes import GRANTS, council_write

from .validation import money, total_allocated, total_paid


def _check_amounts(base_funding, top_up, total) -> tuple:
    base_funding = money(base_funding, field="base_funding", label="base funding")
    top_up = money(top_up, field="top_up", label="top-up")
    total = money(total, field="total", label="total")
    if (base_funding is None) != (top_up is None):
        field = "top_up" if top_up is None else "base_funding"
        raise DomainError("Enter both the base funding and the top-up, or neither", field=field)
    if base_funding is not None:
        if total is None:
            total = base_funding + top_up
        elif total != base_funding + top_up:
            raise DomainError(
                f"The total must equal the base funding plus the top-up "
                f"({pounds(base_funding + top_up)})",
                field="total",
            )
    return base_funding, top_up, total


def _check_within_determination(
    determination: GrantDetermination, total: Decimal | None, *, excluding: int | None = None
) -> None:
    if total is None or determination.total_available is None:
        return
    allocated = total_allocated(determination, excluding=excluding)
    if allocated + total > determination.total_available:
        left = determination.total_available - allocated
        raise DomainError(
            f"Allocations cannot exceed the determination's total of "
            f"{pounds(determination.total_available)}: {pounds(left)} is left to allocate",
            field="total",
        )


def create_allocation(
    *,
    determination: GrantDetermination,
    by: User | None,
    council: Council,
    region_supported: Region | None = None,
    las_in_region: int | None = None,
    base_funding: Decimal | None = None,
    top_up: Decimal | None = None,
    total: Decimal | None = None,
) -> Allocation:
    """Add an Annex B row. With no amounts it is pending (amount not yet known)."""
    base_funding, top_up, total = _check_amounts(base_funding, top_up, total)
    if las_in_region is not None and las_in_region < 1:
        raise DomainError(
            "The number of LAs in the region must be 1 or more", field="las_in_region"
        )
    with council_write(council, by=by, parts=[GRANTS]):
        locked = GrantDetermination.objects.select_for_update().get(pk=determination.pk)
        if Allocation.objects.filter(determination=locked, council=council).exists():
            raise DomainError(
                f"{council.name} already has an allocation under this determination",
                field="council",
            )
        _check_within_determination(locked, total)
        return Allocation.objects.create(
            determination=locked,
            council=council,
            region_supported=region_supported,
            las_in_region=las_in_region,
            base_funding=base_funding,
            top_up=top_up,
            total=total,
        )


def set_allocation_amounts(
    *,
    allocation: Allocation,
    by: User | None,
    base_funding: Decimal | None,
    top_up: Decimal | None,
    total: Decimal | None,
) -> Allocation:
    """Set or correct an allocation's amounts (e.g. when a pending amount becomes known)."""
    base_funding, top_up, total = _check_amounts(base_funding, top_up, total)
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        determination = GrantDetermination.objects.select_for_update().get(
            pk=allocation.determination_id
        )
        current = Allocation.objects.select_for_update().get(pk=allocation.pk)
        paid = total_paid(current)
        if total is None and (paid or current.status != AllocationStatus.OFFERED):
            raise DomainError(
                "Only an offered allocation with no payments can be pending", field="total"
            )
        if total is not None and paid > total:
            raise DomainError(
                f"The total cannot be less than the {pounds(paid)} already paid", field="total"
            )
        _check_within_determination(determination, total, excluding=current.pk)
        current.base_funding, current.top_up, current.total = base_funding, top_up, total
        current.save()
    return current


TRANSITIONS = {
    "accept": ({AllocationStatus.OFFERED}, AllocationStatus.ACCEPTED),
    "close": ({AllocationStatus.PAID, AllocationStatus.REPORTED}, AllocationStatus.CLOSED),
}


def _transition(allocation: Allocation, action: str) -> Allocation:
    allowed, target = TRANSITIONS[action]
    current = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if current.status not in allowed:
        status = current.get_status_display().lower()
        raise DomainError(f"An allocation that is {status} cannot be {target.label.lower()}")
    current.status = target
    return current


def accept_allocation(
    *,
    allocation: Allocation,
    by: User | None,
    decision: str,
    decision_body: str,
    decided_on: datetime.date,
) -> Allocation:
    """Record the council's acceptance (e.g. a cabinet decision): offered → accepted."""
    if allocation.total is None:
        raise DomainError("A pending allocation cannot be accepted until its amount is known")
    if not decision_body.strip():
        raise DomainError("Enter who made the decision", field="decision_body")
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        current = _transition(allocation, "accept")
        current.decision, current.decision_body, current.decided_on = (
            decision.strip(),
            decision_body.strip(),
            decided_on,
        )
        current.save()
    return current


def close_allocation(*, allocation: Allocation, by: User | None) -> Allocation:
    """Close a paid or reported allocation: nothing more is paid or reported."""
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        current = _transition(allocation, "close")
        current.save()
    return current
