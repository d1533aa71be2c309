"""Payments against an allocation."""

import datetime
from decimal import Decimal

from grants.models import Allocation, AllocationStatus, Instalment, Payment
from sendtracker.core.errors import DomainError
from sendtracker.core.models import User
from sendtracker.core.money import pounds
from sendtracker.core.writes import GRANTS, council_write

from .validation import money, total_paid


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
    amount = money(amount, field="amount", label="amount", allow_none=False)
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
        paid = total_paid(current)
        if paid + amount > current.total:
            raise DomainError(
                f"Payments cannot exceed the allocation of {pounds(current.total)}: "
                f"{pounds(current.total - paid)} is left to pay",
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
