"""Writes to grants: determinations, allocations, payments and usage statements.

Every function takes keyword-only arguments, runs inside `transaction.atomic()` and
`acting_as(by)` so the audit trail names who did it, and raises DomainError (with the
form field where there is one) when a rule refuses the write. Rules that involve sums
across rows (payments within the allocation, allocations within the determination)
lock the parent row with `select_for_update` first, so two writers cannot both pass.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Max, Sum
from django.utils import timezone

from grants.models import (
    Allocation,
    AllocationStatus,
    GrantDetermination,
    Instalment,
    Payment,
    SuccessMeasure,
    UsageLine,
    UsageStatement,
    UsageStatus,
)
from grants.models.money import PENNY
from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.models import Council, Region, User
from sendtracker.core.writes import GRANTS, council_write


def _money(value, *, field: str, label: str, allow_none: bool = True) -> Decimal | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise DomainError(f"Enter the {label}", field=field)
    if isinstance(value, float):
        raise TypeError("Money is never a float")
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        raise DomainError(
            f"The {label} must be an amount in pounds and pence", field=field
        ) from None
    if not amount.is_finite():
        raise DomainError(f"The {label} must be an amount in pounds and pence", field=field)
    if amount != amount.quantize(PENNY):
        raise DomainError(f"The {label} cannot have more than 2 decimal places", field=field)
    if amount < 0:
        raise DomainError(f"The {label} cannot be negative", field=field)
    return amount.quantize(PENNY)


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


# Determinations ---------------------------------------------------------------------

DETERMINATION_FIELDS = {
    "title",
    "legal_basis",
    "dfe_reference",
    "determination_reference",
    "financial_year",
    "period_start",
    "period_end",
    "purpose",
    "ring_fenced",
    "conditions",
    "clawback",
    "reporting_required",
    "total_available",
    "signed_by_role",
    "signed_on",
    "letter",
    "status",
}


def _councils_of(determination: GrantDetermination) -> list[int]:
    """The councils whose pages show this determination: those it allocates to."""
    return list(
        Allocation.objects.filter(determination=determination).values_list("council", flat=True)
    )


def _check_determination(values: dict, *, pk: int | None) -> None:
    if values["period_end"] < values["period_start"]:
        raise DomainError("The end of the grant period must be after its start", field="period_end")
    values["total_available"] = _money(
        values.get("total_available"), field="total_available", label="total funding available"
    )
    reference = values.get("determination_reference", "")
    if (
        reference
        and GrantDetermination.objects.filter(determination_reference=reference)
        .exclude(pk=pk)
        .exists()
    ):
        raise DomainError(
            f"A determination with reference {reference} already exists",
            field="determination_reference",
        )


def create_determination(*, by: User | None, **values) -> GrantDetermination:
    """Record a new grant determination (status draft unless given)."""
    unknown = set(values) - DETERMINATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown determination fields: {', '.join(sorted(unknown))}")
    _check_determination(values, pk=None)
    with council_write(by=by):
        return GrantDetermination.objects.create(**values)


def update_determination(
    *,
    determination: GrantDetermination,
    by: User | None,
    expected_version: int | None = None,
    **values,
) -> GrantDetermination:
    """Change a determination's details; a lower total than already allocated is refused.

    With `expected_version` (every form sends it) a form opened before someone else
    saved is refused with what they changed, and nothing is overwritten.
    """
    unknown = set(values) - DETERMINATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown determination fields: {', '.join(sorted(unknown))}")
    with council_write(*_councils_of(determination), by=by, parts=()):
        current = GrantDetermination.objects.select_for_update().get(pk=determination.pk)
        if expected_version is not None and current.version != expected_version:
            changed = [
                GrantDetermination._meta.get_field(name).verbose_name
                for name, value in values.items()
                if name != "letter" and getattr(current, name) != value
            ]
            raise StaleEditError(
                "Someone else saved this determination after you opened it. Your changes "
                "have not been saved. Check what is saved now and make them again."
                + (f" Fields that differ: {', '.join(changed)}." if changed else ""),
                changes=[(str(name), "", "") for name in changed],
            )
        current.version += 1
        merged = {name: getattr(current, name) for name in DETERMINATION_FIELDS} | values
        _check_determination(merged, pk=current.pk)
        allocated = _allocated(current)
        if merged["total_available"] is not None and allocated > merged["total_available"]:
            raise DomainError(
                f"The total cannot be less than the {_pounds(allocated)} already allocated",
                field="total_available",
            )
        for name, value in merged.items():
            setattr(current, name, value)
        current.save()
    return current


def add_success_measure(
    *,
    determination: GrantDetermination,
    by: User | None,
    text: str,
    parent: SuccessMeasure | None = None,
) -> SuccessMeasure:
    """Append a success measure (Annex A), or a sub-item of one."""
    text = (text or "").strip()
    if not text:
        raise DomainError("Enter the success measure", field="text")
    if parent is not None:
        if parent.determination_id != determination.pk:
            raise DomainError("Choose a measure of this determination", field="parent")
        if parent.parent_id is not None:
            raise DomainError("Sub-items cannot have sub-items of their own", field="parent")
    with council_write(*_councils_of(determination), by=by, parts=()):
        GrantDetermination.objects.select_for_update().get(pk=determination.pk)
        last = SuccessMeasure.objects.filter(determination=determination, parent=parent).aggregate(
            m=Max("position")
        )["m"]
        return SuccessMeasure.objects.create(
            determination=determination, parent=parent, text=text, position=(last or 0) + 1
        )


def add_instalment(
    *,
    determination: GrantDetermination,
    by: User | None,
    due_on: datetime.date,
    description: str = "",
    share_percent: Decimal | None = None,
    amount: Decimal | None = None,
) -> Instalment:
    """Add a planned instalment. One due outside the grant's period is saved;
    `instalment.outside_period` tells pages to warn about it."""
    amount = _money(amount, field="amount", label="amount")
    if share_percent is not None and not (0 < share_percent <= 100):
        raise DomainError("The share must be between 0 and 100%", field="share_percent")
    with council_write(*_councils_of(determination), by=by, parts=()):
        GrantDetermination.objects.select_for_update().get(pk=determination.pk)
        last = Instalment.objects.filter(determination=determination).aggregate(m=Max("position"))
        return Instalment.objects.create(
            determination=determination,
            position=(last["m"] or 0) + 1,
            due_on=due_on,
            description=description,
            share_percent=share_percent,
            amount=amount,
        )


# Allocations ------------------------------------------------------------------------


def _allocated(determination: GrantDetermination, *, excluding: int | None = None) -> Decimal:
    rows = Allocation.objects.filter(determination=determination).exclude(pk=excluding)
    return rows.aggregate(s=Sum("total"))["s"] or Decimal("0.00")


def _check_amounts(base_funding, top_up, total) -> tuple:
    base_funding = _money(base_funding, field="base_funding", label="base funding")
    top_up = _money(top_up, field="top_up", label="top-up")
    total = _money(total, field="total", label="total")
    if (base_funding is None) != (top_up is None):
        field = "top_up" if top_up is None else "base_funding"
        raise DomainError("Enter both the base funding and the top-up, or neither", field=field)
    if base_funding is not None:
        if total is None:
            total = base_funding + top_up
        elif total != base_funding + top_up:
            raise DomainError(
                f"The total must equal the base funding plus the top-up "
                f"({_pounds(base_funding + top_up)})",
                field="total",
            )
    return base_funding, top_up, total


def _check_within_determination(
    determination: GrantDetermination, total: Decimal | None, *, excluding: int | None = None
) -> None:
    if total is None or determination.total_available is None:
        return
    allocated = _allocated(determination, excluding=excluding)
    if allocated + total > determination.total_available:
        left = determination.total_available - allocated
        raise DomainError(
            f"Allocations cannot exceed the determination's total of "
            f"{_pounds(determination.total_available)}: {_pounds(left)} is left to allocate",
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
        paid = _paid(current)
        if total is None and (paid or current.status != AllocationStatus.OFFERED):
            raise DomainError(
                "Only an offered allocation with no payments can be pending", field="total"
            )
        if total is not None and paid > total:
            raise DomainError(
                f"The total cannot be less than the {_pounds(paid)} already paid", field="total"
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


def _paid(allocation: Allocation) -> Decimal:
    return Payment.objects.filter(allocation=allocation).aggregate(s=Sum("amount"))["s"] or Decimal(
        "0.00"
    )


def record_payment(
    *,
    allocation: Allocation,
    by: User | None,
    amount: Decimal,
    paid_on: datetime.date,
    reference: str = "",
    instalment: Instalment | None = None,
) -> Payment:
    """Record money paid; the total paid never exceeds the allocation.

    The first payment moves an offered or accepted allocation to paid (section 31
    grants are paid without an acceptance step).
    """
    amount = _money(amount, field="amount", label="amount", allow_none=False)
    if amount == 0:
        raise DomainError("The amount must be more than £0.00", field="amount")
    if instalment is not None and instalment.determination_id != allocation.determination_id:
        raise DomainError("Choose an instalment of this determination", field="instalment")
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        current = Allocation.objects.select_for_update().get(pk=allocation.pk)
        if current.total is None:
            raise DomainError(
                "This allocation is pending: record its amount before any payment", field="amount"
            )
        if current.status == AllocationStatus.CLOSED:
            raise DomainError("This allocation is closed: no more payments can be recorded")
        paid = _paid(current)
        if paid + amount > current.total:
            raise DomainError(
                f"Payments cannot exceed the allocation of {_pounds(current.total)}: "
                f"{_pounds(current.total - paid)} is left to pay",
                field="amount",
            )
        payment = Payment.objects.create(
            allocation=current,
            amount=amount,
            paid_on=paid_on,
            reference=reference.strip(),
            instalment=instalment,
        )
        if current.status in {AllocationStatus.OFFERED, AllocationStatus.ACCEPTED}:
            current.status = AllocationStatus.PAID
            current.save(update_fields=["status"])
    return payment


# Usage statements -------------------------------------------------------------------


def submit_usage_statement(
    *,
    allocation: Allocation,
    by: User | None,
    period: str,
    lines: Iterable[tuple[str, str, Decimal]],
    narrative: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> UsageStatement:
    """Submit what the council spent in one phase or period, as lines by category.

    Spend beyond what has been paid is allowed (councils forward-fund) but flagged on
    the pages that show it.
    """
    period = (period or "").strip()
    if not period:
        raise DomainError("Enter the phase or period", field="period")
    if period_start and period_end and period_end < period_start:
        raise DomainError("The end of the period must be after its start", field="period_end")
    checked = []
    for category, description, amount in lines:
        checked.append(
            (category, description, _money(amount, field="lines", label="amount", allow_none=False))
        )
    if not checked:
        raise DomainError("Enter at least one line of spend", field="lines")
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        current = Allocation.objects.select_for_update().get(pk=allocation.pk)
        if current.status in {AllocationStatus.OFFERED, AllocationStatus.CLOSED}:
            raise DomainError(
                f"Grant usage cannot be reported on an allocation that is "
                f"{current.get_status_display().lower()}"
            )
        if UsageStatement.objects.filter(allocation=current, period=period).exists():
            raise DomainError(
                f"A statement for {period} has already been submitted", field="period"
            )
        statement = UsageStatement.objects.create(
            allocation=current,
            period=period,
            period_start=period_start,
            period_end=period_end,
            narrative=narrative.strip(),
            submitted_by=by,
            submitted_at=timezone.now(),
        )
        for category, description, amount in checked:
            UsageLine.objects.create(
                statement=statement,
                category=category,
                description=description.strip(),
                amount=amount,
            )
    return statement


def accept_usage_statement(*, statement: UsageStatement, by: User | None) -> UsageStatement:
    """Accept a submitted statement; its allocation becomes reported."""
    with council_write(statement.allocation.council_id, by=by, parts=[GRANTS]):
        current = UsageStatement.objects.select_for_update().get(pk=statement.pk)
        if current.status != UsageStatus.SUBMITTED:
            raise DomainError("This statement has already been accepted")
        current.status = UsageStatus.ACCEPTED
        current.accepted_by = by
        current.accepted_at = timezone.now()
        current.save()
        allocation = Allocation.objects.select_for_update().get(pk=current.allocation_id)
        if allocation.status == AllocationStatus.PAID:
            allocation.status = AllocationStatus.REPORTED
            allocation.save(update_fields=["status"])
    return current
