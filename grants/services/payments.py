"""Payments against an allocation."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from grants.models import Allocation, AllocationStatus, GrantDetermination, Instalment, Payment
from sendtracker.core.errors import DomainError
from sendtracker.core.models import User
from sendtracker.core.money import pounds
from sendtracker.core.writes import GRANTS, council_write

from .validation import money, total_paid

if TYPE_CHECKING:
    from grants.imports import PaymentPreview


def _checked_amount(amount, instalment: Instalment | None, allocation: Allocation) -> Decimal:
    """A payment's amount, more than £0.00, and its instalment, one of the determination's."""
    amount = money(amount, field="amount", label="amount", allow_none=False)
    if amount == 0:
        raise DomainError("The amount must be more than £0.00", field="amount")
    if instalment is not None and instalment.determination_id != allocation.determination_id:
        raise DomainError("Choose an instalment of this determination", field="instalment")
    return amount


def _check_within(allocation: Allocation, others: Decimal, amount: Decimal) -> None:
    """Refuse `amount` if with the `others` paid it is more than the (locked) allocation."""
    if others + amount > allocation.total:
        raise DomainError(
            f"Payments cannot exceed the allocation of {pounds(allocation.total)}: "
            f"{pounds(allocation.total - others)} is left to pay",
            field="amount",
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
    amount = _checked_amount(amount, instalment, allocation)
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        current = Allocation.objects.select_for_update().get(pk=allocation.pk)
        if current.total is None:
            raise DomainError(
                "This allocation is pending: record its amount before any payment", field="amount"
            )
        if current.status == AllocationStatus.CLOSED:
            raise DomainError("This allocation is closed: no more payments can be recorded")
        _check_within(current, total_paid(current), amount)
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


def correct_payment(
    *,
    payment: Payment,
    by: User | None,
    amount: Decimal,
    paid_on: datetime.date,
    reference: str = "",
    instalment: Instalment | None = None,
) -> Payment:
    """Correct a recorded payment's amount, date, reference or instalment.

    The same rules as recording one: more than £0.00, an instalment of the
    determination, and the total paid never over the allocation. The audit trail keeps
    what it was.
    """
    allocation = payment.allocation
    amount = _checked_amount(amount, instalment, allocation)
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        current = Allocation.objects.select_for_update().get(pk=allocation.pk)
        found = Payment.objects.get(pk=payment.pk, allocation=current)
        _check_within(current, total_paid(current) - found.amount, amount)
        found.amount, found.paid_on = amount, paid_on
        found.reference, found.instalment = reference.strip(), instalment
        found.save(update_fields=["amount", "paid_on", "reference", "instalment"])
    payment.refresh_from_db()
    return payment


def import_payments(
    *, determination: GrantDetermination, by: User | None, preview: "PaymentPreview"
) -> None:
    """Save a payments import (grants.imports.PaymentPreview): record each new payment
    and correct each changed one, all or none in one transaction; a preview that
    changes nothing writes nothing."""
    changing = [plan for plan in preview.rows if plan.kind != "unchanged"]
    if not changing:
        return
    if any(plan.allocation.determination_id != determination.pk for plan in changing):
        raise DomainError("These payments are not all under this determination")
    # Lower amounts first, so that no allocation is over-paid on the way to totals the
    # preview has checked.
    changing.sort(
        key=lambda plan: (
            plan.kind == "create",
            plan.values["amount"] - plan.record.amount if plan.record else 0,
        )
    )
    councils = sorted({plan.allocation.council_id for plan in changing})
    with council_write(*councils, by=by, parts=[GRANTS]):
        for plan in changing:
            values = plan.values
            fields = {
                "amount": values["amount"],
                "paid_on": values["paid_on"],
                "reference": values.get("reference") or "",
                "instalment": values.get("instalment"),
            }
            if plan.kind == "create":
                record_payment(allocation=plan.allocation, by=by, **fields)
                continue
            payment = plan.record
            if "reference" not in values:
                fields["reference"] = payment.reference
            if "instalment" not in values:
                fields["instalment"] = payment.instalment
            correct_payment(payment=payment, by=by, **fields)
